"""The lesson's functions and their derivatives, on numbers and on arrays."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gdcore as gd
from gdcore import landscapes as L

TOL = 1e-6  # absolute tolerance of derivatives against central differences

pytestmark = pytest.mark.filterwarnings("error")

away_from_zero = st.floats(1e-3, 1e3) | st.floats(-1e3, -1e-3)


def test_lesson_table() -> None:
    points = [5.0, 1.0, 0.0, -3.0]
    assert [L.parabola(x) for x in points] == [25.0, 1.0, 0.0, 9.0]
    assert [L.parabola_grad(x) for x in points] == [10.0, 2.0, 0.0, -6.0]


def test_numbers_give_floats_and_arrays_give_arrays() -> None:
    for fn in (L.parabola, L.parabola_grad, L.v_shape, L.v_shape_grad, L.step, L.step_grad):
        assert type(fn(2)) is float
        assert type(fn(np.float64(-2.0))) is float
        out = fn(np.array([[-2.0, 0.0, 3.0]]))
        assert isinstance(out, np.ndarray) and out.shape == (1, 3) and out.dtype == np.float64
    assert type(L.bowl([1, 2])) is float
    assert L.bowl_grad([1, 2]).dtype == np.float64


def test_array_and_number_versions_agree() -> None:
    grid = np.linspace(-3.0, 3.0, 13)
    for fn in (L.parabola, L.parabola_grad, L.v_shape, L.v_shape_grad, L.step, L.step_grad):
        assert fn(grid).tolist() == [fn(float(x)) for x in grid]


def test_v_shape_and_its_subgradient() -> None:
    assert L.v_shape(-2.5) == 2.5
    assert (L.v_shape_grad(-0.1), L.v_shape_grad(0.0), L.v_shape_grad(7.0)) == (-1.0, 0.0, 1.0)


def test_step_and_its_zero_derivative() -> None:
    assert (L.step(-1e-9), L.step(0.0), L.step(5.0)) == (0.0, 1.0, 1.0)
    assert L.step_grad(-1.0) == L.step_grad(0.0) == L.step_grad(1.0) == 0.0


def test_bowl() -> None:
    assert L.bowl([6.0, 9.0]) == 117.0
    assert L.bowl(np.ones((2, 3))) == 6.0
    assert L.bowl_grad([6.0, 9.0]).tolist() == [12.0, 18.0]


@given(st.floats(-1e3, 1e3))
def test_parabola_grad_is_its_derivative(x: float) -> None:
    assert L.parabola_grad(x) == pytest.approx(
        gd.derivative(L.parabola, x), abs=TOL * max(1, abs(x))
    )


@given(away_from_zero)
def test_v_shape_and_step_derivatives_away_from_the_corner(x: float) -> None:
    assert L.v_shape_grad(x) == pytest.approx(gd.derivative(L.v_shape, x, h=1e-4), abs=TOL)
    assert L.step_grad(x) == gd.derivative(L.step, x, h=1e-4)


@given(st.lists(st.floats(-100.0, 100.0), min_size=1, max_size=6))
def test_bowl_grad_is_its_gradient(p: list[float]) -> None:
    np.testing.assert_allclose(L.bowl_grad(p), gd.gradient(L.bowl, p), atol=TOL * 100)


def test_elongated_bowl_and_its_gradient() -> None:
    assert L.elongated_bowl([1.0, 1.0]) == 11.0
    assert L.elongated_bowl([1.0, 2.0], kappa=3.0) == 13.0
    np.testing.assert_array_equal(L.elongated_bowl_grad([1.0, -1.0]), [2.0, -20.0])
    with pytest.raises(ValueError, match=r"shape \(2,\)"):
        L.elongated_bowl([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="kappa"):
        L.elongated_bowl_grad([1.0, 2.0], kappa=0.0)


# -- non-convex landscapes: the double well and the saddle ---------------------------------


def test_double_well_numbers_and_arrays_agree() -> None:
    grid = np.linspace(-2.0, 2.0, 9)
    for fn in (L.double_well, L.double_well_grad):
        assert type(fn(1)) is float
        assert fn(grid).tolist() == pytest.approx([fn(float(x)) for x in grid], abs=1e-12)


@given(st.floats(-3.0, 3.0))
def test_double_well_grad_is_its_derivative(x: float) -> None:
    assert L.double_well_grad(x) == pytest.approx(gd.derivative(L.double_well, x), abs=TOL)


def test_double_well_has_two_valleys_one_deeper() -> None:
    stationary = np.sort(np.roots([4.0, 0.0, -4.0, L.TILT]).real)
    left, hill, right = stationary
    assert left < hill < right
    assert L.double_well(left) < L.double_well(right) < L.double_well(hill)
    assert max(abs(L.double_well_grad(float(x))) for x in stationary) < 1e-12


@pytest.mark.parametrize(("x0", "side"), [(-2.0, -1), (-0.5, -1), (0.0, -1), (0.3, 1), (2.0, 1)])
def test_the_start_decides_the_valley(x0: float, side: int) -> None:
    r = gd.gradient_descent(L.double_well, x0, lr=0.05, grad=L.double_well_grad)
    assert r.status == "converged"
    assert np.sign(r.x) == side
    assert abs(abs(r.x) - 1.0) < 0.05  # a valley bottom, near ±1


def test_saddle_values_and_gradient() -> None:
    assert L.saddle([3.0, 2.0]) == 5.0
    assert L.saddle_grad([3.0, 2.0]).tolist() == [6.0, -4.0]
    assert L.saddle_grad([0.0, 0.0]).tolist() == [0.0, 0.0]
    numeric = gd.gradient(L.saddle, np.array([0.7, -1.3]))
    np.testing.assert_allclose(numeric, L.saddle_grad([0.7, -1.3]), atol=TOL)


def test_saddle_rejects_points_that_are_not_pairs() -> None:
    with pytest.raises(ValueError, match="saddle takes a point"):
        L.saddle([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="saddle takes a point"):
        L.saddle_grad(1.0)


def test_descent_on_the_ridge_stalls_at_the_saddle_and_a_nudge_escapes() -> None:
    ridge = gd.gradient_descent(L.saddle, [1.0, 0.0], lr=0.1, grad=L.saddle_grad, max_steps=200)
    assert ridge.status == "converged"  # gradient 0 at (0, 0): the stopping rule cannot tell
    assert np.abs(ridge.x).max() < 1e-8
    nudged = gd.gradient_descent(L.saddle, [1.0, 1e-6], lr=0.1, grad=L.saddle_grad, max_steps=100)
    assert nudged.path is not None
    growth = nudged.path[1:, 1] / nudged.path[:-1, 1]
    np.testing.assert_allclose(growth, 1.2)  # y grows by 1 + 2η each step
    assert nudged.fun < -1.0  # it has left the saddle, downhill
