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
