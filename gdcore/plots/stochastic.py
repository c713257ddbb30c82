"""Mini-batch SGD on the real diabetes data: the noise of small batches, and a decaying rate.

Both figures fit the 2-D bowl of `gdcore.regression.diabetes_mse` with the features ``bmi``
and ``s5`` standardized and the target centered (so no intercept is needed): the model is
``progression − mean ≈ w₁·bmi + w₂·s5``, $\\theta = (w_1, w_2)$, and every run is
`gdcore.sgd()` from $\\theta_0 = (0, 0)$.

- `sgd_batch_sizes()`: the same seed and rate, batch sizes B = 1, a few, and n: paths on the
  contour plot and the loss epoch by epoch.
- `sgd_schedule()`: B = 1 with a constant rate (the iterate keeps jittering around the
  bottom) and with a decaying rate (it settles).

Text is at least 11 pt in a 6.4-inch figure; the phone layout (``layout="phone"``) is 3.7 in
wide with 9-pt text, drawn at its natural size in a phone's column.

Examples:
    >>> fig = sgd_batch_sizes(lang="en")
    >>> len(fig.axes), "B = 442" in fig.get_label()
    (2, True)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from matplotlib.figure import Figure

from gdcore.i18n import Lang, check_lang, translate
from gdcore.plots._base import (
    _PHONE_WIDTH,
    BLUE,
    GREEN,
    INK,
    ORANGE,
    FloatArray,
    Layout,
    _check_layout,
    _fmt,
    _freeze_layout,
    _join,
    _new_figure,
    _remembered,
    _wrapped,
)
from gdcore.plots._chapter import WIDTH, chapter_style, contours, count, power_ticks, thin
from gdcore.regression import LinearMSE, diabetes_mse
from gdcore.stochastic import SGDResult, sgd

__all__ = ["sgd_batch_sizes", "sgd_schedule"]


def _bowl() -> LinearMSE:
    return diabetes_mse("bmi", "s5", intercept=False, center_target=True)


def _run(
    problem: LinearMSE,
    lr: float | Callable[[int], float],
    batch_size: int,
    epochs: int,
    seed: int,
) -> SGDResult:
    return sgd(
        problem.grad,
        np.zeros(problem.n_params),
        problem.n_examples,
        lr=lr,
        batch_size=batch_size,
        epochs=epochs,
        seed=seed,
        loss=problem.loss,
        record="all",
    )


# --------------------------------------------------------------------------- batch sizes


@_remembered
def sgd_batch_sizes(
    batch_sizes: Sequence[int] = (1, 16, 442),
    *,
    lr: float = 0.05,
    updates: int = 120,
    seed: int = 0,
    lang: Lang = "en",
    layout: Layout = "desktop",
) -> Figure:
    """Draw mini-batch SGD with several batch sizes: the same rate, seed and number of updates.

    Top: the contour plot of the diabetes bowl with each run's path (the first ``updates``
    updates of `gdcore.sgd()`, run for as many epochs as that takes). Bottom: the full loss
    after each update. The legend gives what the updates cost in example gradients:
    ``updates × B``.

    Args:
        batch_sizes: Up to three batch sizes (``1 <= B <= 442``).
        lr: The learning rate $\\eta$ of every run.
        updates: How many updates of each run to draw (an ``int`` >= 1).
        seed: The seed of the batch order (the same for every run).
        lang: ``"vi"`` or ``"en"``.
        layout: ``"desktop"`` or ``"phone"`` (3.7 in with 9-pt text; see `gdcore.plots`).

    Returns:
        The figure (two axes); ``fig.get_label()`` is its alt text with the computed numbers.

    Raises:
        ValueError: ``lang`` is unknown, more than three batch sizes, ``updates < 1``, or a
            bad argument of `gdcore.sgd()`.

    Examples:
        >>> fig = sgd_batch_sizes(lang="vi")
        >>> "kích thước lô" in fig.get_label()
        True
    """
    lang = check_lang(lang)
    phone = _check_layout(layout) == "phone"
    if not 1 <= len(batch_sizes) <= 3:
        raise ValueError(f"give one to three batch sizes; got {len(batch_sizes)}")
    if not isinstance(updates, int) or isinstance(updates, bool) or updates < 1:
        raise ValueError(f"updates must be an int >= 1; got {updates!r}")
    problem = _bowl()
    best = problem.solution()
    low = problem.loss(best)
    n = problem.n_examples
    runs = []
    for size in batch_sizes:
        per_epoch = -(-n // size) if isinstance(size, int) and size >= 1 else 1
        run = _run(problem, lr, size, -(-updates // per_epoch), seed)
        assert run.path is not None and run.fun_path is not None  # record="all"
        runs.append((run, run.path[: updates + 1], run.fun_path[: updates + 1]))
    colors = (ORANGE, GREEN, BLUE)
    names = []
    with chapter_style(phone):
        fig = _new_figure(_PHONE_WIDTH if phone else WIDTH, 7.0 if phone else 7.8)
        ax, ax2 = fig.subplots(2, 1, gridspec_kw={"height_ratios": (1.3, 1.0)})
        every = np.vstack([*(path for _, path, _ in runs), best[None, :]])
        pad = 0.08 * float(np.ptp(every, axis=0).max())
        xlim = (float(every[:, 0].min()) - pad, float(every[:, 0].max()) + pad)
        ylim = (float(every[:, 1].min()) - pad, float(every[:, 1].max()) + pad)
        contours(ax, problem, xlim, ylim, start=np.zeros(2))
        for (run, path, losses), color in zip(runs, colors, strict=False):
            name = translate(
                "B = {b}: {cost} example gradients",
                lang,
                b=run.batch_size,
                cost=count(updates * run.batch_size),
            )
            names.append(name)
            noisy = run.batch_size < n
            ax.plot(
                path[:, 0],
                path[:, 1],
                "-",
                color=color,
                linewidth=1.0 if noisy else 2.2,
                marker=None if noisy else "o",
                markevery=5,
                markersize=3.5,
                label=name,
            )
            ax2.plot(
                np.arange(len(losses)),
                losses,
                color=color,
                linewidth=1.0 if noisy else 2.0,
                label=name,
            )
        ax.plot([0.0], [0.0], "o", color=INK, markersize=5, zorder=6)
        ax.set_xlim(*xlim)
        ax.set_ylim(*ylim)
        ax.set_aspect("equal")
        ax.grid(False)
        ax.set_xlabel(translate("w₁ (weight of BMI)", lang))
        ax.set_ylabel(translate("w₂ (weight of s5)", lang))
        ax.set_title(
            translate(
                "{updates} updates, η = {lr}, the same seed", lang, updates=updates, lr=_fmt(lr)
            )
        )
        ax2.axhline(
            low,
            color=INK,
            linewidth=0.9,
            linestyle="--",
            label=translate("lowest loss {low}", lang, low=_fmt(low)),
        )
        ax2.legend(loc="upper right", handlelength=1.4)
        ax2.set_xlim(0, updates)
        top = max(float(losses.max()) for _, _, losses in runs)
        ax2.set_ylim(low - 0.05 * (top - low), top + 0.6 * (top - low))  # room for the legend
        ax2.set_xlabel(translate("update k", lang))
        ax2.set_ylabel(translate("loss (MSE)", lang))
    items = [
        translate(
            "B = {b}: loss {fun} after {updates} updates, which cost {cost} example gradients",
            lang,
            b=run.batch_size,
            fun=_fmt(float(losses[-1])),
            updates=updates,
            cost=count(updates * run.batch_size),
        )
        for run, _, losses in runs
    ]
    fig.set_label(
        translate(
            "Mini-batch SGD on the diabetes data (442 patients; progression minus its mean "
            "fitted as w₁·BMI + w₂·s5, both standardized), from (0, 0) with learning rate "
            "η = {lr}, the same seed and {updates} updates, for batch sizes {sizes}. Top: "
            "the paths on the contour plot of the loss, the minimum at {best} marked by a "
            "cross; the smaller the batch, the more the path wanders. Bottom: the loss after "
            "each update, with the lowest loss {low} dashed: {items}.",
            lang,
            lr=_fmt(lr),
            updates=updates,
            sizes=_join_numbers([run.batch_size for run, _, _ in runs], lang),
            best=f"({_fmt(float(best[0]))}, {_fmt(float(best[1]))})",
            low=_fmt(low),
            items="; ".join(items),
        )
    )
    return _freeze_layout(fig)


def _join_numbers(values: Sequence[int], lang: Lang) -> str:
    return _join([str(v) for v in values], lang)


# --------------------------------------------------------------------------- schedules


@_remembered
def sgd_schedule(
    *,
    lr: float = 0.05,
    half_life: int = 50,
    epochs: int = 10,
    seed: int = 0,
    lang: Lang = "en",
    layout: Layout = "desktop",
) -> Figure:
    """Draw SGD with B = 1 and a constant rate against the decaying rate η/(1 + k/K).

    The decaying schedule $\\eta_k = \\eta / (1 + k/K)$ halves the rate after $K$ updates
    (``half_life``), divides it by 3 after $2K$, and so on. Top: the iterates of the last
    epoch near the minimum (the constant rate leaves a cloud, the noise ball; the decaying
    one a tight cluster; every third iterate is drawn). Bottom: the loss above its minimum,
    $L(\\theta_k) - L^*$, on a log scale: each update (thin) and its mean over each epoch
    (thick, with dots).

    Args:
        lr: The starting learning rate $\\eta$ of both runs.
        half_life: $K$, the number of updates after which the decaying rate is $\\eta/2$.
        epochs: The number of epochs (>= 2).
        seed: The seed of the batch order (the same for both runs).
        lang: ``"vi"`` or ``"en"``.
        layout: ``"desktop"`` or ``"phone"`` (3.7 in with 9-pt text; see `gdcore.plots`).

    Returns:
        The figure (two axes); ``fig.get_label()`` is its alt text with the computed numbers.

    Raises:
        ValueError: ``lang`` is unknown, ``epochs < 2``, or a bad argument of `gdcore.sgd()`.

    Examples:
        >>> fig = sgd_schedule(lang="en")
        >>> "noise ball" in fig.get_label()
        True
    """
    lang = check_lang(lang)
    phone = _check_layout(layout) == "phone"
    if not isinstance(epochs, int) or isinstance(epochs, bool) or epochs < 2:
        raise ValueError(f"epochs must be an int >= 2; got {epochs!r}")
    problem = _bowl()
    n = problem.n_examples
    best = problem.solution()
    low = problem.loss(best)

    if not isinstance(half_life, int) or isinstance(half_life, bool) or half_life < 1:
        raise ValueError(f"half_life must be an int >= 1; got {half_life!r}")

    def decaying(k: int) -> float:
        return lr / (1 + k / half_life)

    const = _run(problem, lr, 1, epochs, seed)
    decay = _run(problem, decaying, 1, epochs, seed)
    runs = (
        (const, ORANGE, translate("constant η = {lr}", lang, lr=_fmt(lr))),
        (decay, BLUE, translate("η = {lr}/(1 + k/{K})", lang, lr=_fmt(lr), K=half_life)),
    )
    spreads: list[float] = []
    epoch_means: list[FloatArray] = []
    with chapter_style(phone):
        fig = _new_figure(_PHONE_WIDTH if phone else WIDTH, 6.6 if phone else 7.4)
        ax, ax2 = fig.subplots(2, 1, gridspec_kw={"height_ratios": (1.1, 1.0)})
        for run, color, name in runs:
            assert run.path is not None and run.fun_path is not None  # record="all"
            last = run.path[-n:]
            spreads.append(float(np.mean(np.sqrt(np.sum((last - best) ** 2, axis=1)))))
            ax.plot(
                last[::3, 0],
                last[::3, 1],
                "o",
                color=color,
                markersize=2.4,
                alpha=0.75,
                label=name,
                zorder=4,
            )
            gaps = np.maximum(run.fun_path - low, 1e-12)
            k, gap = thin(gaps, 300)
            ax2.plot(k / n, gap, color=color, linewidth=0.5, alpha=0.45)
            means = gaps[1:].reshape(epochs, n).mean(axis=1)
            epoch_means.append(means)
            ax2.plot(
                np.arange(1, epochs + 1) - 0.5,
                means,
                "-o",
                color=color,
                linewidth=2.2,
                markersize=4.5,
                label=name,
            )
        reach = 1.15 * float(np.abs(const.path[-n:] - best).max()) if const.path is not None else 1
        ax.set_xlim(best[0] - reach, best[0] + reach)
        ax.set_ylim(best[1] - reach, best[1] + reach)
        contours(ax, problem, ax.get_xlim(), ax.get_ylim(), start=np.zeros(2))
        ax.set_aspect("equal")
        ax.grid(False)
        ax.set_xlabel(translate("w₁ (weight of BMI)", lang))
        ax.set_ylabel(translate("w₂ (weight of s5)", lang))
        ax.set_title(translate("The last epoch's iterates, B = 1", lang))
        ax.legend(loc="upper left", markerscale=2.5, handletextpad=0.2)
        ax2.set_yscale("log")
        power_ticks(ax2)
        ax2.set_xlim(0, epochs)
        ax2.set_xlabel(translate("epoch (442 updates each)", lang))
        ax2.set_ylabel(translate("L(θ) − L* (log scale)", lang))
        ax2.set_title(
            _wrapped(translate("Loss above the minimum; dots: mean over each epoch", lang), phone)
        )
    fig.set_label(
        translate(
            "SGD with batch size 1 on the diabetes data (w₁·BMI + w₂·s5, standardized) for "
            "{epochs} epochs with the same seed, once with a constant learning rate η = {lr} "
            "and once with the decaying rate η/(1 + k/{K}) at update k. Top: the iterates of "
            "the last epoch around the minimum: with the constant rate they stay in a wide "
            "cloud, the noise ball (mean distance {const_spread} from the minimum); with the "
            "decaying rate they settle close to it ({decay_spread}). Bottom: the loss above "
            "its minimum on a log scale, averaged over each epoch: with the constant rate it "
            "does not keep falling ({const_first} in the first epoch, {const_last} in the "
            "last); with the decaying rate it keeps going down, from {decay_first} to "
            "{decay_last}.",
            lang,
            epochs=epochs,
            lr=_fmt(lr),
            K=half_life,
            const_spread=_fmt(spreads[0], 3),
            decay_spread=_fmt(spreads[1], 3),
            const_first=_fmt(float(epoch_means[0][0]), 3),
            const_last=_fmt(float(epoch_means[0][-1]), 3),
            decay_first=_fmt(float(epoch_means[1][0]), 3),
            decay_last=_fmt(float(epoch_means[1][-1]), 3),
        )
    )
    return _freeze_layout(fig)
