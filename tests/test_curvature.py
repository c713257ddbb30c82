"""Why −∇f and why η < 2/L: the directional derivative, the curvature helpers, the Newton step."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gdcore as gd
from gdcore import curvature, landscapes
from gdcore.calculus import directional_derivative

TOL = 1e-6  # a default-step central difference on these quadratics is this close
START = np.array([6.0, 2.0])


def run(lr: float) -> gd.DescentResult:
    return gd.gradient_descent(
        landscapes.elongated_bowl, START, lr=lr, grad=landscapes.elongated_bowl_grad
    )


# -- the directional derivative ------------------------------------------------------------
def test_directional_derivative_is_the_gradient_dotted_with_the_unit_direction() -> None:
    p = np.array([6.0, 9.0])
    g = landscapes.bowl_grad(p)
    for angle in np.radians(np.arange(0.0, 360.0, 7.0)):
        u = np.array([math.cos(angle), math.sin(angle)])
        assert directional_derivative(landscapes.bowl, p, u) == pytest.approx(g @ u, abs=TOL)
        # the length of u does not matter: it is a direction
        assert directional_derivative(landscapes.bowl, p, 3.5 * u) == pytest.approx(g @ u, abs=TOL)


def test_steepest_descent_is_minus_the_gradient_over_many_directions() -> None:
    p = np.array([6.0, 9.0])
    g = landscapes.bowl_grad(p)
    angles = np.radians(np.arange(0.0, 360.0, 0.25))
    directions = np.column_stack([np.cos(angles), np.sin(angles)])
    slopes = np.array([directional_derivative(landscapes.bowl, p, u) for u in directions])
    steepest = directions[np.argmin(slopes)]
    assert slopes.min() == pytest.approx(-np.linalg.norm(g), rel=1e-5)
    assert slopes.max() == pytest.approx(np.linalg.norm(g), rel=1e-5)
    # within half a grid step (0.125°) of −∇f/‖∇f‖
    assert steepest @ (-g / np.linalg.norm(g)) > math.cos(math.radians(0.13))
    # along the level circle (perpendicular to ∇f) f does not change at first
    assert directional_derivative(landscapes.bowl, p, [-9.0, 6.0]) == pytest.approx(0.0, abs=TOL)


@pytest.mark.parametrize(
    ("x", "u", "error"),
    [
        ([1.0, 2.0], [0.0, 0.0], ValueError),
        ([1.0, 2.0], [1.0, 0.0, 0.0], ValueError),
        ([1.0, np.nan], [1.0, 0.0], ValueError),
        ([1.0, 2.0], ["a", "b"], TypeError),
    ],
)
def test_directional_derivative_refuses_bad_input(x: object, u: object, error: type) -> None:
    with pytest.raises(error):
        directional_derivative(landscapes.bowl, x, u)  # type: ignore[arg-type]


# -- curvature and the step size -----------------------------------------------------------
def test_the_three_limits_are_one_rule() -> None:
    assert curvature.stability_limit(2.0) == 1.0  # η < 1 on x²
    assert curvature.stability_limit(2.0 * np.eye(2)) == 1.0  # the round bowl
    hessian = landscapes.elongated_bowl_hessian()
    assert curvature.stability_limit(hessian) == pytest.approx(1 / landscapes.ELONGATION)
    assert curvature.curvatures(hessian) == (2.0, 2.0 * landscapes.ELONGATION)


def test_the_hessian_is_the_second_derivative_of_the_elongated_bowl() -> None:
    p = np.array([1.5, -0.5])
    numeric = np.array(
        [gd.gradient(lambda q, i=i: landscapes.elongated_bowl_grad(q)[i], p) for i in range(2)]
    )
    np.testing.assert_allclose(numeric, landscapes.elongated_bowl_hessian(), atol=1e-6)


@settings(deadline=None, max_examples=30)
@given(st.floats(0.002, 0.0995))
def test_descent_converges_below_two_over_l(lr: float) -> None:
    assert curvature.contraction(landscapes.elongated_bowl_hessian(), lr) < 1.0
    assert run(lr).status in ("converged", "max_steps")
    assert run(lr).fun < landscapes.elongated_bowl(START)


@settings(deadline=None, max_examples=30)
@given(st.floats(0.1005, 0.3))
def test_descent_diverges_above_two_over_l(lr: float) -> None:
    assert curvature.contraction(landscapes.elongated_bowl_hessian(), lr) > 1.0
    result = run(lr)  # just above the limit it may take more than 1000 steps to overflow
    assert result.status == "diverged" or result.fun > 1e3 * landscapes.elongated_bowl(START)


def test_two_over_l_plus_mu_has_the_smallest_worst_factor() -> None:
    hessian = landscapes.elongated_bowl_hessian()
    best = curvature.best_learning_rate(hessian)
    grid = np.linspace(0.001, 0.1, 991)
    factors = [curvature.contraction(hessian, lr) for lr in grid]
    assert grid[int(np.argmin(factors))] == pytest.approx(best, abs=1e-4)
    kappa = landscapes.ELONGATION
    assert curvature.contraction(hessian, best) == pytest.approx((kappa - 1) / (kappa + 1))
    # and the run needs fewer steps there than at 1/L or close to 2/L
    assert run(best).nit < run(0.05).nit < run(0.099).nit


def test_the_contraction_factor_is_what_descent_does_per_step() -> None:
    result = gd.gradient_descent(
        landscapes.elongated_bowl,
        START,
        lr=0.05,
        grad=landscapes.elongated_bowl_grad,
        max_steps=5,
        record="all",
        tol=0.0,
    )
    assert result.path is not None
    ratio = np.abs(result.path[1:, 0] / result.path[:-1, 0])  # the slow direction, x
    np.testing.assert_allclose(
        ratio, curvature.contraction(landscapes.elongated_bowl_hessian(), 0.05)
    )


def test_a_newton_step_lands_on_the_minimum_of_a_quadratic() -> None:
    assert curvature.newton_step(70.0, landscapes.parabola_grad, 2.0) == 0.0
    for start in ([6.0, 2.0], [-3.0, 0.7], [100.0, -40.0]):
        end = curvature.newton_step(
            start, landscapes.elongated_bowl_grad, landscapes.elongated_bowl_hessian()
        )
        np.testing.assert_allclose(end, [0.0, 0.0], atol=1e-12)
    # on x², η = 1/f'' is that Newton step
    one = gd.gradient_descent(landscapes.parabola, 70.0, lr=0.5, grad=landscapes.parabola_grad)
    assert one.nit == 1 and one.x == 0.0


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: curvature.curvatures([[1.0, 2.0], [0.0, 1.0]]), ValueError),  # not symmetric
        (lambda: curvature.curvatures([1.0, 2.0, 3.0]), ValueError),  # not square
        (lambda: curvature.curvatures([["a"]]), TypeError),
        (lambda: curvature.stability_limit(-2.0), ValueError),  # a ridge, no limit
        (lambda: curvature.best_learning_rate(np.diag([-2.0, 2.0])), ValueError),  # a saddle
        (lambda: curvature.contraction(2.0, 0.0), ValueError),
        (lambda: curvature.contraction(2.0, "0.1"), TypeError),
        (lambda: curvature.newton_step([1.0, 2.0], landscapes.bowl_grad, 2.0), ValueError),
        (
            lambda: curvature.newton_step([1.0, 2.0], landscapes.bowl_grad, np.zeros((2, 2))),
            ValueError,
        ),
        (lambda: curvature.newton_step([1.0, 2.0], None, np.eye(2)), TypeError),
    ],
)
def test_bad_input_is_refused(call: object, error: type) -> None:
    with pytest.raises(error):
        call()  # type: ignore[operator]


# -- the figure ----------------------------------------------------------------------------
def test_every_arrow_crosses_its_contour_at_a_right_angle() -> None:
    fig = gd.plots.gradient_arrows(lang="en")
    for ax, f in zip(fig.axes, (landscapes.bowl, landscapes.elongated_bowl), strict=True):
        (quiver,) = ax.collections
        points, arrows = quiver.get_offsets(), np.column_stack([quiver.U, quiver.V])
        assert len(points) == 8
        levels = [f(p) for p in points]
        assert levels == pytest.approx([levels[0]] * 8, rel=1e-3)  # all on one contour
        for p, a in zip(points, arrows, strict=True):
            # the tangent of the level curve at p is perpendicular to ∇f(p)
            tangent = np.array([-gd.gradient(f, p)[1], gd.gradient(f, p)[0]])
            assert a @ tangent == pytest.approx(0.0, abs=1e-2 * np.linalg.norm(tangent))
            assert directional_derivative(f, p, a) < 0  # downhill
