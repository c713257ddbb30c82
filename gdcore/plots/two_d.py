"""The 2-D bowls: surface and contours with the descent path, and −∇f on the contours."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, cast

import numpy as np
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Ellipse

from gdcore import landscapes
from gdcore.descent import gradient_descent
from gdcore.i18n import translate

if TYPE_CHECKING:
    pass


from gdcore.plots._base import (
    _PHONE_WIDTH,
    _WIDTH,
    INK,
    ORANGE,
    FloatArray,
    Lang,
    Layout,
    _check_lang,
    _check_layout,
    _check_steps,
    _fmt,
    _freeze_layout,
    _new_figure,
    _point,
    _remembered,
    _style,
    _wrapped,
)

#: Points per side of the 3-D surface's grid: 12 × 12 facets read as a smooth bowl, and each
#: facet is one SVG path (the contour plot keeps its own, finer grid).
SURFACE_POINTS = 13


def _surface_grid(reach: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The bowl's surface on a ``SURFACE_POINTS`` × ``SURFACE_POINTS`` grid over ±``reach``.

    Example:
        >>> sx, sy, sz = _surface_grid(2.0)
        >>> sx.shape, float(sz.max())
        ((13, 13), 8.0)
    """
    g = np.linspace(-reach, reach, SURFACE_POINTS)
    sx, sy = np.meshgrid(g, g)
    return sx, sy, sx * sx + sy * sy


@_remembered
def bowl(
    start: Sequence[float] = (6.0, 9.0),
    lr: float = 0.1,
    steps: int = 30,
    *,
    lang: Lang = "en",
    layout: Layout = "desktop",
) -> Figure:
    """Draw the bowl x² + y² as a 3-D surface and a contour plot, with the descent path.

    The path is `gdcore.gradient_descent()` on `gdcore.landscapes.bowl()` with
    `gdcore.landscapes.bowl_grad()`; the first step is labeled (from (6, 9) with
    η = 0.1 it is (6, 9) → (4.8, 7.2)). The surface uses a coarse mesh so the SVG stays
    small.

    Args:
        start: The starting point (x, y).
        lr: The learning rate η.
        steps: The number of steps.
        lang: ``"vi"`` or ``"en"``.
        layout: ``"desktop"`` or ``"phone"`` (see `gdcore.plots`).

    Returns:
        The figure (a 3-D axes and a 2-D axes); ``fig.get_label()`` is its alt text.

    Raises:
        ValueError: ``lang`` is unknown, ``start`` is not two finite numbers, or
            ``steps`` < 1.

    Examples:
        >>> fig = bowl(lang="en")
        >>> len(fig.axes), "(4.8, 7.2)" in fig.get_label()
        (2, True)
    """
    from mpl_toolkits.mplot3d import Axes3D  # type: ignore[import-untyped]

    lang = _check_lang(lang)
    phone = _check_layout(layout) == "phone"
    steps = _check_steps(steps)
    p0 = np.asarray(start, dtype=np.float64)
    if p0.shape != (2,) or not np.isfinite(p0).all():
        raise ValueError(f"start must be two finite numbers (x, y); got {start!r}")
    result = gradient_descent(
        landscapes.bowl, p0, lr=lr, grad=landscapes.bowl_grad, max_steps=steps, record="all"
    )
    assert result.path is not None  # record="all"
    path = np.asarray(result.path, dtype=np.float64)
    zpath = np.array([landscapes.bowl(p) for p in path])
    reach = max(math.ceil(float(np.abs(path).max()) * 1.1), 1)
    g = np.linspace(-reach, reach, 17)
    gx, gy = np.meshgrid(g, g)
    gz = np.array(
        [
            [landscapes.bowl([x, y]) for x, y in zip(rx, ry, strict=True)]
            for rx, ry in zip(gx, gy, strict=True)
        ]
    )
    cmap = LinearSegmentedColormap.from_list("gdcore_bowl", ["#4f86d9", "#3fb0a0", "#e0b040"])
    with _style():
        if phone:  # the surface above the contour plot
            fig = _new_figure(_PHONE_WIDTH, 6.8)
            grid_spec = fig.add_gridspec(2, 1, height_ratios=(1.0, 1.0))
            second = grid_spec[1, 0]
        else:
            fig = _new_figure(_WIDTH, 3.7)
            grid_spec = fig.add_gridspec(1, 2, width_ratios=(1.2, 1.0))
            second = grid_spec[0, 1]
        ax3 = cast(Axes3D, fig.add_subplot(grid_spec[0, 0], projection="3d"))
        ax3.computed_zorder = False
        ax3.plot_surface(
            *_surface_grid(reach),
            cmap=cmap,
            linewidth=0.3,
            edgecolor=(0.0, 0.0, 0.0, 0.18),
            alpha=0.85,
            antialiased=True,
            zorder=1,
        )
        ax3.plot(
            path[:, 0],
            path[:, 1],
            zpath,
            "-o",
            color=ORANGE,
            markersize=2.5,
            linewidth=1.4,
            zorder=5,
        )
        ax3.plot([path[0, 0]], [path[0, 1]], [zpath[0]], "o", color=ORANGE, markersize=6, zorder=6)
        ax3.view_init(elev=30, azim=-60)
        ticks = [-reach, 0, reach]
        ax3.set_xticks(ticks)
        ax3.set_yticks(ticks)
        ax3.set_zticks([0, reach * reach, 2 * reach * reach])
        ax3.set_xlabel("x", labelpad=-8)
        ax3.set_ylabel("y", labelpad=-8)
        ax3.set_zlabel("f", labelpad=-7)
        ax3.tick_params(labelsize=8.0 if phone else 8.5, pad=-2)
        ax3.set_box_aspect(None, zoom=1.08)
        ax3.set_title(translate("Surface f(x, y) = x² + y²", lang), fontsize=10)
        ax = fig.add_subplot(second)
        levels = np.linspace(0, reach * reach, 9)[1:]
        ax.contourf(gx, gy, gz, levels=np.linspace(0, 2 * reach * reach, 13), cmap=cmap, alpha=0.55)
        ax.contour(gx, gy, gz, levels=levels, colors=INK, linewidths=0.5, alpha=0.35)
        ax.plot(path[:, 0], path[:, 1], "-o", color=ORANGE, markersize=3, linewidth=1.3, zorder=4)
        ax.annotate(
            "",
            xy=(float(path[1, 0]), float(path[1, 1])),
            xytext=(float(path[0, 0]), float(path[0, 1])),
            arrowprops={
                "arrowstyle": "-|>",
                "color": INK,
                "lw": 1.4,
                "mutation_scale": 12,
                "shrinkA": 3,
                "shrinkB": 3,
            },
            zorder=5,
        )
        ax.plot([path[0, 0]], [path[0, 1]], "o", color=ORANGE, markersize=7, zorder=5)
        ax.annotate(
            translate("first step {a} → {b}", lang, a=_point(path[0]), b=_point(path[1])),
            (float(path[1, 0]), float(path[1, 1])),
            xytext=(-14, 6),
            textcoords="offset points",
            ha="right",
            va="bottom",
            fontsize=8.5,
            color=INK,
        )
        ax.plot([0], [0], "+", color=INK, markersize=9, mew=1.4)
        ax.annotate(
            translate("minimum (0, 0)", lang),
            (0, 0),
            xytext=(6, -12),
            textcoords="offset points",
            fontsize=8.5,
            color=INK,
        )
        ax.set_xlim(-reach, reach)
        ax.set_ylim(-reach, reach)
        ax.set_aspect("equal")
        ax.grid(False)
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        ax.set_title(translate("Contour plot and descent path", lang), fontsize=10)
    fig.set_label(
        translate(
            "The bowl-shaped surface f(x, y) = x² + y² in 3-D, with the path of gradient "
            "descent drawn on it, and its contour plot, circles around the "
            "minimum at (0, 0), with the same path: {nit} steps from {start} with learning "
            "rate η = {lr}, heading straight for the minimum. The first step goes from "
            "{start} to {second}; the last point is {last}, where f = {fun}.",
            lang,
            nit=result.nit,
            start=_point(path[0]),
            second=_point(path[1]) if len(path) > 1 else _point(path[0]),
            lr=_fmt(lr),
            last=_point([float(v) for v in path[-1]]),
            fun=_fmt(float(result.fun), 3),
        )
    )
    return _freeze_layout(fig)


# --------------------------------------------------------------------------- graph


def _downhill_arrows(
    grad: Callable[[FloatArray], FloatArray], points: FloatArray, length: float
) -> FloatArray:
    """At each point, −∇f scaled to ``length``: the steepest way down, drawn one size."""
    arrows = np.array([-np.asarray(grad(p), dtype=np.float64) for p in points])
    norms = np.linalg.norm(arrows, axis=1, keepdims=True)
    out: FloatArray = np.round(arrows / norms * length, 3)
    return out


@_remembered
def gradient_arrows(
    kappa: float = landscapes.ELONGATION,
    *,
    lang: Lang = "en",
    layout: Layout = "desktop",
) -> Figure:
    """Draw −∇f as arrows on the contours of the round and the elongated bowl.

    Eight points on one contour of each bowl get an arrow along $-\\nabla f$ (computed by
    `gdcore.landscapes.bowl_grad()` and `gdcore.landscapes.elongated_bowl_grad()`), all drawn
    the same length: every arrow crosses its contour at a right angle. On the round bowl they
    all point at the minimum; on the elongated bowl most of them do not.

    Args:
        kappa: The elongation κ of the second bowl, $x^2 + \\kappa y^2$.
        lang: ``"vi"`` or ``"en"``.
        layout: ``"desktop"`` or ``"phone"`` (see `gdcore.plots`).

    Returns:
        The figure (two axes); ``fig.get_label()`` is its alt text.

    Raises:
        ValueError: ``lang`` or ``layout`` is unknown, or ``kappa`` is not a finite number > 0.

    Examples:
        >>> fig = gradient_arrows(lang="en")
        >>> len(fig.axes), "right angle" in fig.get_label()
        (2, True)
    """
    lang = _check_lang(lang)
    phone = _check_layout(layout) == "phone"
    landscapes.elongated_bowl_grad((0.0, 0.0), kappa)  # checks kappa
    k = float(kappa)
    levels, arrow_level, reach = (4.0, 16.0, 36.0), 36.0, 6.6
    angles = np.radians([30.0, 75.0, 105.0, 150.0, 210.0, 255.0, 285.0, 330.0])
    ring = np.column_stack([np.cos(angles), np.sin(angles)])

    def elongated(p: FloatArray) -> float:
        return landscapes.elongated_bowl(p, k)

    def elongated_grad(p: FloatArray) -> FloatArray:
        return landscapes.elongated_bowl_grad(p, k)

    panels = []
    for title, f, grad, length in (
        ("f(x, y) = x² + y²", landscapes.bowl, landscapes.bowl_grad, 1.6),
        (f"f(x, y) = x² + {_fmt(k)}y²", elongated, elongated_grad, 0.9),
    ):
        # A level set f = c of these bowls is an ellipse (a circle for the round one): its
        # half-axes are where f reaches c along x and along y.
        axes = np.array([1.0 / math.sqrt(f(np.array(e))) for e in ((1.0, 0.0), (0.0, 1.0))])
        points = np.round(math.sqrt(arrow_level) * ring * axes, 3)
        arrows = _downhill_arrows(grad, points, length)
        panels.append((title, axes, points, arrows, max(reach * axes[1], 2.0)))
    with _style():
        if phone:
            fig = _new_figure(_PHONE_WIDTH, 5.4)
            grid_spec = fig.add_gridspec(2, 1, height_ratios=(1.5, 1.0))
            cells = [grid_spec[0, 0], grid_spec[1, 0]]
        else:
            fig = _new_figure(_WIDTH, 3.1)
            grid_spec = fig.add_gridspec(1, 2, width_ratios=(1.0, 1.8))
            cells = [grid_spec[0, 0], grid_spec[0, 1]]
        for cell, (title, axes, points, arrows, reach_y) in zip(cells, panels, strict=True):
            ax = fig.add_subplot(cell)
            for c in levels:
                width, height = 2.0 * math.sqrt(c) * axes
                ax.add_patch(
                    Ellipse(
                        (0.0, 0.0),
                        float(width),
                        float(height),
                        fill=False,
                        edgecolor=INK,
                        linewidth=0.6,
                        alpha=0.45,
                    )
                )
            ax.quiver(
                points[:, 0],
                points[:, 1],
                arrows[:, 0],
                arrows[:, 1],
                angles="xy",
                scale_units="xy",
                scale=1.0,
                color=ORANGE,
                width=0.012 if phone else 0.008,
                zorder=4,
            )
            ax.plot([0], [0], "+", color=INK, markersize=9, mew=1.4)
            ax.set_xlim(-reach, reach)
            ax.set_ylim(-reach_y, reach_y)
            ax.set_aspect("equal")
            ax.grid(False)
            ax.set_xticks([-6, -3, 0, 3, 6])
            ax.set_xlabel("x")
            ax.set_ylabel("y")
            ax.set_title(title, fontsize=10)
        fig.suptitle(
            _wrapped(translate("Arrows: the steepest way down, against the gradient", lang), phone),
            fontsize=10,
        )
    fig.set_label(
        translate(
            "Two contour plots with arrows along −∇f, the steepest way down, at eight points of "
            "one contour, all drawn the same length. The first: the round bowl f(x, y) = x² + y²; "
            "its contours are circles and every arrow points straight at the minimum (0, 0). "
            "The second: the elongated bowl f(x, y) = x² + {kappa}y²; its contours are ellipses, "
            "and the arrows point mostly across the narrow direction y, not at the minimum. "
            "On both, each arrow crosses its contour at a right angle.",
            lang,
            kappa=_fmt(k),
        )
    )
    return _freeze_layout(fig)
