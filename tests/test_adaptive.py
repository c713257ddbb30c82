"""adam, rmsprop, adagrad: the update rules as written, hand-unrolled, and the stopping rules."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gdcore as gd
from gdcore.landscapes import (
    elongated_bowl,
    elongated_bowl_grad,
    parabola,
    parabola_grad,
)

pytestmark = pytest.mark.filterwarnings("error")  # no RuntimeWarning may escape

REL = 1e-12  # for hand arithmetic written in a different (mathematically equal) order


def quadratic(a: float, c: float):  # type: ignore[no-untyped-def]
    """f(x) = a(x − c)², f′(x) = 2a(x − c)."""
    return (lambda x: a * (x - c) ** 2), (lambda x: 2 * a * (x - c))


# --------------------------------------------------------------------- Adam, by hand


def test_adam_first_three_steps_on_a_1d_quadratic_by_hand() -> None:
    """Kingma & Ba (2015), Algorithm 1, unrolled with the paper's own β^t (a power)."""
    f, df = quadratic(3.0, 1.0)
    lr, b1, b2, eps = 0.05, 0.9, 0.999, 1e-8
    x, m, v = 4.0, 0.0, 0.0
    expected = [x]
    for t in (1, 2, 3):
        g = df(x)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        m_hat = m / (1 - b1**t)
        v_hat = v / (1 - b2**t)
        x = x - lr * m_hat / (math.sqrt(v_hat) + eps)
        expected.append(x)
    r = gd.adam(f, 4.0, lr=lr, grad=df, max_steps=3)
    assert r.path is not None
    np.testing.assert_allclose(r.path, expected, rtol=REL)
    # the first step of Adam is η·g/(|g| + ε): almost exactly η, whatever the gradient
    assert r.path[1] == pytest.approx(4.0 - lr, rel=1e-9)
    assert (r.status, r.nit) == ("max_steps", 3)


def test_adam_matches_the_documented_operation_order_bit_for_bit() -> None:
    """The exact float64 recipe of the module docs (what a JavaScript copy does)."""
    lr, b1, b2, eps = 0.3, 0.8, 0.99, 1e-8
    x = np.array([6.0, 9.0])
    m = np.zeros(2)
    v = np.zeros(2)
    p1 = p2 = 1.0
    c1, c2 = 1.0 - b1, 1.0 - b2
    expected = [x.copy()]
    for _ in range(40):
        g = elongated_bowl_grad(x)
        m = b1 * m + c1 * g
        v = b2 * v + c2 * (g * g)
        p1 = p1 * b1
        p2 = p2 * b2
        m_hat = m / (1 - p1)
        v_hat = v / (1 - p2)
        x = x - lr * (m_hat / (np.sqrt(v_hat) + eps))
        expected.append(x.copy())
    r = gd.adam(elongated_bowl, [6.0, 9.0], lr=lr, beta1=b1, beta2=b2, grad=elongated_bowl_grad,
                max_steps=40, tol=0.0)  # fmt: skip
    assert r.path is not None
    assert np.array_equal(r.path, np.array(expected))


def test_without_bias_correction_the_first_steps_are_several_times_too_long() -> None:
    """Why Algorithm 1 corrects: m₁ = (1 − β₁)g and v₁ = (1 − β₂)g², so m₁/√v₁ ≈ 0.1/0.0316:
    the uncorrected first step is ≈ 3.16η, and it grows to ≈ 6.5η by t = 10 on a steady slope."""
    lr = 0.01
    on = gd.adam(parabola, 10.0, lr=lr, grad=parabola_grad, max_steps=100)
    off = gd.adam(parabola, 10.0, lr=lr, grad=parabola_grad, max_steps=100, bias_correction=False)
    assert on.path is not None and off.path is not None
    step_on = -np.diff(on.path) / lr
    step_off = -np.diff(off.path) / lr
    np.testing.assert_allclose(step_on[:10], 1.0, rtol=1e-3)  # ≈ η while the slope is steady
    assert step_off[0] == pytest.approx(0.1 / math.sqrt(0.001), rel=1e-6)  # 3.162…
    t = np.arange(1, 101)
    np.testing.assert_allclose(  # (1 − β₁ᵗ)/√(1 − β₂ᵗ), the missing correction, on x ≈ const
        step_off[:10], ((1 - 0.9**t) / np.sqrt(1 - 0.999**t))[:10], rtol=1e-2
    )
    assert 6.0 < step_off.max() < 7.0 and int(np.argmax(step_off)) in range(5, 15)
    # by hand, the uncorrected rule for three steps
    x, m, v, expected = 10.0, 0.0, 0.0, [10.0]
    for _ in range(3):
        g = 2 * x
        m = 0.9 * m + (1 - 0.9) * g
        v = 0.999 * v + (1 - 0.999) * (g * g)
        x = x - lr * (m / (math.sqrt(v) + 1e-8))
        expected.append(x)
    assert off.path[:4].tolist() == expected
    with pytest.raises(TypeError, match="bias_correction must be True or False"):
        gd.adam(parabola, 1.0, lr=0.1, bias_correction=1)  # type: ignore[arg-type]


def test_the_four_runs_on_the_elongated_bowl() -> None:
    runs = gd.adaptive.elongated_bowl_runs()
    assert list(runs) == ["plain", "momentum", "rmsprop", "adam"]
    assert {n: r.nit for n, r in runs.items()} == {
        "plain": 118, "momentum": 37, "rmsprop": 71, "adam": 419
    }  # fmt: skip
    assert all(r.status == "converged" and r.path is not None for r in runs.values())
    # they are the public functions with BOWL_SETTINGS
    again = gd.adam(elongated_bowl, [6.0, 9.0], lr=0.3, grad=elongated_bowl_grad)
    assert again.path is not None and np.array_equal(runs["adam"].path, again.path)
    plain = runs["plain"].path
    assert plain is not None
    # plain descent zig-zags in y (sign changes at every step); Adam's first steps do not
    assert np.all(np.sign(plain[1:12, 1]) != np.sign(plain[:11, 1]))
    adam_path = runs["adam"].path
    assert adam_path is not None and np.all(np.diff(adam_path[:8, 1]) < 0)
    other = gd.adaptive.elongated_bowl_runs({"adam": {"lr": 0.5}}, kappa=100.0, max_steps=50)
    assert other["adam"].path is not None
    np.testing.assert_allclose(other["adam"].path[1], [5.5, 8.5], rtol=1e-9)
    with pytest.raises(ValueError, match="unknown method 'sgd'"):
        gd.adaptive.elongated_bowl_runs({"sgd": {"lr": 0.1}})


# --------------------------------------------------------------------- RMSProp and Adagrad


@given(
    lr=st.floats(1e-3, 0.5),
    alpha=st.floats(0.0, 0.999),
    x0=st.floats(-50, 50).filter(lambda v: abs(v - 1.0) > 1e-3),
)
@settings(max_examples=60, deadline=None)
def test_rmsprop_steps_by_hand(lr: float, alpha: float, x0: float) -> None:
    f, df = quadratic(2.0, 1.0)
    x, v = x0, 0.0
    expected = [x]
    for _ in range(5):
        g = df(x)
        v = alpha * v + (1 - alpha) * (g * g)
        x = x - lr * (g / (math.sqrt(v) + 1e-8))
        expected.append(x)
    r = gd.rmsprop(f, x0, lr=lr, alpha=alpha, grad=df, max_steps=5, tol=0.0)
    assert r.path is not None and r.nit == 5
    assert r.path.tolist() == expected  # the same operations in the same order: bit for bit


@given(lr=st.floats(1e-3, 2.0), x0=st.floats(-50, 50).filter(lambda v: abs(v - 1.0) > 1e-3))
@settings(max_examples=60, deadline=None)
def test_adagrad_steps_by_hand(lr: float, x0: float) -> None:
    f, df = quadratic(2.0, 1.0)
    x, s = x0, 0.0
    expected = [x]
    for _ in range(5):
        g = df(x)
        s = s + g * g
        x = x - lr * (g / (math.sqrt(s) + 1e-10))
        expected.append(x)
    r = gd.adagrad(f, x0, lr=lr, grad=df, max_steps=5, tol=0.0)
    assert r.path is not None
    assert r.path.tolist() == expected


def test_adagrad_and_rmsprop_act_per_coordinate() -> None:
    """On x² + 10y² the first steps are the same length in x and in y (the gradient's size is
    divided out), unlike plain descent whose y step is 10 times larger."""
    for method, first in ((gd.adagrad, 0.1), (gd.rmsprop, 1.0)):
        r = method(elongated_bowl, [6.0, 9.0], lr=0.1, grad=elongated_bowl_grad, max_steps=1)
        assert r.path is not None
        step = r.path[0] - r.path[1]
        np.testing.assert_allclose(step, [first, first], rtol=1e-6)


# --------------------------------------------------------------------- the stopping rules


@pytest.mark.parametrize("method", [gd.adam, gd.rmsprop, gd.adagrad])
def test_converges_on_the_elongated_bowl(method) -> None:  # type: ignore[no-untyped-def]
    lr = 0.1 if method is not gd.adagrad else 2.0
    r = method(elongated_bowl, [6.0, 9.0], lr=lr, grad=elongated_bowl_grad, max_steps=20_000,
               tol=1e-6)  # fmt: skip
    assert r.status == "converged" and r.success
    assert np.linalg.norm(r.grad) <= 1e-6
    assert r.message.startswith("Converged after")
    assert r.explain("vi").startswith("Hội tụ sau")


def test_the_numerical_gradient_is_used_when_grad_is_none() -> None:
    exact = gd.adam(elongated_bowl, [6.0, 9.0], lr=0.2, grad=elongated_bowl_grad, max_steps=30)
    numeric = gd.adam(elongated_bowl, [6.0, 9.0], lr=0.2, max_steps=30)
    assert exact.path is not None and numeric.path is not None
    np.testing.assert_allclose(numeric.path, exact.path, rtol=1e-6, atol=1e-8)
    scalar = gd.rmsprop(parabola, 3.0, lr=0.1, max_steps=4)
    assert scalar.path is not None and isinstance(scalar.x, float)


def test_a_starting_point_at_the_minimum_converges_in_zero_steps() -> None:
    r = gd.adam(parabola, 0.0, lr=0.1, grad=parabola_grad)
    assert (r.status, r.nit, r.x) == ("converged", 0, 0.0)


def test_a_step_too_large_for_rmsprop_is_reported_not_raised() -> None:
    r = gd.rmsprop(lambda x: math.exp(x * x), 2.0, lr=30.0)
    assert r.status == "diverged"
    assert r.message.startswith("Diverged at step")


@pytest.mark.parametrize("record", ["all", "loss", "none", "auto"])
def test_record_as_gradient_descent(record: str) -> None:
    r = gd.adam(parabola, 1.0, lr=0.1, grad=parabola_grad, max_steps=7, tol=0.0,
                record=record)  # type: ignore[arg-type]  # fmt: skip
    assert (r.path is not None) == (record in ("all", "auto"))
    assert (r.fun_path is not None) == (record != "none")
    if r.path is not None:
        assert r.path.shape == (8,)


def test_the_start_is_not_modified_and_results_are_read_only() -> None:
    x0 = np.array([6.0, 9.0])
    r = gd.adam(elongated_bowl, x0, lr=0.1, grad=elongated_bowl_grad, max_steps=5)
    assert x0.tolist() == [6.0, 9.0]
    assert isinstance(r.x, np.ndarray) and not r.x.flags.writeable
    assert r.path is not None and not r.path.flags.writeable


# --------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("method", "kwargs", "error", "match"),
    [
        (gd.adam, {"beta1": 1.0}, ValueError, "beta1 must be a number with 0 <= beta1 < 1"),
        (gd.adam, {"beta2": -0.1}, ValueError, "beta2 must be a number with 0 <= beta2 < 1"),
        (gd.adam, {"beta1": "0.9"}, TypeError, "beta1 must be a number"),
        (gd.adam, {"eps": -1e-8}, ValueError, "eps must be a finite number >= 0"),
        (gd.adam, {"eps": math.inf}, ValueError, "eps must be a finite number >= 0"),
        (gd.adam, {"eps": None}, TypeError, "eps must be a finite number"),
        (gd.rmsprop, {"alpha": 1.0}, ValueError, "alpha must be a number with 0 <= alpha < 1"),
        (gd.rmsprop, {"alpha": math.nan}, ValueError, "alpha must be a number"),
        (gd.adagrad, {"eps": True}, TypeError, "eps must be a finite number"),
        (gd.adagrad, {"lr": -1.0}, ValueError, "lr must be a finite number > 0"),
        (gd.adam, {"max_steps": -1}, ValueError, "max_steps must be an int >= 0"),
        (gd.rmsprop, {"tol": -1.0}, ValueError, "tol must be a number >= 0"),
        (gd.adagrad, {"record": "everything"}, ValueError, "record must be one of"),
        (gd.adam, {"grad": 5}, TypeError, "grad must be None or a callable"),
    ],
)
def test_bad_input_is_refused_with_a_clear_error(  # type: ignore[no-untyped-def]
    method, kwargs: dict[str, object], error: type[Exception], match: str
) -> None:
    args: dict[str, object] = {"lr": 0.1}
    args.update(kwargs)
    with pytest.raises(error, match=match):
        method(parabola, 1.0, **args)


def test_bad_f_and_x0_are_refused() -> None:
    with pytest.raises(TypeError, match="f must be a callable"):
        gd.adam(3.0, 1.0, lr=0.1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="x0 must be finite"):
        gd.adagrad(parabola, math.inf, lr=0.1)
    with pytest.raises(ValueError, match="grad returned an array of shape"):
        gd.rmsprop(elongated_bowl, [1.0, 2.0], lr=0.1, grad=lambda p: np.zeros(3))
