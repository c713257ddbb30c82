"""Numerical derivatives: accuracy of each method, the gradient, and bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gdcore as gd
from gdcore.landscapes import bowl, parabola

TOL = 1e-6  # absolute tolerance for a default-step central difference

pytestmark = pytest.mark.filterwarnings("error")


@pytest.mark.parametrize(("x", "slope"), [(5.0, 10.0), (1.0, 2.0), (0.0, 0.0), (-3.0, -6.0)])
def test_lesson_table_for_x_squared(x: float, slope: float) -> None:
    for method in ("central", "forward", "backward"):
        assert gd.derivative(parabola, x, method=method) == pytest.approx(slope, abs=TOL * 10)


def test_methods_have_the_expected_truncation_error() -> None:
    # on x² with h = 0.1 at x = 5: forward 2x + h, backward 2x - h, central exactly 2x
    assert gd.derivative(parabola, 5.0, h=0.1, method="forward") == pytest.approx(10.1, abs=TOL)
    assert gd.derivative(parabola, 5.0, h=0.1, method="backward") == pytest.approx(9.9, abs=TOL)
    assert gd.derivative(parabola, 5.0, h=0.1) == pytest.approx(10.0, abs=TOL)


@given(st.floats(-20.0, 20.0))
def test_central_difference_of_sin_is_cos(x: float) -> None:
    assert gd.derivative(math.sin, x) == pytest.approx(math.cos(x), abs=TOL)


@given(st.floats(-1e6, 1e6))
def test_default_step_scales_with_x(x: float) -> None:
    assert gd.derivative(parabola, x) == pytest.approx(2 * x, abs=TOL * max(1.0, abs(x)))


def test_gradient_of_the_bowl() -> None:
    x = np.array([6.0, 9.0])
    np.testing.assert_allclose(gd.gradient(bowl, x), [12.0, 18.0], atol=TOL)
    assert x.tolist() == [6.0, 9.0]  # not modified
    np.testing.assert_allclose(gd.gradient(bowl, [6, 9], h=1e-3), [12.0, 18.0], atol=TOL)


def test_gradient_keeps_the_shape_and_sees_one_entry_move_at_a_time() -> None:
    x = np.arange(6.0).reshape(2, 3)
    weights = np.array([[1.0, -2.0, 3.0], [0.5, 0.0, -1.0]])
    g = gd.gradient(lambda p: float(np.sum(weights * p)), x)
    assert g.shape == (2, 3)
    np.testing.assert_allclose(g, weights, atol=TOL)


def test_nan_values_of_f_give_nan_without_warnings() -> None:
    assert math.isnan(gd.derivative(lambda x: math.nan, 1.0))
    assert math.isnan(gd.derivative(lambda x: np.float64(np.inf) * 0 + np.inf, 1.0))


# --------------------------------------------------------------------- bad input


def test_bad_f() -> None:
    with pytest.raises(TypeError, match="f must be"):
        gd.derivative(1.0, 1.0)
    with pytest.raises(TypeError, match="f must be"):
        gd.gradient("f", [1.0])
    with pytest.raises(TypeError, match="f must return one real number"):
        gd.derivative(lambda x: [x], 1.0)
    with pytest.raises(TypeError, match=r"shape \(2,\)"):
        gd.gradient(lambda p: p, [1.0, 2.0])


def test_bad_x() -> None:
    with pytest.raises(TypeError, match="gradient"):
        gd.derivative(parabola, np.array([1.0, 2.0]))
    with pytest.raises(TypeError, match="x must be"):
        gd.derivative(parabola, "1.0")
    for bad in (math.nan, math.inf):
        with pytest.raises(ValueError, match="x must be"):
            gd.derivative(parabola, bad)
        with pytest.raises(ValueError, match="x must be"):
            gd.gradient(bowl, [1.0, bad])
    with pytest.raises(TypeError, match="x must be"):
        gd.gradient(bowl, ["a", "b"])


@pytest.mark.parametrize("h", [0.0, -1e-3, math.nan, math.inf])
def test_bad_h(h: float) -> None:
    with pytest.raises(ValueError, match="h must be"):
        gd.derivative(parabola, 1.0, h=h)
    with pytest.raises(ValueError, match="h must be"):
        gd.gradient(bowl, [1.0], h=h)


def test_bad_method() -> None:
    with pytest.raises(ValueError, match="'central', 'forward', 'backward'"):
        gd.derivative(parabola, 1.0, method="symmetric")


def test_count_calls_counts_every_call_and_refuses_non_functions() -> None:
    from gdcore.calculus import count_calls

    grad = count_calls(lambda x: 2 * x)
    result = gd.gradient_descent(lambda x: x**2, 70.0, lr=0.1, grad=grad, max_steps=5)
    assert grad.calls == result.nit + 1  # one gradient per iterate, the last one included
    with pytest.raises(TypeError, match="count_calls needs a function, not float"):
        count_calls(2.0)  # type: ignore[arg-type]
