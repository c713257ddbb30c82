"""Fit a straight line $y \\approx w x + b$ by gradient descent on MSE or MAE.

The lesson fits house prices against floor area with both losses and compares the lines.
Two details that are not the lesson's point live here:

- **Standardization.** The inputs are rescaled to $z = (x - \\bar x) / s$ (mean 0, spread 1)
  before descending, so one learning rate suits both parameters; the line found for $z$,
  $a z + c$, is turned back into $w = a / s$, $b = c - a \\bar x / s$.
- **The chain rule.** The loss is a function of the predictions $\\hat y_i = a z_i + c$, so
  $\\partial L / \\partial a = \\sum_i (\\partial L / \\partial \\hat y_i)\\, z_i$ and
  $\\partial L / \\partial c = \\sum_i \\partial L / \\partial \\hat y_i$.

Examples:
    >>> import numpy as np
    >>> fit = fit_line(np.array([0.0, 1.0, 2.0]), np.array([1.0, 3.0, 5.0]), loss="mse", lr=0.1)
    >>> round(fit.w, 6), round(fit.b, 6), fit.result.status
    (2.0, 1.0, 'converged')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from gdcore import losses
from gdcore.descent import DescentResult, LearningRate, gradient_descent

__all__ = ["LineFit", "fit_line"]

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class LineFit:
    """A line $y \\approx w x + b$ found by `fit_line()`.

    Attributes:
        w: The slope, in the units of y per unit of x.
        b: The intercept, in the units of y.
        result: The `gdcore.DescentResult` of the descent on the standardized inputs.
    """

    w: float
    b: float
    result: DescentResult


def fit_line(
    x: ArrayLike,
    y: ArrayLike,
    *,
    loss: Literal["mse", "mae"],
    lr: LearningRate,
    max_steps: int = 20_000,
) -> LineFit:
    """Fit $y \\approx w x + b$ by gradient descent on the mean squared or absolute error.

    Args:
        x: The inputs, a 1-D array of at least two numbers, not all equal.
        y: The targets, an array of the same shape.
        loss: ``"mse"`` or ``"mae"``.
        lr: The learning rate (a number > 0 or a schedule ``k -> lr``), as in
            `gdcore.gradient_descent()`.
        max_steps: The most updates.

    Returns:
        A `LineFit` with ``w``, ``b`` and the descent's result.

    Raises:
        ValueError: ``loss`` is not ``"mse"`` or ``"mae"``, ``x`` and ``y`` differ in shape,
            ``x`` is not 1-D with two or more entries, or all of ``x`` is one value.

    Examples:
        >>> import gdcore as gd
        >>> area, price = gd.datasets.house_prices()
        >>> fit = fit_line(area, price, loss="mse", lr=0.1)
        >>> fit.result.status, fit.w > 0
        ('converged', True)
    """
    if loss not in ("mse", "mae"):
        raise ValueError(f"loss must be 'mse' or 'mae', not {loss!r}")
    xs = np.asarray(x, dtype=np.float64)
    ys = np.asarray(y, dtype=np.float64)
    if xs.shape != ys.shape:
        raise ValueError(f"x and y must have the same shape, not {xs.shape} and {ys.shape}")
    if xs.ndim != 1 or xs.size < 2:
        raise ValueError(f"x must be a 1-D array of at least two numbers, not shape {xs.shape}")
    mean, spread = float(xs.mean()), float(xs.std())
    if spread == 0.0:
        raise ValueError("all x values are equal: no line is determined by them")
    z = (xs - mean) / spread
    value, slopes = (
        (losses.mse, losses.mse_grad) if loss == "mse" else (losses.mae, losses.mae_grad)
    )

    def objective(theta: FloatArray) -> float:
        return float(value(theta[0] * z + theta[1], ys))

    def gradient(theta: FloatArray) -> FloatArray:
        g = np.asarray(slopes(theta[0] * z + theta[1], ys), dtype=np.float64)
        return np.array([float(np.dot(g, z)), float(g.sum())])

    result = gradient_descent(
        objective, np.zeros(2), lr=lr, grad=gradient, max_steps=max_steps, record="loss"
    )
    a, c = (float(v) for v in np.asarray(result.x, dtype=np.float64))
    return LineFit(w=a / spread, b=c - a * mean / spread, result=result)
