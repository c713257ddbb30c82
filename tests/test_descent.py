"""gradient_descent: the lesson's facts, the stopping rules, recording, and bad input."""

from __future__ import annotations

import dataclasses
import math
import re
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gdcore as gd
from gdcore.descent import AUTO_RECORD_LIMIT, DIVERGENCE_FACTOR
from gdcore.landscapes import (
    bowl,
    bowl_grad,
    parabola,
    parabola_grad,
    step,
    step_grad,
    v_shape,
    v_shape_grad,
)

REL = 1e-10  # relative tolerance for iterates that have a closed form

pytestmark = pytest.mark.filterwarnings("error")  # no RuntimeWarning may escape


def descend(lr: float, **kwargs: object) -> gd.DescentResult:
    return gd.gradient_descent(parabola, 70.0, lr=lr, grad=parabola_grad, **kwargs)


# --------------------------------------------------------------------- the lesson's facts


def test_lr_0_1_from_70_follows_70_times_0_8_to_the_k_and_converges() -> None:
    r = descend(0.1)
    assert r.path is not None
    assert r.path[1] == pytest.approx(56.0, rel=REL)
    assert r.path[2] == pytest.approx(44.8, rel=REL)
    k = np.arange(r.nit + 1)
    np.testing.assert_allclose(r.path, 70.0 * 0.8**k, rtol=REL)
    assert r.status == "converged" and r.success
    assert abs(r.grad) <= 1e-8


def test_lr_0_5_lands_on_zero_in_one_step() -> None:
    r = descend(0.5)
    assert r.path is not None
    assert r.path.tolist() == [70.0, 0.0]
    assert (r.status, r.nit, r.x, r.fun) == ("converged", 1, 0.0, 0.0)


def test_lr_0_9_oscillates_and_converges() -> None:
    r = descend(0.9)
    assert r.path is not None and r.status == "converged"
    signs = np.sign(r.path[:20])
    assert np.all(signs[1:] == -signs[:-1])  # changes side at every step
    assert np.all(np.abs(r.path[1:]) < np.abs(r.path[:-1]))  # while shrinking
    np.testing.assert_allclose(np.abs(r.path), 70.0 * 0.8 ** np.arange(r.nit + 1), rtol=REL)


def test_lr_1_0_keeps_abs_x_at_70_forever() -> None:
    r = descend(1.0, max_steps=500)
    assert r.path is not None
    assert (r.status, r.success, r.nit) == ("max_steps", False, 500)
    assert np.all(np.abs(r.path) == 70.0)
    assert r.path[:4].tolist() == [70.0, -70.0, 70.0, -70.0]


def test_lr_1_1_diverges_with_abs_x_growing_by_1_2_a_step_and_stops_early() -> None:
    r = descend(1.1)
    assert r.path is not None and r.fun_path is not None
    assert r.status == "diverged" and not r.success
    assert r.nit < 1000  # stopped early
    k = np.arange(r.nit + 1)
    np.testing.assert_allclose(np.abs(r.path), 70.0 * 1.2**k, rtol=REL)
    assert r.fun_path[-1] > DIVERGENCE_FACTOR * 4900.0 >= r.fun_path[-2]
    assert "divergence bound" in r.message


def test_bowl_one_step_from_6_9_and_convergence_with_both_gradients() -> None:
    for grad in (bowl_grad, None):
        r = gd.gradient_descent(bowl, [6.0, 9.0], lr=0.1, grad=grad)
        assert r.path is not None and r.path.shape == (r.nit + 1, 2)
        np.testing.assert_allclose(r.path[1], [4.8, 7.2], rtol=REL)
        assert r.status == "converged"
        assert np.linalg.norm(bowl_grad(r.x)) <= 1e-8  # the default tol


def test_v_shape_oscillates_with_amplitude_at_most_lr_and_never_converges() -> None:
    lr = 0.3
    r = gd.gradient_descent(v_shape, 7.0, lr=lr, grad=v_shape_grad, max_steps=200)
    assert r.path is not None
    assert r.status == "max_steps" and not r.success
    first_close = int(np.argmax(np.abs(r.path) <= lr))
    tail = r.path[first_close:]
    assert np.all(np.abs(tail) <= lr)
    assert np.all(tail != 0.0)
    assert np.all(np.sign(tail[1:]) == -np.sign(tail[:-1]))  # around 0, side to side


@given(
    x0=st.floats(-100.0, 100.0).filter(lambda x: x != 0.0),
    lr=st.floats(0.01, 2.0),
)
def test_v_shape_tail_stays_within_lr_for_any_start(x0: float, lr: float) -> None:
    r = gd.gradient_descent(v_shape, x0, lr=lr, grad=v_shape_grad, max_steps=400)
    assert r.path is not None
    close = np.abs(r.path) <= lr
    if close.any():
        assert np.all(np.abs(r.path[int(np.argmax(close)) :]) <= lr)
    # converging at tol = 1e-8 needs the gradient to vanish: only an exact landing on 0
    assert r.status == "max_steps" or (r.status == "converged" and r.x == 0.0)


@pytest.mark.parametrize("grad", [step_grad, None], ids=["analytic", "numerical"])
@pytest.mark.parametrize("x0", [2.0, -1.5])
def test_step_function_gives_no_signal_and_descent_never_moves(grad: object, x0: float) -> None:
    r = gd.gradient_descent(step, x0, lr=0.5, grad=grad)
    assert r.nit == 0 and r.x == x0 and r.grad == 0.0
    assert r.path is not None and r.path.tolist() == [x0]
    assert "never moved" in r.message and "plateau" in r.message


@given(lr=st.floats(1e-3, 1.0 - 1e-3), x0=st.floats(-100.0, 100.0))
def test_every_lr_in_0_1_converges_on_the_parabola(lr: float, x0: float) -> None:
    # x_k = (1 - 2 lr)^k x0 and the gradient is 2 x_k: it reaches tol after at most this
    factor = abs(1.0 - 2.0 * lr)
    if 2 * abs(x0) <= 1e-8:
        needed = 0
    elif factor == 0.0:
        needed = 1  # lr = 0.5 lands on 0 in one step
    else:
        needed = math.ceil(math.log(2 * abs(x0) / 1e-8) / -math.log(factor))
    r = gd.gradient_descent(parabola, x0, lr=lr, grad=parabola_grad, max_steps=needed + 5)
    assert r.status == "converged" and r.success
    assert r.nit <= needed + 1
    assert abs(r.x) <= 0.5e-8


# --------------------------------------------------------------------- stopping rules


def test_convergence_test_is_the_gradient_norm() -> None:
    r = gd.gradient_descent(bowl, [3.0, -4.0], lr=0.25, grad=bowl_grad, tol=1e-3)
    assert r.status == "converged"
    assert np.linalg.norm(r.grad) <= 1e-3
    assert r.path is not None
    previous = r.path[-2]
    assert np.linalg.norm(bowl_grad(previous)) > 1e-3  # it stopped at the first such iterate
    np.testing.assert_array_equal(r.grad, bowl_grad(r.x))


def test_max_steps_zero_only_evaluates() -> None:
    r = descend(0.1, max_steps=0)
    assert (r.status, r.nit, r.x, r.fun, r.grad) == ("max_steps", 0, 70.0, 4900.0, 140.0)


def test_converged_at_the_start() -> None:
    r = gd.gradient_descent(parabola, 0.0, lr=0.1, grad=parabola_grad)
    assert (r.status, r.nit) == ("converged", 0)


def test_nan_loss_is_a_failed_result_not_a_crash() -> None:
    r = gd.gradient_descent(lambda x: math.nan, 1.0, lr=0.1, grad=lambda x: 1.0)
    assert (r.status, r.success, r.nit) == ("diverged", False, 0)
    assert math.isnan(r.fun) and math.isnan(r.grad)
    r = gd.gradient_descent(lambda p: math.nan, [1.0, 2.0], lr=0.1)
    assert (r.status, r.success) == ("diverged", False)


def test_nan_appearing_midway_stops_there() -> None:
    def f(x: float) -> float:
        return math.nan if abs(x) < 10 else x * x

    r = gd.gradient_descent(f, 70.0, lr=0.1, grad=parabola_grad)
    assert r.status == "diverged" and "NaN" in r.message
    assert r.path is not None and abs(r.path[-1]) < 10 <= abs(r.path[-2])


def test_nan_or_inf_gradient_diverges() -> None:
    r = gd.gradient_descent(parabola, 1.0, lr=0.1, grad=lambda x: math.inf)
    assert r.status == "diverged" and "gradient" in r.message
    r = gd.gradient_descent(bowl, [1.0, 1.0], lr=0.1, grad=lambda p: np.array([1.0, np.nan]))
    assert r.status == "diverged" and "gradient" in r.message


def test_overflow_is_reported_without_warnings() -> None:
    # numpy overflow (inf and a silenced RuntimeWarning) and Python overflow (an exception)
    def f_np(p: np.ndarray) -> float:
        return float(np.sum(np.exp(p)))

    r = gd.gradient_descent(f_np, [1.0], lr=-1e300 * -1.0, grad=lambda p: -np.exp(p))
    assert r.status == "diverged"
    r = gd.gradient_descent(math.exp, 1.0, lr=1e3, grad=lambda x: -math.exp(x))
    assert r.status == "diverged"


def test_lr_schedule() -> None:
    constant = descend(0.1)
    scheduled = descend(lambda k: 0.1)
    assert scheduled.path is not None and constant.path is not None
    np.testing.assert_array_equal(scheduled.path, constant.path)
    seen: list[int] = []

    def decaying(k: int) -> float:
        seen.append(k)
        return 0.4 / (1 + k)

    r = descend(decaying, max_steps=5)
    assert seen == [0, 1, 2, 3, 4]
    assert r.path is not None
    assert r.path[1] == pytest.approx(70.0 * (1 - 2 * 0.4), rel=REL)
    assert r.path[2] == pytest.approx(r.path[1] * (1 - 2 * 0.2), rel=REL)


# --------------------------------------------------------------------- recording


def test_record_modes() -> None:
    all_ = descend(0.1, record="all")
    loss = descend(0.1, record="loss")
    none = descend(0.1, record="none")
    assert all_.path is not None and all_.fun_path is not None
    assert all_.path.shape == all_.fun_path.shape == (all_.nit + 1,)
    assert loss.path is None and loss.fun_path is not None
    np.testing.assert_array_equal(loss.fun_path, all_.fun_path)
    assert none.path is None and none.fun_path is None
    assert none.x == loss.x == all_.x


def test_record_auto_keeps_iterates_only_for_small_problems() -> None:
    n = 1000
    small_steps = AUTO_RECORD_LIMIT // n - 1  # (max_steps + 1) * n == limit: kept
    r = gd.gradient_descent(bowl, np.ones(n), lr=0.1, grad=bowl_grad, max_steps=small_steps)
    assert r.path is not None and r.path.shape == (r.nit + 1, n)
    r = gd.gradient_descent(bowl, np.ones(n), lr=0.1, grad=bowl_grad, max_steps=small_steps + 1)
    assert r.path is None and r.fun_path is not None and r.fun_path.shape == (r.nit + 1,)


def test_vector_shapes_and_scalar_types() -> None:
    r = gd.gradient_descent(bowl, np.ones((2, 3)), lr=0.1, grad=bowl_grad, max_steps=3, tol=0)
    assert r.path is not None
    assert r.path.shape == (4, 2, 3) and isinstance(r.x, np.ndarray) and r.x.shape == (2, 3)
    s = descend(0.1, max_steps=3)
    assert isinstance(s.x, float) and isinstance(s.grad, float) and isinstance(s.fun, float)
    assert s.path is not None and s.path.shape == (4,)
    assert isinstance(gd.gradient_descent(parabola, np.float64(3.0), lr=0.1).x, float)


def test_x0_is_not_modified_and_results_are_frozen() -> None:
    x0 = np.array([6.0, 9.0])
    r = gd.gradient_descent(bowl, x0, lr=0.1, grad=bowl_grad)
    assert x0.tolist() == [6.0, 9.0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.nit = 3
    assert isinstance(r.x, np.ndarray)
    with pytest.raises(ValueError, match="read-only"):
        r.x[0] = 1.0
    assert "converged" in repr(r)


def test_grad_may_return_a_view_of_x() -> None:
    # f = |p|²/2 has gradient p itself: returning the iterate must not corrupt the update
    r = gd.gradient_descent(lambda p: 0.5 * bowl(p), [6.0, 9.0], lr=0.5, grad=lambda p: p)
    assert r.status == "converged"
    assert r.path is not None
    np.testing.assert_allclose(r.path[1], [3.0, 4.5], rtol=REL)


def test_the_callers_gradient_buffer_is_left_alone() -> None:
    buffer = np.empty(2)

    def grad_into_buffer(p: np.ndarray) -> np.ndarray:
        np.multiply(p, 2.0, out=buffer)
        return buffer

    r = gd.gradient_descent(bowl, [6.0, 9.0], lr=0.1, grad=grad_into_buffer, max_steps=3)
    assert buffer.flags.writeable and r.grad is not buffer
    np.testing.assert_array_equal(r.grad, bowl_grad(r.x))


def test_f_and_grad_cannot_write_into_the_iterate() -> None:
    def bad_grad(p: np.ndarray) -> np.ndarray:
        p[0] = 0.0
        return 2 * p

    with pytest.raises(ValueError, match="read-only"):
        gd.gradient_descent(bowl, [1.0, 2.0], lr=0.1, grad=bad_grad)


# --------------------------------------------------------------------- bad input


@pytest.mark.parametrize("lr", [0.0, -0.1, math.nan, math.inf, -math.inf])
def test_bad_lr_value(lr: float) -> None:
    with pytest.raises(ValueError, match="lr"):
        descend(lr)


def test_bad_lr_type_and_schedule_values() -> None:
    with pytest.raises(TypeError, match="lr"):
        descend("0.1")
    with pytest.raises(ValueError, match=r"lr\(3\)"):
        descend(lambda k: 0.1 if k < 3 else -0.1)
    with pytest.raises(ValueError, match=r"lr\(0\)"):
        descend(lambda k: math.nan)
    with pytest.raises(TypeError, match="lr"):
        descend(lambda k: "fast")


def test_not_callable() -> None:
    with pytest.raises(TypeError, match="f must be"):
        gd.gradient_descent(3.0, 1.0, lr=0.1)
    with pytest.raises(TypeError, match="grad must be"):
        gd.gradient_descent(parabola, 1.0, lr=0.1, grad=2.0)


@pytest.mark.parametrize("x0", [math.nan, math.inf, [1.0, math.nan], [-math.inf, 0.0]])
def test_non_finite_x0(x0: object) -> None:
    with pytest.raises(ValueError, match="x0"):
        gd.gradient_descent(bowl, x0, lr=0.1)


def test_bad_x0_kind() -> None:
    with pytest.raises(TypeError, match="x0"):
        gd.gradient_descent(bowl, "abc", lr=0.1)
    with pytest.raises(ValueError, match="x0"):
        gd.gradient_descent(bowl, [], lr=0.1)


@pytest.mark.parametrize("max_steps", [-1, 2.5, 10.0, "10", None, True])
def test_bad_max_steps(max_steps: object) -> None:
    with pytest.raises(ValueError, match="max_steps"):
        descend(0.1, max_steps=max_steps)


def test_bad_record_and_tol() -> None:
    with pytest.raises(ValueError, match="record must be one of 'auto', 'all', 'loss', 'none'"):
        descend(0.1, record="everything")
    with pytest.raises(ValueError, match="tol"):
        descend(0.1, tol=-1.0)
    with pytest.raises(ValueError, match="tol"):
        descend(0.1, tol=math.nan)


def test_f_returning_a_non_scalar_is_a_type_error() -> None:
    with pytest.raises(TypeError, match=r"f must return one real number.*shape \(2,\)"):
        gd.gradient_descent(lambda p: p**2, [1.0, 2.0], lr=0.1, grad=bowl_grad)
    with pytest.raises(TypeError, match="f must return one real number"):
        gd.gradient_descent(lambda x: [x], 1.0, lr=0.1, grad=parabola_grad)
    with pytest.raises(TypeError, match="f must return one real number"):
        gd.gradient_descent(lambda x: "low", 1.0, lr=0.1, grad=parabola_grad)


def test_grad_returning_the_wrong_shape_or_kind() -> None:
    with pytest.raises(ValueError, match=r"shape \(3,\).*shape \(2,\)"):
        gd.gradient_descent(bowl, [1.0, 2.0], lr=0.1, grad=lambda p: np.ones(3))
    with pytest.raises(TypeError, match="grad must return one real number"):
        gd.gradient_descent(parabola, 1.0, lr=0.1, grad=lambda x: np.array([2 * x]))


def test_no_runtime_warning_leaks_even_under_numpy_raise_mode() -> None:
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        r = gd.gradient_descent(bowl, [1e200, 1.0], lr=0.1, grad=bowl_grad)
    assert r.status == "diverged"


# --------------------------------------------------------------------- messages, both languages


def _zero(x: object) -> float:
    return 0.0


#: One run for each sentence gradient_descent can write (its English msgid opens the id).
MESSAGE_CASES: dict[str, tuple[str, gd.DescentResult]] = {}


def _case(status: str, run: gd.DescentResult) -> None:
    MESSAGE_CASES[run.reason.msgid] = (status, run)


_case("converged", gd.gradient_descent(parabola, 70.0, lr=0.1, grad=parabola_grad))
_case("converged", gd.gradient_descent(parabola, 70.0, lr=0.5, grad=parabola_grad))
_case("converged", gd.gradient_descent(step, 2.0, lr=0.1, grad=step_grad))
_case("max_steps", gd.gradient_descent(v_shape, 1.75, lr=0.1, grad=v_shape_grad))
_case("diverged", gd.gradient_descent(parabola, 70.0, lr=1.1, grad=parabola_grad))
_case("diverged", gd.gradient_descent(lambda x: math.nan, 1.0, lr=0.1, grad=lambda x: 1.0))
_case("diverged", gd.gradient_descent(math.exp, 1.0, lr=1e3, grad=lambda x: -math.exp(x)))
_case("diverged", gd.gradient_descent(parabola, 1.0, lr=0.1, grad=lambda x: math.inf))
_case("diverged", gd.gradient_descent(bowl, [1.0], lr=0.1, grad=lambda p: np.array([np.nan])))
_case("diverged", gd.gradient_descent(_zero, 1.0, lr=1e300, grad=lambda x: 1e300))
_case(
    "diverged",
    gd.gradient_descent(_zero, [1.0], lr=1e300, grad=lambda p: np.array([1e100]), max_steps=3),
)


def test_every_sentence_of_gradient_descent_has_a_case() -> None:
    """Each msgid written in gdcore/descent.py is produced by one run above."""
    import ast
    from pathlib import Path

    source = Path(gd.descent.__file__).read_text(encoding="utf-8")
    written = {
        node.args[0].value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", None) == "Message"
        and isinstance(node.args[0], ast.Constant)
    }
    assert len(written) >= 11
    assert written == set(MESSAGE_CASES)


@pytest.mark.parametrize("msgid", sorted(MESSAGE_CASES))
def test_messages_in_english_and_vietnamese(msgid: str) -> None:
    status, r = MESSAGE_CASES[msgid]
    assert r.status == status
    assert r.message == r.explain() == r.explain("en") == str(r.reason)
    vi = r.explain("vi")
    assert vi != r.message
    assert vi.startswith(
        {"converged": "Hội tụ sau ", "max_steps": "Đã hết ", "diverged": "Phân kỳ ở bước "}[status]
    ), vi
    english = re.compile(
        r"\b(the|step|steps|after|converged|diverged|stopped|gradient norm|loss|iterate|is"
        r"|True|False|None|nan|inf|DIVERGENCE_FACTOR|raised)\b"
    )
    assert not english.search(vi), vi
    for value in r.reason.fields.values():  # the numbers are in both sentences
        if isinstance(value, int):
            assert str(value) in vi and str(value) in r.message


def test_vietnamese_messages_read_naturally() -> None:
    converged = descend(0.1)
    assert converged.explain("vi") == (
        "Hội tụ sau 105 bước: độ lớn gradient ‖∇f‖ = 9.34e-09 ≤ tol = 1e-08."
    )
    diverged = descend(1.1)
    assert diverged.explain("vi") == (
        "Phân kỳ ở bước 76: giá trị mất mát 5.31797e+15 vượt ngưỡng phân kỳ 4.9e+15 "
        "= 10¹² × max(1, |f(x₀)|)."
    )
    assert descend(0.1, max_steps=3).explain("vi").startswith("Đã hết 3 bước cho phép")
    assert descend(0.5).explain("en").startswith("Converged after 1 step:")


@pytest.mark.parametrize("status", ["converged", "max_steps", "diverged"])
def test_status_in_words(status: str) -> None:
    run = next(r for s, r in MESSAGE_CASES.values() if s == status)
    words = {
        "converged": ("converged", "đã hội tụ"),
        "max_steps": ("stopped at the step limit", "dừng vì hết số bước cho phép"),
        "diverged": ("diverged", "đã phân kỳ"),
    }[status]
    assert (run.status_text(), run.status_text("vi")) == words


@pytest.mark.parametrize("lang", ["fr", "", "VI", "vi-VN"])
def test_a_bad_language_code_is_refused(lang: str) -> None:
    r = descend(0.1)
    with pytest.raises(ValueError, match="lang must be one of 'en', 'vi'"):
        r.explain(lang)
    with pytest.raises(ValueError, match="lang must be one of"):
        r.status_text(lang)
    with pytest.raises(TypeError, match="lang must be a string"):
        r.explain(None)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------ momentum


def _same_result(a: gd.DescentResult, b: gd.DescentResult) -> None:
    """Two runs are the same bit for bit: every field, every recorded number."""
    assert (a.status, a.nit, a.message, a.success) == (b.status, b.nit, b.message, b.success)
    for field in ("x", "fun", "grad", "path", "fun_path"):
        left, right = np.asarray(getattr(a, field)), np.asarray(getattr(b, field))
        assert left.tobytes() == right.tobytes(), field


@settings(deadline=None)  # no timing: a busy machine must not fail it
@given(
    lr=st.floats(min_value=1e-4, max_value=1.3),
    x0=st.floats(min_value=-1e6, max_value=1e6),
)
def test_momentum_zero_is_plain_descent_bit_for_bit_on_a_number(lr: float, x0: float) -> None:
    plain = gd.gradient_descent(parabola, x0, lr=lr, grad=parabola_grad, max_steps=300)
    for zero in (0, 0.0, np.float64(0.0)):
        _same_result(
            plain,
            gd.gradient_descent(
                parabola, x0, lr=lr, grad=parabola_grad, max_steps=300, momentum=zero
            ),
        )


@settings(deadline=None)  # no timing: a busy machine must not fail it
@given(
    lr=st.floats(min_value=1e-4, max_value=1.3),
    start=st.lists(st.floats(min_value=-1e3, max_value=1e3), min_size=1, max_size=4),
)
def test_momentum_zero_is_plain_descent_bit_for_bit_on_an_array(
    lr: float, start: list[float]
) -> None:
    x0 = np.array(start)
    plain = gd.gradient_descent(bowl, x0, lr=lr, grad=bowl_grad, max_steps=300)
    _same_result(
        plain, gd.gradient_descent(bowl, x0, lr=lr, grad=bowl_grad, max_steps=300, momentum=0.0)
    )


def _heavy_ball_by_hand(lr: float, beta: float, start: list[float], steps: int) -> np.ndarray:
    x, v, path = np.array(start), np.zeros(len(start)), [np.array(start)]
    for _ in range(steps):
        v = beta * v + bowl_grad(x)
        x = x - lr * v
        path.append(x)
    return np.array(path)


def test_momentum_is_the_heavy_ball_on_arrays_and_numbers() -> None:
    r = gd.gradient_descent(bowl, [6.0, 9.0], lr=0.1, grad=bowl_grad, momentum=0.5)
    assert r.path is not None and r.status == "converged"
    np.testing.assert_array_equal(r.path, _heavy_ball_by_hand(0.1, 0.5, [6.0, 9.0], r.nit))
    # v1 = g0 = 12, x1 = 6 - 1.2 = 4.8; v2 = 0.5 * 12 + 9.6, x2 = 4.8 - 0.1 * 15.6
    s = gd.gradient_descent(parabola, 6.0, lr=0.1, grad=parabola_grad, momentum=0.5)
    assert s.path is not None
    assert s.path[:3].tolist() == [6.0, 6.0 - 0.1 * 12.0, 4.8 - 0.1 * (0.5 * 12.0 + 9.6)]
    np.testing.assert_array_equal(s.path, _heavy_ball_by_hand(0.1, 0.5, [6.0], s.nit)[:, 0])


def test_momentum_reaches_the_bottom_of_the_elongated_bowl_in_fewer_steps() -> None:
    from gdcore.landscapes import elongated_bowl, elongated_bowl_grad

    kappa = 10.0
    big, small = 2 * kappa, 2.0  # the curvatures L and μ
    plain = gd.gradient_descent(
        elongated_bowl, [6.0, 9.0], lr=2 / (big + small), grad=elongated_bowl_grad
    )
    beta = ((math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)) ** 2
    eta = (2 / (math.sqrt(big) + math.sqrt(small))) ** 2
    heavy = gd.gradient_descent(
        elongated_bowl, [6.0, 9.0], lr=eta, momentum=beta, grad=elongated_bowl_grad
    )
    assert plain.status == heavy.status == "converged"
    assert heavy.nit < plain.nit / 2


def test_momentum_widens_the_stable_learning_rates_but_can_still_diverge() -> None:
    # On x² the heavy ball is stable for η < 1 + β (plain descent: η < 1).
    assert descend(1.0, momentum=0.9).status == "converged"
    assert descend(1.0).status == "max_steps"
    r = descend(2.0, momentum=0.5)
    assert r.status == "diverged" and not r.success


@pytest.mark.parametrize("bad", [True, False, "0.5", None, [0.5], np.bool_(True), 0.5j])
def test_momentum_that_is_not_a_number_is_a_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match="momentum must be a number"):
        descend(0.1, momentum=bad)


@pytest.mark.parametrize("bad", [-0.1, 1, 1.0, 1.5, math.nan, math.inf, -math.inf, -1e-300])
def test_momentum_outside_0_to_1_is_a_value_error(bad: float) -> None:
    with pytest.raises(ValueError, match=r"0 <= momentum < 1"):
        descend(0.1, momentum=bad)
