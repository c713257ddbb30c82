"""Mini-batch stochastic gradient descent: one update per batch of examples, not per data set.

On real data the loss is a mean over $n$ examples,
$L(x) = \\frac{1}{n}\\sum_{i=1}^{n} \\ell_i(x)$, and its gradient costs $n$ example
gradients. Mini-batch SGD estimates the gradient from a batch $I_k$ of $B$ examples and
updates at once:

$$x_{k+1} = x_k - \\eta_k\\, g_k,
\\qquad g_k = \\frac{1}{|I_k|}\\sum_{i \\in I_k} \\nabla \\ell_i(x_k).$$

An **epoch** is one pass over the data: $\\lceil n/B \\rceil$ updates, $n$ example
gradients. $B = n$ is full-batch gradient descent; $B = 1$ is "pure" SGD.

The order of the batches is pinned, so a run is the same on every machine (and a JavaScript
copy can replay it from `batch_indices()`):

1. ``rng = numpy.random.default_rng(seed)``;
2. each epoch draws ``perm = rng.permutation(n_examples)`` and cuts it into consecutive
   batches ``perm[s:s + batch_size]`` for ``s = 0, B, 2B, ...`` (the last one is shorter
   when $B$ does not divide $n$);
3. each batch is handed to ``grad`` **sorted** (``numpy.sort``): the same examples, in data
   order, so the sum inside ``grad`` runs in a fixed order and the full batch is exactly
   ``numpy.arange(n)``. That is why ``batch_size=n`` gives `gradient_descent()`'s iterates
   bit for bit.

The update $k$ (counted over all epochs, from 0) is plain float64 arithmetic in this order:
``x = x - eta_k * g`` (``eta_k = lr(k)`` for a schedule); with ``momentum=β`` the heavy ball
of `gradient_descent()`: ``v = β * v + g``, then ``x = x - eta_k * v`` ($v_0 = 0$).

Stopping rules. SGD has no convergence test: a small mini-batch gradient says little about
the full gradient, so every epoch is run unless the run diverges:

- ``"diverged"`` if a mini-batch gradient or an iterate is NaN or infinite, or (when
  ``loss`` is given) if the full loss is NaN, infinite, or grows past
  ``DIVERGENCE_FACTOR * max(1, |loss(x0)|)``, as in `gradient_descent()`;
- otherwise ``"max_steps"`` after the last update of the last epoch (``nit`` is then
  ``epochs * ceil(n / B)``); `SGDResult.status_text()` calls it "ran every epoch".

After the last update the **full** gradient ``grad(x, arange(n))`` is computed once, so
``result.grad`` really is the gradient at ``result.x`` and the message quotes its norm.

Examples:
    >>> import numpy as np
    >>> targets = np.array([1.0, 2.0, 3.0, 6.0])         # minimize the mean of (x - t_i)²
    >>> def grad(x, idx):
    ...     return float(np.mean(2 * (x - targets[idx])))
    >>> r = sgd(grad, 0.0, 4, lr=0.1, batch_size=2, epochs=3)
    >>> r.status, r.nit, r.updates_per_epoch, len(r.path)
    ('max_steps', 6, 2, 7)
    >>> r.path[:3].round(4).tolist()      # batch {0, 2}, then {1, 3}
    [0.0, 0.4, 1.12]
    >>> r.status_text("vi")
    'đã chạy hết các epoch'
    >>> [b.tolist() for b in batch_indices(4, 2, epochs=1)]
    [[0, 2], [1, 3]]
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from gdcore.calculus import _as_real
from gdcore.descent import (
    AUTO_RECORD_LIMIT,
    DIVERGENCE_FACTOR,
    DescentResult,
    LearningRate,
    Record,
    Status,
    _as_gradient,
    _check_lr,
    _check_momentum,
    _check_x0,
    _describe,
    _eval_loss,
    _freeze,
    _loss_problem,
    _nonfinite,
    _schedule_value,
)
from gdcore.i18n import N_, Message, translate

__all__ = ["BatchGradient", "SGDResult", "batch_indices", "sgd"]

FloatArray = NDArray[np.float64]
IndexArray = NDArray[np.intp]

BatchGradient = Callable[[Any, IndexArray], Any]
"""``grad(x, idx)``: the mean gradient over the examples whose indices are in ``idx``."""

_RECORDS = ("auto", "all", "loss", "none")

_SGD_STATUS_TEXT: dict[str, str] = {
    "max_steps": N_("ran every epoch"),
    "diverged": N_("diverged"),
    "converged": N_("converged"),
}


@dataclass(frozen=True, eq=False, repr=False)
class SGDResult(DescentResult):
    """What `sgd()` found: a `DescentResult` plus how the data were cut into batches.

    The fields of `DescentResult` mean what they mean there, except: ``nit`` counts
    mini-batch updates; ``fun`` and ``fun_path`` are the full loss ``loss(x)`` (NaN and
    ``None`` when no ``loss`` was given); ``grad`` is the full gradient
    ``grad(x, arange(n))`` at the last iterate.

    Attributes:
        n_examples: How many examples the data set has ($n$).
        batch_size: The batch size $B$.
        epochs: How many epochs were asked for.
        updates_per_epoch: $\\lceil n/B \\rceil$.

    Examples:
        >>> r = sgd(lambda x, idx: 2 * x, 1.0, 10, lr=0.1, batch_size=3, epochs=2)
        >>> r.updates_per_epoch, r.nit, r.epochs_run
        (4, 8, 2.0)
    """

    n_examples: int = 0
    batch_size: int = 0
    epochs: int = 0
    updates_per_epoch: int = 0

    @property
    def epochs_run(self) -> float:
        """Updates made, in epochs (``nit / updates_per_epoch``; less than ``epochs`` if the
        run diverged)."""
        return self.nit / self.updates_per_epoch if self.updates_per_epoch else 0.0

    @property
    def example_gradients(self) -> int:
        """How many example gradients the updates cost (the final full gradient not counted):
        ``n`` per full epoch."""
        full, rest = divmod(self.nit, self.updates_per_epoch) if self.updates_per_epoch else (0, 0)
        return full * self.n_examples + rest * self.batch_size

    def __repr__(self) -> str:
        """A short summary, with the batching."""
        base = super().__repr__().removeprefix("DescentResult(")
        return (
            f"SGDResult(n_examples={self.n_examples}, batch_size={self.batch_size}, "
            f"epochs={self.epochs}, {base}"
        )

    def status_text(self, lang: str = "en") -> str:
        """The status in words, in ``lang``: ``"max_steps"`` is "ran every epoch".

        Raises:
            ValueError: ``lang`` is not a language gdcore speaks.
        """
        return translate(_SGD_STATUS_TEXT[self.status], lang)


def batch_indices(
    n_examples: int, batch_size: int, *, epochs: int = 1, seed: int = 0
) -> Iterator[IndexArray]:
    """The batches `sgd()` uses, in order: each one sorted, ``epochs * ceil(n/B)`` of them.

    Args:
        n_examples: The number of examples $n$ (an ``int`` >= 1).
        batch_size: The batch size $B$ (an ``int``, ``1 <= B <= n``).
        epochs: The number of passes over the data (an ``int`` >= 0).
        seed: The seed of ``numpy.random.default_rng`` (an ``int`` >= 0).

    Returns:
        An iterator of sorted ``intp`` arrays; within an epoch they partition ``range(n)``.

    Raises:
        TypeError: an argument is not an ``int`` (a bool is not one).
        ValueError: ``n_examples < 1``, ``batch_size`` outside ``[1, n]``, ``epochs < 0`` or
            ``seed < 0``.

    Examples:
        >>> [b.tolist() for b in batch_indices(5, 2, epochs=2, seed=1)]
        [[0, 4], [1, 2], [3], [0, 3], [1, 4], [2]]
    """
    n, size, count, seed = _check_plan(n_examples, batch_size, epochs, seed)
    return _batches(n, size, count, seed)


def _batches(n: int, size: int, epochs: int, seed: int) -> Iterator[IndexArray]:
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        perm = rng.permutation(n)
        for s in range(0, n, size):
            yield np.sort(perm[s : s + size])


def sgd(
    grad: BatchGradient,
    x0: ArrayLike,
    n_examples: int,
    *,
    lr: LearningRate,
    batch_size: int,
    epochs: int,
    seed: int = 0,
    momentum: float = 0.0,
    loss: Callable[[Any], Any] | None = None,
    record: Record = "auto",
) -> SGDResult:
    """Minimize a mean loss over ``n_examples`` examples by mini-batch SGD from ``x0``.

    For each batch $I_k$ (see `batch_indices()`, the order is pinned by ``seed``):
    $g_k$ = ``grad(x_k, I_k)``, then $x_{k+1} = x_k - \\eta_k g_k$; with ``momentum=β``,
    $v_{k+1} = \\beta v_k + g_k$ and $x_{k+1} = x_k - \\eta_k v_{k+1}$ ($v_0 = 0$), exactly
    as `gradient_descent()`. ``batch_size=n_examples`` is full-batch gradient descent: the
    same iterates bit for bit as ``gradient_descent(lambda x: loss(x), x0, lr=lr,
    grad=lambda x: grad(x, arange(n)), tol=0, max_steps=epochs)`` (while that one does not
    stop early). The stopping rules are in the module documentation: every epoch is run unless
    the run diverges.

    A number ``x0`` is descended as a Python ``float``; an array ``x0`` is copied once and
    updated in place, and ``grad`` and ``loss`` receive a read-only view of it (they must
    not keep it).

    Args:
        grad: ``grad(x, idx)`` returns the **mean** gradient over the examples whose indices
            are in ``idx`` (a sorted ``intp`` array): a number for a number ``x0``, else an
            array of ``x0``'s shape.
        x0: The starting point: a number or an array of numbers (finite).
        n_examples: The number of examples $n$ (an ``int`` >= 1).
        lr: The learning rate $\\eta$: a number > 0, or a schedule ``k -> lr`` called before
            update ``k = 0, 1, ...`` (``k`` counts updates over all epochs).
        batch_size: The batch size $B$, an ``int`` with ``1 <= B <= n_examples``.
        epochs: The number of passes over the data, an ``int`` >= 0.
        seed: The seed of ``numpy.random.default_rng``, an ``int`` >= 0.
        momentum: The heavy-ball coefficient $\\beta$, ``0 <= momentum < 1``.
        loss: The full loss ``x -> number`` (optional). When given it is evaluated at ``x0``
            and after every update (recorded in ``fun_path``, checked for divergence); that
            costs $n$ example losses per update, so it is for small data sets and figures.
        record: As in `gradient_descent()`: ``"all"``, ``"loss"``, ``"none"`` or ``"auto"``
            (iterates kept when ``(updates + 1) * x0.size <= AUTO_RECORD_LIMIT``).

    Returns:
        An `SGDResult`.

    Raises:
        TypeError: ``grad`` (or ``loss``) is not callable; ``lr`` is neither a number nor
            callable; ``x0`` is not real numbers; ``n_examples``, ``batch_size``, ``epochs``
            or ``seed`` is not an ``int``; ``grad``/``loss`` return the wrong kind of thing;
            ``momentum`` is not a number.
        ValueError: ``lr`` (or a schedule value) is not a finite number > 0; ``x0`` is empty
            or not finite; ``n_examples < 1``; ``batch_size < 1`` or ``> n_examples``;
            ``epochs < 0``; ``seed < 0``; ``momentum`` outside ``[0, 1)``; ``record`` is
            unknown; ``grad`` returns the wrong shape.

    Examples:
        >>> import numpy as np
        >>> t = np.array([1.0, 2.0, 3.0, 6.0])
        >>> def grad(x, idx):
        ...     return float(np.mean(2 * (x - t[idx])))
        >>> def loss(x):
        ...     return float(np.mean((x - t) ** 2))
        >>> full = sgd(grad, 0.0, 4, lr=0.25, batch_size=4, epochs=5, loss=loss)
        >>> round(full.x, 4), round(full.fun, 4)         # full batch: x → mean(t) = 3
        (2.9062, 3.5088)
        >>> one = sgd(grad, 0.0, 4, lr=0.25, batch_size=1, epochs=5, loss=loss)
        >>> one.nit, round(one.x, 4)                     # 20 noisy updates
        (20, 4.1318)
        >>> sgd(grad, 0.0, 4, lr=0.1, batch_size=5, epochs=1)
        Traceback (most recent call last):
        ...
        ValueError: batch_size must be an int with 1 <= batch_size <= n_examples = 4; got 5
    """
    if not callable(grad):
        raise TypeError(f"grad must be a callable (x, idx) -> gradient; got {_describe(grad)}")
    if loss is not None and not callable(loss):
        raise TypeError(f"loss must be None or a callable x -> loss; got {_describe(loss)}")
    schedule, lr_const = _check_lr(lr)
    x_start = _check_x0(x0)
    n, size, count, seed = _check_plan(n_examples, batch_size, epochs, seed)
    beta = _check_momentum(momentum)
    if record not in _RECORDS:
        raise ValueError(f"record must be one of {', '.join(map(repr, _RECORDS))}; got {record!r}")
    per_epoch = -(-n // size)
    updates = count * per_epoch
    keep_loss = loss is not None and record in ("all", "loss", "auto")
    keep_path = record == "all" or (
        record == "auto" and (updates + 1) * x_start.size <= AUTO_RECORD_LIMIT
    )
    scalar = x_start.ndim == 0
    x = x_start
    view = x.view()
    view.flags.writeable = False

    def at(point: FloatArray) -> Any:
        return float(point) if scalar else view

    def gradient_at(idx: IndexArray) -> FloatArray:
        value = grad(at(x), idx)
        if scalar:
            return np.asarray(_as_real(value, "grad"), dtype=np.float64)
        return _as_gradient(value, x.shape)

    step = np.empty_like(x)
    velocity = np.zeros_like(x) if beta != 0.0 else None
    path = [x.copy()] if keep_path else None
    funs: list[float] = []
    fun = math.nan
    problem: Message | None = None
    bound = math.inf
    k = 0
    with np.errstate(all="ignore"):
        if loss is not None:
            fun, problem = _eval_loss(loss, at(x), 0)
            if problem is None:
                bound = DIVERGENCE_FACTOR * max(1.0, abs(fun))
                problem = _loss_problem(fun, bound, 0)
            if keep_loss:
                funs.append(fun)
        if problem is None:
            for idx in _batches(n, size, count, seed):
                g = gradient_at(idx)
                if not np.isfinite(g).all():
                    problem = _bad_gradient(k, g, scalar)
                    break
                eta = lr_const if schedule is None else _schedule_value(schedule, k)
                if velocity is None:
                    np.multiply(g, eta, out=step)
                else:
                    np.multiply(velocity, beta, out=velocity)
                    np.add(velocity, g, out=velocity)
                    np.multiply(velocity, eta, out=step)
                np.subtract(x, step, out=x)
                k += 1
                if path is not None:
                    path.append(x.copy())
                if not np.isfinite(x).all():
                    problem = _bad_iterate(k, x, scalar)
                    if keep_loss:
                        funs.append(math.nan)
                    fun = math.nan
                    break
                if loss is not None:
                    fun, problem = _eval_loss(loss, at(x), k)
                    if problem is None:
                        problem = _loss_problem(fun, bound, k)
                    if keep_loss:
                        funs.append(fun)
                    if problem is not None:
                        break
        status: Status
        if problem is not None:
            status, message = "diverged", problem
            g_full = np.full(x.shape, math.nan)
        else:
            g_full = np.array(gradient_at(np.arange(n)), dtype=np.float64, copy=True)
            flat = g_full.reshape(-1)
            gnorm = math.sqrt(float(np.dot(flat, flat)))
            status = "max_steps"
            message = Message(
                "Ran all {epochs} epochs: {nit} updates on batches of {batch_size} of the "
                "{n} examples; the full gradient norm at the end is {gnorm:.3g}.",
                epochs=count,
                nit=k,
                batch_size=size,
                n=n,
                gnorm=gnorm,
            )
    x.flags.writeable = False
    return SGDResult(
        x=float(x) if scalar else x,
        fun=fun,
        grad=float(g_full) if scalar else _freeze(g_full),
        nit=k,
        success=False,
        status=status,
        reason=message,
        path=_freeze(np.stack(path).reshape(len(path), *x.shape)) if path is not None else None,
        fun_path=_freeze(np.array(funs, dtype=np.float64)) if keep_loss else None,
        n_examples=n,
        batch_size=size,
        epochs=count,
        updates_per_epoch=per_epoch,
    )


def _bad_gradient(k: int, g: FloatArray, scalar: bool) -> Message:
    if scalar:
        return Message(
            "Diverged at step {k}: the gradient is {value}.", k=k, value=_nonfinite(float(g))
        )
    return Message("Diverged at step {k}: the gradient is not finite (or its norm overflows).", k=k)


def _bad_iterate(k: int, x: FloatArray, scalar: bool) -> Message:
    if scalar:
        return Message(
            "Diverged at step {k}: the iterate x is {value}.", k=k, value=_nonfinite(float(x))
        )
    return Message("Diverged at step {k}: the iterate x is not finite.", k=k)


def _check_int(value: object, name: str, what: str) -> int:
    if not isinstance(value, (int, np.integer)) or isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be an int {what}; got {_describe(value)}")
    return int(value)


def _check_plan(
    n_examples: object, batch_size: object, epochs: object, seed: object
) -> tuple[int, int, int, int]:
    """``(n, batch_size, epochs, seed)`` checked, or the error that says what is wrong."""
    n = _check_int(n_examples, "n_examples", ">= 1 (the number of examples)")
    if n < 1:
        raise ValueError(f"n_examples must be an int >= 1 (the number of examples); got {n}")
    what = f"with 1 <= batch_size <= n_examples = {n}"
    size = _check_int(batch_size, "batch_size", what)
    if not 1 <= size <= n:
        raise ValueError(f"batch_size must be an int {what}; got {size}")
    count = _check_int(epochs, "epochs", ">= 0 (passes over the data)")
    if count < 0:
        raise ValueError(f"epochs must be an int >= 0 (passes over the data); got {count}")
    seed_value = _check_int(seed, "seed", ">= 0 (for numpy.random.default_rng)")
    if seed_value < 0:
        raise ValueError(
            f"seed must be an int >= 0 (for numpy.random.default_rng); got {seed_value}"
        )
    return n, size, count, seed_value
