"""Curvature and the step size: why gradient descent needs η < 2/L, and the Newton step.

Near a point, a smooth function is close to its quadratic model

$$f(x + d) \\approx f(x) + \\nabla f(x) \\cdot d + \\tfrac{1}{2} d^\\top H d,$$

where the Hessian $H$ holds the second derivatives (the curvatures). Its largest eigenvalue
$L$ (the steepest curvature) bounds the model from above: $f(x + d) \\le f(x) + \\nabla f
\\cdot d + \\frac{1}{2} L \\lVert d \\rVert^2$. A step $d = -\\eta \\nabla f$ therefore lowers
$f$ whenever $\\eta < 2/L$, and lowers the bound most at $\\eta = 1/L$. On a quadratic, each
step multiplies the distance to the minimum along the eigenvector of curvature $\\lambda$ by
$1 - \\eta\\lambda$: descent converges exactly when every $|1 - \\eta\\lambda| < 1$, that is
$\\eta < 2/L$, and the worst factor is smallest at $\\eta = 2/(L + \\mu)$, with $\\mu$ the
smallest curvature. Dividing the gradient by the curvature instead (the Newton step,
$x - H^{-1} \\nabla f$) lands on the minimum of a quadratic in one step.

A Hessian is given as one number (the second derivative $f''$ of a function of one variable)
or as a symmetric square matrix.

Examples:
    >>> import numpy as np
    >>> H = np.diag([2.0, 20.0])  # the elongated bowl x² + 10y²
    >>> curvatures(H), stability_limit(H), round(best_learning_rate(H), 4)
    ((2.0, 20.0), 0.1, 0.0909)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "best_learning_rate",
    "contraction",
    "curvatures",
    "newton_step",
    "stability_limit",
]

FloatArray: TypeAlias = NDArray[np.float64]


def _as_hessian(hessian: ArrayLike) -> FloatArray:
    """``hessian`` as a symmetric square float64 matrix (a number becomes a 1 × 1 matrix)."""
    h = np.asarray(hessian)
    if h.dtype.kind not in "iuf":
        raise TypeError(f"the Hessian must be made of real numbers; got dtype {h.dtype}")
    h = np.atleast_2d(h.astype(np.float64))
    if h.ndim != 2 or h.shape[0] != h.shape[1]:
        raise ValueError(f"the Hessian must be a number or a square matrix; got shape {h.shape}")
    if not np.isfinite(h).all():
        raise ValueError("the Hessian must be finite; it contains NaN or inf")
    if not np.allclose(h, h.T, rtol=1e-12, atol=0.0):
        raise ValueError("the Hessian must be symmetric (its second derivatives commute)")
    return h


def curvatures(hessian: ArrayLike) -> tuple[float, float]:
    """The smallest and the largest curvature, $(\\mu, L)$: the Hessian's extreme eigenvalues.

    Args:
        hessian: $f''$ (a number) or the symmetric Hessian matrix.

    Returns:
        ``(mu, L)``, two floats, ``mu <= L``.

    Raises:
        TypeError: the Hessian is not made of real numbers.
        ValueError: it is not a number or a square, symmetric, finite matrix.

    Examples:
        >>> curvatures(2.0)
        (2.0, 2.0)
        >>> curvatures([[2.0, 0.0], [0.0, 20.0]])
        (2.0, 20.0)
    """
    eigenvalues = np.linalg.eigvalsh(_as_hessian(hessian))
    return float(eigenvalues[0]), float(eigenvalues[-1])


def _largest_positive(hessian: ArrayLike) -> tuple[float, float]:
    mu, big = curvatures(hessian)
    if big <= 0.0:
        raise ValueError(f"the largest curvature L must be > 0 (a valley, not a ridge); got {big}")
    return mu, big


def stability_limit(hessian: ArrayLike) -> float:
    """$2 / L$: gradient descent on a quadratic with this Hessian converges iff $\\eta < 2/L$.

    Args:
        hessian: $f''$ (a number) or the symmetric Hessian matrix; its largest eigenvalue
            ``L`` must be > 0.

    Returns:
        The largest learning rate that is still too large: ``2 / L``.

    Raises:
        TypeError: as `curvatures()`.
        ValueError: as `curvatures()`, or ``L <= 0``.

    Examples:
        >>> stability_limit(2.0)  # f(x) = x²: η < 1
        1.0
        >>> stability_limit([[2.0, 0.0], [0.0, 20.0]])  # x² + 10y²: η < 1/10
        0.1
    """
    _mu, big = _largest_positive(hessian)
    return 2.0 / big


def best_learning_rate(hessian: ArrayLike) -> float:
    """$2 / (L + \\mu)$: the fixed learning rate whose slowest direction shrinks fastest.

    At this η the flattest and the steepest direction shrink by the same factor,
    $(L - \\mu) / (L + \\mu) = (\\kappa - 1) / (\\kappa + 1)$ with $\\kappa = L / \\mu$.

    Args:
        hessian: $f''$ (a number) or the symmetric Hessian matrix, with all curvatures > 0.

    Returns:
        ``2 / (L + mu)``.

    Raises:
        TypeError: as `curvatures()`.
        ValueError: as `curvatures()`, or a curvature is <= 0 (no single minimum).

    Examples:
        >>> best_learning_rate(2.0)  # on x² it is the Newton step 1/f''
        0.5
        >>> round(best_learning_rate([[2.0, 0.0], [0.0, 20.0]]), 6)
        0.090909
    """
    mu, big = _largest_positive(hessian)
    if mu <= 0.0:
        raise ValueError(f"every curvature must be > 0 (one minimum); the smallest is {mu}")
    return 2.0 / (big + mu)


def contraction(hessian: ArrayLike, lr: float) -> float:
    """The worst factor per step, $\\max_\\lambda |1 - \\eta\\lambda|$, of descent on a quadratic.

    Each step multiplies the distance to the minimum along the eigenvector of curvature
    $\\lambda$ by $1 - \\eta\\lambda$; below 1 descent converges (that fast), at 1 it
    oscillates or stalls, above 1 it diverges.

    Args:
        hessian: $f''$ (a number) or the symmetric Hessian matrix.
        lr: The learning rate η, a finite number > 0.

    Returns:
        The factor, a float >= 0.

    Raises:
        TypeError: as `curvatures()`, or ``lr`` is not a number.
        ValueError: as `curvatures()`, or ``lr`` is not finite and > 0.

    Examples:
        >>> contraction(2.0, 0.1)  # x² with η = 0.1: x shrinks by 0.8 each step
        0.8
        >>> round(contraction([[2.0, 0.0], [0.0, 20.0]], 0.11), 6)  # |1 − 0.11 · 20|
        1.2
    """
    if not isinstance(lr, int | float | np.floating | np.integer) or isinstance(lr, bool):
        raise TypeError(f"lr must be a number; got {type(lr).__name__}")
    if not (math.isfinite(lr) and lr > 0):
        raise ValueError(f"lr must be a finite number > 0; got {lr!r}")
    mu, big = curvatures(hessian)
    return max(abs(1.0 - float(lr) * mu), abs(1.0 - float(lr) * big))


def newton_step(x: ArrayLike, grad: Callable[[Any], Any], hessian: ArrayLike) -> FloatArray | float:
    """One Newton step, $x - H^{-1} \\nabla f(x)$: the gradient divided by the curvature.

    On a quadratic with this Hessian it lands exactly on the minimum, whatever ``x``.

    Args:
        x: The point, a number or a vector of finite numbers.
        grad: The gradient function (the derivative, for a number).
        hessian: $f''$ (a number) or the symmetric Hessian matrix, invertible, of the size
            of ``x``.

    Returns:
        The new point: a ``float`` for a number, a new float64 array for a vector.

    Raises:
        TypeError: as `curvatures()`, or ``grad`` is not callable.
        ValueError: as `curvatures()`, sizes that do not match, or a singular Hessian.

    Examples:
        >>> newton_step(70.0, lambda x: 2 * x, 2.0)  # x² from 70: straight to 0
        0.0
        >>> newton_step([6.0, 2.0], lambda p: np.array([2 * p[0], 20 * p[1]]), np.diag([2.0, 20.0]))
        array([0., 0.])
    """
    if not callable(grad):
        raise TypeError(f"grad must be a callable x -> gradient; got {type(grad).__name__}")
    h = _as_hessian(hessian)
    point = np.asarray(x, dtype=np.float64)
    if not np.isfinite(point).all():
        raise ValueError("x must be finite; it contains NaN or inf")
    if point.size != h.shape[0]:
        raise ValueError(f"x has {point.size} entries but the Hessian is {h.shape[0]}×{h.shape[0]}")
    g = np.asarray(grad(x if point.ndim == 0 else point), dtype=np.float64).reshape(-1)
    if g.size != point.size:
        raise ValueError(f"grad returned {g.size} entries for a point with {point.size}")
    try:
        move = np.linalg.solve(h, g)
    except np.linalg.LinAlgError:
        raise ValueError("the Hessian is singular: the Newton step is not defined") from None
    out = point.reshape(-1) - move
    if point.ndim == 0:
        return float(out[0])
    return out.reshape(point.shape)
