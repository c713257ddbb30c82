"""Momentum on the elongated bowl x² + κy²: plain descent zigzags, the heavy ball does not."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from gdcore import landscapes
from gdcore.descent import gradient_descent
from gdcore.i18n import translate
from gdcore.plots._base import (
    _PHONE_WIDTH,
    _WIDTH,
    BLUE,
    INK,
    ORANGE,
    Lang,
    Layout,
    _check_lang,
    _check_layout,
    _fmt,
    _freeze_layout,
    _new_figure,
    _point,
    _remembered,
    _style,
)
from gdcore.plots._base import _SUPERSCRIPTS as _SUPER

__all__ = ["momentum_zigzag"]


@_remembered
def momentum_zigzag(
    plain_lr: float,
    lr: float,
    momentum: float,
    *,
    start: Sequence[float] = (6.0, 9.0),
    kappa: float = landscapes.ELONGATION,
    lang: Lang = "en",
    layout: Layout = "desktop",
) -> Figure:
    """Draw plain gradient descent and the heavy ball on the elongated bowl x² + κy².

    Left: the contour plot with both trajectories (plain descent with ``plain_lr``, momentum
    with ``lr`` and ``momentum``), computed by `gdcore.gradient_descent()` with the analytic
    gradient. Right: the loss against the step k on a log scale, for both.

    Args:
        plain_lr: The learning rate of plain descent.
        lr: The learning rate of the heavy ball.
        momentum: Its momentum coefficient β (0 <= β < 1).
        start: The starting point (x, y).
        kappa: The elongation κ (the condition number).
        lang: ``"vi"`` or ``"en"``.
        layout: ``"desktop"`` or ``"phone"`` (see `gdcore.plots`).

    Returns:
        The figure (two axes); ``fig.get_label()`` is its alt text, with both step counts.

    Raises:
        ValueError: ``lang`` is unknown, ``start`` is not two finite numbers, or a learning
            rate or ``momentum`` is out of range (as for `gdcore.gradient_descent()`).

    Examples:
        >>> fig = momentum_zigzag(1 / 11, 0.105, 0.3, lang="en")
        >>> len(fig.axes), "118 steps" in fig.get_label(), "37 steps" in fig.get_label()
        (2, True, True)
    """
    lang = _check_lang(lang)
    phone = _check_layout(layout) == "phone"
    p0 = np.asarray(start, dtype=np.float64)
    if p0.shape != (2,) or not np.isfinite(p0).all():
        raise ValueError(f"start must be two finite numbers (x, y); got {start!r}")

    def f(p: object) -> float:
        return landscapes.elongated_bowl(p, kappa)  # type: ignore[arg-type]

    def grad(p: object) -> np.ndarray:
        return landscapes.elongated_bowl_grad(p, kappa)  # type: ignore[arg-type]

    plain = gradient_descent(f, p0, lr=plain_lr, grad=grad, record="all")
    heavy = gradient_descent(f, p0, lr=lr, grad=grad, momentum=momentum, record="all")
    assert plain.path is not None and heavy.path is not None  # record="all"
    assert plain.fun_path is not None and heavy.fun_path is not None
    names = (
        translate("plain descent, η = {lr}: {n} steps", lang, lr=_fmt(plain_lr), n=plain.nit),
        translate(
            "momentum, η = {lr}, β = {beta}: {n} steps",
            lang,
            lr=_fmt(lr),
            beta=_fmt(momentum),
            n=heavy.nit,
        ),
    )
    reach_x = max(float(np.abs(plain.path[:, 0]).max()), float(np.abs(heavy.path[:, 0]).max()))
    reach_y = max(float(np.abs(plain.path[:, 1]).max()), float(np.abs(heavy.path[:, 1]).max()))
    reach = max(reach_x, reach_y) * 1.1
    g = np.linspace(-reach, reach, 121)
    gx, gy = np.meshgrid(g, g)
    gz = gx * gx + kappa * gy * gy
    with _style():
        if phone:
            fig = _new_figure(_PHONE_WIDTH, 6.4)
            ax, ax2 = fig.subplots(2, 1)
        else:
            fig = _new_figure(_WIDTH, 3.4)
            ax, ax2 = fig.subplots(1, 2, gridspec_kw={"width_ratios": (1.1, 1.0)})
        levels = [f([0.0, float(r)]) for r in np.linspace(0, reach, 8)[1:]]
        ax.contour(gx, gy, gz, levels=levels, colors=INK, linewidths=0.5, alpha=0.35)
        runs = ((plain.path, plain.fun_path, BLUE, names[0]),
                (heavy.path, heavy.fun_path, ORANGE, names[1]))  # fmt: skip
        for path, losses, color, name in runs:
            ax.plot(path[:, 0], path[:, 1], "-o", color=color, markersize=2.2, linewidth=1.1)
            ax2.plot(np.arange(len(losses)), losses, color=color, linewidth=1.6, label=name)
        ax.plot([p0[0]], [p0[1]], "o", color=INK, markersize=5, zorder=5)
        ax.plot([0], [0], "+", color=INK, markersize=9, mew=1.4)
        ax.set_xlim(-reach, reach)
        ax.set_ylim(-reach_y * 1.15, reach_y * 1.15)
        ax.set_aspect("equal")
        ax.grid(False)
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        ax.set_title(f"f(x, y) = x² + {_fmt(kappa)}y²", fontsize=10)
        ax2.set_yscale("log")
        ax2.yaxis.set_major_locator(LogLocator(base=10.0, numticks=6))
        ax2.yaxis.set_major_formatter(
            FuncFormatter(lambda v, _pos: "10" + str(round(np.log10(v))).translate(_SUPER))
        )
        ax2.yaxis.set_minor_formatter(NullFormatter())
        ax2.set_xlabel(translate("step k", lang))
        ax2.set_ylabel(translate("loss f (log scale)", lang))
        ax2.legend(loc="upper right", fontsize=8.0 if phone else 8.5)
    fig.set_label(
        translate(
            "The contour plot of the elongated bowl f(x, y) = x² + {kappa}y², long along x "
            "and steep along y, with two trajectories from {start}. Plain gradient descent "
            "(η = {plain_lr}) zigzags across the narrow valley and needs {plain_n} steps; the "
            "heavy ball (η = {lr}, β = {beta}) needs {heavy_n} steps. A second chart: the loss "
            "of both against the step k on a logarithmic scale.",
            lang,
            kappa=_fmt(kappa),
            start=_point([float(v) for v in p0]),
            plain_lr=_fmt(plain_lr),
            plain_n=plain.nit,
            lr=_fmt(lr),
            beta=_fmt(momentum),
            heavy_n=heavy.nit,
        )
    )
    return _freeze_layout(fig)
