"""Momentum on the elongated bowl x² + κy²: the zigzag and the heavy ball, and the (η, β) map."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, LogLocator, MultipleLocator, NullFormatter

from gdcore import landscapes
from gdcore.descent import gradient_descent
from gdcore.i18n import translate
from gdcore.momentum import PhaseDiagram, momentum_phase_diagram, polyak_pair
from gdcore.plots._base import (
    _PHONE_WIDTH,
    _WIDTH,
    BLUE,
    INK,
    ORANGE,
    PURPLE,
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

__all__ = ["momentum_phases", "momentum_zigzag"]

#: Upper ends of the step-count bands of `momentum_phases()` (its legend), fastest first.
PHASE_BANDS = (50, 100, 200, 500)
#: Their colors: mid-tones readable on a light and a dark page, darkest for the fastest.
_BAND_COLORS = ("#1f7a58", "#3fa77a", "#7cc59f", "#b9dfc9", "#e3f1e9")
_SLOW = "#9ca3af"  # not converged within max_steps


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


@_remembered
def momentum_phases(
    diagram: PhaseDiagram,
    *,
    lang: Lang = "en",
    layout: Layout = "desktop",
) -> Figure:
    """Draw a computed (η, β) phase diagram of the heavy ball: steps to converge in bands.

    The map of `gdcore.momentum_phase_diagram()` on the elongated bowl, drawn as filled bands
    (fewer steps, darker green; vector paths, no raster), with the region where the ball
    diverges hatched, and on top: the stability limit $\\eta = 2(1 + \\beta)/L$ of the steep
    direction, the two critical-damping curves $\\beta = (1 - \\sqrt{\\eta\\lambda})^2$ for
    $\\lambda = \\mu$ and $\\lambda = L$ (above both, both directions oscillate), and Polyak's
    optimal pair where they meet.

    Args:
        diagram: A `gdcore.momentum.PhaseDiagram` (at least 2 learning rates and 2 momenta).
        lang: ``"vi"`` or ``"en"``.
        layout: ``"desktop"`` or ``"phone"`` (see `gdcore.plots`).

    Returns:
        The figure (one axes); ``fig.get_label()`` is its alt text, with the numbers.

    Raises:
        TypeError: ``diagram`` is not a `PhaseDiagram`.
        ValueError: ``lang`` or ``layout`` is unknown, or the grid is smaller than 2 × 2.

    Examples:
        >>> from gdcore.momentum import momentum_phase_diagram
        >>> d = momentum_phase_diagram([0.05, 0.1, 0.15], [0.0, 0.3, 0.6])
        >>> fig = momentum_phases(d, lang="en")
        >>> len(fig.axes), "Polyak" in fig.get_label()
        (1, True)
    """
    lang = _check_lang(lang)
    phone = _check_layout(layout) == "phone"
    if not isinstance(diagram, PhaseDiagram):
        raise TypeError(f"diagram must be a PhaseDiagram; got {type(diagram).__name__}")
    if diagram.lrs.size < 2 or diagram.momenta.size < 2:
        raise ValueError(
            "momentum_phases needs a grid of at least 2 learning rates and 2 momenta; "
            f"got {diagram.lrs.size} × {diagram.momenta.size}"
        )
    mu, big = 2.0, 2.0 * diagram.kappa  # the curvatures along x and along y
    lr_star, beta_star = polyak_pair(mu, big)
    converged = diagram.status == "converged"
    diverged = diagram.status == "diverged"
    # steps on a band scale: converged pairs by their count, pairs still going past the limit
    value = np.where(converged, diagram.steps, diagram.max_steps + 1).astype(np.float64)
    value[diverged] = np.nan
    bounds = [0.0, *(b + 0.5 for b in PHASE_BANDS), diagram.max_steps + 0.5, np.inf]
    gx, gy = np.meshgrid(diagram.lrs, diagram.momenta, indexing="ij")
    eta_hi, beta_hi = float(diagram.lrs[-1]), float(diagram.momenta[-1])
    eta_line = np.linspace(float(diagram.lrs[0]), eta_hi, 200)
    beta_line = np.linspace(0.0, beta_hi, 200)
    names = {
        "limit": translate("stability limit η = 2(1 + β)/L", lang),
        "gentle": translate("critical damping along x: β = (1 − √(ημ))²", lang),
        "steep": translate("critical damping along y: β = (1 − √(ηL))²", lang),
        "polyak": translate("Polyak's optimum (η*, β*)", lang),
    }
    lows = (1, *(b + 1 for b in PHASE_BANDS))
    highs = (*PHASE_BANDS, diagram.max_steps)
    band_names = [
        translate("{low}–{high} steps", lang, low=lo, high=hi)
        for lo, hi in zip(lows, highs, strict=True)
    ]
    band_names.append(translate("not within {n} steps", lang, n=diagram.max_steps))
    with _style():
        fig = _new_figure(_PHONE_WIDTH, 6.4) if phone else _new_figure(_WIDTH, 3.7)
        ax = fig.subplots()
        ax.contourf(gx, gy, value, levels=bounds, colors=[*_BAND_COLORS, _SLOW])
        ax.contourf(gx, gy, diverged.astype(np.float64), levels=[0.5, 1.5], colors="none",
                    hatches=["////"])  # fmt: skip
        ax.plot(2 * (1 + beta_line) / big, beta_line, "--", color=INK, linewidth=1.4)
        for lam, color, style in ((mu, BLUE, "-"), (big, ORANGE, "-.")):
            ax.plot(eta_line, (1 - np.sqrt(eta_line * lam)) ** 2, style, color=color, linewidth=1.5)
        ax.plot([lr_star], [beta_star], "*", color=PURPLE, markersize=13, mec=INK, mew=0.8)
        ax.set_xlim(0.0, eta_hi)
        ax.set_ylim(0.0, beta_hi)
        ax.xaxis.set_major_locator(MultipleLocator(0.1 if phone else 0.05))
        ax.grid(False)
        ax.set_xlabel(translate("learning rate η", lang))
        ax.set_ylabel(translate("momentum β", lang))
        ax.set_title(
            translate(
                "Steps to converge on f(x, y) = x² + {kappa}y² from {start}",
                lang,
                kappa=_fmt(diagram.kappa),
                start=_point(list(diagram.start)),
            )
            if not phone
            else translate(
                "Steps on x² + {kappa}y² from {start}",
                lang,
                kappa=_fmt(diagram.kappa),
                start=_point(list(diagram.start)),
            ),
            fontsize=10,
        )
        handles: list[Patch | Line2D] = [
            Patch(facecolor=c, edgecolor="none", label=n)
            for c, n in zip((*_BAND_COLORS, _SLOW), band_names, strict=True)
        ]
        handles.append(
            Patch(facecolor="none", edgecolor=INK, hatch="////", label=translate("diverges", lang))
        )
        handles += [
            Line2D([], [], linestyle="--", color=INK, linewidth=1.4, label=names["limit"]),
            Line2D([], [], linestyle="-", color=BLUE, linewidth=1.5, label=names["gentle"]),
            Line2D([], [], linestyle="-.", color=ORANGE, linewidth=1.5, label=names["steep"]),
            Line2D([], [], linestyle="none", marker="*", color=PURPLE, markersize=11,
                   mec=INK, mew=0.8, label=names["polyak"]),
        ]  # fmt: skip
        size = 8.0 if phone else 8.5
        if phone:
            fig.legend(handles=handles, loc="outside lower center", ncols=1, fontsize=size,
                       handlelength=2.0, borderaxespad=0.2)  # fmt: skip
        else:
            fig.legend(handles=handles, loc="outside right center", ncols=1, fontsize=size,
                       handlelength=2.2)  # fmt: skip
    at_star = momentum_phase_diagram(
        [lr_star],
        [beta_star],
        start=diagram.start,
        kappa=diagram.kappa,
        tol=diagram.tol,
        max_steps=diagram.max_steps,
    )
    best = np.unravel_index(np.argmin(np.where(converged, diagram.steps, np.iinfo(np.int64).max)),
                            diagram.steps.shape)  # fmt: skip
    alt = translate(
        "A map of the heavy ball on the elongated bowl f(x, y) = x² + {kappa}y² from {start}: "
        "the learning rate η from {eta_lo} to {eta_hi} across, the momentum β from {beta_lo} to "
        "{beta_hi} up, colored by the number of steps to a gradient norm of {tol} "
        "({n} pairs computed; fewer steps, darker green). Right of the dashed line "
        "η = 2(1 + β)/L the ball diverges (hatched). Two curves mark critical damping, "
        "β = (1 − √(ημ))² for the gentle direction and β = (1 − √(ηL))² for the steep one; "
        "above both, the ball oscillates in both directions. Polyak's optimum "
        "(η* = {lr_star}, β* = {beta_star}, {star_n} steps) is where they meet; the fewest "
        "steps on the grid, {best_n}, are at η = {best_lr}, β = {best_beta}.",
        lang,
        kappa=_fmt(diagram.kappa),
        start=_point(list(diagram.start)),
        eta_lo=_fmt(float(diagram.lrs[0])),
        eta_hi=_fmt(eta_hi),
        beta_lo=_fmt(float(diagram.momenta[0])),
        beta_hi=_fmt(beta_hi),
        tol=_fmt(diagram.tol),
        n=diagram.steps.size,
        lr_star=_fmt(lr_star),
        beta_star=_fmt(beta_star),
        star_n=int(at_star.steps[0, 0]),
        best_n=int(diagram.steps[best]),
        best_lr=_fmt(float(diagram.lrs[best[0]])),
        best_beta=_fmt(float(diagram.momenta[best[1]])),
    )
    slow = diagram.status == "max_steps"
    if slow.any():
        alt += " " + translate(
            "{slow} pairs do not converge within {max_steps} steps (light gray).",
            lang,
            slow=int(slow.sum()),
            max_steps=diagram.max_steps,
        )
    fig.set_label(alt)
    return _freeze_layout(fig)
