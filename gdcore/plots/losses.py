"""Loss-function figures: x², |x| and the step; MAE vs MSE descent; the house-price fit."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from gdcore import landscapes
from gdcore.i18n import translate

if TYPE_CHECKING:
    pass


from gdcore.linefit import LineFit, fit_line
from gdcore.plots._base import (
    _PHONE_WIDTH,
    _WIDTH,
    BLUE,
    GREEN,
    INK,
    ORANGE,
    PINK,
    PURPLE,
    FloatArray,
    Lang,
    Layout,
    _check_lang,
    _check_layout,
    _check_steps,
    _descend_1d,
    _fmt,
    _freeze_layout,
    _log_y,
    _new_figure,
    _remembered,
    _signed,
    _style,
    _wrapped,
)


@_remembered
def loss_shapes(*, lang: Lang = "en", layout: Layout = "desktop") -> Figure:
    """Draw x², |x| and the step function (top row) above their derivatives (bottom row).

    The curves come from `gdcore.landscapes`; the derivatives are the ``*_grad``
    functions away from 0. Where a derivative does not exist (|x| and the step function
    at 0) the plot shows open circles.

    Args:
        lang: ``"vi"`` or ``"en"``.
        layout: ``"desktop"`` or ``"phone"`` (panels stacked; see `gdcore.plots`).

    Returns:
        The figure (6 axes); ``fig.get_label()`` is its alt text.

    Raises:
        ValueError: ``lang`` is unknown.

    Examples:
        >>> fig = loss_shapes(lang="vi")
        >>> len(fig.axes), fig.axes[2].get_title()
        (6, 'Xấu: hàm bậc thang')
    """
    lang = _check_lang(lang)
    phone = _check_layout(layout) == "phone"
    xs = np.linspace(-2.0, 2.0, 161)
    left, right = xs[xs < 0], xs[xs > 0]
    open_marker: dict[str, Any] = {
        "marker": "o",
        "markersize": 7,
        "markerfacecolor": "none",
        "markeredgewidth": 1.6,
        "linestyle": "none",
        "zorder": 5,
    }
    with _style():
        if phone:  # one row per function: the curve, then its derivative
            fig = _new_figure(_PHONE_WIDTH, 6.6)
            axes = fig.subplots(3, 2, sharex=True).T
        else:
            fig = _new_figure(_WIDTH, 4.6)
            axes = fig.subplots(2, 3, sharex=True)
        # x²
        ax = axes[0][0]
        ax.plot(xs, landscapes.parabola(xs), color=BLUE)
        ax.set_title(translate("Good: f(x) = x²", lang))
        ax = axes[1][0]
        ax.plot(xs, landscapes.parabola_grad(xs), color=BLUE)
        ax.set_title(translate("f′(x) = 2x, defined everywhere", lang), fontsize=9)
        ax.set_ylim(-4.6, 4.6)
        # |x|
        ax = axes[0][1]
        ax.plot(xs, landscapes.v_shape(xs), color=ORANGE)
        ax.set_title(translate("Hard: f(x) = |x|", lang))
        ax = axes[1][1]
        ax.plot(left, landscapes.v_shape_grad(left), color=ORANGE)
        ax.plot(right, landscapes.v_shape_grad(right), color=ORANGE)
        ax.plot([0, 0], [-1, 1], color=ORANGE, **open_marker)
        ax.annotate(
            translate("undefined at 0", lang),
            (0, 0),
            ha="center",
            va="center",
            fontsize=8.5,
            color=INK,
        )
        ax.set_ylim(-1.6, 1.6)
        ax.set_title(translate("f′(x) = −1 or +1", lang), fontsize=9)
        # step
        ax = axes[0][2]
        ax.plot(left, landscapes.step(left), color=PURPLE)
        ax.plot(right, landscapes.step(right), color=PURPLE)
        ax.plot([0], [0], color=PURPLE, **open_marker)
        ax.plot([0], [landscapes.step(0.0)], "o", color=PURPLE, markersize=6, zorder=5)
        ax.set_ylim(-0.25, 1.35)
        ax.set_title(translate("Bad: step function", lang))
        ax = axes[1][2]
        ax.plot(left, landscapes.step_grad(left), color=PURPLE)
        ax.plot(right, landscapes.step_grad(right), color=PURPLE)
        ax.plot([0], [0], color=PURPLE, **open_marker)
        ax.annotate(
            translate("undefined at the jump", lang),
            (0, 0),
            xytext=(0, 12),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=8.5,
            color=INK,
        )
        ax.annotate(
            translate("no signal for descent", lang),
            (0, 0),
            xytext=(0, -14),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=8.5,
            color=INK,
        )
        ax.set_ylim(-1.6, 1.6)
        ax.set_title(translate("f′(x) = 0 wherever it exists", lang), fontsize=9)
        for ax in axes[1]:
            ax.set_xlabel("x")
        axes[0][0].set_ylabel("f(x)")
        axes[1][0].set_ylabel("f′(x)")
    fig.set_label(
        translate(
            "Three loss shapes, each drawn with its derivative: the smooth bowl f(x) = x², "
            "whose derivative 2x is a straight line through 0, defined everywhere; the "
            "V-shaped |x| with a sharp corner at 0, whose derivative is −1 for x < 0 and +1 "
            "for x > 0, with open circles at x = 0 where it is undefined; and the step "
            "function, which jumps from 0 to 1 at x = 0, whose derivative is 0 everywhere it "
            "exists and undefined at the jump, so gradient descent gets no signal to move.",
            lang,
        )
    )
    return _freeze_layout(fig)


# --------------------------------------------------------------------------- MAE vs MSE


@_remembered
def mae_vs_mse_descent(
    x0: float = 2.5,
    lr: float = 0.2,
    steps: int = 25,
    *,
    lang: Lang = "en",
    layout: Layout = "desktop",
) -> Figure:
    """Compare gradient descent on |x| and on x² from the same start, side by side.

    On |x| the slope is always ±1, so every step has size η and x ends up oscillating
    around 0 (amplitude at most η); on x² the slope shrinks near 0 and so do the steps.
    Both trajectories come from `gdcore.gradient_descent()` with
    `gdcore.landscapes.v_shape_grad()` and `gdcore.landscapes.parabola_grad()`.

    Args:
        x0: The common starting point.
        lr: The common learning rate η.
        steps: The number of steps.
        lang: ``"vi"`` or ``"en"``.
        layout: ``"desktop"`` or ``"phone"`` (panels stacked; see `gdcore.plots`).

    Returns:
        The figure (2 × 2 axes); ``fig.get_label()`` is its alt text.

    Raises:
        ValueError: ``lang`` is unknown or ``steps`` < 1.

    Examples:
        >>> fig = mae_vs_mse_descent(lang="en")
        >>> len(fig.axes), "oscillating" in fig.get_label()
        (4, True)
    """
    lang = _check_lang(lang)
    phone = _check_layout(layout) == "phone"
    steps = _check_steps(steps)
    mae_result, mae_path = _descend_1d(landscapes.v_shape, landscapes.v_shape_grad, x0, lr, steps)
    mse_result, mse_path = _descend_1d(landscapes.parabola, landscapes.parabola_grad, x0, lr, steps)
    reach = 1.15 * max(abs(x0), 1e-9)
    xs = np.linspace(-reach, reach, 161)
    tail = mae_path[-4:]
    amplitude = float(np.abs(tail).max())
    with _style():
        if phone:  # |x| above x², each curve above its x-after-each-step panel
            fig = _new_figure(_PHONE_WIDTH, 9.0)
            axes = fig.subplots(4, 1).reshape(2, 2, order="F")
        else:
            fig = _new_figure(_WIDTH, 5.2)
            axes = fig.subplots(2, 2)
        panels: tuple[tuple[Callable[[Any], Any], FloatArray, str, str], ...] = (
            (
                landscapes.v_shape,
                mae_path,
                ORANGE,
                translate("|x| (MAE of one residual): constant step η", lang),
            ),
            (
                landscapes.parabola,
                mse_path,
                BLUE,
                translate("x² (MSE of one residual): steps shrink", lang),
            ),
        )
        for col, (func, path, color, title) in enumerate(panels):
            ax = axes[0][col]
            ax.plot(xs, func(xs), color=color, alpha=0.85)
            fpath = func(path)
            ax.plot(path, fpath, "-o", color=INK, linewidth=0.7, markersize=3.5, alpha=0.75)
            ax.plot([path[0]], [fpath[0]], "o", color=INK, markersize=6)
            ax.set_xlim(-reach, reach)
            ax.set_title(_wrapped(title, phone), fontsize=9.5)
            ax.set_xlabel("x")
            ax.set_ylabel("f(x)")
            ax = axes[1][col]
            ks = np.arange(len(path))
            if col == 0:
                ax.axhspan(-lr, lr, color=color, alpha=0.15, linewidth=0, label="±η")
                ax.legend(loc="upper right")
            ax.axhline(0, color=INK, linewidth=0.6, alpha=0.5)
            ax.plot(ks, path, "-o", color=color, linewidth=1.3, markersize=3.5)
            ax.set_xlabel(translate("step k", lang))
            ax.set_ylabel("x")
            ax.set_title(translate("x after each step", lang), fontsize=9.5)
        low = min(float(mae_path.min()), float(mse_path.min()), -lr) - 0.1 * abs(x0)
        high = max(float(mae_path.max()), float(mse_path.max())) + 0.1 * abs(x0)
        for ax in axes[1]:
            ax.set_ylim(low, high)
        for ax in axes[0]:
            ax.set_ylim(-0.08 * reach * reach, 1.05 * reach * reach)
        axes[0][0].set_ylim(-0.08 * reach, 1.05 * reach)
    fig.set_label(
        translate(
            "Gradient descent from the same start x₀ = {x0} with the same learning rate "
            "η = {lr} for {steps} steps, on |x| and on x²; for each function, one chart shows "
            "the iterates on the curve and another x against the step k. On |x| "
            "every step has the same size η, so x overshoots 0 and keeps oscillating around "
            "it, with amplitude {amp} (at most η) over the last steps; on x² the steps "
            "shrink with the slope and x approaches 0 smoothly, ending at {mse_last}.",
            lang,
            x0=_fmt(x0),
            lr=_fmt(lr),
            steps=steps,
            amp=_fmt(amplitude, 3),
            mse_last=_fmt(float(mse_path[-1]), 3),
        )
    )
    del mae_result, mse_result
    return _freeze_layout(fig)


# --------------------------------------------------------------------------- house prices


@functools.cache
def _house_fits() -> tuple[FloatArray, FloatArray, LineFit, LineFit]:
    """The house-price data and its MSE and MAE lines (computed once per process)."""
    from gdcore import datasets

    area_raw, price_raw = datasets.house_prices()
    area = np.asarray(area_raw, dtype=np.float64)
    price = np.asarray(price_raw, dtype=np.float64)
    mse_fit = fit_line(area, price, loss="mse", lr=0.1)
    mae_fit = fit_line(area, price, loss="mae", lr=lambda k: 2.0 / math.sqrt(k + 1.0))
    return area, price, mse_fit, mae_fit


@_remembered
def house_price_fit(*, lang: Lang = "en", layout: Layout = "desktop") -> Figure:
    """Fit a line to `gdcore.datasets.house_prices()` by gradient descent on MAE and MSE.

    The line ``price = w·area + b`` is fitted as on the lesson's page: the area is
    standardized (zero mean, unit spread), then `gdcore.gradient_descent()` (at most
    20,000 steps) minimizes `gdcore.losses.mse()` with ``lr=0.1``, or
    `gdcore.losses.mae()` with the decaying ``lr = 2/√(k+1)`` (the MAE slope never
    shrinks by itself), the gradients coming from `gdcore.losses.mse_grad()` /
    `gdcore.losses.mae_grad()` and the chain rule. The MSE line is pulled by the
    outlier (`gdcore.datasets.HOUSE_PRICE_OUTLIER`); the MAE line is not. The fits
    are computed once per process and shared by both languages.

    Args:
        lang: ``"vi"`` or ``"en"``.
        layout: ``"desktop"`` or ``"phone"`` (panels stacked; see `gdcore.plots`).

    Returns:
        The figure (data and lines in the first panel, loss curves in the second);
        ``fig.get_label()`` is its alt text.

    Raises:
        ValueError: ``lang`` is unknown.

    Examples:
        >>> fig = house_price_fit(lang="vi")
        >>> len(fig.axes), fig.get_label()[:16]
        (2, 'Biểu đồ điểm của')
    """
    from gdcore import datasets

    lang = _check_lang(lang)
    phone = _check_layout(layout) == "phone"
    area, price, mse_fit, mae_fit = _house_fits()
    out = int(getattr(datasets, "HOUSE_PRICE_OUTLIER", -1))
    if not 0 <= out < len(area):
        out = int(np.argmax(np.abs(price - (mae_fit.w * area + mae_fit.b))))
    span = float(area.max() - area.min())
    grid = np.array([float(area.min()) - 0.04 * span, float(area.max()) + 0.04 * span])
    with _style():
        if phone:
            fig = _new_figure(_PHONE_WIDTH, 7.6)
            grid_spec = fig.add_gridspec(2, 1, height_ratios=(1.5, 1.0))
            second = grid_spec[1, 0]
        else:
            fig = _new_figure(_WIDTH, 4.3)
            grid_spec = fig.add_gridspec(1, 2, width_ratios=(1.6, 1.0))
            second = grid_spec[0, 1]
        ax = fig.add_subplot(grid_spec[0, 0])
        ax.plot(
            grid,
            mse_fit.w * grid + mse_fit.b,
            color=BLUE,
            label=translate(
                "MSE: price ≈ {w}·area {b}", lang, w=_fmt(mse_fit.w, 3), b=_signed(mse_fit.b, 3)
            ),
        )
        ax.plot(
            grid,
            mae_fit.w * grid + mae_fit.b,
            color=ORANGE,
            linestyle=(0, (6, 2)),
            label=translate(
                "MAE: price ≈ {w}·area {b}", lang, w=_fmt(mae_fit.w, 3), b=_signed(mae_fit.b, 3)
            ),
        )
        ax.plot(
            np.delete(area, out),
            np.delete(price, out),
            "o",
            color=GREEN,
            markersize=5.5,
            label=translate("apartments", lang),
            zorder=4,
        )
        ax.plot([area[out]], [price[out]], "D", color=PINK, markersize=6.5, zorder=4)
        ax.annotate(
            translate("outlier", lang),
            (float(area[out]), float(price[out])),
            xytext=(9, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=8.5,
            color=INK,
        )
        ax.set_xlabel(translate("area (m²)", lang))
        ax.set_ylabel(translate("price (billion VND)", lang))
        ax.legend(
            loc="upper left",
            bbox_to_anchor=(0.0, -0.25 if phone else -0.2),
            fontsize=8.0 if phone else 8.5,
            borderaxespad=0,
        )
        ax.set_title(
            _wrapped(translate("Fitting a line by gradient descent: MAE vs MSE", lang), phone),
            fontsize=10,
        )
        ax2 = fig.add_subplot(second)
        for fit, color, style, label in (
            (mse_fit, BLUE, "-", "MSE"),
            (mae_fit, ORANGE, (0, (6, 2)), "MAE"),
        ):
            curve = np.asarray(fit.result.fun_path, dtype=np.float64)
            relative = curve / curve[0]
            # About 400 steps, evenly spread on the log axis, draw the curve faithfully.
            shown = np.unique(np.geomspace(1, len(relative), 400).astype(int) - 1)
            ax2.plot(
                shown,
                relative[shown],
                color=color,
                linestyle=style,
                linewidth=1.6,
                label=label,
            )
        ax2.set_xscale("symlog", linthresh=1.0, linscale=0.4)
        ax2.set_xlim(0, max(f.result.nit + 1 for f in (mse_fit, mae_fit)))
        _log_y(ax2)
        ax2.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _fmt(v)))
        ax2.set_xlabel(translate("step (log scale)", lang))
        ax2.set_title(translate("Training loss ÷ starting loss", lang), fontsize=9.5)
        ax2.legend(loc="upper right")
    fig.set_label(
        translate(
            "A scatter plot of {n} apartments, price (billion VND) against area (m²), with "
            "one outlier at {out_area} m² priced {out_price}. Two straight lines are fitted by "
            "gradient descent: the MSE line (price ≈ {mse_w}·area {mse_b}) is pulled up "
            "toward the outlier, while the MAE line (price ≈ {mae_w}·area {mae_b}) follows the "
            "other points. A second chart: each training loss divided by its starting value, "
            "against the step on a log scale: MSE falls smoothly and stops after {mse_nit} steps, "
            "MAE zigzags down over {mae_nit} steps.",
            lang,
            n=len(area),
            out_area=_fmt(float(area[out])),
            out_price=_fmt(float(price[out])),
            mse_w=_fmt(mse_fit.w, 3),
            mse_b=_signed(mse_fit.b, 3),
            mae_w=_fmt(mae_fit.w, 3),
            mae_b=_signed(mae_fit.b, 3),
            mse_nit=mse_fit.result.nit,
            mae_nit=mae_fit.result.nit,
        )
    )
    return _freeze_layout(fig)


# --------------------------------------------------------------------------- 2-D bowl
