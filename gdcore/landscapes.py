"""The lesson's functions ("landscapes") and their derivatives.

Every 1-D function accepts a Python ``float`` (and returns a ``float``) or a numpy array
(and returns an array of the same shape, element by element), so the same function draws
a curve and drives `gdcore.gradient_descent()`.

| function | formula | derivative |
|---|---|---|
| `parabola()` | $x^2$ | `parabola_grad()`: $2x$ |
| `v_shape()` | $\\lvert x \\rvert$ | `v_shape_grad()`: sign(x), 0 at 0 |
| `step()` | 0 if x < 0 else 1 | `step_grad()`: 0 wherever defined |
| `bowl()` | $\\sum_i p_i^2$ | `bowl_grad()`: $2p$ |
| `elongated_bowl()` | $x^2 + \\kappa y^2$ | `elongated_bowl_grad()`: $(2x, 2\\kappa y)$ |
| | | `elongated_bowl_hessian()`: diag(2, 2κ) |
| `double_well()` | $(x^2 - 1)^2 + 0.3x$ | `double_well_grad()`: $4x(x^2 - 1) + 0.3$ |
| `saddle()` | $x^2 - y^2$ | `saddle_grad()`: $(2x, -2y)$ |

Examples:
    >>> from gdcore import landscapes
    >>> landscapes.parabola(70.0), landscapes.parabola_grad(70.0)
    (4900.0, 140.0)
"""

from __future__ import annotations

from typing import overload

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "bowl",
    "bowl_grad",
    "double_well",
    "double_well_grad",
    "elongated_bowl",
    "elongated_bowl_grad",
    "elongated_bowl_hessian",
    "parabola",
    "parabola_grad",
    "saddle",
    "saddle_grad",
    "step",
    "step_grad",
    "v_shape",
    "v_shape_grad",
]

FloatArray = NDArray[np.float64]


@overload
def parabola(x: float) -> float: ...
@overload
def parabola(x: FloatArray) -> FloatArray: ...
def parabola(x: float | FloatArray) -> float | FloatArray:
    """The parabola $f(x) = x^2$, the lesson's first loss function.

    Args:
        x: A number or a numpy array (element-wise).

    Returns:
        $x^2$, a ``float`` for a number, an array of the same shape for an array.

    Examples:
        >>> parabola(-3.0)
        9.0
        >>> parabola(np.array([1.0, 2.0]))
        array([1., 4.])
    """
    if isinstance(x, np.ndarray):
        return np.square(x, dtype=np.float64)
    x = float(x)
    return x * x


@overload
def parabola_grad(x: float) -> float: ...
@overload
def parabola_grad(x: FloatArray) -> FloatArray: ...
def parabola_grad(x: float | FloatArray) -> float | FloatArray:
    """The derivative of the parabola, $f'(x) = 2x$.

    Args:
        x: A number or a numpy array (element-wise).

    Returns:
        $2x$, a ``float`` for a number, a new array for an array.

    Examples:
        >>> [parabola_grad(x) for x in (5.0, 1.0, 0.0, -3.0)]
        [10.0, 2.0, 0.0, -6.0]
    """
    if isinstance(x, np.ndarray):
        return np.multiply(x, 2.0, dtype=np.float64)
    return 2.0 * float(x)


@overload
def v_shape(x: float) -> float: ...
@overload
def v_shape(x: FloatArray) -> FloatArray: ...
def v_shape(x: float | FloatArray) -> float | FloatArray:
    """The V-shaped function $f(x) = |x|$ (the error of one residual under MAE).

    Args:
        x: A number or a numpy array (element-wise).

    Returns:
        $|x|$, a ``float`` for a number, an array for an array.

    Examples:
        >>> v_shape(-2.5)
        2.5
    """
    if isinstance(x, np.ndarray):
        return np.abs(x, dtype=np.float64)
    return abs(float(x))


@overload
def v_shape_grad(x: float) -> float: ...
@overload
def v_shape_grad(x: FloatArray) -> FloatArray: ...
def v_shape_grad(x: float | FloatArray) -> float | FloatArray:
    """A derivative of $|x|$: sign(x), and 0 at the corner x = 0.

    $|x|$ is not differentiable at 0; any value in [-1, 1] is a *subgradient* there,
    and 0 is the one chosen here. Away from 0 the slope is -1 or +1: its size never shrinks,
    which is why descent with a fixed learning rate keeps oscillating around 0.

    Args:
        x: A number or a numpy array (element-wise).

    Returns:
        -1.0, 0.0 or 1.0 (NaN for NaN), a ``float`` for a number, an array for an array.

    Examples:
        >>> v_shape_grad(-2.0), v_shape_grad(0.0), v_shape_grad(0.1)
        (-1.0, 0.0, 1.0)
    """
    if isinstance(x, np.ndarray):
        return np.sign(x, dtype=np.float64)
    x = float(x)
    if x > 0.0:
        return 1.0
    if x < 0.0:
        return -1.0
    return x * 0.0  # 0.0 for 0.0 and -0.0, NaN for NaN


@overload
def step(x: float) -> float: ...
@overload
def step(x: FloatArray) -> FloatArray: ...
def step(x: float | FloatArray) -> float | FloatArray:
    """The step function: 0 for x < 0, 1 for x >= 0 (a bad loss: flat almost everywhere).

    Args:
        x: A number or a numpy array (element-wise).

    Returns:
        0.0 or 1.0, a ``float`` for a number, an array for an array.

    Examples:
        >>> step(-0.5), step(0.0), step(3.0)
        (0.0, 1.0, 1.0)
    """
    if isinstance(x, np.ndarray):
        return np.where(x < 0.0, 0.0, 1.0)
    return 0.0 if float(x) < 0.0 else 1.0


@overload
def step_grad(x: float) -> float: ...
@overload
def step_grad(x: FloatArray) -> FloatArray: ...
def step_grad(x: float | FloatArray) -> float | FloatArray:
    """The derivative of the step function: 0 wherever it exists.

    The step function has no derivative at the jump (x = 0); everywhere else it is flat, so
    its slope is 0. This function returns 0 everywhere, including at 0: gradient descent on
    the step function therefore never moves.

    Args:
        x: A number or a numpy array (element-wise).

    Returns:
        0.0, a ``float`` for a number, an array of zeros for an array.

    Examples:
        >>> step_grad(-1.0), step_grad(2.0)
        (0.0, 0.0)
    """
    if isinstance(x, np.ndarray):
        return np.zeros(x.shape, dtype=np.float64)
    float(x)  # same input check as the other functions
    return 0.0


def bowl(p: ArrayLike) -> float:
    """The bowl $f(p) = \\sum_i p_i^2$ for a vector p of any length.

    In 2-D this is the lesson's $f(x, y) = x^2 + y^2$; with 2,000,000 entries it is a
    model with 2,000,000 parameters. It reads ``p`` once and allocates nothing.

    Args:
        p: A vector (or any array) of numbers.

    Returns:
        The sum of the squares of the entries, a ``float``.

    Examples:
        >>> bowl([6.0, 9.0])
        117.0
    """
    a = np.asarray(p, dtype=np.float64)
    flat = a.reshape(-1)
    return float(np.dot(flat, flat))


def bowl_grad(p: ArrayLike) -> FloatArray:
    """The gradient of the bowl, $\\nabla f(p) = 2p$.

    Args:
        p: A vector (or any array) of numbers.

    Returns:
        A new array ``2 * p`` of float64.

    Examples:
        >>> bowl_grad([6.0, 9.0])
        array([12., 18.])
    """
    return np.multiply(p, 2.0, dtype=np.float64)


ELONGATION = 10.0
"""The default κ of `elongated_bowl()`: the y direction is ten times as steep as x."""


def _check_xy(p: ArrayLike, kappa: float) -> tuple[FloatArray, float]:
    a = np.asarray(p, dtype=np.float64)
    if a.shape != (2,):
        raise ValueError(f"the elongated bowl takes a point (x, y) of shape (2,), not {a.shape}")
    if not (isinstance(kappa, int | float) and np.isfinite(kappa) and kappa > 0):
        raise ValueError(f"kappa must be a finite number > 0, not {kappa!r}")
    return a, float(kappa)


def elongated_bowl(p: ArrayLike, kappa: float = ELONGATION) -> float:
    """The elongated bowl $f(x, y) = x^2 + \\kappa y^2$ (a long, narrow valley).

    Its curvature is $2$ along x and $2\\kappa$ along y, so its condition number (the ratio of
    the steepest to the flattest curvature) is $\\kappa$.

    Args:
        p: The point (x, y).
        kappa: How much steeper y is than x; a finite number > 0 (default 10).

    Returns:
        $x^2 + \\kappa y^2$, a ``float``.

    Raises:
        ValueError: ``p`` is not a pair of numbers, or ``kappa`` is not a finite number > 0.

    Examples:
        >>> elongated_bowl([6.0, 9.0])
        846.0
    """
    a, k = _check_xy(p, kappa)
    return float(a[0] * a[0] + k * a[1] * a[1])


def elongated_bowl_grad(p: ArrayLike, kappa: float = ELONGATION) -> FloatArray:
    """The gradient of the elongated bowl, $(2x, 2\\kappa y)$.

    Args:
        p: The point (x, y).
        kappa: As in `elongated_bowl()`.

    Returns:
        A new float64 array ``[2x, 2κy]``.

    Raises:
        ValueError: as `elongated_bowl()`.

    Examples:
        >>> elongated_bowl_grad([6.0, 9.0])
        array([ 12., 180.])
    """
    a, k = _check_xy(p, kappa)
    return np.array([2.0 * a[0], 2.0 * k * a[1]])


def elongated_bowl_hessian(kappa: float = ELONGATION) -> FloatArray:
    """The Hessian of the elongated bowl, $\\operatorname{diag}(2, 2\\kappa)$, the same everywhere.

    Its diagonal holds the bowl's two curvatures: $\\mu = 2$ along x, $L = 2\\kappa$ along y.

    Args:
        kappa: As in `elongated_bowl()`.

    Returns:
        A new 2 × 2 float64 array.

    Raises:
        ValueError: ``kappa`` is not a finite number > 0.

    Examples:
        >>> elongated_bowl_hessian().tolist()
        [[2.0, 0.0], [0.0, 20.0]]
    """
    _a, k = _check_xy((0.0, 0.0), kappa)
    return np.diag([2.0, 2.0 * k])


TILT = 0.3
"""The tilt of `double_well()`: it lowers the left valley, so the two minima differ."""


@overload
def double_well(x: float) -> float: ...
@overload
def double_well(x: FloatArray) -> FloatArray: ...
def double_well(x: float | FloatArray) -> float | FloatArray:
    """A tilted double well $f(x) = (x^2 - 1)^2 + 0.3x$: two valleys, one deeper.

    It is not convex: it has a global minimum near $x \\approx -1.04$, a local minimum near
    $x \\approx 0.96$ and, between them, a hilltop near $x \\approx 0.08$. Where gradient
    descent ends depends on where it starts.

    Args:
        x: A number or a numpy array (element-wise).

    Returns:
        $(x^2 - 1)^2 + 0.3x$, a ``float`` for a number, an array for an array.

    Examples:
        >>> double_well(1.0), round(double_well(-1.0), 6)
        (0.3, -0.3)
    """
    if isinstance(x, np.ndarray):
        a = np.asarray(x, dtype=np.float64)
        return np.square(a * a - 1.0) + TILT * a
    x = float(x)
    return (x * x - 1.0) ** 2 + TILT * x


@overload
def double_well_grad(x: float) -> float: ...
@overload
def double_well_grad(x: FloatArray) -> FloatArray: ...
def double_well_grad(x: float | FloatArray) -> float | FloatArray:
    """The derivative of the double well, $f'(x) = 4x(x^2 - 1) + 0.3$.

    Args:
        x: A number or a numpy array (element-wise).

    Returns:
        $4x(x^2 - 1) + 0.3$, a ``float`` for a number, an array for an array.

    Examples:
        >>> double_well_grad(0.0), double_well_grad(2.0)
        (0.3, 24.3)
    """
    if isinstance(x, np.ndarray):
        a = np.asarray(x, dtype=np.float64)
        return 4.0 * a * (a * a - 1.0) + TILT
    x = float(x)
    return 4.0 * x * (x * x - 1.0) + TILT


def _check_point(p: ArrayLike, name: str) -> FloatArray:
    a = np.asarray(p, dtype=np.float64)
    if a.shape != (2,):
        raise ValueError(f"the {name} takes a point (x, y) of shape (2,), not {a.shape}")
    return a


def saddle(p: ArrayLike) -> float:
    """The saddle $f(x, y) = x^2 - y^2$: a minimum along x, a maximum along y.

    Its gradient is zero at $(0, 0)$, yet $(0, 0)$ is no minimum: along $y$ the surface goes
    down on both sides, without a bottom.

    Args:
        p: The point (x, y).

    Returns:
        $x^2 - y^2$, a ``float``.

    Raises:
        ValueError: ``p`` is not a pair of numbers.

    Examples:
        >>> saddle([1.0, 0.0]), saddle([0.0, 1.0])
        (1.0, -1.0)
    """
    a = _check_point(p, "saddle")
    return float(a[0] * a[0] - a[1] * a[1])


def saddle_grad(p: ArrayLike) -> FloatArray:
    """The gradient of the saddle, $(2x, -2y)$.

    Args:
        p: The point (x, y).

    Returns:
        A new float64 array ``[2x, -2y]``.

    Raises:
        ValueError: ``p`` is not a pair of numbers.

    Examples:
        >>> saddle_grad([1.0, 0.5])
        array([ 2., -1.])
    """
    a = _check_point(p, "saddle")
    return np.array([2.0 * a[0], -2.0 * a[1]])
