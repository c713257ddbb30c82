"""The learning-rate figure: trajectories for several η on f(x) = x²."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from gdcore import landscapes

if TYPE_CHECKING:
    pass


from gdcore.i18n import N_, translate
from gdcore.plots._base import (
    _PHONE_WIDTH,
    _WIDTH,
    INK,
    PALETTE,
    Lang,
    Layout,
    _check_lang,
    _check_layout,
    _check_steps,
    _descend_1d,
    _fmt,
    _freeze_layout,
    _new_figure,
    _outcome,
    _remembered,
    _style,
    _sub,
)


@_remembered
def learning_rate_trajectories(
    lrs: Sequence[float] = (0.001, 0.1, 0.5, 0.9, 1.0, 1.1),
    x0: float = 70.0,
    steps: int = 30,
    *,
    lang: Lang = "en",
    layout: Layout = "desktop",
) -> Figure:
    """Plot x against the step k on x² for several learning rates, one small panel each.

    Each panel's title names the outcome, read from the trajectory that
    `gdcore.gradient_descent()` computes: very slow, converges, lands on 0 in one
    step, oscillates and converges, oscillates forever, or diverges. All panels share the
    y axis (about ±1.45·|x₀|); a trajectory that leaves it is marked where it leaves, with
    its last value written in the panel.

    Args:
        lrs: The learning rates to compare (1 to 9 of them, each > 0).
        x0: The starting point.
        steps: The number of steps.
        lang: ``"vi"`` or ``"en"``.
        layout: ``"desktop"`` (three panels a row) or ``"phone"`` (two a row, titles on two
            lines).

    Returns:
        The figure; ``fig.get_label()`` is its alt text.

    Raises:
        ValueError: ``lang`` is unknown, ``lrs`` is empty or longer than 9, ``steps`` < 1,
            or a learning rate is rejected by `gdcore.gradient_descent()`.

    Examples:
        >>> fig = learning_rate_trajectories(lang="en")
        >>> len(fig.axes), fig.axes[-1].get_title()
        (6, 'η = 1.1: diverges')
    """
    lang = _check_lang(lang)
    phone = _check_layout(layout) == "phone"
    steps = _check_steps(steps)
    rates = [float(r) for r in lrs]
    if not 1 <= len(rates) <= 9:
        raise ValueError(f"lrs must hold 1 to 9 learning rates; got {len(rates)}")
    runs = [_descend_1d(landscapes.parabola, landscapes.parabola_grad, x0, r, steps) for r in rates]
    ncols = min(2 if phone else 3, len(rates))
    nrows = math.ceil(len(rates) / ncols)
    limit = 1.45 * max(abs(x0), 1e-9)
    items: list[str] = []
    with _style():
        if phone:
            fig = _new_figure(_PHONE_WIDTH, 0.9 + 2.25 * nrows)
        else:
            fig = _new_figure(_WIDTH, 0.6 + 2.05 * nrows)
        axes = fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False)
        for i, (rate, (result, path)) in enumerate(zip(rates, runs, strict=True)):
            ax = axes[i // ncols][i % ncols]
            color = PALETTE[i % len(PALETTE)]
            outside = np.flatnonzero(~(np.abs(path) <= limit))
            shown = path[: int(outside[0]) + 1] if outside.size else path
            ax.axhline(0, color=INK, linewidth=0.6, alpha=0.5)
            ax.plot(np.arange(len(shown)), shown, "-o", color=color, linewidth=1.4, markersize=3.2)
            outcome = _outcome(path, result.status)
            joiner = "\n" if phone else ": "
            ax.set_title(f"η = {_fmt(rate)}{joiner}{translate(outcome, lang)}", fontsize=9.5)
            last = len(path) - 1
            note = f"x{_sub(last)} = {_fmt(float(path[-1]))}"
            if outside.size:
                k_out = int(outside[0])
                edge = math.copysign(limit, float(path[k_out]))
                ax.plot(
                    [k_out],
                    [edge * 0.97],
                    "^" if edge > 0 else "v",
                    color=color,
                    markersize=8,
                    clip_on=False,
                    zorder=5,
                )
                note = translate("leaves the plot at k = {k}", lang, k=k_out) + "\n" + note
            elif result.status == "converged" and last < steps:
                note = translate("f′ = 0: stops at k = {k}", lang, k=last) + "\n" + note
            ax.text(
                0.97,
                0.04,
                note,
                transform=ax.transAxes,
                ha="right",
                va="bottom",
                fontsize=8.0 if phone else 8.5,
                color=INK,
            )
            items.append(
                translate(
                    "η = {lr} {outcome} (x{s} = {x})",
                    lang,
                    lr=_fmt(rate),
                    outcome=translate(outcome, lang),
                    s=_sub(last),
                    x=_fmt(float(path[-1])),
                )
            )
        for j in range(len(rates), nrows * ncols):
            axes[j // ncols][j % ncols].set_visible(False)
        axes[0][0].set_ylim(-limit, limit)
        axes[0][0].set_xlim(-0.8, steps + 0.8)
        for ax in axes[-1]:
            ax.set_xlabel(translate("step k", lang))
        for row in axes:
            row[0].set_ylabel("x")
        title = (
            N_("x after each step k\non f(x) = x², x₀ = {x0}")
            if phone
            else N_("x after each step k of gradient descent on f(x) = x² from x₀ = {x0}")
        )
        fig.suptitle(translate(title, lang, x0=_fmt(x0)))
        if phone:
            for ax in axes.flat:
                ax.xaxis.set_major_locator(MaxNLocator(4))
    alt = translate(
        "{n} small plots of x against the step k for gradient descent on f(x) = x² "
        "from x₀ = {x0} over up to {steps} steps, one per learning rate: ",
        lang,
        n=len(rates),
        x0=_fmt(x0),
        steps=steps,
    )
    fig.set_label(alt + "; ".join(items) + ".")
    return _freeze_layout(fig)


# --------------------------------------------------------------------------- loss shapes
