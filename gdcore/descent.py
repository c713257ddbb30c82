"""Gradient descent: walk downhill, one step of size ``lr × slope`` at a time.

The whole algorithm is one line repeated, $x_{k+1} = x_k - \\eta_k \\nabla f(x_k)$;
everything else in this module decides *when to stop* and *what to report*.

Stopping rules (checked in this order at every iterate $x_k$, starting at
$x_0$):

1. ``"diverged"`` if the loss $f(x_k)$ is NaN or infinite, if ``f`` raises
   ``OverflowError``, or if the loss grows past the divergence bound
   ``DIVERGENCE_FACTOR * max(1, |f(x0)|)`` (that is $10^{12}\\max(1, |f(x_0)|)$);
   also if the gradient is NaN or infinite (or its norm overflows), or a scalar iterate is
   not finite.
2. ``"converged"`` if the gradient is small: $\\lVert\\nabla f(x_k)\\rVert_2 \\le$
   ``tol`` (the absolute value for a scalar). This is the first-order condition of a
   minimum, "the slope is zero". A zero gradient says the ground is flat, not that it is
   the bottom: on a plateau (the step function) descent "converges" without moving, and
   the message says so. There is deliberately no separate "stalled" status: from the
   gradient alone, descent cannot tell the bottom of $x^2$ (gradient 0 at 0) from a
   plateau of the step function (gradient 0 everywhere); both are stationary points.
3. ``"max_steps"`` if ``max_steps`` updates have been made.
4. Otherwise update $x \\leftarrow x - \\eta_k \\nabla f(x_k)$ and repeat.

With ``momentum=β`` (the "heavy ball", $0 \\le \\beta < 1$) the update keeps a velocity
$v$ that starts at 0: $v \\leftarrow \\beta v + \\nabla f(x_k)$, then
$x \\leftarrow x - \\eta_k v$. The stopping rules are the same. ``momentum=0`` is plain
descent, bit for bit (the velocity is not even kept).

Failing to converge is a *result*, never an exception: only bad *input* raises.

Why descent stopped is written for people in ``result.message`` (English) and, in any language
gdcore speaks, by ``result.explain(lang)``; ``result.status_text(lang)`` names the status in
words. The sentence is kept as a `gdcore.i18n.Message` (``result.reason``): its msgid and its
numbers, rendered from the catalogs in ``gdcore/locale``.

Examples:
    >>> from gdcore.landscapes import parabola, parabola_grad
    >>> result = gradient_descent(parabola, 70.0, lr=0.1, grad=parabola_grad)
    >>> result.status, result.path[:3].tolist()
    ('converged', [70.0, 56.0, 44.8])
    >>> result.message
    'Converged after 105 steps: the gradient norm 9.34e-09 <= tol = 1e-08.'
    >>> result.explain("vi")
    'Hội tụ sau 105 bước: độ lớn gradient ‖∇f‖ = 9.34e-09 ≤ tol = 1e-08.'
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray

from gdcore.calculus import _as_real, _is_real_number, derivative, gradient
from gdcore.i18n import N_, Message, translate

__all__ = [
    "AUTO_RECORD_LIMIT",
    "DIVERGENCE_FACTOR",
    "DescentResult",
    "LearningRate",
    "Record",
    "Status",
    "gradient_descent",
]

FloatArray: TypeAlias = NDArray[np.float64]

LearningRate: TypeAlias = float | Callable[[int], float]
"""A learning rate: a number > 0, or a schedule ``k -> lr`` called before update ``k``
(``k = 0, 1, 2, ...``)."""

Status: TypeAlias = Literal["converged", "max_steps", "diverged"]
"""Why gradient descent stopped."""

Record: TypeAlias = Literal["auto", "all", "loss", "none"]
"""What gradient descent keeps of its journey."""

AUTO_RECORD_LIMIT = 1_000_000
"""``record="auto"`` keeps every iterate when ``(max_steps + 1) * x0.size`` is at most this
many numbers (8 MB of float64); above it, only the losses."""

DIVERGENCE_FACTOR = 1e12
"""Descent has diverged once the loss exceeds ``DIVERGENCE_FACTOR * max(1, |f(x0)|)``."""

_RECORDS = ("auto", "all", "loss", "none")

_STATUS_TEXT: dict[str, str] = {
    "converged": N_("converged"),
    "max_steps": N_("stopped at the step limit"),
    "diverged": N_("diverged"),
}


@dataclass(frozen=True, eq=False, repr=False)
class DescentResult:
    """What `gradient_descent()` found; every field is always present.

    Attributes:
        x: The last iterate: a ``float`` if ``x0`` was a number, else a read-only array.
        fun: The loss at ``x``.
        grad: The gradient at ``x`` (NaN if descent stopped on a bad loss before the gradient
            at ``x`` was computed).
        nit: The number of updates made (so ``x`` is $x_{\\text{nit}}$).
        success: ``True`` exactly when ``status == "converged"``.
        status: ``"converged"``, ``"max_steps"`` or ``"diverged"`` (see the module docs).
        reason: Why descent stopped, as a `gdcore.i18n.Message` (msgid and numbers);
            ``message`` and ``explain()`` write it out.
        path: Every iterate $x_0, \\dots, x_{\\text{nit}}$, shape ``(nit + 1,)`` for a
            scalar ``x0`` or ``(nit + 1, *x0.shape)``; ``None`` when not recorded.
        fun_path: The loss at every iterate, shape ``(nit + 1,)``; ``None`` when not recorded.

    Examples:
        >>> from gdcore.landscapes import parabola, parabola_grad
        >>> r = gradient_descent(parabola, 70.0, lr=1.0, grad=parabola_grad, max_steps=4)
        >>> r.status, r.success, r.nit, r.path.tolist()
        ('max_steps', False, 4, [70.0, -70.0, 70.0, -70.0, 70.0])
        >>> r.status_text("vi")
        'dừng vì hết số bước cho phép'
        >>> r.explain("vi").split(":")[0]
        'Đã hết 4 bước cho phép (max_steps) mà chưa hội tụ'
    """

    x: float | FloatArray
    fun: float
    grad: float | FloatArray
    nit: int
    success: bool
    status: Status
    reason: Message
    path: FloatArray | None
    fun_path: FloatArray | None

    @property
    def losses(self) -> FloatArray | None:
        """The loss at every iterate: ``fun_path`` under the name the optimizers' pages use.

        Example:
            >>> from gdcore.landscapes import parabola, parabola_grad
            >>> r = gradient_descent(parabola, 2.0, lr=0.25, grad=parabola_grad, max_steps=2)
            >>> r.losses.tolist(), r.losses is r.fun_path
            ([4.0, 1.0, 0.25], True)
        """
        return self.fun_path

    @property
    def message(self) -> str:
        """One sentence in English saying why descent stopped, with the numbers."""
        return self.reason.render("en")

    def explain(self, lang: str = "en") -> str:
        """Why descent stopped, as one sentence in ``lang`` (``"en"`` or ``"vi"``).

        Raises:
            ValueError: ``lang`` is not a language gdcore speaks.
        """
        return self.reason.render(lang)

    def status_text(self, lang: str = "en") -> str:
        """The status in words, in ``lang``: ``"converged"`` is ``"đã hội tụ"`` in Vietnamese.

        Raises:
            ValueError: ``lang`` is not a language gdcore speaks.
        """
        return translate(_STATUS_TEXT[self.status], lang)

    def __repr__(self) -> str:
        """A short summary (the paths are summarized by their shapes)."""

        def shape(a: FloatArray | None) -> str:
            return "None" if a is None else f"<array {a.shape}>"

        x = f"{self.x:.6g}" if isinstance(self.x, float) else f"<array {self.x.shape}>"
        return (
            f"DescentResult(status={self.status!r}, success={self.success}, nit={self.nit}, "
            f"x={x}, fun={self.fun:.6g}, path={shape(self.path)}, "
            f"fun_path={shape(self.fun_path)}, message={self.message!r})"
        )


def gradient_descent(
    f: Callable[[Any], Any],
    x0: ArrayLike,
    *,
    lr: LearningRate,
    grad: Callable[[Any], Any] | None = None,
    max_steps: int = 1000,
    tol: float = 1e-8,
    record: Record = "auto",
    momentum: float = 0.0,
) -> DescentResult:
    """Minimize ``f`` by gradient descent from ``x0``.

    Repeats $x_{k+1} = x_k - \\eta_k \\nabla f(x_k)$ until the gradient norm is at most
    ``tol`` (``"converged"``), the loss blows up (``"diverged"``) or ``max_steps`` updates
    have been made (``"max_steps"``); the exact rules are in the module documentation.
    With ``momentum=β > 0`` it is the heavy ball: $v_{k+1} = \\beta v_k + \\nabla f(x_k)$,
    $x_{k+1} = x_k - \\eta_k v_{k+1}$, with $v_0 = 0$.

    A number ``x0`` is descended as a Python ``float``: ``f`` and ``grad`` receive and return
    numbers. An array ``x0`` (any shape) is copied once and then updated *in place*: ``f``
    and ``grad`` receive a read-only view of the current iterate, so they must not keep it;
    ``grad`` may return a new array or a view (it is never modified). Per step the work is
    one ``grad`` call, one ``f`` call, one dot product (the gradient norm) and two in-place
    array operations; memory is the iterate, one step buffer and the gradient (and, with
    momentum, the velocity and two more in-place operations).

    Args:
        f: The loss, ``x -> real number``.
        x0: The starting point: a number, or an array of numbers (finite).
        lr: The learning rate $\\eta$: a number > 0, or a schedule ``k -> lr`` called
            before update ``k = 0, 1, ...`` (each value it returns must be a finite number
            > 0).
        grad: The gradient of ``f``, ``x -> number`` or ``x -> array`` of the shape of ``x``.
            ``None`` (the default) uses central differences
            (`gdcore.derivative()` / `gdcore.gradient()`), 2 ``f`` calls per entry.
        max_steps: The most updates to make (an ``int`` >= 0).
        tol: Converged when the gradient norm is at most ``tol`` (a number >= 0).
        record: ``"all"`` keeps every iterate and loss, ``"loss"`` only the losses,
            ``"none"`` neither; ``"auto"`` (the default) keeps the losses always and the
            iterates only when ``(max_steps + 1) * x0.size <= AUTO_RECORD_LIMIT``
            (1,000,000 numbers), so huge problems never fill the memory.
        momentum: The heavy-ball coefficient $\\beta$, a number with
            ``0 <= momentum < 1``; ``0`` (the default) is plain gradient descent.

    Returns:
        A `DescentResult`.

    Raises:
        TypeError: ``f`` or ``grad`` is not callable; ``lr`` is neither a number nor
            callable; ``x0`` is not made of real numbers; ``f`` or ``grad`` returns something
            that is not a real number (``f``) or not numbers (``grad``); ``momentum`` is not
            a number (a bool is not one).
        ValueError: ``lr`` (or a value of the schedule) is not a finite number > 0; ``x0`` is
            empty or contains NaN or inf; ``tol`` is negative or NaN; ``max_steps`` is not
            an ``int`` >= 0; ``record`` is unknown; ``grad`` returns the wrong shape;
            ``momentum`` is NaN or outside ``[0, 1)``.

    Examples:
        >>> from gdcore.landscapes import bowl, bowl_grad, parabola, parabola_grad
        >>> r = gradient_descent(parabola, 70.0, lr=0.1, grad=parabola_grad)
        >>> r.status, r.nit, round(r.x, 9)
        ('converged', 105, 0.0)
        >>> gradient_descent(parabola, 70.0, lr=1.1, grad=parabola_grad).status
        'diverged'
        >>> r2 = gradient_descent(bowl, [6.0, 9.0], lr=0.1, grad=bowl_grad)
        >>> r2.path[1].tolist(), r2.success
        ([4.8, 7.2], True)
        >>> from gdcore.landscapes import elongated_bowl, elongated_bowl_grad
        >>> plain = gradient_descent(elongated_bowl, [6.0, 9.0], lr=1 / 11,
        ...                          grad=elongated_bowl_grad)
        >>> heavy = gradient_descent(elongated_bowl, [6.0, 9.0], lr=0.1, momentum=0.3,
        ...                          grad=elongated_bowl_grad)
        >>> plain.nit, heavy.nit, heavy.status
        (118, 44, 'converged')
    """
    if not callable(f):
        raise TypeError(f"f must be a callable x -> loss; got {_describe(f)}")
    if grad is not None and not callable(grad):
        raise TypeError(f"grad must be None or a callable x -> gradient; got {_describe(grad)}")
    schedule, lr_const = _check_lr(lr)
    x_start = _check_x0(x0)
    max_steps = _check_max_steps(max_steps)
    tol = _check_tol(tol)
    beta = _check_momentum(momentum)
    if record not in _RECORDS:
        raise ValueError(f"record must be one of {', '.join(map(repr, _RECORDS))}; got {record!r}")
    keep_loss = record in ("all", "loss", "auto")
    keep_path = record == "all" or (
        record == "auto" and (max_steps + 1) * x_start.size <= AUTO_RECORD_LIMIT
    )
    with np.errstate(all="ignore"):
        if x_start.ndim == 0:
            return _descend_scalar(
                f,
                grad,
                float(x_start),
                schedule,
                lr_const,
                max_steps,
                tol,
                keep_path,
                keep_loss,
                beta,
            )
        return _descend_array(
            f, grad, x_start, schedule, lr_const, max_steps, tol, keep_path, keep_loss, beta
        )


# --------------------------------------------------------------------------- the two loops


def _descend_scalar(
    f: Callable[[Any], Any],
    grad: Callable[[Any], Any] | None,
    x: float,
    schedule: Callable[[int], float] | None,
    lr_const: float,
    max_steps: int,
    tol: float,
    keep_path: bool,
    keep_loss: bool,
    beta: float = 0.0,
) -> DescentResult:
    """Gradient descent on one number (plain Python floats); heavy ball if ``beta > 0``."""
    path = [x] if keep_path else None
    funs: list[float] = []
    k = 0
    velocity = 0.0
    fun, problem = _eval_loss(f, x, 0)
    bound = DIVERGENCE_FACTOR * max(1.0, abs(fun)) if problem is None else math.inf
    g = math.nan
    message: Message
    while True:
        if keep_loss:
            funs.append(fun)
        if problem is None:
            problem = _loss_problem(fun, bound, k)
        if problem is not None:
            status: Status = "diverged"
            message = problem
            break
        g = _as_real(grad(x), "grad") if grad is not None else derivative(f, x)
        if not math.isfinite(g):
            status = "diverged"
            message = Message(
                "Diverged at step {k}: the gradient is {value}.", k=k, value=_nonfinite(g)
            )
            break
        if abs(g) <= tol:
            status, message = "converged", _converged_message(k, abs(g), tol)
            break
        if k == max_steps:
            status, message = "max_steps", _max_steps_message(max_steps, abs(g), tol)
            break
        eta = lr_const if schedule is None else _schedule_value(schedule, k)
        if beta == 0.0:
            x = x - eta * g
        else:
            velocity = beta * velocity + g
            x = x - eta * velocity
        k += 1
        if path is not None:
            path.append(x)
        if not math.isfinite(x):
            fun = math.nan
            problem = Message(
                "Diverged at step {k}: the iterate x is {value}.", k=k, value=_nonfinite(x)
            )
        else:
            fun, problem = _eval_loss(f, x, k)
    return DescentResult(
        x=x,
        fun=fun,
        grad=g if status != "diverged" or problem is None else math.nan,
        nit=k,
        success=status == "converged",
        status=status,
        reason=message,
        path=_freeze(np.array(path, dtype=np.float64)) if path is not None else None,
        fun_path=_freeze(np.array(funs, dtype=np.float64)) if keep_loss else None,
    )


def _descend_array(
    f: Callable[[Any], Any],
    grad: Callable[[Any], Any] | None,
    x: FloatArray,
    schedule: Callable[[int], float] | None,
    lr_const: float,
    max_steps: int,
    tol: float,
    keep_path: bool,
    keep_loss: bool,
    beta: float = 0.0,
) -> DescentResult:
    """Gradient descent on an array, updated in place (``x`` is owned by this function);
    heavy ball if ``beta > 0``."""
    view = x.view()
    view.flags.writeable = False  # what f and grad see: the live iterate, read-only
    step = np.empty_like(x)
    velocity = np.zeros_like(x) if beta != 0.0 else None
    path = [x.copy()] if keep_path else None
    funs: list[float] = []
    k = 0
    fun, problem = _eval_loss(f, view, 0)
    bound = DIVERGENCE_FACTOR * max(1.0, abs(fun)) if problem is None else math.inf
    g: FloatArray | None = None
    message: Message
    while True:
        if keep_loss:
            funs.append(fun)
        if problem is None:
            problem = _loss_problem(fun, bound, k)
        if problem is not None:
            status: Status = "diverged"
            message = problem
            break
        g = _as_gradient(grad(view), x.shape) if grad is not None else gradient(f, view)
        flat = g.reshape(-1)  # a view for a contiguous gradient
        gnorm = math.sqrt(float(np.dot(flat, flat)))
        del flat
        if not math.isfinite(gnorm):
            status = "diverged"
            message = Message(
                "Diverged at step {k}: the gradient is not finite (or its norm overflows).", k=k
            )
            break
        if gnorm <= tol:
            status, message = "converged", _converged_message(k, gnorm, tol)
            break
        if k == max_steps:
            status, message = "max_steps", _max_steps_message(max_steps, gnorm, tol)
            break
        eta = lr_const if schedule is None else _schedule_value(schedule, k)
        if velocity is None:
            np.multiply(g, eta, out=step)
        else:
            np.multiply(velocity, beta, out=velocity)
            np.add(velocity, g, out=velocity)
            np.multiply(velocity, eta, out=step)
        g = None  # let the caller's gradient array go before the next one is made
        np.subtract(x, step, out=x)
        k += 1
        if path is not None:
            path.append(x.copy())
        fun, problem = _eval_loss(f, view, k)
    del step, velocity
    if status != "diverged" and not np.isfinite(x).all():
        status = "diverged"
        message = Message("Diverged at step {k}: the iterate x is not finite.", k=k)
    # our own copy of the last gradient: the caller's array (maybe a buffer they reuse, or
    # a view of x) is never frozen or kept
    g = np.full(x.shape, math.nan) if g is None else np.array(g, dtype=np.float64, copy=True)
    x.flags.writeable = False
    return DescentResult(
        x=x,
        fun=fun,
        grad=_freeze(g),
        nit=k,
        success=status == "converged",
        status=status,
        reason=message,
        path=_freeze(np.stack(path)) if path is not None else None,
        fun_path=_freeze(np.array(funs, dtype=np.float64)) if keep_loss else None,
    )


# --------------------------------------------------------------------------- helpers


def _eval_loss(f: Callable[[Any], Any], x: Any, k: int) -> tuple[float, Message | None]:
    """``f(x)`` as a float, or NaN and the reason descent must stop."""
    try:
        value = f(x)
    except OverflowError:
        return math.nan, Message(
            "Diverged at step {k}: f raised OverflowError (the loss is too large to compute).",
            k=k,
        )
    return _as_real(value, "f"), None


def _loss_problem(fun: float, bound: float, k: int) -> Message | None:
    """The divergence message for a bad loss, or ``None`` if the loss is fine."""
    if not math.isfinite(fun):
        return Message(
            "Diverged at step {k}: the loss f(x) is {value}.", k=k, value=_nonfinite(fun)
        )
    if fun > bound:
        return Message(
            "Diverged at step {k}: the loss {fun:.6g} exceeds the divergence bound "
            "{bound:.6g} = {factor} × max(1, |f(x₀)|).",
            k=k,
            fun=fun,
            bound=bound,
            factor=_power_of_ten(DIVERGENCE_FACTOR),
        )
    return None


def _converged_message(k: int, gnorm: float, tol: float) -> Message:
    if k == 0 and gnorm == 0.0:
        return Message(
            "Converged after 0 steps: the gradient at x₀ is exactly 0, so gradient descent "
            "never moved. A zero gradient only says the ground is flat here: x₀ may be a "
            "minimum, or a plateau that gives descent no signal (like the step function)."
        )
    if k == 1:
        return Message(
            "Converged after 1 step: the gradient norm {gnorm:.3g} <= tol = {tol:g}.",
            gnorm=gnorm,
            tol=tol,
        )
    return Message(
        "Converged after {k} steps: the gradient norm {gnorm:.3g} <= tol = {tol:g}.",
        k=k,
        gnorm=gnorm,
        tol=tol,
    )


def _max_steps_message(max_steps: int, gnorm: float, tol: float) -> Message:
    return Message(
        "Stopped after max_steps = {max_steps} steps without converging: "
        "the gradient norm is still {gnorm:.3g} > tol = {tol:g}.",
        max_steps=max_steps,
        gnorm=gnorm,
        tol=tol,
    )


def _nonfinite(value: float) -> str:
    """How a value that is not a finite number is written in a message: NaN, ∞ or −∞.

    >>> _nonfinite(math.nan), _nonfinite(math.inf), _nonfinite(-math.inf)
    ('NaN', '∞', '−∞')
    """
    if math.isnan(value):
        return "NaN"
    return "∞" if value > 0 else "−∞"


def _power_of_ten(value: float) -> str:
    """``1e12`` as ``10¹²`` (other numbers as ``str.format``'s ``g``).

    >>> _power_of_ten(1e12), _power_of_ten(2.5e3)
    ('10¹²', '2500')
    """
    exponent = math.log10(value) if value > 0 else math.nan
    if math.isfinite(exponent) and exponent == round(exponent) and 10.0 ** round(exponent) == value:
        return "10" + str(round(exponent)).translate(str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻"))
    return f"{value:g}"


def _freeze(a: FloatArray) -> FloatArray:
    a.flags.writeable = False
    return a


def _describe(obj: object) -> str:
    return f"{type(obj).__name__} {obj!r}" if not isinstance(obj, np.ndarray) else "an array"


def _as_gradient(value: object, shape: tuple[int, ...]) -> FloatArray:
    """The gradient returned by ``grad`` as a float64 array of ``shape`` (no copy if it is)."""
    try:
        g = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise TypeError(
            f"grad must return an array of numbers, but it returned {type(value).__name__}"
        ) from error
    if g.shape != shape:
        raise ValueError(
            f"grad returned an array of shape {g.shape}, but x has shape {shape}; "
            "the gradient must have the shape of x"
        )
    return g


def _check_lr(lr: object) -> tuple[Callable[[int], float] | None, float]:
    if callable(lr):
        return lr, math.nan
    if not _is_real_number(lr):
        raise TypeError(f"lr must be a number > 0 or a schedule k -> lr; got {_describe(lr)}")
    value = float(lr)  # type: ignore[arg-type]
    if not (math.isfinite(value) and value > 0.0):
        raise ValueError(f"lr must be a finite number > 0 (the learning rate); got {value}")
    return None, value


def _schedule_value(schedule: Callable[[int], float], k: int) -> float:
    value = schedule(k)
    if not _is_real_number(value):
        raise TypeError(f"the lr schedule must return a number; lr({k}) = {value!r}")
    eta = float(value)
    if not (math.isfinite(eta) and eta > 0.0):
        raise ValueError(f"the lr schedule must return finite numbers > 0; lr({k}) = {eta}")
    return eta


def _check_x0(x0: ArrayLike) -> FloatArray:
    if isinstance(x0, (bool, np.bool_)):
        raise TypeError("x0 must be a number or an array of numbers; got a bool")
    try:
        a = np.asarray(x0)
    except ValueError as error:  # ragged nested lists
        raise ValueError(f"x0 must be a number or a regular array of numbers: {error}") from None
    if a.dtype.kind not in "iuf":
        raise TypeError(f"x0 must be a number or an array of real numbers; got dtype {a.dtype}")
    x = np.array(a, dtype=np.float64, copy=True, order="C")
    if x.size == 0:
        raise ValueError("x0 must not be empty")
    if not np.isfinite(x).all():
        raise ValueError("x0 must be finite; it contains NaN or inf")
    return x


def _check_max_steps(max_steps: object) -> int:
    if not isinstance(max_steps, (int, np.integer)) or isinstance(max_steps, (bool, np.bool_)):
        raise ValueError(f"max_steps must be an int >= 0; got {_describe(max_steps)}")
    if max_steps < 0:
        raise ValueError(f"max_steps must be an int >= 0; got {max_steps}")
    return int(max_steps)


def _check_momentum(momentum: object) -> float:
    if not _is_real_number(momentum):
        raise TypeError(
            f"momentum must be a number with 0 <= momentum < 1; got {_describe(momentum)}"
        )
    value = float(momentum)  # type: ignore[arg-type]
    if not 0.0 <= value < 1.0:  # also catches NaN
        raise ValueError(
            f"momentum must be a number with 0 <= momentum < 1 (the heavy-ball β); got {value}"
        )
    return value


def _check_tol(tol: object) -> float:
    if not _is_real_number(tol):
        raise TypeError(f"tol must be a number >= 0; got {_describe(tol)}")
    value = float(tol)  # type: ignore[arg-type]
    if not value >= 0.0:  # also catches NaN
        raise ValueError(f"tol must be a number >= 0; got {value}")
    return value
