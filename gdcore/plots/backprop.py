"""Vanishing gradients: how much of the gradient survives a deep chain of tanh layers."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullFormatter

from gdcore.i18n import translate
from gdcore.nn import tanh_chain_gradient
from gdcore.plots._base import (
    _PHONE_WIDTH,
    _WIDTH,
    PALETTE,
    Lang,
    Layout,
    _check_lang,
    _check_layout,
    _fmt,
    _freeze_layout,
    _new_figure,
    _remembered,
    _style,
)
from gdcore.plots._base import _SUPERSCRIPTS as _SUPER

__all__ = ["vanishing_gradients"]

_MARKERS = ("o", "s", "^", "D", "v", "P")


@_remembered
def vanishing_gradients(
    cases: Sequence[tuple[float, float]],
    *,
    depth: int = 20,
    lang: Lang = "en",
    layout: Layout = "desktop",
) -> Figure:
    """Plot ∂h_k/∂x against the depth k of a chain of tanh layers, one line per (w, x).

    Each line is `gdcore.nn.tanh_chain_gradient()` (backpropagation through
    ``hₖ = tanh(w · hₖ₋₁)``, ``h₀ = x``) for ``k = 1 … depth``, on a logarithmic axis.

    Args:
        cases: One to six pairs ``(w, x)``: the layers' weight and the input.
        depth: The deepest chain, an ``int`` >= 1.
        lang: ``"vi"`` or ``"en"``.
        layout: ``"desktop"`` or ``"phone"`` (see `gdcore.plots`).

    Returns:
        The figure; ``fig.get_label()`` is its alt text, with each line's last gradient.

    Raises:
        ValueError: ``lang`` or ``layout`` is unknown, ``cases`` is empty or has more than
            six pairs, or a pair is not two finite numbers (as for `tanh_chain_gradient()`).

    Examples:
        >>> fig = vanishing_gradients([(0.5, 1.0), (3.0, 1.0)], depth=10, lang="en")
        >>> fig.axes[0].get_yscale(), "w = 3" in fig.get_label()
        ('log', True)
    """
    lang = _check_lang(lang)
    phone = _check_layout(layout) == "phone"
    pairs = list(cases)
    if not 1 <= len(pairs) <= len(_MARKERS):
        raise ValueError(f"cases must hold 1 to {len(_MARKERS)} pairs (w, x); got {len(pairs)}")
    for pair in pairs:
        if len(pair) != 2:
            raise ValueError(f"each case must be a pair (w, x); got {pair!r}")
    curves = [tanh_chain_gradient(w, x, depth) for w, x in pairs]
    names = [translate("w = {w}, x = {x}", lang, w=_fmt(w), x=_fmt(x)) for w, x in pairs]
    ks = np.arange(1, depth + 1)
    with _style():
        fig = _new_figure(_PHONE_WIDTH, 4.2) if phone else _new_figure(_WIDTH, 3.4)
        ax = fig.add_subplot()
        for curve, name, color, marker in zip(curves, names, PALETTE, _MARKERS, strict=False):
            shown = np.where(curve > 0, np.abs(curve), np.nan)
            ax.plot(ks, shown, marker=marker, markersize=3.5, color=color, linewidth=1.6,
                    label=name)  # fmt: skip
        ax.set_yscale("log")
        ax.yaxis.set_major_locator(LogLocator(base=10.0, numticks=6 if phone else 8))
        ax.yaxis.set_major_formatter(
            FuncFormatter(lambda v, _pos: "10" + str(round(np.log10(v))).translate(_SUPER))
        )
        ax.yaxis.set_minor_formatter(NullFormatter())
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=5 if phone else 10))
        ax.set_xlabel(translate("number of tanh layers k", lang))
        ax.set_ylabel(translate("gradient reaching x (log scale)", lang))
        ax.set_title(translate("The gradient through k tanh layers", lang))
        if phone:
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize=8.0)
        else:
            ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=8.5)
    items = "; ".join(
        translate("{name}: {last}", lang, name=name, last=_fmt(float(curve[-1]), 2))
        for name, curve in zip(names, curves, strict=True)
    )
    fig.set_label(
        translate(
            "Line chart, logarithmic vertical axis: the gradient ∂hₖ/∂x of a chain of k tanh "
            "layers hₖ = tanh(w · hₖ₋₁), h₀ = x, computed by backpropagation, for k from 1 to "
            "{depth}, one line per weight w and input x. Each layer multiplies the gradient by "
            "w(1 − hₖ²); the lines fall steeply when that factor is small. At k = {depth}: "
            "{items}.",
            lang,
            depth=depth,
            items=items,
        )
    )
    return _freeze_layout(fig)
