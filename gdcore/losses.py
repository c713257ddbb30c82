"""Loss functions: how wrong the predictions are, as one number (and its gradient).

For predictions $\\hat y_i$ and targets $y_i$, $i = 1, \\dots, n$, with
residuals $r_i = \\hat y_i - y_i$:

- mean squared error, $\\text{MSE} = \\frac1n \\sum_i r_i^2$, gradient
  $\\frac{\\partial\\,\\text{MSE}}{\\partial \\hat y_i} = \\frac{2 r_i}{n}$: smooth, and
  its slope shrinks as the error shrinks; large errors weigh quadratically (outliers pull);
- mean absolute error, $\\text{MAE} = \\frac1n \\sum_i |r_i|$, gradient
  $\\frac{\\operatorname{sign}(r_i)}{n}$ (0 where $r_i = 0$, a subgradient): robust
  to outliers, but its slope never shrinks and it has a corner at 0.

With one residual these are the lesson's pictures $x^2$ and $|x|$.

Examples:
    >>> mse([1.0, 2.0], [1.0, 4.0]), mae([1.0, 2.0], [1.0, 4.0])
    (2.0, 1.0)
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["mae", "mae_grad", "mse", "mse_grad", "residuals"]


def residuals(pred: ArrayLike, target: ArrayLike) -> NDArray[np.float64]:
    """The residuals ``pred - target`` after checking both have the same shape.

    Args:
        pred: The predictions (a number or an array of numbers).
        target: The true values, same shape as ``pred``.

    Returns:
        A new float64 array ``pred - target``.

    Raises:
        TypeError: ``pred`` or ``target`` is not made of real numbers.
        ValueError: the shapes differ (the message gives both), or they are empty.

    Examples:
        >>> residuals([3.0, 5.0], [1.0, 5.0])
        array([2., 0.])
    """
    p = _as_numbers(pred, "pred")
    t = _as_numbers(target, "target")
    if p.shape != t.shape:
        raise ValueError(
            f"pred and target must have the same shape; got pred {p.shape} and target {t.shape}"
        )
    if p.size == 0:
        raise ValueError("pred and target must not be empty")
    with np.errstate(all="ignore"):
        return np.subtract(p, t, dtype=np.float64)


def mse(pred: ArrayLike, target: ArrayLike) -> float:
    """Mean squared error $\\frac1n \\sum_i (\\hat y_i - y_i)^2$.

    Args:
        pred: The predictions.
        target: The true values, same shape as ``pred``.

    Returns:
        The mean of the squared residuals, a ``float``.

    Raises:
        TypeError: an input is not made of real numbers.
        ValueError: the shapes differ (both are named) or are empty.

    Examples:
        >>> mse([2.0, 0.0, 1.0], [1.0, 0.0, 4.0])  # (1 + 0 + 9) / 3
        3.3333333333333335
    """
    r = residuals(pred, target)
    with np.errstate(all="ignore"):
        flat = r.reshape(-1)
        return float(np.dot(flat, flat) / r.size)


def mae(pred: ArrayLike, target: ArrayLike) -> float:
    """Mean absolute error $\\frac1n \\sum_i |\\hat y_i - y_i|$.

    Args:
        pred: The predictions.
        target: The true values, same shape as ``pred``.

    Returns:
        The mean of the absolute residuals, a ``float``.

    Raises:
        TypeError: an input is not made of real numbers.
        ValueError: the shapes differ (both are named) or are empty.

    Examples:
        >>> mae([2.0, 0.0, 1.0], [1.0, 0.0, 4.0])  # (1 + 0 + 3) / 3
        1.3333333333333333
    """
    r = residuals(pred, target)
    with np.errstate(all="ignore"):
        return float(np.abs(r).mean())


def mse_grad(pred: ArrayLike, target: ArrayLike) -> NDArray[np.float64]:
    """The gradient of `mse()` with respect to ``pred``: $2(\\hat y - y)/n$.

    Args:
        pred: The predictions.
        target: The true values, same shape as ``pred``.

    Returns:
        A new float64 array of the shape of ``pred``.

    Raises:
        TypeError: an input is not made of real numbers.
        ValueError: the shapes differ (both are named) or are empty.

    Examples:
        >>> mse_grad([2.0, 0.0, 1.0], [1.0, 0.0, 4.0]).round(4).tolist()
        [0.6667, 0.0, -2.0]
    """
    r = residuals(pred, target)
    with np.errstate(all="ignore"):
        r *= 2.0 / r.size
    return r


def mae_grad(pred: ArrayLike, target: ArrayLike) -> NDArray[np.float64]:
    """The gradient of `mae()` with respect to ``pred``: sign(pred - target) / n.

    Where a residual is exactly 0, MAE has a corner; 0 (a valid subgradient) is used there.
    Every other entry has size $1/n$ however small the error: the slope never shrinks.

    Args:
        pred: The predictions.
        target: The true values, same shape as ``pred``.

    Returns:
        A new float64 array of the shape of ``pred``.

    Raises:
        TypeError: an input is not made of real numbers.
        ValueError: the shapes differ (both are named) or are empty.

    Examples:
        >>> mae_grad([2.0, 0.0, 1.0], [1.0, 0.0, 4.0]).round(4).tolist()
        [0.3333, 0.0, -0.3333]
    """
    r = residuals(pred, target)
    np.sign(r, out=r)
    r /= r.size
    return r


def _as_numbers(value: ArrayLike, name: str) -> NDArray[np.float64]:
    try:
        a = np.asarray(value)
    except ValueError as error:  # ragged nested lists
        raise ValueError(f"{name} must be a regular array of numbers: {error}") from None
    if a.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be made of real numbers; got dtype {a.dtype}")
    return a.astype(np.float64, copy=False)
