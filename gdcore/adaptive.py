"""Per-coordinate step sizes: Adagrad, RMSProp and Adam.

Plain gradient descent moves every coordinate with the same $\\eta$; on an elongated bowl
the steep coordinate forces a small $\\eta$ and the flat one crawls. These methods divide
each coordinate's step by a running size of its own gradients (all operations below are
element by element; $g_k = \\nabla f(x_k)$, the state starts at 0):

- **Adagrad** (the form PyTorch uses by default):
  $s \\leftarrow s + g^2$, $x \\leftarrow x - \\eta\\, g / (\\sqrt{s} + \\varepsilon)$.
- **RMSProp** (PyTorch's default form): $v \\leftarrow \\alpha v + (1 - \\alpha) g^2$,
  $x \\leftarrow x - \\eta\\, g / (\\sqrt{v} + \\varepsilon)$.
- **Adam** (Kingma & Ba, 2015, Algorithm 1), with $t = k + 1 = 1, 2, \\dots$:
  $m \\leftarrow \\beta_1 m + (1 - \\beta_1) g$,
  $v \\leftarrow \\beta_2 v + (1 - \\beta_2) g^2$,
  $\\hat m = m / (1 - \\beta_1^t)$, $\\hat v = v / (1 - \\beta_2^t)$,
  $x \\leftarrow x - \\eta\\, \\hat m / (\\sqrt{\\hat v} + \\varepsilon)$.
  Momentum ($m$) plus RMSProp ($v$), with the bias correction that undoes their start at 0.

The exact float64 operations, in this order (so a line-by-line JavaScript copy agrees bit for
bit; ``c1 = 1 - beta1``, ``c2 = 1 - beta2``, ``c = 1 - alpha`` are computed once; ``p1``,
``p2`` start at 1)::

    adagrad:  s = s + g * g;              x = x - eta * (g / (sqrt(s) + eps))
    rmsprop:  v = alpha * v + c * (g * g); x = x - eta * (g / (sqrt(v) + eps))
    adam:     m = beta1 * m + c1 * g;     v = beta2 * v + c2 * (g * g)
              p1 = p1 * beta1;            p2 = p2 * beta2      # beta^t as a running product
              mhat = m / (1 - p1);        vhat = v / (1 - p2)
              x = x - eta * (mhat / (sqrt(vhat) + eps))

Stopping rules, recording, the learning rate (a number or a schedule ``k -> lr``), the
numerical gradient when ``grad=None``, and the errors for bad input are those of
`gradient_descent()`: ``"diverged"`` on a bad or exploding loss, gradient or iterate;
``"converged"`` when $\\lVert \\nabla f(x_k) \\rVert \\le$ ``tol``; ``"max_steps"`` after
``max_steps`` updates. Each returns a `DescentResult`.

Examples:
    >>> from gdcore.landscapes import elongated_bowl, elongated_bowl_grad
    >>> r = adam(elongated_bowl, [6.0, 9.0], lr=0.5, grad=elongated_bowl_grad)
    >>> r.path[1].round(6).tolist()    # the first Adam step is -η·sign(g) per coordinate
    [5.5, 8.5]
    >>> r.status, r.nit
    ('converged', 406)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Final, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from gdcore import landscapes
from gdcore.calculus import _as_real, _is_real_number, derivative, gradient
from gdcore.descent import (
    AUTO_RECORD_LIMIT,
    DIVERGENCE_FACTOR,
    DescentResult,
    LearningRate,
    Record,
    Status,
    _as_gradient,
    _check_lr,
    _check_max_steps,
    _check_tol,
    _check_x0,
    _converged_message,
    _describe,
    _eval_loss,
    _freeze,
    _loss_problem,
    _max_steps_message,
    _nonfinite,
    _schedule_value,
    gradient_descent,
)
from gdcore.i18n import Message

__all__ = ["BOWL_SETTINGS", "adagrad", "adam", "elongated_bowl_runs", "rmsprop"]

FloatArray = NDArray[np.float64]
Method = Literal["adagrad", "rmsprop", "adam", "adam_uncorrected"]

_RECORDS = ("auto", "all", "loss", "none")


def adam(
    f: Callable[[Any], Any],
    x0: ArrayLike,
    *,
    lr: LearningRate,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
    grad: Callable[[Any], Any] | None = None,
    max_steps: int = 1000,
    tol: float = 1e-8,
    record: Record = "auto",
    bias_correction: bool = True,
) -> DescentResult:
    """Minimize ``f`` by Adam (Kingma & Ba, 2015, Algorithm 1) from ``x0``.

    With $m_0 = v_0 = 0$ and $t = 1, 2, \\dots$ (element by element):
    $m_t = \\beta_1 m_{t-1} + (1 - \\beta_1) g_t$,
    $v_t = \\beta_2 v_{t-1} + (1 - \\beta_2) g_t^2$,
    $\\hat m_t = m_t / (1 - \\beta_1^t)$, $\\hat v_t = v_t / (1 - \\beta_2^t)$,
    $x_t = x_{t-1} - \\eta\\, \\hat m_t / (\\sqrt{\\hat v_t} + \\varepsilon)$.
    The float64 operations and their order are in the module documentation ($\\beta^t$ is a
    running product). Stopping rules and recording as `gradient_descent()`.

    Args:
        f: The loss, ``x -> real number``.
        x0: The starting point: a number or an array of numbers (finite).
        lr: The step size $\\eta$: a number > 0 or a schedule ``k -> lr`` (``k = t - 1``).
        beta1: The decay of the first moment (the momentum), ``0 <= beta1 < 1``.
        beta2: The decay of the second moment, ``0 <= beta2 < 1``.
        eps: $\\varepsilon$, added after the square root, a finite number >= 0.
        grad: The gradient of ``f``; ``None`` uses central differences.
        max_steps: The most updates to make (an ``int`` >= 0).
        tol: Converged when the gradient norm is at most ``tol`` (a number >= 0).
        record: ``"auto"``, ``"all"``, ``"loss"`` or ``"none"``, as in `gradient_descent()`.
        bias_correction: ``True`` (the default) is Algorithm 1. ``False`` leaves the moments
            uncorrected, $x \\leftarrow x - \\eta\\, m / (\\sqrt{v} + \\varepsilon)$ (the
            lines ``p1``…``vhat`` skipped): only for showing what the correction is for. With
            the default betas the first step is then $\\eta \\cdot 0.1/\\sqrt{0.001}
            \\approx 3.16\\eta$ instead of $\\eta$.

    Returns:
        A `DescentResult`.

    Raises:
        TypeError: ``f`` or ``grad`` is not callable; ``lr`` is neither a number nor callable;
            ``x0`` is not real numbers; ``beta1``, ``beta2`` or ``eps`` is not a number;
            ``bias_correction`` is not a bool; ``f``/``grad`` return the wrong kind of
            thing.
        ValueError: ``lr`` is not a finite number > 0; ``x0`` is empty or not finite;
            ``beta1``/``beta2`` outside ``[0, 1)``; ``eps`` negative or not finite; ``tol``,
            ``max_steps`` or ``record`` bad; ``grad`` returns the wrong shape.

    Examples:
        >>> from gdcore.landscapes import parabola, parabola_grad
        >>> r = adam(parabola, 1.0, lr=0.1, grad=parabola_grad, max_steps=3)
        >>> r.path.round(6).tolist()    # each early step is about η
        [1.0, 0.9, 0.800412, 0.701586]
        >>> r.status
        'max_steps'
    """
    b1 = _check_decay(beta1, "beta1")
    b2 = _check_decay(beta2, "beta2")
    if not isinstance(bias_correction, (bool, np.bool_)):
        raise TypeError(f"bias_correction must be True or False; got {_describe(bias_correction)}")
    method: Method = "adam" if bias_correction else "adam_uncorrected"
    return _run(method, f, x0, lr, grad, max_steps, tol, record, b1, b2, _check_eps(eps))


def rmsprop(
    f: Callable[[Any], Any],
    x0: ArrayLike,
    *,
    lr: LearningRate,
    alpha: float = 0.99,
    eps: float = 1e-8,
    grad: Callable[[Any], Any] | None = None,
    max_steps: int = 1000,
    tol: float = 1e-8,
    record: Record = "auto",
) -> DescentResult:
    """Minimize ``f`` by RMSProp (PyTorch's default form) from ``x0``.

    With $v_0 = 0$ (element by element): $v_{k+1} = \\alpha v_k + (1 - \\alpha) g_k^2$,
    $x_{k+1} = x_k - \\eta\\, g_k / (\\sqrt{v_{k+1}} + \\varepsilon)$. No bias correction:
    the first step divides by $\\sqrt{1 - \\alpha}\\,|g_0|$, so it is $\\eta / \\sqrt{1-\\alpha}$
    long per coordinate (10η for α = 0.99). Stopping rules and recording as
    `gradient_descent()`.

    Args:
        f: The loss, ``x -> real number``.
        x0: The starting point: a number or an array of numbers (finite).
        lr: The step size $\\eta$: a number > 0 or a schedule ``k -> lr``.
        alpha: The decay of the running mean of $g^2$, ``0 <= alpha < 1``.
        eps: $\\varepsilon$, added after the square root, a finite number >= 0.
        grad: The gradient of ``f``; ``None`` uses central differences.
        max_steps: The most updates to make (an ``int`` >= 0).
        tol: Converged when the gradient norm is at most ``tol`` (a number >= 0).
        record: ``"auto"``, ``"all"``, ``"loss"`` or ``"none"``, as in `gradient_descent()`.

    Returns:
        A `DescentResult`.

    Raises:
        TypeError: as for `adam()` (``alpha`` in place of the betas).
        ValueError: as for `adam()`; ``alpha`` outside ``[0, 1)``.

    Examples:
        >>> from gdcore.landscapes import parabola, parabola_grad
        >>> r = rmsprop(parabola, 1.0, lr=0.01, grad=parabola_grad, max_steps=2)
        >>> r.path.round(6).tolist()    # the first step is 10η
        [1.0, 0.9, 0.832918]
    """
    a = _check_decay(alpha, "alpha")
    return _run("rmsprop", f, x0, lr, grad, max_steps, tol, record, a, 0.0, _check_eps(eps))


def adagrad(
    f: Callable[[Any], Any],
    x0: ArrayLike,
    *,
    lr: LearningRate,
    eps: float = 1e-10,
    grad: Callable[[Any], Any] | None = None,
    max_steps: int = 1000,
    tol: float = 1e-8,
    record: Record = "auto",
) -> DescentResult:
    """Minimize ``f`` by Adagrad (PyTorch's default form) from ``x0``.

    With $s_0 = 0$ (element by element): $s_{k+1} = s_k + g_k^2$,
    $x_{k+1} = x_k - \\eta\\, g_k / (\\sqrt{s_{k+1}} + \\varepsilon)$. The sum only grows,
    so the steps keep shrinking. Stopping rules and recording as `gradient_descent()`.

    Args:
        f: The loss, ``x -> real number``.
        x0: The starting point: a number or an array of numbers (finite).
        lr: The step size $\\eta$: a number > 0 or a schedule ``k -> lr``.
        eps: $\\varepsilon$, added after the square root, a finite number >= 0.
        grad: The gradient of ``f``; ``None`` uses central differences.
        max_steps: The most updates to make (an ``int`` >= 0).
        tol: Converged when the gradient norm is at most ``tol`` (a number >= 0).
        record: ``"auto"``, ``"all"``, ``"loss"`` or ``"none"``, as in `gradient_descent()`.

    Returns:
        A `DescentResult`.

    Raises:
        TypeError: as for `adam()`.
        ValueError: as for `adam()`.

    Examples:
        >>> from gdcore.landscapes import parabola, parabola_grad
        >>> r = adagrad(parabola, 1.0, lr=0.5, grad=parabola_grad, max_steps=2)
        >>> r.path.round(6).tolist()    # the first step is η
        [1.0, 0.5, 0.276393]
    """
    return _run("adagrad", f, x0, lr, grad, max_steps, tol, record, 0.0, 0.0, _check_eps(eps))


# --------------------------------------------------------------------------- the comparison

BOWL_SETTINGS: Final[Mapping[str, Mapping[str, float]]] = MappingProxyType(
    {
        "plain": MappingProxyType({"lr": 1 / 11}),
        "momentum": MappingProxyType({"lr": 0.105, "momentum": 0.3}),
        "rmsprop": MappingProxyType({"lr": 0.3, "alpha": 0.99}),
        "adam": MappingProxyType({"lr": 0.3, "beta1": 0.9, "beta2": 0.999}),
    }
)
"""The hyper-parameters `elongated_bowl_runs()` uses unless told otherwise: plain descent with
$\\eta = 2/(\\lambda_{\\min} + \\lambda_{\\max}) = 1/11$ (the best constant rate on
$x^2 + 10y^2$) and the heavy ball of the Momentum page; RMSProp and Adam with the same
$\\eta = 0.3$ and their usual decays."""


def elongated_bowl_runs(
    settings: Mapping[str, Mapping[str, float]] | None = None,
    *,
    start: ArrayLike = (6.0, 9.0),
    kappa: float = landscapes.ELONGATION,
    max_steps: int = 1000,
    tol: float = 1e-8,
) -> dict[str, DescentResult]:
    """Plain descent, momentum, RMSProp and Adam on the elongated bowl $x^2 + \\kappa y^2$.

    Every run starts at ``start`` with the analytic gradient and records everything.

    Args:
        settings: ``{name: {hyper-parameter: value}}`` for some of ``"plain"``,
            ``"momentum"``, ``"rmsprop"``, ``"adam"`` (each a full set: ``lr`` and the
            method's own keywords); the others keep `BOWL_SETTINGS`.
        start: The starting point (x, y).
        kappa: The elongation $\\kappa$ (the condition number of the bowl).
        max_steps: The most updates per run.
        tol: Converged when the gradient norm is at most ``tol``.

    Returns:
        ``{"plain": …, "momentum": …, "rmsprop": …, "adam": …}``, each a `DescentResult`.

    Raises:
        ValueError: an unknown method name, or a bad hyper-parameter (as the method raises).
        TypeError: a hyper-parameter the method does not take.

    Examples:
        >>> runs = elongated_bowl_runs()
        >>> {name: (r.status, r.nit) for name, r in runs.items()}  # doctest: +NORMALIZE_WHITESPACE
        {'plain': ('converged', 118), 'momentum': ('converged', 37),
         'rmsprop': ('converged', 71), 'adam': ('converged', 419)}
        >>> runs["adam"].path[1].round(6).tolist()   # Adam's first step: η along each axis
        [5.7, 8.7]
    """
    chosen = {name: dict(values) for name, values in BOWL_SETTINGS.items()}
    for name, values in (settings or {}).items():
        if name not in chosen:
            raise ValueError(f"unknown method {name!r}; choose from {', '.join(BOWL_SETTINGS)}")
        chosen[name] = dict(values)

    def f(p: Any) -> float:
        return landscapes.elongated_bowl(p, kappa)

    def grad(p: Any) -> FloatArray:
        return landscapes.elongated_bowl_grad(p, kappa)

    common: dict[str, Any] = {"grad": grad, "max_steps": max_steps, "tol": tol, "record": "all"}
    methods: dict[str, Callable[..., DescentResult]] = {
        "plain": gradient_descent,
        "momentum": gradient_descent,
        "rmsprop": rmsprop,
        "adam": adam,
    }
    return {name: methods[name](f, start, **chosen[name], **common) for name in methods}


# --------------------------------------------------------------------------- the loop


def _run(
    method: Method,
    f: Callable[[Any], Any],
    x0: ArrayLike,
    lr: LearningRate,
    grad: Callable[[Any], Any] | None,
    max_steps: int,
    tol: float,
    record: Record,
    a: float,
    b: float,
    eps: float,
) -> DescentResult:
    """One loop for the three methods; ``a``, ``b`` are (beta1, beta2) for Adam, alpha for
    RMSProp. The state arrays have the shape of ``x`` (0-d for a number ``x0``)."""
    if not callable(f):
        raise TypeError(f"f must be a callable x -> loss; got {_describe(f)}")
    if grad is not None and not callable(grad):
        raise TypeError(f"grad must be None or a callable x -> gradient; got {_describe(grad)}")
    schedule, lr_const = _check_lr(lr)
    x = _check_x0(x0)
    max_steps = _check_max_steps(max_steps)
    tol = _check_tol(tol)
    if record not in _RECORDS:
        raise ValueError(f"record must be one of {', '.join(map(repr, _RECORDS))}; got {record!r}")
    keep_loss = record in ("all", "loss", "auto")
    keep_path = record == "all" or (
        record == "auto" and (max_steps + 1) * x.size <= AUTO_RECORD_LIMIT
    )
    scalar = x.ndim == 0
    view = x.view()
    view.flags.writeable = False

    def at() -> Any:
        return float(x) if scalar else view

    def gradient_here() -> FloatArray:
        if scalar:
            here = float(x)
            value = _as_real(grad(here), "grad") if grad is not None else derivative(f, here)
            return np.asarray(value, dtype=np.float64)
        return _as_gradient(grad(view), x.shape) if grad is not None else gradient(f, view)

    first = np.zeros_like(x)  # Adam's m
    second = np.zeros_like(x)  # Adagrad's s, RMSProp's and Adam's v
    c_first = 1.0 - a  # Adam: 1 - beta1; RMSProp: 1 - alpha
    c_second = 1.0 - b  # Adam: 1 - beta2
    p1 = p2 = 1.0  # Adam: beta1^t, beta2^t
    path = [x.copy()] if keep_path else None
    funs: list[float] = []
    k = 0
    g: FloatArray | None = None
    message: Message
    with np.errstate(all="ignore"):
        fun, problem = _eval_loss(f, at(), 0)
        bound = DIVERGENCE_FACTOR * max(1.0, abs(fun)) if problem is None else math.inf
        while True:
            if keep_loss:
                funs.append(fun)
            if problem is None:
                problem = _loss_problem(fun, bound, k)
            if problem is not None:
                status: Status = "diverged"
                message = problem
                g = None
                break
            g = gradient_here()
            flat = g.reshape(-1)
            gnorm = math.sqrt(float(np.dot(flat, flat)))
            if not math.isfinite(gnorm):
                status = "diverged"
                if scalar:
                    message = Message(
                        "Diverged at step {k}: the gradient is {value}.",
                        k=k,
                        value=_nonfinite(float(g)),
                    )
                else:
                    message = Message(
                        "Diverged at step {k}: the gradient is not finite (or its norm overflows).",
                        k=k,
                    )
                break
            if gnorm <= tol:
                status, message = "converged", _converged_message(k, gnorm, tol)
                break
            if k == max_steps:
                status, message = "max_steps", _max_steps_message(max_steps, gnorm, tol)
                break
            eta = lr_const if schedule is None else _schedule_value(schedule, k)
            if method == "adagrad":
                second = second + g * g
                x -= eta * (g / (np.sqrt(second) + eps))
            elif method == "rmsprop":
                second = a * second + c_first * (g * g)
                x -= eta * (g / (np.sqrt(second) + eps))
            elif method == "adam_uncorrected":
                first = a * first + c_first * g
                second = b * second + c_second * (g * g)
                x -= eta * (first / (np.sqrt(second) + eps))
            else:
                first = a * first + c_first * g
                second = b * second + c_second * (g * g)
                p1 = p1 * a
                p2 = p2 * b
                m_hat = first / (1.0 - p1)
                v_hat = second / (1.0 - p2)
                x -= eta * (m_hat / (np.sqrt(v_hat) + eps))
            k += 1
            if path is not None:
                path.append(x.copy())
            if not np.isfinite(x).all():
                fun = math.nan
                if scalar:
                    problem = Message(
                        "Diverged at step {k}: the iterate x is {value}.",
                        k=k,
                        value=_nonfinite(float(x)),
                    )
                else:
                    problem = Message("Diverged at step {k}: the iterate x is not finite.", k=k)
            else:
                fun, problem = _eval_loss(f, at(), k)
    g_last = np.full(x.shape, math.nan) if g is None else np.array(g, dtype=np.float64, copy=True)
    x.flags.writeable = False
    return DescentResult(
        x=float(x) if scalar else x,
        fun=fun,
        grad=float(g_last) if scalar else _freeze(g_last),
        nit=k,
        success=status == "converged",
        status=status,
        reason=message,
        path=_freeze(np.stack(path).reshape(len(path), *x.shape)) if path is not None else None,
        fun_path=_freeze(np.array(funs, dtype=np.float64)) if keep_loss else None,
    )


# --------------------------------------------------------------------------- checks


def _check_decay(value: object, name: str) -> float:
    if not _is_real_number(value):
        raise TypeError(f"{name} must be a number with 0 <= {name} < 1; got {_describe(value)}")
    number = float(value)  # type: ignore[arg-type]
    if not 0.0 <= number < 1.0:  # also catches NaN
        raise ValueError(f"{name} must be a number with 0 <= {name} < 1; got {number}")
    return number


def _check_eps(eps: object) -> float:
    if not _is_real_number(eps):
        raise TypeError(f"eps must be a finite number >= 0; got {_describe(eps)}")
    number = float(eps)  # type: ignore[arg-type]
    if not (math.isfinite(number) and number >= 0.0):
        raise ValueError(f"eps must be a finite number >= 0; got {number}")
    return number
