"""Feature scaling and per-coordinate step sizes: the figures of the chapter's second page.

- `feature_scaling_contours()`: the loss of ``progression ≈ w·BMI + b`` on the diabetes data,
  raw against standardized BMI: a valley about 2.6·10⁴ times steeper across than along, against a
  round bowl; gradient descent on both.
- `optimizer_paths()`: plain descent, momentum, RMSProp and Adam on the elongated bowl
  $x^2 + 10y^2$ (`gdcore.adaptive.elongated_bowl_runs()`).
- `adam_bias_correction()`: Adam's first steps with and without the bias correction.

Every run is computed by gdcore (`gradient_descent()`, `rmsprop()`, `adam()`); every word
comes from the catalogs. 6.4 inches wide, text of at least 11 pt.

Examples:
    >>> fig = optimizer_paths(lang="en")
    >>> len(fig.axes), "Adam" in fig.get_label()
    (2, True)
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from gdcore import landscapes
from gdcore.adaptive import BOWL_SETTINGS, adam, elongated_bowl_runs
from gdcore.descent import gradient_descent
from gdcore.i18n import Lang, check_lang, translate
from gdcore.plots._base import (
    _PHONE_WIDTH,
    BLUE,
    GREEN,
    INK,
    ORANGE,
    PURPLE,
    Layout,
    _check_layout,
    _fmt,
    _freeze_layout,
    _new_figure,
    _point,
    _remembered,
    _wrapped,
)
from gdcore.plots._chapter import WIDTH, chapter_style, contours, power_ticks
from gdcore.regression import diabetes_mse

__all__ = ["adam_bias_correction", "feature_scaling_contours", "optimizer_paths"]


def _kappa(value: float) -> str:
    """A condition number for a label: ``2.63×10⁴``, ``470``, ``1``."""
    return _fmt(value, 3)


# --------------------------------------------------------------------------- feature scaling


@_remembered
def feature_scaling_contours(
    *, steps: int = 30, lang: Lang = "en", layout: Layout = "desktop"
) -> Figure:
    """Draw the diabetes loss for ``progression ≈ w·BMI + b``, raw BMI against standardized.

    Left: raw BMI (around 26): the Hessian's condition number is about 2.6·10⁴, the contours
    are a long thin valley, and ``steps`` steps of gradient descent with $\\eta =
    1/\\lambda_{\\max}$ fall to the valley floor and then crawl. Right: standardized BMI:
    $\\kappa = 1$, round contours, and the same rule $\\eta = 1/\\lambda_{\\max}$ lands on the
    minimum in one step. The title gives the condition numbers with all ten features.

    Args:
        steps: How many steps of gradient descent to draw (an ``int`` >= 1).
        lang: ``"vi"`` or ``"en"``.
        layout: ``"desktop"`` or ``"phone"`` (3.7 in, the plots stacked; see `gdcore.plots`).

    Returns:
        The figure (two axes); ``fig.get_label()`` is its alt text with the computed numbers.

    Raises:
        ValueError: ``lang`` is unknown or ``steps`` is not an int >= 1.

    Examples:
        >>> fig = feature_scaling_contours(lang="en")
        >>> "2.63×10⁴" in fig.get_label(), "470" in fig.get_label()
        (True, True)
    """
    lang = check_lang(lang)
    if not isinstance(steps, int) or isinstance(steps, bool) or steps < 1:
        raise ValueError(f"steps must be an int >= 1; got {steps!r}")
    problems = (diabetes_mse("bmi", standardized=False), diabetes_mse("bmi"))
    start = np.zeros(2)
    all_raw = diabetes_mse(standardized=False).condition_number()
    all_std = diabetes_mse().condition_number()
    facts = []
    phone = _check_layout(layout) == "phone"  # the phone layout stacks the two plots
    with chapter_style(phone):
        fig = _new_figure(_PHONE_WIDTH if phone else WIDTH, 8.4 if phone else 4.4)
        axes = fig.subplots(2, 1) if phone else fig.subplots(1, 2)
        for ax, problem, color, title in zip(
            axes,
            problems,
            (ORANGE, BLUE),
            (
                translate(
                    "raw BMI: κ = {kappa}", lang, kappa=_kappa(problems[0].condition_number())
                ),
                translate(
                    "standardized BMI: κ = {kappa}",
                    lang,
                    kappa=_kappa(problems[1].condition_number()),
                ),
            ),
            strict=True,
        ):
            lr = 1.0 / float(problem.eigenvalues()[-1])
            run = gradient_descent(
                problem.loss, start, lr=lr, grad=problem.full_grad, max_steps=steps, record="all"
            )
            assert run.path is not None  # record="all"
            best = problem.solution()
            facts.append((problem.condition_number(), lr, run, best, problem.loss(best)))
            pts = np.vstack([run.path, best[None, :], start[None, :]])
            span = np.ptp(pts, axis=0)
            pad = 0.12 * span
            xlim = (float(pts[:, 0].min() - pad[0]), float(pts[:, 0].max() + pad[0]))
            ylim = (float(pts[:, 1].min() - pad[1]), float(pts[:, 1].max() + pad[1]))
            contours(ax, problem, xlim, ylim, start=start)
            ax.plot(
                run.path[:, 0], run.path[:, 1], "-o", color=color, markersize=3.5, linewidth=1.6
            )
            ax.plot([0.0], [0.0], "o", color=INK, markersize=5, zorder=6)
            ax.annotate(
                translate("steps: {n}", lang, n=run.nit),
                (float(run.path[-1, 0]), float(run.path[-1, 1])),
                xytext=(-8, -18) if problem is problems[0] else (5, -44),
                textcoords="offset points",
                ha="right" if problem is problems[0] else "left",
                color=color,
            )
            ax.set_xlim(*xlim)
            ax.set_ylim(*ylim)
            if problem is problems[1]:
                ax.set_aspect("equal")  # κ = 1: the contours are circles, drawn as circles
            ax.grid(False)
            ax.set_title(title)
            ax.set_xlabel(translate("w (weight of BMI)", lang))
            ax.set_ylabel(translate("b (intercept)", lang))
        fig.suptitle(
            _wrapped(
                translate(
                    "All ten features: κ = {raw} raw, {std} standardized",
                    lang,
                    raw=_kappa(all_raw),
                    std=_kappa(all_std),
                ),
                phone,
            ),
            fontsize=None if phone else 11.0,
        )
    (k_raw, lr_raw, run_raw, best_raw, low_raw), (k_std, lr_std, run_std, best_std, _) = facts
    fig.set_label(
        translate(
            "Two contour plots of the mean squared error of the fit progression ≈ w·BMI + b on "
            "the diabetes data, each with gradient descent from (0, 0) with the learning rate "
            "η = 1/λmax. The first, raw BMI: the condition number is κ = {k_raw}, the contours "
            "are a long, thin valley, and {steps} steps with η = {lr_raw} drop to the valley "
            "floor and then crawl: they end at {end_raw}, far from the minimum {best_raw} (loss "
            "{fun_raw} against {low_raw}). The second, standardized BMI: κ = {k_std}, the contours "
            "are circles, and η = {lr_std} reaches the minimum {best_std} (steps: {nit_std}). "
            "With all ten features, κ = {all_raw} raw and {all_std} standardized.",
            lang,
            k_raw=_kappa(k_raw),
            steps=run_raw.nit,
            lr_raw=_fmt(lr_raw, 3),
            end_raw=_point(np.asarray(run_raw.x).round(3).tolist()),
            best_raw=_point(best_raw.round(2).tolist()),
            fun_raw=_fmt(run_raw.fun),
            low_raw=_fmt(low_raw),
            k_std=_kappa(k_std),
            lr_std=_fmt(lr_std, 3),
            best_std=_point(best_std.round(2).tolist()),
            nit_std=run_std.nit,
            all_raw=_kappa(all_raw),
            all_std=_kappa(all_std),
        )
    )
    return _freeze_layout(fig)


# --------------------------------------------------------------------------- four methods


def optimizer_paths(*, lang: Lang = "en") -> Figure:
    """Draw plain descent, momentum, RMSProp and Adam on the elongated bowl x² + 10y².

    The runs are `gdcore.adaptive.elongated_bowl_runs()` with `BOWL_SETTINGS`, from (6, 9)
    to the gradient norm 1e-8. Top: the contour plot with the four paths (markers on the
    first 40 iterates). Bottom: the loss against the step on a log scale.

    Args:
        lang: ``"vi"`` or ``"en"``.

    Returns:
        The figure (two axes); ``fig.get_label()`` is its alt text with the step counts.

    Raises:
        ValueError: ``lang`` is unknown.

    Examples:
        >>> fig = optimizer_paths(lang="vi")
        >>> "động lượng" in fig.get_label()
        True
    """
    lang = check_lang(lang)
    runs = elongated_bowl_runs()
    kappa = landscapes.ELONGATION
    s = BOWL_SETTINGS
    names = {
        "plain": translate(
            "plain descent, η = {lr}: {n} steps",
            lang,
            lr=_fmt(s["plain"]["lr"]),
            n=runs["plain"].nit,
        ),
        "momentum": translate(
            "momentum, η = {lr}, β = {beta}: {n} steps",
            lang,
            lr=_fmt(s["momentum"]["lr"]),
            beta=_fmt(s["momentum"]["momentum"]),
            n=runs["momentum"].nit,
        ),
        "rmsprop": translate(
            "RMSProp, η = {lr}: {n} steps",
            lang,
            lr=_fmt(s["rmsprop"]["lr"]),
            n=runs["rmsprop"].nit,
        ),
        "adam": translate(
            "Adam, η = {lr}: {n} steps", lang, lr=_fmt(s["adam"]["lr"]), n=runs["adam"].nit
        ),
    }
    colors = {"plain": BLUE, "momentum": ORANGE, "rmsprop": GREEN, "adam": PURPLE}
    with chapter_style():
        fig = _new_figure(WIDTH, 8.0)
        ax, ax2 = fig.subplots(2, 1, gridspec_kw={"height_ratios": (1.0, 1.0)})
        paths = {name: r.path for name, r in runs.items() if r.path is not None}
        reach_x = max(float(np.abs(p[:, 0]).max()) for p in paths.values()) * 1.08
        reach_y = max(float(np.abs(p[:, 1]).max()) for p in paths.values()) * 1.15
        g = np.linspace(-reach_x, reach_x, 121)
        h = np.linspace(-reach_y, reach_y, 121)
        gx, gy = np.meshgrid(g, h)
        levels = [kappa * float(r) ** 2 for r in np.linspace(0, reach_y, 7)[1:]]
        ax.contour(
            gx, gy, gx * gx + kappa * gy * gy, levels=levels, colors=INK, linewidths=0.6, alpha=0.35
        )
        widths = {"plain": 1.3, "momentum": 1.3, "rmsprop": 3.2, "adam": 1.3}
        for name, run in runs.items():
            path = paths[name]
            ax.plot(
                path[:, 0],
                path[:, 1],
                "-o",
                color=colors[name],
                linewidth=widths[name],
                markersize=2.6 if name != "rmsprop" else 4.0,
                markevery=slice(0, 40),
            )
            assert run.fun_path is not None  # record="all"
            ax2.plot(
                np.arange(len(run.fun_path)),
                run.fun_path,
                color=colors[name],
                linewidth=1.8,
                label=names[name],
            )
        ax.plot([6.0], [9.0], "o", color=INK, markersize=5, zorder=6)
        ax.plot([0], [0], "+", color=INK, markersize=10, mew=1.5, zorder=6)
        ax.set_xlim(-reach_x, reach_x)
        ax.set_ylim(-reach_y, reach_y)
        ax.set_aspect("equal")
        ax.grid(False)
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        ax.set_title(f"f(x, y) = x² + {_fmt(kappa)}y²")
        ax2.set_yscale("log")
        power_ticks(ax2)
        ax2.set_xlabel(translate("step k", lang))
        ax2.set_ylabel(translate("loss f (log scale)", lang))
        ax2.legend(loc="upper right", handlelength=1.4)
    fig.set_label(
        translate(
            "Top: the contour plot of the elongated bowl f(x, y) = x² + {kappa}y² with four "
            "paths from (6, 9) to the minimum (0, 0). Plain gradient descent zigzags across "
            "the narrow valley; momentum zigzags less; RMSProp and Adam divide each "
            "coordinate's step by the size of its own gradients, so their first steps go "
            "diagonally, the same length in x and in y, and Adam, which also carries "
            "momentum, circles in to the minimum. Bottom: the loss against the step on a log "
            "scale. Steps to a gradient norm of 10⁻⁸: {items}.",
            lang,
            kappa=_fmt(kappa),
            items="; ".join(names.values()),
        )
    )
    return _freeze_layout(fig)


# --------------------------------------------------------------------------- bias correction


@_remembered
def adam_bias_correction(
    *,
    x0: float = 3.0,
    lr: float = 0.1,
    steps: int = 40,
    lang: Lang = "en",
    layout: Layout = "desktop",
) -> Figure:
    """Draw Adam's first steps on f(x) = x² with and without the bias correction.

    Top: each step's length divided by $\\eta$: with the correction it is about 1 from the
    first step on; without it (``adam(..., bias_correction=False)``) it starts at
    $0.1/\\sqrt{0.001} \\approx 3.16$ and grows (to 5.3 at t = 5 here) because $v$, started at 0, is
    still far too small. Bottom: the iterate $x_t$ against $t$ for both: with the correction
    $x$ walks down steadily; without it, it shoots past the minimum and swings around it.

    Args:
        x0: The starting point (a number with ``|x0| > 0``).
        lr: The step size $\\eta$ (> 0).
        steps: How many steps to draw (an ``int`` >= 2).
        lang: ``"vi"`` or ``"en"``.
        layout: ``"desktop"`` or ``"phone"`` (3.7 in, the plots stacked; see `gdcore.plots`).

    Returns:
        The figure (two axes); ``fig.get_label()`` is its alt text with the computed numbers.

    Raises:
        ValueError: ``lang`` is unknown, ``steps < 2``, or ``x0``/``lr`` bad (as `adam()`).

    Examples:
        >>> fig = adam_bias_correction(lang="en")
        >>> "3.16" in fig.get_label()
        True
    """
    lang = check_lang(lang)
    if not isinstance(steps, int) or isinstance(steps, bool) or steps < 2:
        raise ValueError(f"steps must be an int >= 2; got {steps!r}")
    common = {
        "lr": lr,
        "grad": landscapes.parabola_grad,
        "max_steps": steps,
        "tol": 0.0,
        "record": "all",
    }
    on = adam(landscapes.parabola, x0, **common)  # type: ignore[arg-type]
    off = adam(landscapes.parabola, x0, bias_correction=False, **common)  # type: ignore[arg-type]
    assert on.path is not None and off.path is not None  # record="all"
    ratio_on = np.abs(np.diff(on.path)) / lr
    ratio_off = np.abs(np.diff(off.path)) / lr
    t = np.arange(1, len(ratio_on) + 1)
    labels = (
        translate("with bias correction (Adam)", lang),
        translate("without bias correction", lang),
    )
    phone = _check_layout(layout) == "phone"
    with chapter_style(phone):
        fig = _new_figure(_PHONE_WIDTH if phone else WIDTH, 6.4 if phone else 6.6)
        ax, ax2 = fig.subplots(2, 1)
        ax.plot(t, ratio_on, "-o", color=BLUE, markersize=3, linewidth=1.6, label=labels[0])
        ax.plot(t, ratio_off, "-o", color=ORANGE, markersize=3, linewidth=1.6, label=labels[1])
        ax.axhline(1.0, color=INK, linewidth=0.8, linestyle="--")
        ax.set_ylim(0, float(ratio_off.max()) * 1.45)
        ax.set_xlim(0, len(t) + 1)
        ax.set_xlabel(translate("step t", lang))
        ax.set_ylabel(translate("step length ÷ η", lang))
        ax.legend(loc="upper right")
        ax2.plot(np.arange(len(on.path)), on.path, color=BLUE, linewidth=1.8, label=labels[0])
        ax2.plot(np.arange(len(off.path)), off.path, color=ORANGE, linewidth=1.8, label=labels[1])
        ax2.set_xlim(0, len(t) + 1)
        ax2.set_xlabel(translate("step t", lang))
        ax2.set_ylabel(translate("iterate xₜ", lang))
    peak = int(np.argmax(ratio_off))
    fig.set_label(
        translate(
            "Adam on f(x) = x² from x₀ = {x0} with η = {lr}, for {steps} steps, with and "
            "without the bias correction. Top: each step's length divided by η. With the "
            "correction the steps are about η from the first one on ({on_first} η at t = 1). "
            "Without it the first step is {off_first} η, because the second moment v starts "
            "at 0 and is still far too small, and the steps grow to {off_peak} η at t = "
            "{peak_t}. Bottom: the iterate against the step: with the correction x walks down "
            "steadily, to {on_x} after {steps} steps; without it x shoots past the minimum 0 "
            "to {off_min} and swings back and forth ({off_x} at the end).",
            lang,
            x0=_fmt(x0),
            lr=_fmt(lr),
            steps=steps,
            on_first=_fmt(float(ratio_on[0]), 3),
            off_first=_fmt(float(ratio_off[0]), 3),
            off_peak=_fmt(float(ratio_off[peak]), 3),
            peak_t=peak + 1,
            on_x=_fmt(float(on.path[-1]), 3),
            off_x=_fmt(float(off.path[-1]), 3),
            off_min=_fmt(float(off.path.min()), 3),
        )
    )
    return _freeze_layout(fig)
