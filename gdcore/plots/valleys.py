"""Beyond the round bowl: valleys that are not simple.

- `double_well_descent()`: a 1-D landscape with two valleys; the start decides which one
  gradient descent ends in (a local or the global minimum).
- `elongated_bowl_descent()`: the long, narrow bowl $x^2 + \\kappa y^2$; descent zigzags
  across the steep direction while it crawls along the flat one.
- `saddle_descent()`: the saddle $x^2 - y^2$; descent started on the ridge $y = 0$ stalls at
  the saddle point, a tiny nudge in $y$ escapes.

Every path is computed by `gdcore.gradient_descent()`; every word comes from the gdcore
catalog (`gdcore.i18n.translate`).

Examples:
    >>> from gdcore import plots
    >>> fig = plots.double_well_descent(lang="vi")
    >>> "cực tiểu toàn cục" in fig.get_label()
    True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Final

import numpy as np
from matplotlib.figure import Figure

from gdcore import landscapes
from gdcore.descent import gradient_descent
from gdcore.i18n import Lang, check_lang, translate
from gdcore.plots._base import (
    _PHONE_WIDTH,
    _WIDTH,
    BLUE,
    GREEN,
    INK,
    ORANGE,
    PALETTE,
    FloatArray,
    Layout,
    _check_layout,
    _fmt,
    _freeze_layout,
    _new_figure,
    _point,
    _remembered,
    _style,
)

__all__ = ["double_well_descent", "elongated_bowl_descent", "saddle_descent"]

_CONTOUR_ALPHA: Final = 0.4


def _check_positive_steps(steps: object) -> int:
    if not isinstance(steps, int | np.integer) or isinstance(steps, bool) or steps < 1:
        raise ValueError(f"steps must be an int >= 1, not {steps!r}")
    return int(steps)


def _path(result_path: FloatArray | None) -> FloatArray:
    if result_path is None:  # pragma: no cover - record="all" always keeps the path
        raise RuntimeError("gradient_descent did not record the path")
    return np.asarray(result_path, dtype=np.float64)


def _pt(p: FloatArray | Sequence[float]) -> str:
    return _point([float(v) for v in p])


def _arrow(ax: object, start: Sequence[float], end: Sequence[float]) -> None:
    ax.annotate(  # type: ignore[attr-defined]
        "",
        xy=(float(end[0]), float(end[1])),
        xytext=(float(start[0]), float(start[1])),
        arrowprops={"arrowstyle": "-|>", "color": INK, "lw": 1.2, "mutation_scale": 10},
        zorder=6,
    )


# --------------------------------------------------------------------------- double well


@_remembered
def double_well_descent(
    starts: Sequence[float] = (-2.0, -0.5, 0.0, 0.3, 2.0),
    lr: float = 0.05,
    steps: int = 200,
    *,
    lang: Lang = "en",
    layout: Layout = "desktop",
) -> Figure:
    """Draw the tilted double well with one descent path per starting point.

    Args:
        starts: The starting points x₀ (finite numbers, at most six).
        lr: The learning rate η.
        steps: The most steps of each run.
        lang: ``"vi"`` or ``"en"``.
        layout: ``"desktop"`` or ``"phone"`` (see `gdcore.plots`).

    Returns:
        The figure; ``fig.get_label()`` is its alt text, naming where each start ends.

    Raises:
        ValueError: ``lang`` is unknown, ``starts`` is empty, longer than six or not
            finite, or ``steps`` < 1.

    Examples:
        >>> fig = double_well_descent((-2.0, 2.0), lang="en")
        >>> "from x₀ = −2 to x = −1.036 (global minimum)" in fig.get_label()
        True
    """
    lang = check_lang(lang)
    phone = _check_layout(layout) == "phone"
    steps = _check_positive_steps(steps)
    x0s = [float(x) for x in starts]
    if not 1 <= len(x0s) <= len(PALETTE) or not all(np.isfinite(x0s)):
        raise ValueError(f"starts must be 1 to {len(PALETTE)} finite numbers, not {starts!r}")
    grid = np.linspace(-2.2, 2.2, 441)
    curve = landscapes.double_well(grid)
    lowest = float(curve.min())
    runs = []
    for x0 in x0s:
        r = gradient_descent(
            landscapes.double_well,
            x0,
            lr=lr,
            grad=landscapes.double_well_grad,
            max_steps=steps,
            record="all",
        )
        end = float(r.x)
        kind = "global minimum" if float(r.fun) <= lowest + 1e-6 else "local minimum"
        runs.append((x0, _path(r.path), end, kind))
    with _style():
        fig = _new_figure(_PHONE_WIDTH, 4.2) if phone else _new_figure(_WIDTH, 3.6)
        ax = fig.add_subplot()
        ax.plot(grid, curve, color=INK, linewidth=1.4, alpha=0.7, zorder=1)
        for n, (x0, path, _end, _kind) in enumerate(runs):
            color = PALETTE[n]
            ax.plot(
                path,
                landscapes.double_well(path),
                "-o",
                color=color,
                markersize=3,
                linewidth=1.0,
                alpha=0.9,
                zorder=3,
                label=translate("from x₀ = {x0}", lang, x0=_fmt(x0)),
            )
            ax.plot([x0], [landscapes.double_well(x0)], "o", color=color, markersize=7, zorder=4)
        bottoms = sorted({(round(end, 6), kind) for _, _, end, kind in runs})
        for end, kind in bottoms:
            ax.annotate(
                translate(kind, lang),
                (end, landscapes.double_well(end)),
                xytext=(0, -14),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=8.5,
                color=INK,
            )
        ax.set_xlim(-2.2, 2.2)
        top = max(4.2, 1.12 * max(float(landscapes.double_well(x0)) for x0 in x0s))
        ax.set_ylim(-1.6, top)
        ax.set_xlabel("x")
        ax.set_ylabel("f(x)")
        ax.set_title(
            translate("Gradient descent on f(x) = (x² − 1)² + 0.3x, η = {lr}", lang, lr=_fmt(lr))
        )
        ax.legend(loc="upper center", ncols=min(2 if phone else 3, len(runs)), fontsize=8.5)
    items = "; ".join(
        translate(
            "from x₀ = {x0} to x = {x} ({kind})",
            lang,
            x0=_fmt(x0),
            x=_fmt(end),
            kind=translate(kind, lang),
        )
        for x0, _, end, kind in runs
    )
    fig.set_label(
        translate(
            "The curve f(x) = (x² − 1)² + 0.3x has two valleys, the left one deeper. "
            "Gradient descent with η = {lr} from {n} starting points: {items}.",
            lang,
            lr=_fmt(lr),
            n=len(runs),
            items=items,
        )
    )
    return _freeze_layout(fig)


# --------------------------------------------------------------------------- elongated bowl


def _contour_grid(
    f: Callable[[Any], float], xlim: tuple[float, float], ylim: tuple[float, float], n: int = 121
) -> tuple[FloatArray, FloatArray, FloatArray]:
    gx, gy = np.meshgrid(np.linspace(*xlim, n), np.linspace(*ylim, n))
    gz = np.array(
        [[f([x, y]) for x, y in zip(rx, ry, strict=True)] for rx, ry in zip(gx, gy, strict=True)]
    )
    return gx, gy, gz


@_remembered
def elongated_bowl_descent(
    start: Sequence[float] = (6.0, 2.0),
    lr: float = 0.09,
    steps: int = 40,
    *,
    kappa: float = landscapes.ELONGATION,
    lang: Lang = "en",
    layout: Layout = "desktop",
) -> Figure:
    """Draw descent on the elongated bowl $x^2 + \\kappa y^2$: the path and each coordinate.

    Left: the contour ellipses with the zigzag path. Right: $|x_k|$ and $|y_k|$ against the
    step $k$ on a log scale, straight lines whose slopes are the factors $|1 - 2\\eta|$ and
    $|1 - 2\\kappa\\eta|$.

    Args:
        start: The starting point (x, y).
        lr: The learning rate η.
        steps: The number of steps drawn.
        kappa: The elongation κ of the bowl.
        lang: ``"vi"`` or ``"en"``.
        layout: ``"desktop"`` or ``"phone"`` (see `gdcore.plots`).

    Returns:
        The figure; ``fig.get_label()`` is its alt text.

    Raises:
        ValueError: ``lang`` is unknown, ``start`` is not two finite numbers, or ``steps`` < 1.

    Examples:
        >>> fig = elongated_bowl_descent(lang="en")
        >>> "|1 − 2η| = 0.82" in fig.get_label(), "|1 − 2κη| = 0.8" in fig.get_label()
        (True, True)
    """
    lang = check_lang(lang)
    phone = _check_layout(layout) == "phone"
    steps = _check_positive_steps(steps)
    p0 = np.asarray(start, dtype=np.float64)
    if p0.shape != (2,) or not np.isfinite(p0).all():
        raise ValueError(f"start must be two finite numbers (x, y), not {start!r}")

    def f(p: FloatArray) -> float:
        return landscapes.elongated_bowl(p, kappa)

    def grad(p: FloatArray) -> FloatArray:
        return landscapes.elongated_bowl_grad(p, kappa)

    r = gradient_descent(f, p0, lr=lr, grad=grad, max_steps=steps, tol=0.0, record="all")
    path = _path(r.path)
    fx, fy = abs(1 - 2 * lr), abs(1 - 2 * kappa * lr)
    reach_x = max(float(np.abs(path[:, 0]).max()) * 1.15, 1.0)
    reach_y = max(float(np.abs(path[:, 1]).max()) * 1.15, reach_x / np.sqrt(kappa))
    gx, gy, gz = _contour_grid(f, (-reach_x, reach_x), (-reach_y, reach_y), n=61)
    with _style():
        if phone:
            fig = _new_figure(_PHONE_WIDTH, 5.6)
            grid_spec = fig.add_gridspec(2, 1, height_ratios=(1.2, 1.0))
            second = grid_spec[1, 0]
        else:
            fig = _new_figure(_WIDTH, 3.0)
            grid_spec = fig.add_gridspec(1, 2, width_ratios=(1.5, 1.0))
            second = grid_spec[0, 1]
        ax = fig.add_subplot(grid_spec[0, 0])
        levels = np.geomspace(float(f(p0)) / 64, float(f(p0)), 7)
        ax.contour(gx, gy, gz, levels=levels, colors=INK, linewidths=0.6, alpha=_CONTOUR_ALPHA)
        ax.plot(path[:, 0], path[:, 1], "-o", color=ORANGE, markersize=2.8, linewidth=1.1)
        ax.plot([p0[0]], [p0[1]], "o", color=ORANGE, markersize=7)
        ax.annotate(
            translate("starting point {p}", lang, p=_pt(p0)),
            (float(p0[0]), float(p0[1])),
            xytext=(-8, -4),
            textcoords="offset points",
            ha="right",
            va="top",
            fontsize=8.5,
        )
        ax.plot([0], [0], "+", color=INK, markersize=9, mew=1.4)
        ax.set_xlim(-reach_x, reach_x)
        ax.set_ylim(-reach_y, reach_y)
        ax.set_aspect("equal")
        ax.grid(False)
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        ax.set_title(
            translate("f(x, y) = x² + {kappa}y², η = {lr}", lang, kappa=_fmt(kappa), lr=_fmt(lr))
        )
        ax2 = fig.add_subplot(second)
        k = np.arange(len(path))
        tiny = np.finfo(np.float64).tiny
        ax2.semilogy(k, np.maximum(np.abs(path[:, 0]), tiny), "-", color=BLUE, label="|xₖ|")
        ax2.semilogy(k, np.maximum(np.abs(path[:, 1]), tiny), "-", color=GREEN, label="|yₖ|")
        ax2.set_xlabel(translate("number of steps k", lang))
        ax2.set_title(
            translate("per step: |x| × {fx}, |y| × {fy}", lang, fx=_fmt(fx, 3), fy=_fmt(fy, 3))
        )
        ax2.legend(loc="upper right")
    fig.set_label(
        translate(
            "The contour ellipses of f(x, y) = x² + {kappa}y², long along x and narrow "
            "along y, with {n} steps of gradient descent from {start} with η = {lr}: the path "
            "zigzags across the narrow direction y while it moves slowly along x. A second "
            "chart: |xₖ| and |yₖ| on a log scale against the step k, two straight lines: each step "
            "multiplies |x| by |1 − 2η| = {fx} and |y| by |1 − 2κη| = {fy}.",
            lang,
            kappa=_fmt(kappa),
            n=r.nit,
            start=_pt(p0),
            lr=_fmt(lr),
            fx=_fmt(fx, 3),
            fy=_fmt(fy, 3),
        )
    )
    return _freeze_layout(fig)


# --------------------------------------------------------------------------- saddle


@_remembered
def saddle_descent(
    starts: Sequence[Sequence[float]] = ((1.0, 0.0), (1.0, 0.001)),
    lr: float = 0.1,
    steps: int = 120,
    *,
    lang: Lang = "en",
    layout: Layout = "desktop",
) -> Figure:
    """Draw the saddle $x^2 - y^2$ from above with descent paths.

    The path from a start on the ridge $y = 0$ runs into the saddle point $(0, 0)$ and stops;
    a start a hair off the ridge turns away from it and leaves downhill along $y$. Paths are
    drawn while they stay inside the frame $[-1.2, 1.2]^2$.

    Args:
        starts: Starting points (x, y), at most six.
        lr: The learning rate η.
        steps: The most steps of each run.
        lang: ``"vi"`` or ``"en"``.
        layout: ``"desktop"`` or ``"phone"`` (see `gdcore.plots`).

    Returns:
        The figure; ``fig.get_label()`` is its alt text.

    Raises:
        ValueError: ``lang`` is unknown, a start is not two finite numbers, there are none
            or more than six, or ``steps`` < 1.

    Examples:
        >>> fig = saddle_descent(lang="en")
        >>> "saddle point (0, 0)" in fig.get_label()
        True
    """
    lang = check_lang(lang)
    phone = _check_layout(layout) == "phone"
    steps = _check_positive_steps(steps)
    points = [np.asarray(p, dtype=np.float64) for p in starts]
    if not 1 <= len(points) <= len(PALETTE) or any(
        p.shape != (2,) or not np.isfinite(p).all() for p in points
    ):
        raise ValueError(f"starts must be 1 to 6 points (x, y) of finite numbers, not {starts!r}")
    reach = 1.2
    gx, gy, gz = _contour_grid(landscapes.saddle, (-reach, reach), (-reach, reach), n=41)
    items = []
    with _style():
        fig = _new_figure(_PHONE_WIDTH, 3.9) if phone else _new_figure(_WIDTH * 0.62, 3.9)
        ax = fig.add_subplot()
        levels = np.linspace(-1.2, 1.2, 13)
        # blue where f < 0 (downhill along y), red where f > 0 (uphill along x)
        ax.contour(gx, gy, gz, levels=levels, cmap="coolwarm", linewidths=0.9)
        for n, p0 in enumerate(points):
            r = gradient_descent(
                landscapes.saddle,
                p0,
                lr=lr,
                grad=landscapes.saddle_grad,
                max_steps=steps,
                record="all",
            )
            path = _path(r.path)
            inside = np.all(np.abs(path) <= reach, axis=1)
            shown = path[: int(np.argmin(inside)) if not inside.all() else len(path)]
            color = PALETTE[n + 1]
            label = translate("descent from {p}", lang, p=_pt(p0))
            size = 2.6 + 2.4 * (len(points) - 1 - n)  # earlier paths larger, drawn beneath
            ax.plot(
                shown[:, 0],
                shown[:, 1],
                "-o",
                color=color,
                markersize=size,
                lw=1.1 + 0.8 * (len(points) - 1 - n),
                label=label,
                zorder=3 + n,
            )
            ax.plot([p0[0]], [p0[1]], "o", color=color, markersize=7)
            if len(shown) >= 2 and not inside.all():
                _arrow(ax, shown[-2], shown[-1])
            if inside.all():
                item = translate(
                    "from {p} it stops at {where} after {nit} steps",
                    lang,
                    p=_pt(p0),
                    where=_pt(np.round(r.x, 3)),
                    nit=r.nit,
                )
            else:
                item = translate(
                    "from {p} it leaves the frame, heading downhill along y", lang, p=_pt(p0)
                )
            items.append(item)
        ax.plot([0], [0], "x", color=INK, markersize=8, mew=1.6)
        ax.annotate(
            translate("saddle point", lang),
            (0, 0),
            xytext=(-8, -14),
            textcoords="offset points",
            ha="right",
            fontsize=8.5,
        )
        ax.set_xlim(-reach, reach)
        ax.set_ylim(-reach, reach)
        ax.set_aspect("equal")
        ax.grid(False)
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        ax.set_title(translate("f(x, y) = x² − y², η = {lr}", lang, lr=_fmt(lr)))
        ax.legend(loc="lower left", fontsize=8.5)
    fig.set_label(
        translate(
            "Contour lines of the saddle f(x, y) = x² − y², which rises along x and falls "
            "along y, with the saddle point (0, 0) marked. Gradient descent with η = {lr}: "
            "{items}.",
            lang,
            lr=_fmt(lr),
            items="; ".join(items),
        )
    )
    return _freeze_layout(fig)
