"""Numerical derivatives: the slope of ``f`` measured by finite differences.

The derivative is the limit of the slope of a secant,

$$
f'(x) = \\lim_{h \\to 0} \\frac{f(x + h) - f(x)}{h},
$$

and a computer can only take a small ``h``. Two errors pull in opposite directions: a large
``h`` measures the secant, not the tangent (*truncation* error, $O(h)$ for the forward
and backward differences, $O(h^2)$ for the central one); a tiny ``h`` subtracts two
nearly equal numbers and loses digits (*rounding* error, about $\\varepsilon / h$ with
$\\varepsilon \\approx 2.2 \\times 10^{-16}$). The default ``h`` balances the two:
$\\sqrt{\\varepsilon}\\max(1, |x|)$ for forward/backward differences and
$\\sqrt[3]{\\varepsilon}\\max(1, |x|)$ for central ones.

Examples:
    >>> round(derivative(lambda x: x**2, 5.0), 8)
    10.0
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, Literal, TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "CountedCalls",
    "Method",
    "count_calls",
    "derivative",
    "directional_derivative",
    "gradient",
]

FloatArray: TypeAlias = NDArray[np.float64]

Method: TypeAlias = Literal["central", "forward", "backward"]
"""Which finite difference `derivative()` uses."""

_METHODS = ("central", "forward", "backward")
_EPS = float(np.finfo(np.float64).eps)


def derivative(
    f: Callable[[float], Any],
    x: float,
    *,
    h: float | None = None,
    method: Method = "central",
) -> float:
    """The derivative $f'(x)$ of a function of one number, by finite differences.

    ``"central"``: $\\frac{f(x+h) - f(x-h)}{2h}$ (error $O(h^2)$, the default);
    ``"forward"``: $\\frac{f(x+h) - f(x)}{h}$; ``"backward"``:
    $\\frac{f(x) - f(x-h)}{h}$ (error $O(h)$). The step actually used is the
    exactly representable $(x + h) - x$.

    Args:
        f: A function of one number returning one real number.
        x: Where to take the derivative (a finite number).
        h: The step, a finite number > 0; ``None`` (the default) picks
            $\\sqrt[3]{\\varepsilon}\\max(1, |x|)$ for central differences and
            $\\sqrt{\\varepsilon}\\max(1, |x|)$ for the others.
        method: ``"central"``, ``"forward"`` or ``"backward"``.

    Returns:
        The estimated slope, a ``float`` (NaN or inf if ``f`` returns NaN or inf nearby).

    Raises:
        TypeError: ``f`` is not callable, ``x`` is not one real number, or ``f`` returns
            something other than one real number.
        ValueError: ``x`` is NaN or inf, ``h`` is not a finite number > 0, or ``method`` is
            unknown.

    Examples:
        >>> [round(derivative(lambda x: x**2, x), 6) for x in (5.0, 1.0, 0.0, -3.0)]
        [10.0, 2.0, 0.0, -6.0]
        >>> round(derivative(lambda x: x**2, 5.0, h=0.1, method="forward"), 6)
        10.1
    """
    if not callable(f):
        raise TypeError(f"f must be a callable x -> number; got {type(f).__name__}")
    if not _is_real_number(x):
        if isinstance(x, np.ndarray) and x.ndim > 0:
            raise TypeError("x must be one number; use gradient() for vectors")
        if not (isinstance(x, np.ndarray) and x.dtype.kind in "iuf"):
            raise TypeError(f"x must be one real number; got {type(x).__name__} {x!r}")
    x = float(x)
    if not math.isfinite(x):
        raise ValueError(f"x must be a finite number; got {x}")
    if method not in _METHODS:
        raise ValueError(f"method must be one of {', '.join(map(repr, _METHODS))}; got {method!r}")
    step = _default_step(x, method) if h is None else _check_h(h)
    with np.errstate(all="ignore"):
        if method == "central":
            x_plus, x_minus = x + step, x - step
            return _finite_difference(f(x_plus), f(x_minus), x_plus - x_minus)
        if method == "forward":
            x_plus = x + step
            return _finite_difference(f(x_plus), f(x), x_plus - x)
        x_minus = x - step
        return _finite_difference(f(x), f(x_minus), x - x_minus)


def gradient(f: Callable[[Any], Any], x: ArrayLike, *, h: float | None = None) -> FloatArray:
    """The gradient $\\nabla f(x)$ of a function of a vector, by central differences.

    Entry ``i`` is $\\frac{f(x + h_i e_i) - f(x - h_i e_i)}{2 h_i}$: the slope along
    axis ``i`` with every other entry held fixed (a partial derivative). It costs
    ``2 * x.size`` calls of ``f``: fine for the lesson's 2-D examples, too slow for a
    model with millions of parameters (that is what backpropagation is for).

    Args:
        f: A function of an array (of the shape of ``x``) returning one real number.
        x: Where to take the gradient: an array (or list) of finite numbers, any shape.
        h: The step, a finite number > 0; ``None`` (the default) uses
            $\\sqrt[3]{\\varepsilon}\\max(1, |x_i|)$ for entry ``i``.

    Returns:
        A new float64 array of the shape of ``x``.

    Raises:
        TypeError: ``f`` is not callable, ``x`` is not made of real numbers, or ``f``
            returns something other than one real number.
        ValueError: ``x`` contains NaN or inf, or ``h`` is not a finite number > 0.

    Examples:
        >>> g = gradient(lambda p: p[0] ** 2 + p[1] ** 2, [6.0, 9.0])
        >>> g.round(6).tolist()
        [12.0, 18.0]
    """
    if not callable(f):
        raise TypeError(f"f must be a callable x -> number; got {type(f).__name__}")
    a = np.asarray(x)
    if a.dtype.kind not in "iuf":
        raise TypeError(f"x must be an array of real numbers; got dtype {a.dtype}")
    point = np.array(a, dtype=np.float64, copy=True)
    if not np.isfinite(point).all():
        raise ValueError("x must be finite; it contains NaN or inf")
    fixed_step = None if h is None else _check_h(h)
    flat = point.reshape(-1)  # a view: writing flat[i] moves point
    out = np.empty(point.shape, dtype=np.float64)
    out_flat = out.reshape(-1)
    with np.errstate(all="ignore"):
        for i in range(flat.size):
            xi = float(flat[i])
            step = _default_step(xi, "central") if fixed_step is None else fixed_step
            flat[i] = xi + step
            x_plus = float(flat[i])
            f_plus = f(point)
            flat[i] = xi - step
            x_minus = float(flat[i])
            f_minus = f(point)
            flat[i] = xi
            out_flat[i] = _finite_difference(f_plus, f_minus, x_plus - x_minus)
    return out


def directional_derivative(
    f: Callable[[Any], Any], x: ArrayLike, u: ArrayLike, *, h: float | None = None
) -> float:
    """The slope of ``f`` at ``x`` when moving in the direction ``u``, by central differences.

    ``u`` is first scaled to length 1, so the result is the change of ``f`` per unit of
    distance: the derivative of the one-variable function $t \\mapsto f(x + t u)$ at
    $t = 0$. It equals $\\nabla f(x) \\cdot u$; along $u = \\nabla f / \\lVert \\nabla f
    \\rVert$ it is $\\lVert \\nabla f \\rVert$ (the steepest way up), along the opposite
    direction $-\\lVert \\nabla f \\rVert$, and 0 along a level curve.

    Args:
        f: A function of an array (of the shape of ``x``) returning one real number.
        x: Where to take the slope: an array (or list) of finite numbers.
        u: The direction: finite numbers, the shape of ``x``, not all zero.
        h: The step along ``u``, a finite number > 0; ``None`` picks it as `derivative()`.

    Returns:
        The slope, a ``float``.

    Raises:
        TypeError: ``f`` is not callable, or ``x`` or ``u`` is not made of real numbers.
        ValueError: ``x`` or ``u`` is not finite, their shapes differ, or ``u`` is zero.

    Examples:
        >>> bowl = lambda p: p[0] ** 2 + p[1] ** 2
        >>> round(directional_derivative(bowl, [6.0, 9.0], [1.0, 0.0]), 6)  # = ∂f/∂x
        12.0
        >>> round(directional_derivative(bowl, [6.0, 9.0], [-12.0, -18.0]), 4)  # −‖∇f‖
        -21.6333
        >>> round(directional_derivative(bowl, [6.0, 9.0], [-9.0, 6.0]), 6)  # along the circle
        0.0
    """
    if not callable(f):
        raise TypeError(f"f must be a callable x -> number; got {type(f).__name__}")
    point, direction = np.asarray(x), np.asarray(u)
    for name, a in (("x", point), ("u", direction)):
        if a.dtype.kind not in "iuf":
            raise TypeError(f"{name} must be an array of real numbers; got dtype {a.dtype}")
        if not np.isfinite(a).all():
            raise ValueError(f"{name} must be finite; it contains NaN or inf")
    if point.shape != direction.shape:
        raise ValueError(
            f"u must have the shape of x: x has shape {point.shape}, u has {direction.shape}"
        )
    length = float(np.linalg.norm(direction))
    if length == 0.0:
        raise ValueError("u must not be the zero vector: it has no direction")
    start = point.astype(np.float64)
    unit = direction.astype(np.float64) / length
    return derivative(lambda t: f(start + t * unit), 0.0, h=h)


def _finite_difference(f_hi: object, f_lo: object, width: float) -> float:
    return (_as_real(f_hi, "f") - _as_real(f_lo, "f")) / width


def _default_step(x: float, method: str) -> float:
    scale = max(1.0, abs(x))
    return (_EPS ** (1.0 / 3.0) if method == "central" else math.sqrt(_EPS)) * scale


def _check_h(h: object) -> float:
    if not _is_real_number(h):
        raise TypeError(f"h must be a number > 0 or None; got {type(h).__name__} {h!r}")
    value = float(h)  # type: ignore[arg-type]
    if not (math.isfinite(value) and value > 0.0):
        raise ValueError(f"h must be a finite number > 0 (the finite-difference step); got {value}")
    return value


def _is_real_number(value: object) -> bool:
    """True for one real number (int, float or a numpy scalar), not for bools."""
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_)
    )


def _as_real(value: object, name: str) -> float:
    """``value`` as a float if it is one real number, else ``TypeError`` naming ``name``."""
    if type(value) is float:
        return value
    if _is_real_number(value):
        return float(value)  # type: ignore[arg-type]
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        return float(value)
    if isinstance(value, np.ndarray):
        what = f"an array of shape {value.shape}"
    else:
        what = f"{type(value).__name__} {value!r}"
    raise TypeError(f"{name} must return one real number (a scalar), but it returned {what}")


class CountedCalls:
    """A function that counts how often it is called (see `count_calls()`).

    Attributes:
        calls: How many times it has been called so far.
    """

    def __init__(self, f: Callable[..., Any]) -> None:
        self._f = f
        self.calls = 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """Call the wrapped function once more (and count it)."""
        self.calls += 1
        return self._f(*args, **kwargs)


def count_calls(f: Callable[..., Any]) -> CountedCalls:
    """Wrap ``f`` so that every call is counted: the cost of an optimizer, in evaluations.

    Args:
        f: The function to count (for instance a gradient).

    Raises:
        TypeError: ``f`` is not callable.

    Examples:
        >>> grad = count_calls(lambda x: 2 * x)
        >>> grad(3.0), grad(5.0), grad.calls
        (6.0, 10.0, 2)
    """
    if not callable(f):
        raise TypeError(f"count_calls needs a function, not {type(f).__name__}")
    return CountedCalls(f)
