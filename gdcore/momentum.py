"""The heavy ball on a quadratic: where it converges, how fast, and a map of (η, β).

Along one direction of curvature $\\lambda$ (the loss $\\tfrac{\\lambda}{2} x^2$, gradient
$\\lambda x$), the heavy ball $v_{k+1} = \\beta v_k + \\lambda x_k$, $x_{k+1} = x_k - \\eta v_{k+1}$
only ever mixes the last two iterates:

$$x_{k+1} = (1 + \\beta - \\eta\\lambda)\\, x_k - \\beta\\, x_{k-1},$$

so the pair $(x_{k+1}, x_k)$ is the pair $(x_k, x_{k-1})$ multiplied by the 2×2
*iteration matrix* (`heavy_ball_matrix()`). After many
steps the error shrinks like $\\rho^k$, where $\\rho$ is the larger modulus of its two
eigenvalues (`heavy_ball_rate()`): the ball converges exactly when $\\rho < 1$, which is
$0 < \\eta\\lambda < 2(1 + \\beta)$. The eigenvalues are complex (the ball oscillates, and
$\\rho = \\sqrt{\\beta}$) when $\\beta > (1 - \\sqrt{\\eta\\lambda})^2$ (`critical_momentum()`).

On a bowl with several curvatures every direction runs its own 2×2 iteration, and the slowest
one sets the pace. `momentum_phase_diagram()` runs the heavy ball on the elongated bowl for a
whole grid of (η, β) at once, with numpy, and counts the steps exactly as
`gdcore.gradient_descent()` does.

Examples:
    >>> round(heavy_ball_rate(0.1, 0.5, 2.0), 4)  # complex eigenvalues: √β
    0.7071
    >>> round(critical_momentum(0.25, 1.0), 4)
    0.25
    >>> d = momentum_phase_diagram([0.1154], [0.2699])
    >>> int(d.steps[0, 0]), str(d.status[0, 0])
    (42, 'converged')
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray

from gdcore import landscapes
from gdcore.descent import DIVERGENCE_FACTOR

__all__ = [
    "PhaseDiagram",
    "critical_momentum",
    "heavy_ball_matrix",
    "heavy_ball_rate",
    "momentum_phase_diagram",
    "polyak_pair",
]

FloatArray: TypeAlias = NDArray[np.float64]


def _positive(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number; got {type(value).__name__}")
    v = float(value)
    if not (math.isfinite(v) and v > 0):
        raise ValueError(f"{name} must be a finite number > 0; got {value!r}")
    return v


def _grid(values: ArrayLike, name: str, low: float, high: float) -> FloatArray:
    """``values`` as a 1-D float array, each in the open-closed range (low, high) or refused."""
    a = np.asarray(values, dtype=np.float64)
    if a.ndim == 0:
        a = a.reshape(1)
    if a.ndim != 1 or a.size == 0:
        raise ValueError(
            f"{name} must be a number or a non-empty 1-D sequence; got shape {a.shape}"
        )
    bad = ~np.isfinite(a) | (a < low) | (a >= high)
    if name == "lr":
        bad |= a <= low
    if bad.any():
        where = "0 < lr" if name == "lr" else f"{low:g} <= {name} < {high:g}"
        raise ValueError(f"every {name} must satisfy {where}; got {float(a[bad][0])!r}")
    return a


def heavy_ball_matrix(lr: float, momentum: float, curvature: float) -> FloatArray:
    """The 2×2 iteration matrix of the heavy ball along one direction of curvature λ.

    It maps $(x_k, x_{k-1})$ to $(x_{k+1}, x_k)$ on the loss $\\tfrac{\\lambda}{2} x^2$:
    $\\begin{pmatrix} 1 + \\beta - \\eta\\lambda & -\\beta \\\\ 1 & 0 \\end{pmatrix}$.

    Args:
        lr: The learning rate η > 0.
        momentum: The momentum coefficient β, 0 <= β < 1.
        curvature: The curvature λ > 0 (the second derivative along that direction).

    Returns:
        A new 2×2 float64 array.

    Raises:
        TypeError: an argument is not a number.
        ValueError: an argument is out of range.

    Examples:
        >>> heavy_ball_matrix(0.1, 0.5, 2.0).tolist()
        [[1.3, -0.5], [1.0, 0.0]]
    """
    eta = _positive(lr, "lr")
    lam = _positive(curvature, "curvature")
    beta = float(_grid([momentum], "momentum", 0.0, 1.0)[0])
    return np.array([[1.0 + beta - eta * lam, -beta], [1.0, 0.0]])


def heavy_ball_rate(
    lr: ArrayLike, momentum: ArrayLike, curvature: float
) -> NDArray[np.float64] | float:
    """How much the heavy ball's error shrinks per step along a direction of curvature λ.

    The larger modulus of the eigenvalues of `heavy_ball_matrix()`, computed with
    `numpy.linalg.eigvals`: the ball converges along that direction when it is below 1.
    ``lr`` and ``momentum`` may be arrays (they broadcast); then so is the result.

    Args:
        lr: The learning rate η > 0 (a number or an array).
        momentum: The momentum coefficient β, 0 <= β < 1 (a number or an array).
        curvature: The curvature λ > 0.

    Returns:
        A ``float`` for numbers, else a float64 array of the broadcast shape.

    Raises:
        TypeError: ``curvature`` is not a number.
        ValueError: a value is out of range.

    Examples:
        >>> round(heavy_ball_rate(0.1, 0.0, 2.0), 4)  # plain descent: |1 - ηλ|
        0.8
        >>> heavy_ball_rate([0.1, 0.2], 0.5, 20.0).round(4).tolist()  # ηλ = 2, 4; 2(1 + β) = 3
        [0.7071, 2.2808]
    """
    lam = _positive(curvature, "curvature")
    eta, beta = np.broadcast_arrays(np.asarray(lr, np.float64), np.asarray(momentum, np.float64))
    shape = eta.shape
    eta_flat = _grid(eta.reshape(-1), "lr", 0.0, math.inf)
    beta_flat = _grid(beta.reshape(-1), "momentum", 0.0, 1.0)
    m = np.zeros((eta_flat.size, 2, 2))
    m[:, 0, 0] = 1.0 + beta_flat - eta_flat * lam
    m[:, 0, 1] = -beta_flat
    m[:, 1, 0] = 1.0
    rate = np.abs(np.linalg.eigvals(m)).max(axis=1)
    if shape == ():
        return float(rate[0])
    out: FloatArray = rate.reshape(shape)
    return out


def critical_momentum(lr: float, curvature: float) -> float:
    """The momentum β at which the heavy ball stops oscillating: $(1 - \\sqrt{\\eta\\lambda})^2$.

    Below it the iteration matrix has two real eigenvalues (the ball creeps in without
    swinging past the bottom when ηλ < 1); above it they are complex (the ball rings).
    At critical damping the two eigenvalues coincide, at $1 - \\sqrt{\\eta\\lambda}$.

    Args:
        lr: The learning rate η > 0.
        curvature: The curvature λ > 0; ηλ must be below 1 (a ball pushed further
            overshoots at every β).

    Returns:
        β in [0, 1).

    Raises:
        TypeError: an argument is not a number.
        ValueError: an argument is out of range, or ηλ >= 1.

    Examples:
        >>> round(critical_momentum(0.01, 4.0), 4)  # ηλ = 0.04, √ = 0.2
        0.64
    """
    eta = _positive(lr, "lr")
    lam = _positive(curvature, "curvature")
    if eta * lam >= 1.0:
        raise ValueError(
            f"critical damping needs lr * curvature < 1; got {eta!r} * {lam!r} = {eta * lam!r}"
        )
    return (1.0 - math.sqrt(eta * lam)) ** 2


def polyak_pair(mu: float, L: float) -> tuple[float, float]:
    """Polyak's optimal heavy ball for curvatures between μ and L: ``(lr, momentum)``.

    $\\eta^* = (2 / (\\sqrt{L} + \\sqrt{\\mu}))^2$ and
    $\\beta^* = ((\\sqrt{L} - \\sqrt{\\mu}) / (\\sqrt{L} + \\sqrt{\\mu}))^2$: the pair at which
    the flattest and the steepest directions shrink at the same rate $\\sqrt{\\beta^*}$.

    Args:
        mu: The smallest curvature, > 0.
        L: The largest curvature, >= mu.

    Returns:
        ``(lr, momentum)``.

    Raises:
        TypeError: an argument is not a number.
        ValueError: an argument is out of range or ``L < mu``.

    Examples:
        >>> [round(v, 4) for v in polyak_pair(2.0, 20.0)]
        [0.1154, 0.2699]
    """
    m = _positive(mu, "mu")
    big = _positive(L, "L")
    if big < m:
        raise ValueError(f"L must be at least mu; got L = {big!r} < mu = {m!r}")
    s, t = math.sqrt(big), math.sqrt(m)
    return (2.0 / (s + t)) ** 2, ((s - t) / (s + t)) ** 2


@dataclass(frozen=True, eq=False)
class PhaseDiagram:
    """The heavy ball's steps to converge on the elongated bowl, for a grid of (η, β).

    Attributes:
        lrs: The learning rates, shape ``(n,)``.
        momenta: The momentum coefficients, shape ``(m,)``.
        steps: Updates made, shape ``(n, m)``: ``steps[i, j]`` is the ``nit`` that
            `gdcore.gradient_descent()` reports for ``lrs[i]`` and ``momenta[j]``.
        status: ``"converged"``, ``"max_steps"`` or ``"diverged"``, shape ``(n, m)``.
        start: The starting point (x, y).
        kappa: The elongation κ of $x^2 + \\kappa y^2$.
        tol: The gradient-norm tolerance.
        max_steps: The step limit.
    """

    lrs: FloatArray
    momenta: FloatArray
    steps: NDArray[np.int64]
    status: NDArray[np.str_]
    start: tuple[float, float]
    kappa: float
    tol: float
    max_steps: int


def momentum_phase_diagram(
    lrs: ArrayLike,
    momenta: ArrayLike,
    *,
    start: Sequence[float] = (6.0, 9.0),
    kappa: float = landscapes.ELONGATION,
    tol: float = 1e-8,
    max_steps: int = 1000,
) -> PhaseDiagram:
    """Run the heavy ball on $x^2 + \\kappa y^2$ for every (η, β) of a grid, all at once.

    Every pair follows exactly the updates and the stopping rules of
    `gdcore.gradient_descent()` with ``momentum=β`` (the same floating-point operations in the
    same order), but the whole grid moves together as numpy arrays, so a grid of thousands of
    pairs takes a fraction of a second. Pairs that have stopped leave the arrays.

    Args:
        lrs: The learning rates (each > 0).
        momenta: The momentum coefficients (each 0 <= β < 1).
        start: The starting point (x, y).
        kappa: The elongation κ > 0.
        tol: Stop when the gradient norm is at most ``tol`` (>= 0).
        max_steps: The step limit (an int >= 0).

    Returns:
        A `PhaseDiagram`.

    Raises:
        TypeError: ``max_steps`` is not an int, or ``kappa``/``tol`` is not a number.
        ValueError: a value is out of range, or ``start`` is not two finite numbers.

    Examples:
        >>> d = momentum_phase_diagram([0.05, 0.25], [0.0, 0.5])
        >>> d.steps.tolist(), d.status.tolist()
        ([[199, 66], [10, 12]], [['converged', 'converged'], ['diverged', 'diverged']])
    """
    eta = _grid(lrs, "lr", 0.0, math.inf)
    beta = _grid(momenta, "momentum", 0.0, 1.0)
    k_ = _positive(kappa, "kappa")
    if isinstance(tol, bool) or not isinstance(tol, (int, float)):
        raise TypeError(f"tol must be a number; got {type(tol).__name__}")
    if not (math.isfinite(tol) and tol >= 0):
        raise ValueError(f"tol must be a finite number >= 0; got {tol!r}")
    if isinstance(max_steps, bool) or not isinstance(max_steps, int):
        raise TypeError(f"max_steps must be an int; got {type(max_steps).__name__}")
    if max_steps < 0:
        raise ValueError(f"max_steps must be >= 0; got {max_steps!r}")
    p0 = np.asarray(start, dtype=np.float64)
    if p0.shape != (2,) or not np.isfinite(p0).all():
        raise ValueError(f"start must be two finite numbers (x, y); got {start!r}")

    n, m = eta.size, beta.size
    lr_all = np.repeat(eta, m)
    beta_all = np.tile(beta, n)
    steps = np.zeros(n * m, dtype=np.int64)
    status = np.full(n * m, "max_steps", dtype="<U9")
    # the pairs still running: their index, iterate (x, y) and velocity (vx, vy)
    alive = np.arange(n * m)
    x = np.full(n * m, p0[0])
    y = np.full(n * m, p0[1])
    vx = np.zeros(n * m)
    vy = np.zeros(n * m)
    lr_a, beta_a = lr_all, beta_all
    f0 = float(p0[0] * p0[0] + k_ * p0[1] * p0[1])
    bound = DIVERGENCE_FACTOR * max(1.0, abs(f0))
    two_k = 2.0 * k_
    k = 0
    with np.errstate(over="ignore", invalid="ignore"):
        while alive.size:
            fun = x * x + k_ * y * y  # as landscapes.elongated_bowl
            gx, gy = 2.0 * x, two_k * y  # as landscapes.elongated_bowl_grad
            gnorm = np.sqrt(gx * gx + gy * gy)
            diverged = ~np.isfinite(fun) | (fun > bound) | ~np.isfinite(gnorm)
            converged = ~diverged & (gnorm <= tol)
            done = diverged | converged
            status[alive[diverged]] = "diverged"
            status[alive[converged]] = "converged"
            if k == max_steps:
                done[:] = True
            steps[alive[done]] = k
            keep = ~done
            alive, x, y, vx, vy, gx, gy = (a[keep] for a in (alive, x, y, vx, vy, gx, gy))
            lr_a, beta_a = lr_a[keep], beta_a[keep]
            # the update of gradient_descent: v = β v + g; x = x - η v
            vx = vx * beta_a + gx
            vy = vy * beta_a + gy
            x = x - vx * lr_a
            y = y - vy * lr_a
            k += 1
    return PhaseDiagram(
        lrs=eta,
        momenta=beta,
        steps=steps.reshape(n, m),
        status=status.reshape(n, m),
        start=(float(p0[0]), float(p0[1])),
        kappa=k_,
        tol=float(tol),
        max_steps=max_steps,
    )
