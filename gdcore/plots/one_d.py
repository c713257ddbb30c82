"""Figures of one-dimensional descent: tangent lines, the descent path and its animation."""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import matplotlib as mpl
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch
from matplotlib.ticker import MaxNLocator

from gdcore import landscapes
from gdcore.descent import DescentResult

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType


from gdcore.i18n import N_, translate
from gdcore.plots._base import (
    _PHONE_WIDTH,
    _RC,
    _WIDTH,
    BLUE,
    GREEN,
    INK,
    ORANGE,
    FloatArray,
    Lang,
    Layout,
    _check_lang,
    _check_layout,
    _check_steps,
    _descend_1d,
    _fmt,
    _formula,
    _freeze_layout,
    _join,
    _label_points,
    _new_figure,
    _remembered,
    _style,
    _sub,
    _wrapped,
)


@_remembered
def tangent_lines(
    points: Sequence[float] = (5, 1, 0, -3), *, lang: Lang = "en", layout: Layout = "desktop"
) -> Figure:
    """Draw x² with its tangent line at each point and arrows for the descent direction.

    The slope of each tangent is `gdcore.landscapes.parabola_grad()` at the point; an
    arrow from the point shows the direction of a gradient-descent step, −f′(x), with a
    length proportional to $|f'(x)|$.

    Args:
        points: The x positions of the tangent points (at least one finite number).
        lang: ``"vi"`` or ``"en"``, the language of the labels and of the alt text.
        layout: ``"desktop"`` or ``"phone"`` (see `gdcore.plots`).

    Returns:
        The figure; ``fig.get_label()`` is its alt text.

    Raises:
        ValueError: ``lang`` is unknown, or ``points`` is empty or not finite.

    Examples:
        >>> fig = tangent_lines((5, 1, 0, -3), lang="en")
        >>> fig.get_label()[:38]
        'The parabola f(x) = x² with its tangen'
    """
    lang = _check_lang(lang)
    phone = _check_layout(layout) == "phone"
    xs_points = np.asarray(points, dtype=np.float64).ravel()
    if xs_points.size == 0 or not np.isfinite(xs_points).all():
        raise ValueError("points must be one or more finite numbers")
    slopes = landscapes.parabola_grad(xs_points)
    reach = max(float(np.abs(xs_points).max()) + 2.0, 4.0)
    xs = np.linspace(-reach, reach, 161)
    arrow_scale = 0.3 * reach / max(float(np.abs(slopes).max()), 1e-12)
    with _style():
        fig = _new_figure(_PHONE_WIDTH, 4.3) if phone else _new_figure(_WIDTH, 4.2)
        ax = fig.add_subplot()
        ax.plot(xs, landscapes.parabola(xs), color=BLUE, label="f(x) = x²", zorder=2)
        half = 0.16 * reach
        for i, (p_value, slope_value) in enumerate(zip(xs_points, slopes, strict=True)):
            p, slope = float(p_value), float(slope_value)
            fp = landscapes.parabola(p)
            tx = np.array([p - half, p + half])
            ax.plot(
                tx,
                fp + slope * (tx - p),
                color=ORANGE,
                linewidth=1.6,
                linestyle=(0, (5, 2)),
                label=translate("tangent line", lang) if i == 0 else None,
                zorder=3,
            )
            ax.plot([p], [fp], "o", color=ORANGE, markersize=6, zorder=5)
            # The label goes below the curve, on the outer side of the point.
            label = f"f′({_fmt(p)}) = {_fmt(slope)}"
            if slope == 0:
                label += "\n" + translate("flat: stop", lang)
            side = 0.0 if p == 0 else math.copysign(1.0, p)
            ax.annotate(
                label,
                (p, fp),
                xytext=(side * 9.0, -9.0),
                textcoords="offset points",
                ha={-1.0: "right", 0.0: "center", 1.0: "left"}[side],
                va="top",
                fontsize=9,
                color=INK,
                zorder=6,
            )
            if slope != 0:
                dx = -slope * arrow_scale
                ax.annotate(
                    "",
                    xy=(p + dx, fp),
                    xytext=(p, fp),
                    arrowprops={
                        "arrowstyle": "-|>",
                        "color": GREEN,
                        "lw": 2.0,
                        "mutation_scale": 14,
                        "shrinkA": 0,
                        "shrinkB": 0,
                    },
                    zorder=4,
                )
        ax.plot(
            [],
            [],
            color=GREEN,
            linewidth=2.0,
            label=translate("descent direction −f′(x)\n(longer where |f′(x)| is larger)", lang),
        )
        top = reach * reach
        ax.set_xlim(-reach, reach)
        ax.set_ylim(-0.2 * top, 1.08 * top)
        ax.axhline(0, color=INK, linewidth=0.6, alpha=0.5, zorder=1)
        ax.set_xlabel("x")
        ax.set_ylabel("f(x)")
        ax.set_title(
            _wrapped(
                translate("Tangent lines of f(x) = x²: the slope f′(x) = 2x shows the way", lang),
                phone,
            )
        )
        if phone:
            ax.xaxis.set_major_locator(MaxNLocator(5))
        ax.legend(loc="upper center", ncols=1, fontsize=8.0 if phone else 8.5)
    fig.set_label(
        translate(
            "The parabola f(x) = x² with its tangent lines at x = {points}; their slopes "
            "f′(x) = 2x are {slopes}. Arrows point in the descent direction −f′(x), with "
            "lengths proportional to the slope: to the left where the slope is positive, to "
            "the right where it is negative, and no arrow where the slope is 0, at the "
            "minimum x = 0.",
            lang,
            points=_join([_fmt(float(p)) for p in xs_points], lang),
            slopes=_join([_fmt(float(s)) for s in slopes], lang),
        )
    )
    return _freeze_layout(fig)


# --------------------------------------------------------------------------- 1-D descent


@_remembered
def descent_1d(
    result: DescentResult,
    *,
    f: Callable[[Any], Any] = landscapes.parabola,
    lr: float | None = None,
    lang: Lang = "en",
    layout: Layout = "desktop",
) -> Figure:
    """Draw the iterates of a 1-D gradient descent on the curve of its function.

    Args:
        result: The result of `gdcore.gradient_descent()` on a scalar ``x0`` with
            the path recorded (``record="all"`` or ``"auto"``).
        f: The function that was descended, used to draw the curve (default x²).
        lr: The learning rate used, if it should appear in the title and alt text.
        lang: ``"vi"`` or ``"en"``.
        layout: ``"desktop"`` or ``"phone"`` (see `gdcore.plots`).

    Returns:
        The figure; ``fig.get_label()`` is its alt text.

    Raises:
        ValueError: ``lang`` is unknown, or ``result`` has no 1-D path.

    Examples:
        >>> from gdcore import landscapes
        >>> from gdcore.descent import gradient_descent
        >>> r = gradient_descent(
        ...     landscapes.parabola, 70.0, lr=0.1, grad=landscapes.parabola_grad, max_steps=30
        ... )
        >>> fig = descent_1d(r, lr=0.1, lang="vi")
        >>> fig.get_label()[:36]
        'Đường cong f(x) = x² với 31 điểm lặp'
    """
    lang = _check_lang(lang)
    phone = _check_layout(layout) == "phone"
    if result.path is None or np.ndim(result.path) != 1:
        raise ValueError(
            "descent_1d needs a 1-D path: run gradient_descent on a number x0 with "
            "record='all' (or 'auto')"
        )
    path = np.asarray(result.path, dtype=np.float64)
    fpath = np.array([float(f(float(x))) for x in path])
    formula = _formula(f)
    eta = f", η = {_fmt(lr)}" if lr is not None else ""
    finite = path[np.isfinite(path)]
    reach = 1.12 * max(float(np.abs(finite).max()) if finite.size else 1.0, 1e-9)
    xs = np.linspace(-reach, reach, 201)
    curve = np.array([float(f(float(x))) for x in xs])
    with _style():
        fig = _new_figure(_PHONE_WIDTH, 4.0) if phone else _new_figure(_WIDTH, 4.0)
        ax = fig.add_subplot()
        ax.plot(xs, curve, color=BLUE, label=f"f(x) = {formula}", zorder=2)
        ax.plot(
            path,
            fpath,
            "-o",
            color=ORANGE,
            linewidth=1.0,
            markersize=5,
            markeredgewidth=0.0,
            label=translate("iterates xₖ (numbered by k)", lang),
            zorder=3,
        )
        ax.plot([path[0]], [fpath[0]], "o", color=ORANGE, markersize=9, zorder=4)
        ax.set_xlim(-reach, reach)
        lo, hi = float(np.nanmin(curve)), float(np.nanmax(curve))
        ax.set_ylim(lo - 0.06 * (hi - lo), hi + 0.1 * (hi - lo))
        _label_points(ax, path, fpath, min_gap=0.07 if phone else 0.045, fontsize=8.5)
        ax.set_xlabel("x")
        ax.set_ylabel("f(x)")
        ax.set_title(
            _wrapped(
                translate(
                    "Gradient descent on f(x) = {formula}: {nit} steps from x₀ = {x0}{eta}",
                    lang,
                    formula=formula,
                    nit=result.nit,
                    x0=_fmt(path[0]),
                    eta=eta,
                ),
                phone,
            )
        )
        if phone:
            ax.xaxis.set_major_locator(MaxNLocator(5))
        ax.legend(loc="upper center")
    steps = np.abs(np.diff(path))
    first = ", ".join(f"x{_sub(k)} = {_fmt(float(x))}" for k, x in enumerate(path[:4]))
    if len(path) > 4:
        first += ", …"
    fig.set_label(
        translate(
            "The curve f(x) = {formula} with the {count} iterates of gradient descent from "
            "x₀ = {x0}{eta}, numbered by step k and joined in order: {first}; the first step "
            "has size {first_step} and the last {last_step}; after {nit} steps x = {last}, "
            "f(x) = {fun} ({status}).",
            lang,
            formula=formula,
            count=len(path),
            x0=_fmt(path[0]),
            eta=translate(" with learning rate η = {lr}", lang, lr=_fmt(lr))
            if lr is not None
            else "",
            first=first,
            first_step=_fmt(float(steps[0])) if steps.size else "0",
            last_step=_fmt(float(steps[-1])) if steps.size else "0",
            nit=result.nit,
            last=_fmt(float(path[-1])),
            fun=_fmt(float(result.fun)),
            status=result.status_text(lang),
        )
    )
    return _freeze_layout(fig)


# --------------------------------------------------------------------------- animation


def descent_animation_alt(
    x0: float = 70.0, lr: float = 0.1, steps: int = 25, *, lang: Lang = "en"
) -> str:
    """The alt text of `descent_animation()` with the same arguments.

    Args:
        x0: The starting point.
        lr: The learning rate η.
        steps: The number of gradient-descent steps shown.
        lang: ``"vi"`` or ``"en"``.

    Returns:
        One or two sentences describing the animation, with its numbers.

    Raises:
        ValueError: ``lang`` is unknown or ``steps`` < 1.

    Examples:
        >>> descent_animation_alt(lang="en")[:48]
        'Animation of gradient descent on f(x) = x² from '
    """
    lang = _check_lang(lang)
    steps = _check_steps(steps)
    result, path = _descend_1d(landscapes.parabola, landscapes.parabola_grad, x0, lr, steps)
    return _animation_alt(result, path, x0, lr, lang)


def _animation_alt(
    result: DescentResult, path: FloatArray, x0: float, lr: float, lang: Lang
) -> str:
    sizes = np.abs(np.diff(path))
    first = ", ".join(_fmt(float(x)) for x in path[:4]) + (", …" if len(path) > 4 else "")
    shrinks = sizes.size == 0 or float(sizes[-1]) <= float(sizes[0])
    trend = translate(
        N_("shrinks from {first_step} to {last_step}")
        if shrinks
        else N_("grows from {first_step} to {last_step}"),
        lang,
        first_step=_fmt(float(sizes[0])) if sizes.size else "0",
        last_step=_fmt(float(sizes[-1])) if sizes.size else "0",
    )
    return translate(
        "Animation of gradient descent on f(x) = x² from x₀ = {x0} with learning rate "
        "η = {lr}: frame by frame the point xₖ moves along the parabola, with its "
        "tangent line and an arrow along the x axis for the step to the next iterate, "
        "while a second panel plots xₖ against k. The iterates are {first}; the step "
        "size η·|f′(xₖ)| {trend}, and after {nit} steps x = {last}.",
        lang,
        trend=trend,
        x0=_fmt(x0),
        lr=_fmt(lr),
        first=first,
        nit=result.nit,
        last=_fmt(float(path[-1])),
    )


def descent_animation(
    x0: float = 70.0, lr: float = 0.1, steps: int = 25, *, lang: Lang = "en"
) -> bytes:
    """Animate gradient descent on x² as a small, palette-optimized, looping GIF.

    One frame per iterate (plus a longer pause on the first and the last): the parabola,
    the current iterate with its tangent line, an arrow to the next iterate, the previous
    iterates, and a caption with k, $x_k$, $f'(x_k)$ and the step size; a
    second panel plots $x_k$ against k. The GIF has a white background (GIF has no
    partial transparency), one shared adaptive palette of a few colors, loops forever and
    is byte-for-byte deterministic. Its alt text is `descent_animation_alt()`.

    Args:
        x0: The starting point (finite).
        lr: The learning rate η (> 0).
        steps: The number of gradient-descent steps to show (1 to 60).
        lang: ``"vi"`` or ``"en"``.

    Returns:
        The GIF file's bytes (400 × 560 pixels: panels stacked, so that drawn in a phone's
        column its smallest text is still 10 CSS px).

    Raises:
        ValueError: ``lang`` is unknown, ``steps`` is not in 1..60, or ``x0``/``lr`` are
            rejected by `gdcore.gradient_descent()`.

    Examples:
        >>> gif = descent_animation(70.0, 0.1, 5, lang="en")
        >>> gif[:6], len(gif) < 150_000
        (b'GIF89a', True)
    """
    from PIL import Image

    lang = _check_lang(lang)
    steps = _check_steps(steps)
    if steps > 60:
        raise ValueError(f"steps must be at most 60 (one frame each); got {steps}")
    result, path = _descend_1d(landscapes.parabola, landscapes.parabola_grad, x0, lr, steps)
    grads = landscapes.parabola_grad(path)
    fvals = landscapes.parabola(path)
    finite = path[np.isfinite(path)]
    span = max(float(np.abs(finite).max()), 1e-9)
    lo = min(float(finite.min()), -0.3 * span) * 1.1
    hi = max(float(finite.max()), 0.3 * span) * 1.1
    xs = np.linspace(lo, hi, 161)
    rc: dict[RcKeyType, Any] = {**_RC, "figure.facecolor": "white", "savefig.facecolor": "white"}
    frames: list[Image.Image] = []
    with mpl.rc_context(rc):
        fig = Figure(figsize=(4.0, 5.6), dpi=100, layout="constrained")
        canvas: Any = FigureCanvasAgg(fig)  # its draw() is untyped
        grid = fig.add_gridspec(2, 1, height_ratios=(1.6, 1.0))
        ax = fig.add_subplot(grid[0, 0])
        ax_k = fig.add_subplot(grid[1, 0])
        fig.suptitle(
            translate(
                "Gradient descent on f(x) = x², x₀ = {x0}, η = {lr}", lang, x0=_fmt(x0), lr=_fmt(lr)
            ),
            fontsize=10,
        )
        caption = fig.text(0.5, 0.012, "", ha="center", va="bottom", fontsize=9)
        fig.get_layout_engine().set(h_pad=0.04, rect=(0, 0.085, 1, 0.915))  # type: ignore[union-attr, call-arg]
        ax.plot(xs, landscapes.parabola(xs), color=BLUE, linewidth=2.0)
        top = float(landscapes.parabola(xs).max())
        ax.set_xlim(lo, hi)
        ax.set_ylim(-0.09 * top, 1.08 * top)
        ax.set_xlabel("x")
        ax.set_ylabel("f(x)")
        (past,) = ax.plot([], [], "o", color=ORANGE, alpha=0.8, markersize=4, mew=0)
        (guide,) = ax.plot([], [], color=INK, linewidth=0.8, linestyle=(0, (1, 2)))
        (tangent,) = ax.plot([], [], color=GREEN, linewidth=2.0, linestyle=(0, (5, 2)))
        (current,) = ax.plot([], [], "o", color=ORANGE, markersize=9, mec=INK, mew=0.8)
        ax.plot(
            [],
            [],
            color=GREEN,
            linewidth=2.0,
            linestyle=(0, (5, 2)),
            label=translate("tangent line", lang),
        )
        ax.plot([], [], color=INK, linewidth=1.4, label=translate("step −η·f′(xₖ)", lang))
        ax.legend(loc="upper left", fontsize=8.5, handlelength=1.8)
        arrow = FancyArrowPatch(
            (0, 0),
            (0, 0),
            arrowstyle="-|>",
            mutation_scale=11,
            color=INK,
            lw=1.4,
            shrinkA=0,
            shrinkB=0,
        )
        ax.add_patch(arrow)
        k_lo = min(0.0, float(np.nanmin(finite))) * 1.1
        ax_k.set_xlim(-0.5, steps + 0.5)
        ax_k.set_ylim(k_lo - 0.05 * span, 1.1 * max(float(finite.max()), 0.0) + 0.05 * span)
        ax_k.axhline(0, color=INK, linewidth=0.6, alpha=0.5)
        ax_k.set_title(translate("x after each step", lang), fontsize=9.5)
        ax_k.set_xlabel(translate("step k", lang))
        (line_k,) = ax_k.plot([], [], "-o", color=ORANGE, linewidth=1.2, markersize=3.5)
        half = 0.16 * (hi - lo)
        y_arrow = -0.04 * top
        # Blitting: draw the still parts once, then only the moving artists on each frame.
        moving = (tangent, guide, past, arrow, current)
        for artist in (*moving, line_k, caption):
            artist.set_animated(True)
        canvas.draw()
        fig.set_layout_engine("none")
        background = canvas.copy_from_bbox(fig.bbox)
        for k in range(len(path)):
            x, g, fx = float(path[k]), float(grads[k]), float(fvals[k])
            past.set_data(path[:k], fvals[:k])
            current.set_data([x], [fx])
            guide.set_data([x, x], [fx, y_arrow])
            tangent.set_data([x - half, x + half], [fx - g * half, fx + g * half])
            if k + 1 < len(path):
                arrow.set_positions((x, y_arrow), (float(path[k + 1]), y_arrow))
                arrow.set_visible(True)
                caption.set_text(
                    translate(
                        "k = {k}   x{s} = {x}   f′(x{s}) = {g}\nstep size η·|f′(x{s})| = {step}",
                        lang,
                        k=k,
                        s=_sub(k),
                        x=_fmt(x),
                        g=_fmt(g),
                        step=_fmt(abs(lr * g)),
                    )
                )
            else:
                arrow.set_visible(False)
                caption.set_text(
                    f"k = {k}   x{_sub(k)} = {_fmt(x)}   f′(x{_sub(k)}) = {_fmt(g)}\n"
                    f"({result.status_text(lang)})"
                )
            line_k.set_data(np.arange(k + 1), path[: k + 1])
            canvas.restore_region(background)
            for artist in moving:
                ax.draw_artist(artist)
            ax_k.draw_artist(line_k)
            fig.draw_artist(caption)
            rgba = np.asarray(canvas.buffer_rgba())
            frames.append(Image.fromarray(rgba[:, :, :3].copy(), mode="RGB"))
    durations = [450] * len(frames)
    durations[0] = 1200
    durations[-1] = 2500
    # One adaptive palette for all frames (learnt from a few of them: every frame uses the
    # same colors), so that Pillow can store each frame as the pixels that changed.
    sample = sorted({0, 1, len(frames) // 2, len(frames) - 1})
    strip = Image.new("RGB", (frames[0].width, frames[0].height * len(sample)))
    for i, index in enumerate(sample):
        strip.paste(frames[index], (0, i * frames[0].height))
    palette = strip.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    # Median cut averages the background with the faint grid: snap it back to pure white.
    entries = palette.getpalette() or []
    palette.putpalette(
        [
            255 if min(entries[i - i % 3 : i - i % 3 + 3]) >= 246 else v
            for i, v in enumerate(entries)
        ]
    )
    indexed = [fr.quantize(palette=palette, dither=Image.Dither.NONE) for fr in frames]
    out = io.BytesIO()
    indexed[0].save(
        out,
        format="GIF",
        save_all=True,
        append_images=indexed[1:],
        duration=durations,
        loop=0,
        optimize=True,
        disposal=1,
    )
    return out.getvalue()


# --------------------------------------------------------------------------- learning rates
