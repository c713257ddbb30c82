"""sgd: the pinned batch order, full batch = gradient_descent bit for bit, seeds, bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gdcore as gd
from gdcore.regression import LinearMSE, standardize
from gdcore.stochastic import batch_indices

pytestmark = pytest.mark.filterwarnings("error")  # no RuntimeWarning may escape

TARGETS = np.array([1.0, 2.0, 3.0, 6.0, -1.0, 4.5, 0.5])


def mean_grad(x: float, idx: np.ndarray) -> float:
    """The mean gradient of (x − tᵢ)² over the batch."""
    return float(np.mean(2.0 * (x - TARGETS[idx])))


def mean_loss(x: float) -> float:
    return float(np.mean((x - TARGETS) ** 2))


def standardized_diabetes() -> LinearMSE:
    data = gd.datasets.load_diabetes()
    z, _ = standardize(data.X)
    return LinearMSE(z, data.y)


PROBLEM = standardized_diabetes()


# --------------------------------------------------------------------- the batch order


@given(
    n=st.integers(1, 60),
    data=st.data(),
    epochs=st.integers(0, 3),
    seed=st.integers(0, 2**32),
)
@settings(max_examples=60, deadline=None)
def test_batches_follow_the_pinned_recipe_and_partition_each_epoch(
    n: int, data: st.DataObject, epochs: int, seed: int
) -> None:
    size = data.draw(st.integers(1, n))
    batches = list(batch_indices(n, size, epochs=epochs, seed=seed))
    per_epoch = math.ceil(n / size)
    assert len(batches) == epochs * per_epoch
    rng = np.random.default_rng(seed)
    for e in range(epochs):
        perm = rng.permutation(n)
        epoch = batches[e * per_epoch : (e + 1) * per_epoch]
        for j, batch in enumerate(epoch):
            expected = np.sort(perm[j * size : (j + 1) * size])
            assert batch.dtype == np.intp and batch.tolist() == expected.tolist()
        assert sorted(np.concatenate(epoch).tolist()) == list(range(n))
        assert all(len(b) == size for b in epoch[:-1]) and 1 <= len(epoch[-1]) <= size


def test_grad_receives_exactly_the_batches_of_batch_indices() -> None:
    seen: list[list[int]] = []

    def grad(x: float, idx: np.ndarray) -> float:
        seen.append(idx.tolist())
        return mean_grad(x, idx)

    r = gd.sgd(grad, 0.0, 7, lr=0.1, batch_size=3, epochs=2, seed=5)
    planned = [b.tolist() for b in batch_indices(7, 3, epochs=2, seed=5)]
    assert seen[:-1] == planned  # then one full-batch gradient at the end
    assert seen[-1] == list(range(7))
    assert r.nit == 6 == r.epochs * r.updates_per_epoch


def test_each_update_is_x_minus_eta_times_the_batch_gradient_by_hand() -> None:
    r = gd.sgd(mean_grad, 2.0, 7, lr=0.3, batch_size=2, epochs=2, seed=11, loss=mean_loss)
    assert r.path is not None and r.fun_path is not None
    x = 2.0
    expected = [x]
    for batch in batch_indices(7, 2, epochs=2, seed=11):
        x = x - 0.3 * mean_grad(x, batch)
        expected.append(x)
    assert r.path.tolist() == expected  # bit for bit
    assert r.fun_path.tolist() == [mean_loss(v) for v in expected]
    assert isinstance(r.x, float) and r.x == expected[-1]
    assert r.grad == mean_grad(r.x, np.arange(7))  # the full gradient at the end


def test_momentum_and_a_schedule_are_the_heavy_ball_counted_over_updates() -> None:
    def schedule(k: int) -> float:
        return 0.2 / (1 + k)

    r = gd.sgd(mean_grad, -3.0, 7, lr=schedule, batch_size=3, epochs=3, momentum=0.6)
    assert r.path is not None
    x, v = -3.0, 0.0
    expected = [x]
    for k, batch in enumerate(batch_indices(7, 3, epochs=3)):
        v = 0.6 * v + mean_grad(x, batch)
        x = x - schedule(k) * v
        expected.append(x)
    assert r.path.tolist() == expected


# ----------------------------------------------------------- full batch = gradient descent


@given(
    lr=st.floats(0.001, 0.9),
    momentum=st.sampled_from([0.0, 0.3, 0.9]),
    epochs=st.integers(0, 40),
    seed=st.integers(0, 1000),
)
@settings(max_examples=40, deadline=None)
def test_full_batch_sgd_is_gradient_descent_bit_for_bit(
    lr: float, momentum: float, epochs: int, seed: int
) -> None:
    m = PROBLEM
    x0 = np.linspace(-1.0, 1.0, m.n_params)
    s = gd.sgd(
        m.grad, x0, m.n_examples, lr=lr, batch_size=m.n_examples, epochs=epochs, seed=seed,
        momentum=momentum, loss=m.loss,
    )  # fmt: skip
    g = gd.gradient_descent(
        m.loss, x0, lr=lr, grad=m.full_grad, tol=0.0, max_steps=epochs, momentum=momentum
    )
    assert s.path is not None and g.path is not None
    assert s.nit == g.nit and s.status == g.status  # both "diverged" when η is too large
    assert s.nit == epochs or s.status == "diverged"
    assert np.array_equal(s.path, g.path) and np.array_equal(s.fun_path, g.fun_path)
    assert s.fun == g.fun and np.array_equal(s.x, g.x)
    assert s.message == g.message or s.status == "max_steps"


def test_full_batch_scalar_sgd_is_gradient_descent_bit_for_bit() -> None:
    s = gd.sgd(mean_grad, 9.0, 7, lr=0.2, batch_size=7, epochs=25, loss=mean_loss)
    g = gd.gradient_descent(
        mean_loss, 9.0, lr=0.2, grad=lambda x: mean_grad(x, np.arange(7)), tol=0.0, max_steps=25
    )
    assert s.path is not None and g.path is not None
    assert s.path.tolist() == g.path.tolist() and s.x == g.x


# --------------------------------------------------------------------- seeds


def test_the_same_seed_gives_the_same_path_and_another_seed_another() -> None:
    m = PROBLEM
    x0 = np.zeros(m.n_params)

    def run(seed: int) -> gd.SGDResult:
        return gd.sgd(m.grad, x0, m.n_examples, lr=0.05, batch_size=8, epochs=2, seed=seed)

    a, b, c = run(3), run(3), run(4)
    assert a.path is not None and b.path is not None and c.path is not None
    assert np.array_equal(a.path, b.path)
    assert not np.array_equal(a.path, c.path)
    assert np.array_equal(a.path[0], c.path[0])


def test_per_epoch_small_batches_get_further_but_are_noisier() -> None:
    m = PROBLEM
    x0 = np.zeros(m.n_params)
    best = m.loss(m.solution())
    finals = {}
    for size in (1, 16, m.n_examples):
        r = gd.sgd(m.grad, x0, m.n_examples, lr=0.01, batch_size=size, epochs=30, loss=m.loss)
        assert r.fun_path is not None and r.status == "max_steps"
        assert r.nit == 30 * math.ceil(m.n_examples / size)
        finals[size] = r.fun
        # the loss goes up between some updates for small batches, never for full batch
        ups = int(np.sum(np.diff(r.fun_path) > 0))
        assert (ups > 0) == (size < m.n_examples)
    # 30 epochs: 13,260 updates of B = 1, 840 of B = 16, only 30 of the full batch
    assert best < finals[16] < 1.01 * best and best < finals[1] < 1.2 * best
    assert finals[m.n_examples] > 2 * best


def test_a_decaying_schedule_settles_where_a_constant_rate_keeps_jittering() -> None:
    m = PROBLEM
    x0 = np.zeros(m.n_params)
    common = {"batch_size": 1, "epochs": 20, "loss": m.loss}
    const = gd.sgd(m.grad, x0, m.n_examples, lr=0.02, **common)
    decay = gd.sgd(m.grad, x0, m.n_examples, lr=lambda k: 0.02 / (1 + k / 442), **common)
    assert const.fun_path is not None and decay.fun_path is not None
    tail = slice(-442, None)  # the last epoch
    assert np.std(decay.fun_path[tail]) < np.std(const.fun_path[tail]) / 3
    assert decay.fun < const.fun


# --------------------------------------------------------------------- results and status


def test_after_all_epochs_the_status_is_max_steps_and_says_so_in_both_languages() -> None:
    r = gd.sgd(mean_grad, 0.0, 7, lr=0.1, batch_size=2, epochs=3)
    assert (r.status, r.success, r.nit, r.updates_per_epoch) == ("max_steps", False, 12, 4)
    assert r.epochs_run == 3.0 and r.example_gradients == 21
    assert r.status_text("en") == "ran every epoch"
    assert r.status_text("vi") == "đã chạy hết các epoch"
    assert r.message.startswith("Ran all 3 epochs: 12 updates on batches of 2 of the 7 examples")
    assert r.explain("vi").startswith("Đã chạy hết 3 epoch: 12 lần cập nhật")
    assert math.isnan(r.fun) and r.fun_path is None  # no loss was given
    assert isinstance(r, gd.DescentResult)


def test_zero_epochs_makes_no_update() -> None:
    r = gd.sgd(mean_grad, 1.5, 7, lr=0.1, batch_size=2, epochs=0, loss=mean_loss)
    assert r.path is not None and r.path.tolist() == [1.5] and r.nit == 0
    assert r.fun == mean_loss(1.5) and r.status == "max_steps"


def test_too_large_a_rate_diverges_on_the_loss_and_stops_early() -> None:
    m = PROBLEM
    r = gd.sgd(m.grad, np.zeros(m.n_params), m.n_examples, lr=3.0, batch_size=16, epochs=50,
               loss=m.loss)  # fmt: skip
    assert r.status == "diverged" and r.nit < 50 * 28
    assert "divergence bound" in r.message and "vượt" in r.explain("vi")
    assert np.isnan(r.grad).all()


def test_without_a_loss_divergence_is_caught_on_the_iterate() -> None:
    r = gd.sgd(lambda x, idx: 1e300 * x, 1.0, 3, lr=1e10, batch_size=1, epochs=10)
    assert r.status == "diverged"
    assert r.message in {
        f"Diverged at step {r.nit}: the iterate x is −∞.",
        f"Diverged at step {r.nit}: the iterate x is ∞.",
    }


def test_a_nan_gradient_is_divergence_not_a_warning() -> None:
    r = gd.sgd(lambda x, idx: np.full(2, math.nan), [1.0, 2.0], 3, lr=0.1, batch_size=1, epochs=2)
    assert r.status == "diverged" and r.nit == 0
    assert r.message == "Diverged at step 0: the gradient is not finite (or its norm overflows)."


def test_arrays_are_read_only_and_the_start_is_not_modified() -> None:
    x0 = np.zeros(PROBLEM.n_params)
    r = gd.sgd(PROBLEM.grad, x0, PROBLEM.n_examples, lr=0.01, batch_size=50, epochs=1)
    assert np.all(x0 == 0.0)
    assert isinstance(r.x, np.ndarray) and not r.x.flags.writeable
    assert r.path is not None and not r.path.flags.writeable and r.path.shape == (10, 11)


@pytest.mark.parametrize(
    ("record", "has_path", "has_losses"),
    [("all", True, True), ("loss", False, True), ("none", False, False), ("auto", True, True)],
)
def test_record(record: str, has_path: bool, has_losses: bool) -> None:
    r = gd.sgd(mean_grad, 0.0, 7, lr=0.1, batch_size=2, epochs=2, loss=mean_loss,
               record=record)  # type: ignore[arg-type]  # fmt: skip
    assert (r.path is not None) == has_path and (r.fun_path is not None) == has_losses
    if has_losses:
        assert r.fun_path is not None and len(r.fun_path) == r.nit + 1


# --------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"batch_size": 2.0}, TypeError, "batch_size must be an int"),
        ({"batch_size": True}, TypeError, "batch_size must be an int"),
        ({"batch_size": 0}, ValueError, r"1 <= batch_size <= n_examples = 7; got 0"),
        ({"batch_size": 8}, ValueError, r"1 <= batch_size <= n_examples = 7; got 8"),
        ({"epochs": -1}, ValueError, "epochs must be an int >= 0"),
        ({"epochs": 1.5}, TypeError, "epochs must be an int"),
        ({"seed": -1}, ValueError, "seed must be an int >= 0"),
        ({"seed": "1"}, TypeError, "seed must be an int"),
        ({"seed": 1.0}, TypeError, "seed must be an int"),
        ({"lr": 0.0}, ValueError, "lr must be a finite number > 0"),
        ({"lr": "0.1"}, TypeError, "lr must be a number > 0 or a schedule"),
        ({"momentum": 1.0}, ValueError, "momentum must be a number with 0 <= momentum < 1"),
        ({"record": "some"}, ValueError, "record must be one of"),
        ({"loss": 3}, TypeError, "loss must be None or a callable"),
    ],
)
def test_bad_input_is_refused_with_a_clear_error(
    kwargs: dict[str, object], error: type[Exception], match: str
) -> None:
    args: dict[str, object] = {"lr": 0.1, "batch_size": 2, "epochs": 1}
    args.update(kwargs)
    with pytest.raises(error, match=match):
        gd.sgd(mean_grad, 0.0, 7, **args)  # type: ignore[arg-type]


def test_bad_n_examples_x0_and_grad_are_refused() -> None:
    with pytest.raises(ValueError, match="n_examples must be an int >= 1"):
        gd.sgd(mean_grad, 0.0, 0, lr=0.1, batch_size=1, epochs=1)
    with pytest.raises(TypeError, match="n_examples must be an int"):
        gd.sgd(mean_grad, 0.0, 7.0, lr=0.1, batch_size=1, epochs=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="x0 must be finite"):
        gd.sgd(mean_grad, math.nan, 7, lr=0.1, batch_size=1, epochs=1)
    with pytest.raises(TypeError, match="grad must be a callable"):
        gd.sgd(None, 0.0, 7, lr=0.1, batch_size=1, epochs=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"grad returned an array of shape \(3,\)"):
        gd.sgd(lambda x, i: np.zeros(3), [0.0, 0.0], 7, lr=0.1, batch_size=1, epochs=1)
    with pytest.raises(TypeError, match="grad must return one real number"):
        gd.sgd(lambda x, i: [1.0], 0.0, 7, lr=0.1, batch_size=1, epochs=1)
