"""Figures for the lesson, drawn from what ``gdcore`` computes.

Every builder returns a `matplotlib.figure.Figure` (made with the object API on the
Agg canvas: no ``pyplot``, nothing shown, no file written), except
`descent_animation()`, which returns the bytes of an animated GIF. Every trajectory in
a figure is computed by `gdcore.gradient_descent()`, so a figure shows what the
library computes.

Each builder takes ``lang="vi"`` or ``lang="en"``: titles, axis labels, legends and
annotations are written in that language, and the figure's label
(``fig.get_label()``) is a full sentence describing the figure in that language, meant
as alt text for screen readers.

The style works on light and dark pages: transparent backgrounds; every piece of "ink"
(text, spines, ticks, arrows) is exactly ``#000000``, which the site replaces with the
page's text colour; data are drawn in mid-tone colours readable on white and on dark
grey; legends have no frame; SVG text stays text (``svg.fonttype = "none"``).
`to_svg()` turns a figure into deterministic SVG text ready to be inlined in HTML.

Examples:
    >>> from gdcore import plots
    >>> fig = plots.tangent_lines(lang="en")
    >>> svg = plots.to_svg(fig)
    >>> svg.startswith("<svg"), svg == plots.to_svg(fig)
    (True, True)
"""

from __future__ import annotations

import functools
import hashlib
import io
import math
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Final, Literal, NamedTuple, TypeAlias, cast

import matplotlib as mpl
import numpy as np
from cycler import cycler
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter
from numpy.typing import ArrayLike, NDArray

from gdcore import landscapes
from gdcore.descent import DescentResult, gradient_descent

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.typing import RcKeyType

    from gdcore.autodiff import Value

__all__ = [
    "INK",
    "PALETTE",
    "Lang",
    "bowl",
    "computational_graph",
    "descent_1d",
    "descent_animation",
    "descent_animation_alt",
    "house_price_fit",
    "learning_rate_trajectories",
    "loss_curve",
    "loss_shapes",
    "mae_vs_mse_descent",
    "tangent_lines",
    "to_svg",
]

Lang: TypeAlias = Literal["vi", "en"]
"""The language of a figure's words: Vietnamese (``"vi"``) or English (``"en"``)."""

FloatArray: TypeAlias = NDArray[np.float64]

INK: Final = "#000000"
"""The colour of all text, spines, ticks and arrows; the site maps it to the text colour."""

BLUE: Final = "#3b82f6"
ORANGE: Final = "#e4572e"
GREEN: Final = "#2f9e6e"
PURPLE: Final = "#9a6bd6"
GOLD: Final = "#b8860b"
PINK: Final = "#d94f70"

PALETTE: Final = (BLUE, ORANGE, GREEN, PURPLE, GOLD, PINK)
"""Data colours: mid-tones with a contrast of at least 3:1 on white and on ``#1e2129``."""

_SALT: Final = "gdcore"
_WIDTH: Final = 7.0  # inches: the width of a figure on the page

_RC: Final[dict[RcKeyType, Any]] = {
    "figure.facecolor": "none",
    "figure.edgecolor": "none",
    "axes.facecolor": "none",
    "savefig.facecolor": "none",
    "savefig.edgecolor": "none",
    "text.color": INK,
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "axes.titlecolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "xtick.labelcolor": INK,
    "ytick.labelcolor": INK,
    "legend.frameon": False,
    "legend.labelcolor": INK,
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 9.5,
    "axes.titlesize": 10.5,
    "axes.labelsize": 9.5,
    "xtick.labelsize": 9.0,
    "ytick.labelsize": 9.0,
    "legend.fontsize": 9.0,
    "figure.titlesize": 11.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": INK,
    "grid.alpha": 0.12,
    "grid.linewidth": 0.6,
    "axes.prop_cycle": cycler(color=list(PALETTE)),
    "lines.linewidth": 2.0,
    "lines.markersize": 5.0,
    "axes.unicode_minus": True,
    "axes3d.xaxis.panecolor": (0.0, 0.0, 0.0, 0.0),
    "axes3d.yaxis.panecolor": (0.0, 0.0, 0.0, 0.0),
    "axes3d.zaxis.panecolor": (0.0, 0.0, 0.0, 0.0),
    "svg.fonttype": "none",
    "svg.hashsalt": _SALT,
}

_SUBSCRIPTS: Final = str.maketrans("0123456789-", "₀₁₂₃₄₅₆₇₈₉₋")
_SUPERSCRIPTS: Final = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


# --------------------------------------------------------------------------- shared helpers


def _check_lang(lang: object) -> Lang:
    """Return ``lang`` if it is ``"vi"`` or ``"en"``, else raise ``ValueError``."""
    if lang == "vi":
        return "vi"
    if lang == "en":
        return "en"
    raise ValueError(f"lang must be 'vi' or 'en'; got {lang!r}")


@contextmanager
def _style() -> Iterator[None]:
    """The lesson's style for every artist created inside the ``with`` block."""
    with mpl.rc_context(_RC):
        yield


def _new_figure(width: float, height: float) -> Figure:
    """A transparent figure with constrained layout, on the Agg canvas."""
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _freeze_layout(fig: Figure) -> Figure:
    """Lay the figure out once and keep that layout, so every later render is identical.

    Constrained layout is recomputed, from the current positions, on every draw; freezing
    it makes two renders of the same figure byte-identical.
    """
    if fig.get_layout_engine() is not None:
        fig.draw_without_rendering()
        fig.set_layout_engine("none")
    return fig


def _log_y(ax: Axes) -> None:
    """Make the y axis logarithmic, with plain tick labels at 1, 2, 5 × 10ⁿ (no mathtext)."""
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(LogLocator(base=10.0, subs=(1.0, 2.0, 5.0)))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _fmt(v, 3)))
    ax.yaxis.set_minor_formatter(NullFormatter())


def _fmt(value: float, digits: int = 4) -> str:
    """A number for a label: ``digits`` significant digits, true minus, ×10ⁿ for big/small.

    >>> _fmt(-6.0), _fmt(4.800000000000001), _fmt(16623.4), _fmt(0.0000712)
    ('−6', '4.8', '1.662×10⁴', '7.12×10⁻⁵')
    """
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else str(value)
    magnitude = abs(value)
    if magnitude >= 1e4 or magnitude < 1e-3:
        mantissa, exponent = f"{value:.{max(digits - 1, 0)}e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".")
        text = f"{mantissa}×10{str(int(exponent)).translate(_SUPERSCRIPTS)}"
    else:
        text = f"{value:.{digits}g}"
    return text.replace("-", "−")


def _signed(value: float, digits: int = 4) -> str:
    """A term to append to a formula: ``+ 0.287`` or ``− 0.425``.

    >>> _signed(0.287), _signed(-0.425)
    ('+ 0.287', '− 0.425')
    """
    return ("− " if value < 0 else "+ ") + _fmt(abs(value), digits)


def _sub(k: int) -> str:
    """``k`` written with subscript digits (``x`` + ``_sub(3)`` is x₃)."""
    return str(k).translate(_SUBSCRIPTS)


def _point(p: Sequence[float]) -> str:
    """A point as ``(6, 9)``."""
    return "(" + ", ".join(_fmt(float(v)) for v in p) + ")"


def _descend_1d(
    f: Callable[[float], float],
    grad: Callable[[float], float],
    x0: float,
    lr: float,
    steps: int,
) -> tuple[DescentResult, FloatArray]:
    """Run `gradient_descent()` on a 1-D function and return it with its path."""
    result = gradient_descent(f, float(x0), lr=lr, grad=grad, max_steps=steps, record="all")
    if result.path is None:  # pragma: no cover - record="all" always keeps the path
        raise RuntimeError("gradient_descent did not record the path")
    return result, np.asarray(result.path, dtype=np.float64)


def _check_steps(steps: object) -> int:
    if not isinstance(steps, (int, np.integer)) or isinstance(steps, bool) or steps < 1:
        raise ValueError(f"steps must be an int >= 1; got {steps!r}")
    return int(steps)


def _formula(f: Callable[..., Any]) -> str:
    """How a lesson function is written in a label, ``f(x) = x²``."""
    known: dict[Callable[..., Any], str] = {
        landscapes.parabola: "x²",
        landscapes.v_shape: "|x|",
        landscapes.step: "step(x)",
    }
    return known.get(f, getattr(f, "__name__", "f") + "(x)")


def _op_name(op: str) -> str:
    """How a ``Value`` operation is written in a drawing: ``* 2`` → ``× 2``, ``- 1`` → ``− 1``.

    >>> _op_name("* 2"), _op_name("** 2"), _op_name("neg"), _op_name("tanh")
    ('× 2', '** 2', '−', 'tanh')
    """
    if op == "neg":
        return "−"
    name = re.sub(r"(?<!\*)\*(?!\*)", "×", op)
    return name.replace("/", "÷").replace("-", "−")


_OUTCOMES: Final[dict[str, dict[Lang, str]]] = {
    "diverges": {"en": "diverges", "vi": "phân kỳ"},
    "one_step": {"en": "lands on 0 in one step", "vi": "về 0 sau một bước"},
    "oscillates": {"en": "oscillates forever", "vi": "dao động mãi"},
    "oscillates_converges": {"en": "oscillates, converges", "vi": "dao động rồi hội tụ"},
    "converges": {"en": "converges", "vi": "hội tụ"},
    "slow": {"en": "barely moves", "vi": "gần như không nhúc nhích"},
    "at_minimum": {"en": "starts at the minimum", "vi": "đã ở cực tiểu"},
}


def _outcome(path: FloatArray, status: str) -> str:
    """Classify a 1-D trajectory on x² towards 0 (a key of ``_OUTCOMES``)."""
    start, end = abs(float(path[0])), abs(float(path[-1]))
    if start == 0.0:
        return "at_minimum"
    if status == "diverged" or not math.isfinite(end) or end > start * (1 + 1e-9):
        return "diverges"
    if len(path) >= 2 and abs(float(path[1])) <= 1e-12 * start:
        return "one_step"
    moving = path[np.abs(path) > 1e-12 * start]
    alternating = len(moving) >= 3 and bool(np.all(moving[1:] * moving[:-1] < 0))
    if alternating and end >= start * (1 - 1e-9):
        return "oscillates"
    if alternating:
        return "oscillates_converges"
    if end > 0.5 * start:
        return "slow"
    return "converges"


def _status_text(status: str, lang: Lang) -> str:
    texts: dict[str, dict[Lang, str]] = {
        "converged": {"en": "converged", "vi": "đã hội tụ"},
        "max_steps": {"en": "stopped at the step limit", "vi": "dừng vì hết số bước cho phép"},
        "diverged": {"en": "diverged", "vi": "đã phân kỳ"},
    }
    return texts.get(status, {"en": status, "vi": status})[lang]


def _label_points(
    ax: Axes,
    xs: FloatArray,
    ys: FloatArray,
    *,
    min_gap: float = 0.045,
    max_labels: int = 12,
    offset: tuple[float, float] = (4.0, 5.0),
    fontsize: float = 8.0,
) -> None:
    """Number the points 0, 1, 2, … where they are not too crowded to read."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    sx, sy = (x1 - x0) or 1.0, (y1 - y0) or 1.0
    placed: list[tuple[float, float]] = []
    last = len(xs) - 1
    order = [0, last, *range(1, last)] if last > 0 else [0]
    for k in order:
        u, v = (float(xs[k]) - x0) / sx, (float(ys[k]) - y0) / sy
        if len(placed) >= max_labels:
            break
        if all(math.hypot(u - a, v - b) >= min_gap for a, b in placed):
            placed.append((u, v))
            ax.annotate(
                str(k),
                (float(xs[k]), float(ys[k])),
                xytext=offset,
                textcoords="offset points",
                fontsize=fontsize,
                color=INK,
            )


# --------------------------------------------------------------------------- SVG export


def to_svg(fig: Figure) -> str:
    """Render a figure as SVG text ready to inline in an HTML page.

    The output is deterministic (fixed ``svg.hashsalt``, no date, no creator), has no XML
    declaration or DOCTYPE, keeps the ``viewBox``, and keeps text as ``<text>`` elements.
    Its ids are prefixed with a hash of the figure, so several figures on one page never
    share an id; black ink is written explicitly as ``#000000`` (also for text), so the
    site can replace it with ``currentColor``.

    Args:
        fig: A figure, for example from one of this module's builders.

    Returns:
        The ``<svg …>…</svg>`` text.

    Examples:
        >>> svg = to_svg(loss_curve([4.0, 2.0, 1.0], lang="en"))
        >>> svg.startswith("<svg") and "viewBox" in svg and svg.endswith("</svg>\\n")
        True
    """
    buffer = io.StringIO()
    with mpl.rc_context({"svg.hashsalt": _SALT, "svg.fonttype": "none"}):
        fig.savefig(
            buffer,
            format="svg",
            metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
        )
    return _tidy_svg(buffer.getvalue())


def _round_numbers(path_data: str) -> str:
    """Round every decimal number in SVG path data to 2 decimals.

    >>> _round_numbers("M 362.609856 224.1 L -0.001 10.0")
    'M 362.61 224.1 L 0 10'
    """

    def short(match: re.Match[str]) -> str:
        text = f"{float(match.group()):.2f}".rstrip("0").rstrip(".")
        return "0" if text == "-0" else text

    return re.sub(r"-?\d+\.\d+", short, path_data)


def _tidy_svg(text: str) -> str:
    """Strip the XML prologue, metadata and page-wide CSS; make ids unique; compact."""
    text = text[text.index("<svg") :]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.DOTALL)
    # Matplotlib's <style>*{stroke-linejoin: round; stroke-linecap: butt}</style> would apply
    # to the whole HTML page once inlined; the same defaults go on the root as attributes.
    text = re.sub(r'\s*<style type="text/css">[^<]*</style>', "", text)
    text = re.sub(r"<defs>\s*</defs>\s*", "", text)
    # Black is implicit in matplotlib's SVG (no fill on black text and black shapes): say it,
    # so that replacing #000000 by currentColor recolours all the ink.
    text = text.replace(
        "<svg ",
        '<svg fill="#000000" stroke-linejoin="round" stroke-linecap="butt" ',
        1,
    )
    text = re.sub(r"\s*\n\s*", "\n", text)  # drop indentation, keep one newline
    # Path coordinates to 0.01 pt (invisible), which shortens big figures by about a third.
    text = re.sub(r' d="([^"]*)"', lambda m: ' d="' + _round_numbers(m.group(1)) + '"', text)
    referenced = set(re.findall(r'(?:url\(#|href="#)([^)"]+)', text))
    prefix = "g" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:8] + "-"

    def rename(match: re.Match[str]) -> str:
        name = match.group(1)
        return f' id="{prefix}{name}"' if name in referenced else ""

    text = re.sub(r' id="([^"]+)"', rename, text)
    text = re.sub(r'(url\(#|href="#)([^)"]+)', lambda m: m.group(1) + prefix + m.group(2), text)
    return text if text.endswith("\n") else text + "\n"


# --------------------------------------------------------------------------- tangent lines

_TANGENT_TEXT: Final[dict[Lang, dict[str, str]]] = {
    "en": {
        "title": "Tangent lines of f(x) = x²: the slope f′(x) = 2x shows the way",
        "curve": "f(x) = x²",
        "tangent": "tangent line",
        "direction": "descent direction −f′(x) (length ∝ |f′(x)|)",
        "flat": "flat: stop",
        "alt": (
            "The parabola f(x) = x² with its tangent lines at x = {points}; their slopes "
            "f′(x) = 2x are {slopes}. Arrows point in the descent direction −f′(x), with "
            "lengths proportional to the slope: to the left where the slope is positive, to "
            "the right where it is negative, and no arrow where the slope is 0, at the "
            "minimum x = 0."
        ),
    },
    "vi": {
        "title": "Tiếp tuyến của f(x) = x²: hệ số góc f′(x) = 2x chỉ đường",
        "curve": "f(x) = x²",
        "tangent": "tiếp tuyến",
        "direction": "hướng hạ gradient −f′(x) (độ dài ∝ |f′(x)|)",
        "flat": "bằng phẳng: dừng lại",
        "alt": (
            "Parabol f(x) = x² cùng các tiếp tuyến tại x = {points}; hệ số góc f′(x) = 2x "
            "của chúng lần lượt là {slopes}. Các mũi tên chỉ hướng hạ gradient −f′(x), độ "
            "dài tỉ lệ với độ dốc: sang trái khi độ dốc dương, sang phải khi độ dốc âm, và "
            "không có mũi tên khi độ dốc bằng 0, tại cực tiểu x = 0."
        ),
    },
}


def tangent_lines(points: Sequence[float] = (5, 1, 0, -3), *, lang: Lang = "en") -> Figure:
    """Draw x² with its tangent line at each point and arrows for the descent direction.

    The slope of each tangent is `gdcore.landscapes.parabola_grad()` at the point; an
    arrow from the point shows the direction of a gradient-descent step, −f′(x), with a
    length proportional to $|f'(x)|$.

    Args:
        points: The x positions of the tangent points (at least one finite number).
        lang: ``"vi"`` or ``"en"``, the language of the labels and of the alt text.

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
    xs_points = np.asarray(points, dtype=np.float64).ravel()
    if xs_points.size == 0 or not np.isfinite(xs_points).all():
        raise ValueError("points must be one or more finite numbers")
    text = _TANGENT_TEXT[lang]
    slopes = landscapes.parabola_grad(xs_points)
    reach = max(float(np.abs(xs_points).max()) + 2.0, 4.0)
    xs = np.linspace(-reach, reach, 161)
    arrow_scale = 0.3 * reach / max(float(np.abs(slopes).max()), 1e-12)
    with _style():
        fig = _new_figure(_WIDTH, 4.2)
        ax = fig.add_subplot()
        ax.plot(xs, landscapes.parabola(xs), color=BLUE, label=text["curve"], zorder=2)
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
                label=text["tangent"] if i == 0 else None,
                zorder=3,
            )
            ax.plot([p], [fp], "o", color=ORANGE, markersize=6, zorder=5)
            # The label goes below the curve, on the outer side of the point.
            label = f"f′({_fmt(p)}) = {_fmt(slope)}"
            if slope == 0:
                label += f"\n{text['flat']}"
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
        ax.plot([], [], color=GREEN, linewidth=2.0, label=text["direction"])
        top = reach * reach
        ax.set_xlim(-reach, reach)
        ax.set_ylim(-0.2 * top, 1.08 * top)
        ax.axhline(0, color=INK, linewidth=0.6, alpha=0.5, zorder=1)
        ax.set_xlabel("x")
        ax.set_ylabel("f(x)")
        ax.set_title(text["title"])
        ax.legend(loc="upper center", ncols=1, fontsize=8.5)
    fig.set_label(
        text["alt"].format(
            points=_join([_fmt(float(p)) for p in xs_points], lang),
            slopes=_join([_fmt(float(s)) for s in slopes], lang),
        )
    )
    return _freeze_layout(fig)


def _join(items: Sequence[str], lang: Lang) -> str:
    """``a, b and c`` / ``a, b và c``."""
    word = " and " if lang == "en" else " và "
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + word + items[-1]


# --------------------------------------------------------------------------- 1-D descent

_DESCENT_TEXT: Final[dict[Lang, dict[str, str]]] = {
    "en": {
        "title": "Gradient descent on f(x) = {formula}: {nit} steps from x₀ = {x0}{eta}",
        "curve": "f(x) = {formula}",
        "iterates": "iterates xₖ (numbered by k)",
        "alt": (
            "The curve f(x) = {formula} with the {count} iterates of gradient descent from "
            "x₀ = {x0}{eta}, numbered by step k and joined in order: {first}; the first step "
            "has size {first_step} and the last {last_step}; after {nit} steps x = {last}, "
            "f(x) = {fun} ({status})."
        ),
        "eta": ", η = {lr}",
        "eta_alt": " with learning rate η = {lr}",
    },
    "vi": {
        "title": "Hạ gradient trên f(x) = {formula}: {nit} bước từ x₀ = {x0}{eta}",
        "curve": "f(x) = {formula}",
        "iterates": "các điểm lặp xₖ (đánh số theo k)",
        "alt": (
            "Đường cong f(x) = {formula} với {count} điểm lặp của thuật toán hạ gradient "
            "bắt đầu từ x₀ = {x0}{eta}, được đánh số theo bước k và nối theo thứ tự: "
            "{first}; bước đầu tiên có kích thước {first_step}, bước cuối cùng "
            "{last_step}; sau {nit} bước x = {last}, f(x) = {fun} ({status})."
        ),
        "eta": ", η = {lr}",
        "eta_alt": " với tốc độ học η = {lr}",
    },
}


def descent_1d(
    result: DescentResult,
    *,
    f: Callable[[Any], Any] = landscapes.parabola,
    lr: float | None = None,
    lang: Lang = "en",
) -> Figure:
    """Draw the iterates of a 1-D gradient descent on the curve of its function.

    Args:
        result: The result of `gdcore.gradient_descent()` on a scalar ``x0`` with
            the path recorded (``record="all"`` or ``"auto"``).
        f: The function that was descended, used to draw the curve (default x²).
        lr: The learning rate used, if it should appear in the title and alt text.
        lang: ``"vi"`` or ``"en"``.

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
    if result.path is None or np.ndim(result.path) != 1:
        raise ValueError(
            "descent_1d needs a 1-D path: run gradient_descent on a number x0 with "
            "record='all' (or 'auto')"
        )
    path = np.asarray(result.path, dtype=np.float64)
    fpath = np.array([float(f(float(x))) for x in path])
    text = _DESCENT_TEXT[lang]
    formula = _formula(f)
    eta = text["eta"].format(lr=_fmt(lr)) if lr is not None else ""
    finite = path[np.isfinite(path)]
    reach = 1.12 * max(float(np.abs(finite).max()) if finite.size else 1.0, 1e-9)
    xs = np.linspace(-reach, reach, 201)
    curve = np.array([float(f(float(x))) for x in xs])
    with _style():
        fig = _new_figure(_WIDTH, 4.0)
        ax = fig.add_subplot()
        ax.plot(xs, curve, color=BLUE, label=text["curve"].format(formula=formula), zorder=2)
        ax.plot(
            path,
            fpath,
            "-o",
            color=ORANGE,
            linewidth=1.0,
            markersize=5,
            markeredgewidth=0.0,
            label=text["iterates"],
            zorder=3,
        )
        ax.plot([path[0]], [fpath[0]], "o", color=ORANGE, markersize=9, zorder=4)
        ax.set_xlim(-reach, reach)
        lo, hi = float(np.nanmin(curve)), float(np.nanmax(curve))
        ax.set_ylim(lo - 0.06 * (hi - lo), hi + 0.1 * (hi - lo))
        _label_points(ax, path, fpath)
        ax.set_xlabel("x")
        ax.set_ylabel("f(x)")
        ax.set_title(
            text["title"].format(formula=formula, nit=result.nit, x0=_fmt(path[0]), eta=eta)
        )
        ax.legend(loc="upper center")
    steps = np.abs(np.diff(path))
    first = ", ".join(f"x{_sub(k)} = {_fmt(float(x))}" for k, x in enumerate(path[:4]))
    if len(path) > 4:
        first += ", …"
    fig.set_label(
        text["alt"].format(
            formula=formula,
            count=len(path),
            x0=_fmt(path[0]),
            eta=text["eta_alt"].format(lr=_fmt(lr)) if lr is not None else "",
            first=first,
            first_step=_fmt(float(steps[0])) if steps.size else "0",
            last_step=_fmt(float(steps[-1])) if steps.size else "0",
            nit=result.nit,
            last=_fmt(float(path[-1])),
            fun=_fmt(float(result.fun)),
            status=_status_text(result.status, lang),
        )
    )
    return _freeze_layout(fig)


# --------------------------------------------------------------------------- animation

_ANIMATION_TEXT: Final[dict[Lang, dict[str, str]]] = {
    "en": {
        "title": "Gradient descent on f(x) = x², x₀ = {x0}, η = {lr}",
        "caption": "k = {k}   x{s} = {x}   f′(x{s}) = {g}   step size η·|f′(x{s})| = {step}",
        "last": "k = {k}   x{s} = {x}   f′(x{s}) = {g}   ({status})",
        "right": "x after each step",
        "step": "step k",
        "tangent": "tangent line",
        "step_legend": "step −η·f′(xₖ)",
        "alt": (
            "Animation of gradient descent on f(x) = x² from x₀ = {x0} with learning rate "
            "η = {lr}: frame by frame the point xₖ moves along the parabola, with its "
            "tangent line and an arrow along the x axis for the step to the next iterate, "
            "while a second panel plots xₖ against k. The iterates are {first}; the step "
            "size η·|f′(xₖ)| {trend} from {first_step} to {last_step}, and after {nit} steps "
            "x = {last}."
        ),
    },
    "vi": {
        "title": "Hạ gradient trên f(x) = x², x₀ = {x0}, η = {lr}",
        "caption": "k = {k}   x{s} = {x}   f′(x{s}) = {g}   kích thước bước η·|f′(x{s})| = {step}",
        "last": "k = {k}   x{s} = {x}   f′(x{s}) = {g}   ({status})",
        "right": "x sau mỗi bước",
        "step": "bước k",
        "tangent": "tiếp tuyến",
        "step_legend": "bước −η·f′(xₖ)",
        "alt": (
            "Ảnh động minh họa hạ gradient trên f(x) = x² từ x₀ = {x0} với tốc độ học "
            "η = {lr}: qua từng khung hình, điểm xₖ di chuyển dọc theo parabol, kèm tiếp "
            "tuyến tại điểm đó và một mũi tên dọc trục x chỉ bước đi tới điểm lặp tiếp "
            "theo, còn khung bên phải vẽ xₖ theo k. Các điểm lặp là {first}; kích thước "
            "bước η·|f′(xₖ)| {trend} từ {first_step} {to} {last_step}, và sau {nit} bước "
            "x = {last}."
        ),
    },
}


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
    trend = {
        "en": ("shrinks", "grows"),
        "vi": ("giảm", "tăng"),
    }[lang][0 if shrinks else 1]
    return _ANIMATION_TEXT[lang]["alt"].format(
        trend=trend,
        to=("xuống" if shrinks else "lên") if lang == "vi" else "to",
        x0=_fmt(x0),
        lr=_fmt(lr),
        first=first,
        first_step=_fmt(float(sizes[0])) if sizes.size else "0",
        last_step=_fmt(float(sizes[-1])) if sizes.size else "0",
        nit=result.nit,
        last=_fmt(float(path[-1])),
    )


def descent_animation(
    x0: float = 70.0, lr: float = 0.1, steps: int = 25, *, lang: Lang = "en"
) -> bytes:
    """Animate gradient descent on x² as a small, palette-optimised, looping GIF.

    One frame per iterate (plus a longer pause on the first and the last): the parabola,
    the current iterate with its tangent line, an arrow to the next iterate, the previous
    iterates, and a caption with k, $x_k$, $f'(x_k)$ and the step size; a
    second panel plots $x_k$ against k. The GIF has a white background (GIF has no
    partial transparency), one shared adaptive palette of a few colours, loops forever and
    is byte-for-byte deterministic. Its alt text is `descent_animation_alt()`.

    Args:
        x0: The starting point (finite).
        lr: The learning rate η (> 0).
        steps: The number of gradient-descent steps to show (1 to 60).
        lang: ``"vi"`` or ``"en"``.

    Returns:
        The GIF file's bytes (about 640 × 360 pixels).

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
    text = _ANIMATION_TEXT[lang]
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
        fig = Figure(figsize=(6.4, 3.6), dpi=100, layout="constrained")
        canvas: Any = FigureCanvasAgg(fig)  # its draw() is untyped
        grid = fig.add_gridspec(1, 2, width_ratios=(1.65, 1.0))
        ax = fig.add_subplot(grid[0, 0])
        ax_k = fig.add_subplot(grid[0, 1])
        fig.suptitle(text["title"].format(x0=_fmt(x0), lr=_fmt(lr)), fontsize=11)
        caption = fig.text(0.5, 0.015, "", ha="center", va="bottom", fontsize=9.5)
        fig.get_layout_engine().set(h_pad=0.04, rect=(0, 0.07, 1, 0.93))  # type: ignore[union-attr, call-arg]
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
        ax.plot([], [], color=GREEN, linewidth=2.0, linestyle=(0, (5, 2)), label=text["tangent"])
        ax.plot([], [], color=INK, linewidth=1.4, label=text["step_legend"])
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
        ax_k.set_title(text["right"], fontsize=9.5)
        ax_k.set_xlabel(text["step"])
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
                    text["caption"].format(
                        k=k, s=_sub(k), x=_fmt(x), g=_fmt(g), step=_fmt(abs(lr * g))
                    )
                )
            else:
                arrow.set_visible(False)
                caption.set_text(
                    text["last"].format(
                        k=k,
                        s=_sub(k),
                        x=_fmt(x),
                        g=_fmt(g),
                        status=_status_text(result.status, lang),
                    )
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
    # same colours), so that Pillow can store each frame as the pixels that changed.
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

_LR_TEXT: Final[dict[Lang, dict[str, str]]] = {
    "en": {
        "title": "x after each step k of gradient descent on f(x) = x² from x₀ = {x0}",
        "step": "step k",
        "leaves": "leaves the plot at k = {k}",
        "stops": "f′ = 0: stops at k = {k}",
        "final": "x{s} = {x}",
        "alt_intro": (
            "{n} small plots of x against the step k for gradient descent on f(x) = x² "
            "from x₀ = {x0} over up to {steps} steps, one per learning rate: "
        ),
        "alt_item": "η = {lr} {outcome} (x{s} = {x})",
    },
    "vi": {
        "title": "x sau mỗi bước k của hạ gradient trên f(x) = x² từ x₀ = {x0}",
        "step": "bước k",
        "leaves": "ra khỏi khung ở k = {k}",
        "stops": "f′ = 0: dừng ở k = {k}",
        "final": "x{s} = {x}",
        "alt_intro": (
            "{n} biểu đồ nhỏ vẽ x theo bước k của hạ gradient trên f(x) = x² từ x₀ = {x0} "
            "trong tối đa {steps} bước, mỗi biểu đồ một tốc độ học: "
        ),
        "alt_item": "η = {lr} thì {outcome} (x{s} = {x})",
    },
}


def learning_rate_trajectories(
    lrs: Sequence[float] = (0.001, 0.1, 0.5, 0.9, 1.0, 1.1),
    x0: float = 70.0,
    steps: int = 30,
    *,
    lang: Lang = "en",
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
    steps = _check_steps(steps)
    rates = [float(r) for r in lrs]
    if not 1 <= len(rates) <= 9:
        raise ValueError(f"lrs must hold 1 to 9 learning rates; got {len(rates)}")
    text = _LR_TEXT[lang]
    runs = [_descend_1d(landscapes.parabola, landscapes.parabola_grad, x0, r, steps) for r in rates]
    ncols = min(3, len(rates))
    nrows = math.ceil(len(rates) / ncols)
    limit = 1.45 * max(abs(x0), 1e-9)
    items: list[str] = []
    with _style():
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
            ax.set_title(f"η = {_fmt(rate)}: {_OUTCOMES[outcome][lang]}", fontsize=9.5)
            last = len(path) - 1
            note = text["final"].format(s=_sub(last), x=_fmt(float(path[-1])))
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
                note = text["leaves"].format(k=k_out) + "\n" + note
            elif result.status == "converged" and last < steps:
                note = text["stops"].format(k=last) + "\n" + note
            ax.text(
                0.97,
                0.04,
                note,
                transform=ax.transAxes,
                ha="right",
                va="bottom",
                fontsize=8,
                color=INK,
            )
            items.append(
                text["alt_item"].format(
                    lr=_fmt(rate),
                    outcome=_OUTCOMES[outcome][lang],
                    s=_sub(last),
                    x=_fmt(float(path[-1])),
                )
            )
        for j in range(len(rates), nrows * ncols):
            axes[j // ncols][j % ncols].set_visible(False)
        axes[0][0].set_ylim(-limit, limit)
        axes[0][0].set_xlim(-0.8, steps + 0.8)
        for ax in axes[-1]:
            ax.set_xlabel(text["step"])
        for row in axes:
            row[0].set_ylabel("x")
        fig.suptitle(text["title"].format(x0=_fmt(x0)))
    alt = text["alt_intro"].format(n=len(rates), x0=_fmt(x0), steps=steps)
    fig.set_label(alt + "; ".join(items) + ".")
    return _freeze_layout(fig)


# --------------------------------------------------------------------------- loss shapes

_SHAPES_TEXT: Final[dict[Lang, dict[str, str]]] = {
    "en": {
        "good": "Good: f(x) = x²",
        "hard": "Hard: f(x) = |x|",
        "bad": "Bad: step function",
        "d_good": "f′(x) = 2x, defined everywhere",
        "d_hard": "f′(x) = −1 or +1",
        "d_bad": "f′(x) = 0 wherever it exists",
        "undefined": "undefined at 0",
        "no_signal": "no signal for descent",
        "jump": "undefined at the jump",
        "alt": (
            "Top row: three loss shapes, the smooth bowl f(x) = x², the V-shaped |x| with a "
            "sharp corner at 0, and the step function, which jumps from 0 to 1 at x = 0. "
            "Bottom row: their derivatives: 2x, a straight line through 0, defined "
            "everywhere; for |x|, −1 for x < 0 and +1 for x > 0, with open circles at x = 0 "
            "where it is undefined; for the step function, 0 everywhere it exists and "
            "undefined at the jump, so gradient descent gets no signal to move."
        ),
    },
    "vi": {
        "good": "Tốt: f(x) = x²",
        "hard": "Khó: f(x) = |x|",
        "bad": "Xấu: hàm bậc thang",
        "d_good": "f′(x) = 2x, xác định khắp nơi",
        "d_hard": "f′(x) = −1 hoặc +1",
        "d_bad": "f′(x) = 0 ở mọi nơi nó tồn tại",
        "undefined": "không xác định tại 0",
        "no_signal": "hạ gradient không nhận được tín hiệu",
        "jump": "không xác định tại bước nhảy",
        "alt": (
            "Hàng trên: ba dạng hàm mất mát, cái chén trơn f(x) = x², hàm |x| hình chữ V có "
            "góc nhọn tại 0, và hàm bậc thang nhảy từ 0 lên 1 tại x = 0. Hàng dưới: đạo hàm "
            "của chúng: 2x là một đường thẳng đi qua 0, xác định khắp nơi; với |x|, đạo hàm "
            "bằng −1 khi x < 0 và +1 khi x > 0, có hình tròn rỗng tại x = 0 nơi đạo hàm "
            "không xác định; với hàm bậc thang, đạo hàm bằng 0 ở mọi nơi nó tồn tại và không "
            "xác định tại bước nhảy, nên hạ gradient không nhận được tín hiệu nào để di chuyển."
        ),
    },
}


def loss_shapes(*, lang: Lang = "en") -> Figure:
    """Draw x², |x| and the step function (top row) above their derivatives (bottom row).

    The curves come from `gdcore.landscapes`; the derivatives are the ``*_grad``
    functions away from 0. Where a derivative does not exist (|x| and the step function
    at 0) the plot shows open circles.

    Args:
        lang: ``"vi"`` or ``"en"``.

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
    text = _SHAPES_TEXT[lang]
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
        fig = _new_figure(_WIDTH, 4.6)
        axes = fig.subplots(2, 3, sharex=True)
        # x²
        ax = axes[0][0]
        ax.plot(xs, landscapes.parabola(xs), color=BLUE)
        ax.set_title(text["good"])
        ax = axes[1][0]
        ax.plot(xs, landscapes.parabola_grad(xs), color=BLUE)
        ax.set_title(text["d_good"], fontsize=9)
        ax.set_ylim(-4.6, 4.6)
        # |x|
        ax = axes[0][1]
        ax.plot(xs, landscapes.v_shape(xs), color=ORANGE)
        ax.set_title(text["hard"])
        ax = axes[1][1]
        ax.plot(left, landscapes.v_shape_grad(left), color=ORANGE)
        ax.plot(right, landscapes.v_shape_grad(right), color=ORANGE)
        ax.plot([0, 0], [-1, 1], color=ORANGE, **open_marker)
        ax.annotate(text["undefined"], (0, 0), ha="center", va="center", fontsize=8.5, color=INK)
        ax.set_ylim(-1.6, 1.6)
        ax.set_title(text["d_hard"], fontsize=9)
        # step
        ax = axes[0][2]
        ax.plot(left, landscapes.step(left), color=PURPLE)
        ax.plot(right, landscapes.step(right), color=PURPLE)
        ax.plot([0], [0], color=PURPLE, **open_marker)
        ax.plot([0], [landscapes.step(0.0)], "o", color=PURPLE, markersize=6, zorder=5)
        ax.set_ylim(-0.25, 1.35)
        ax.set_title(text["bad"])
        ax = axes[1][2]
        ax.plot(left, landscapes.step_grad(left), color=PURPLE)
        ax.plot(right, landscapes.step_grad(right), color=PURPLE)
        ax.plot([0], [0], color=PURPLE, **open_marker)
        ax.annotate(
            text["jump"],
            (0, 0),
            xytext=(0, 12),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=8.5,
            color=INK,
        )
        ax.annotate(
            text["no_signal"],
            (0, 0),
            xytext=(0, -14),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=8.5,
            color=INK,
        )
        ax.set_ylim(-1.6, 1.6)
        ax.set_title(text["d_bad"], fontsize=9)
        for ax in axes[1]:
            ax.set_xlabel("x")
        axes[0][0].set_ylabel("f(x)")
        axes[1][0].set_ylabel("f′(x)")
    fig.set_label(text["alt"])
    return _freeze_layout(fig)


# --------------------------------------------------------------------------- MAE vs MSE

_MAE_MSE_TEXT: Final[dict[Lang, dict[str, str]]] = {
    "en": {
        "mae": "|x| (MAE of one residual): constant step η",
        "mse": "x² (MSE of one residual): steps shrink",
        "path": "x after each step",
        "step": "step k",
        "band": "±η",
        "alt": (
            "Gradient descent from the same start x₀ = {x0} with the same learning rate "
            "η = {lr} for {steps} steps, on |x| (left) and on x² (right); the top row shows "
            "the iterates on each curve and the bottom row x against the step k. On |x| "
            "every step has the same size η, so x overshoots 0 and keeps oscillating around "
            "it, with amplitude {amp} (at most η) over the last steps; on x² the steps "
            "shrink with the slope and x approaches 0 smoothly, ending at {mse_last}."
        ),
    },
    "vi": {
        "mae": "|x| (MAE của một phần dư): bước cố định η",
        "mse": "x² (MSE của một phần dư): bước nhỏ dần",
        "path": "x sau mỗi bước",
        "step": "bước k",
        "band": "±η",
        "alt": (
            "Hạ gradient từ cùng điểm xuất phát x₀ = {x0} với cùng tốc độ học η = {lr} "
            "trong {steps} bước, trên |x| (bên trái) và trên x² (bên phải); hàng trên vẽ "
            "các điểm lặp trên từng đường cong, hàng dưới vẽ x theo bước k. Trên |x| mọi "
            "bước đều dài đúng η, nên x vượt quá 0 rồi cứ dao động quanh 0 với biên độ "
            "{amp} (không quá η) ở những bước cuối; trên x² các bước nhỏ dần theo độ dốc "
            "và x tiến về 0 một cách êm ả, kết thúc ở {mse_last}."
        ),
    },
}


def mae_vs_mse_descent(
    x0: float = 2.5, lr: float = 0.2, steps: int = 25, *, lang: Lang = "en"
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
    steps = _check_steps(steps)
    text = _MAE_MSE_TEXT[lang]
    mae_result, mae_path = _descend_1d(landscapes.v_shape, landscapes.v_shape_grad, x0, lr, steps)
    mse_result, mse_path = _descend_1d(landscapes.parabola, landscapes.parabola_grad, x0, lr, steps)
    reach = 1.15 * max(abs(x0), 1e-9)
    xs = np.linspace(-reach, reach, 161)
    tail = mae_path[-4:]
    amplitude = float(np.abs(tail).max())
    with _style():
        fig = _new_figure(_WIDTH, 5.2)
        axes = fig.subplots(2, 2)
        panels: tuple[tuple[Callable[[Any], Any], FloatArray, str, str], ...] = (
            (landscapes.v_shape, mae_path, ORANGE, text["mae"]),
            (landscapes.parabola, mse_path, BLUE, text["mse"]),
        )
        for col, (func, path, color, title) in enumerate(panels):
            ax = axes[0][col]
            ax.plot(xs, func(xs), color=color, alpha=0.85)
            fpath = func(path)
            ax.plot(path, fpath, "-o", color=INK, linewidth=0.7, markersize=3.5, alpha=0.75)
            ax.plot([path[0]], [fpath[0]], "o", color=INK, markersize=6)
            ax.set_xlim(-reach, reach)
            ax.set_title(title, fontsize=9.5)
            ax.set_xlabel("x")
            ax.set_ylabel("f(x)")
            ax = axes[1][col]
            ks = np.arange(len(path))
            if col == 0:
                ax.axhspan(-lr, lr, color=color, alpha=0.15, linewidth=0, label=text["band"])
                ax.legend(loc="upper right")
            ax.axhline(0, color=INK, linewidth=0.6, alpha=0.5)
            ax.plot(ks, path, "-o", color=color, linewidth=1.3, markersize=3.5)
            ax.set_xlabel(text["step"])
            ax.set_ylabel("x")
            ax.set_title(text["path"], fontsize=9.5)
        low = min(float(mae_path.min()), float(mse_path.min()), -lr) - 0.1 * abs(x0)
        high = max(float(mae_path.max()), float(mse_path.max())) + 0.1 * abs(x0)
        for ax in axes[1]:
            ax.set_ylim(low, high)
        for ax in axes[0]:
            ax.set_ylim(-0.08 * reach * reach, 1.05 * reach * reach)
        axes[0][0].set_ylim(-0.08 * reach, 1.05 * reach)
    fig.set_label(
        text["alt"].format(
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

_HOUSE_TEXT: Final[dict[Lang, dict[str, str]]] = {
    "en": {
        "title": "Fitting a line by gradient descent: MAE vs MSE",
        "data": "apartments",
        "outlier": "outlier",
        "mae": "MAE: price ≈ {w}·area {b}",
        "mse": "MSE: price ≈ {w}·area {b}",
        "area": "area (m²)",
        "price": "price (billion VND)",
        "loss_title": "Training loss ÷ starting loss",
        "step": "step (log scale)",
        "mae_loss": "MAE",
        "mse_loss": "MSE",
        "alt": (
            "Left: {n} apartments, price (billion VND) against area (m²), with one outlier "
            "at {out_area} m² priced {out_price}. Two straight lines are fitted by gradient "
            "descent: the MSE line (price ≈ {mse_w}·area {mse_b}) is pulled up towards "
            "the outlier, while the MAE line (price ≈ {mae_w}·area {mae_b}) follows the "
            "other points. Right: each training loss divided by its starting value, against "
            "the step on a log scale: MSE falls smoothly and stops after {mse_nit} steps, "
            "MAE zigzags down over {mae_nit} steps."
        ),
    },
    "vi": {
        "title": "Khớp một đường thẳng bằng hạ gradient: MAE và MSE",
        "data": "các căn hộ",
        "outlier": "điểm ngoại lai",
        "mae": "MAE: giá ≈ {w}·diện tích {b}",
        "mse": "MSE: giá ≈ {w}·diện tích {b}",
        "area": "diện tích (m²)",
        "price": "giá (tỷ đồng)",
        "loss_title": "Mất mát ÷ mất mát ban đầu",
        "step": "bước (thang logarit)",
        "mae_loss": "MAE",
        "mse_loss": "MSE",
        "alt": (
            "Bên trái: {n} căn hộ, giá (tỷ đồng) theo diện tích (m²), với một điểm ngoại "
            "lai {out_area} m² có giá {out_price}. Hai đường thẳng được khớp bằng hạ "
            "gradient: đường MSE (giá ≈ {mse_w}·diện tích {mse_b}) bị kéo lên phía điểm "
            "ngoại lai, còn đường MAE (giá ≈ {mae_w}·diện tích {mae_b}) bám theo các điểm "
            "còn lại. Bên phải: mỗi hàm mất mát chia cho giá trị ban đầu của nó, theo bước "
            "trên thang logarit: MSE giảm đều và dừng sau {mse_nit} bước, MAE giảm theo "
            "hình răng cưa qua {mae_nit} bước."
        ),
    },
}


class _LineFit(NamedTuple):
    """A line ``price = w·area + b`` fitted by gradient descent, with its losses."""

    w: float
    b: float
    nit: int
    fun_path: FloatArray


def _fit_line(
    loss: Callable[[FloatArray, FloatArray], float],
    loss_grad: Callable[[FloatArray, FloatArray], FloatArray],
    area: FloatArray,
    price: FloatArray,
    lr: float | Callable[[int], float],
) -> _LineFit:
    """Fit ``price ≈ a·z + c`` (z = standardised area) by gradient descent; return w, b."""
    z = (area - area.mean()) / area.std()

    def objective(theta: FloatArray) -> float:
        return float(loss(theta[0] * z + theta[1], price))

    def gradient(theta: FloatArray) -> FloatArray:
        g = np.asarray(loss_grad(theta[0] * z + theta[1], price), dtype=np.float64)
        return np.array([float(np.dot(g, z)), float(g.sum())])  # the chain rule

    result = gradient_descent(objective, np.zeros(2), lr=lr, grad=gradient, max_steps=20_000)
    a, c = (float(v) for v in np.asarray(result.x, dtype=np.float64))
    std, mean = float(area.std()), float(area.mean())
    losses = np.asarray(result.fun_path, dtype=np.float64)
    return _LineFit(a / std, c - a * mean / std, result.nit, losses)


@functools.cache
def _house_fits() -> tuple[FloatArray, FloatArray, _LineFit, _LineFit]:
    """The house-price data and its MSE and MAE lines (computed once per process)."""
    from gdcore import datasets, losses

    area_raw, price_raw = datasets.house_prices()
    area = np.asarray(area_raw, dtype=np.float64)
    price = np.asarray(price_raw, dtype=np.float64)
    mse_fit = _fit_line(losses.mse, losses.mse_grad, area, price, 0.1)
    mae_fit = _fit_line(
        losses.mae, losses.mae_grad, area, price, lambda k: 2.0 / math.sqrt(k + 1.0)
    )
    return area, price, mse_fit, mae_fit


def house_price_fit(*, lang: Lang = "en") -> Figure:
    """Fit a line to `gdcore.datasets.house_prices()` by gradient descent on MAE and MSE.

    The line ``price = w·area + b`` is fitted as on the lesson's page: the area is
    standardised (zero mean, unit spread), then `gdcore.gradient_descent()` (at most
    20,000 steps) minimises `gdcore.losses.mse()` with ``lr=0.1``, or
    `gdcore.losses.mae()` with the decaying ``lr = 2/√(k+1)`` (the MAE slope never
    shrinks by itself), the gradients coming from `gdcore.losses.mse_grad()` /
    `gdcore.losses.mae_grad()` and the chain rule. The MSE line is pulled by the
    outlier (`gdcore.datasets.HOUSE_PRICE_OUTLIER`); the MAE line is not. The fits
    are computed once per process and shared by both languages.

    Args:
        lang: ``"vi"`` or ``"en"``.

    Returns:
        The figure (data and lines on the left, loss curves on the right);
        ``fig.get_label()`` is its alt text.

    Raises:
        ValueError: ``lang`` is unknown.

    Examples:
        >>> fig = house_price_fit(lang="vi")
        >>> len(fig.axes), fig.get_label()[:16]
        (2, 'Bên trái: 12 căn')
    """
    from gdcore import datasets

    lang = _check_lang(lang)
    text = _HOUSE_TEXT[lang]
    area, price, mse_fit, mae_fit = _house_fits()
    out = int(getattr(datasets, "HOUSE_PRICE_OUTLIER", -1))
    if not 0 <= out < len(area):
        out = int(np.argmax(np.abs(price - (mae_fit.w * area + mae_fit.b))))
    span = float(area.max() - area.min())
    grid = np.array([float(area.min()) - 0.04 * span, float(area.max()) + 0.04 * span])
    with _style():
        fig = _new_figure(_WIDTH, 4.3)
        grid_spec = fig.add_gridspec(1, 2, width_ratios=(1.6, 1.0))
        ax = fig.add_subplot(grid_spec[0, 0])
        ax.plot(
            grid,
            mse_fit.w * grid + mse_fit.b,
            color=BLUE,
            label=text["mse"].format(w=_fmt(mse_fit.w, 3), b=_signed(mse_fit.b, 3)),
        )
        ax.plot(
            grid,
            mae_fit.w * grid + mae_fit.b,
            color=ORANGE,
            linestyle=(0, (6, 2)),
            label=text["mae"].format(w=_fmt(mae_fit.w, 3), b=_signed(mae_fit.b, 3)),
        )
        ax.plot(
            np.delete(area, out),
            np.delete(price, out),
            "o",
            color=GREEN,
            markersize=5.5,
            label=text["data"],
            zorder=4,
        )
        ax.plot([area[out]], [price[out]], "D", color=PINK, markersize=6.5, zorder=4)
        ax.annotate(
            text["outlier"],
            (float(area[out]), float(price[out])),
            xytext=(9, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=8.5,
            color=INK,
        )
        ax.set_xlabel(text["area"])
        ax.set_ylabel(text["price"])
        ax.legend(loc="upper left", bbox_to_anchor=(0.0, -0.2), fontsize=8.5, borderaxespad=0)
        ax.set_title(text["title"], fontsize=10)
        ax2 = fig.add_subplot(grid_spec[0, 1])
        for fit, color, style, label in (
            (mse_fit, BLUE, "-", text["mse_loss"]),
            (mae_fit, ORANGE, (0, (6, 2)), text["mae_loss"]),
        ):
            relative = fit.fun_path / fit.fun_path[0]
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
        ax2.set_xlim(0, max(len(mse_fit.fun_path), len(mae_fit.fun_path)))
        _log_y(ax2)
        ax2.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _fmt(v)))
        ax2.set_xlabel(text["step"])
        ax2.set_title(text["loss_title"], fontsize=9.5)
        ax2.legend(loc="upper right")
    fig.set_label(
        text["alt"].format(
            n=len(area),
            out_area=_fmt(float(area[out])),
            out_price=_fmt(float(price[out])),
            mse_w=_fmt(mse_fit.w, 3),
            mse_b=_signed(mse_fit.b, 3),
            mae_w=_fmt(mae_fit.w, 3),
            mae_b=_signed(mae_fit.b, 3),
            mse_nit=mse_fit.nit,
            mae_nit=mae_fit.nit,
        )
    )
    return _freeze_layout(fig)


# --------------------------------------------------------------------------- 2-D bowl

_BOWL_TEXT: Final[dict[Lang, dict[str, str]]] = {
    "en": {
        "surface": "Surface f(x, y) = x² + y²",
        "contour": "Contour plot and descent path",
        "start": "start {p}",
        "first": "first step {a} → {b}",
        "minimum": "minimum (0, 0)",
        "alt": (
            "Left: the bowl-shaped surface f(x, y) = x² + y² in 3-D, with the path of "
            "gradient descent drawn on it. Right: its contour plot, circles around the "
            "minimum at (0, 0), with the same path: {nit} steps from {start} with learning "
            "rate η = {lr}, heading straight for the minimum. The first step goes from "
            "{start} to {second}; the last point is {last}, where f = {fun}."
        ),
    },
    "vi": {
        "surface": "Mặt cong f(x, y) = x² + y²",
        "contour": "Đồ thị đường đồng mức và quỹ đạo",
        "start": "xuất phát {p}",
        "first": "bước đầu {a} → {b}",
        "minimum": "cực tiểu (0, 0)",
        "alt": (
            "Bên trái: mặt cong hình cái chén f(x, y) = x² + y² trong không gian 3 chiều, "
            "trên đó vẽ quỹ đạo của hạ gradient. Bên phải: đồ thị đường đồng mức của nó, "
            "các đường tròn quanh cực tiểu (0, 0), với cùng quỹ đạo: {nit} bước từ {start} "
            "với tốc độ học η = {lr}, đi thẳng về cực tiểu. Bước đầu tiên đi từ {start} "
            "đến {second}; điểm cuối là {last}, tại đó f = {fun}."
        ),
    },
}


def bowl(
    start: Sequence[float] = (6.0, 9.0),
    lr: float = 0.1,
    steps: int = 30,
    *,
    lang: Lang = "en",
) -> Figure:
    """Draw the bowl x² + y² as a 3-D surface and a contour plot, with the descent path.

    The path is `gdcore.gradient_descent()` on `gdcore.landscapes.bowl()` with
    `gdcore.landscapes.bowl_grad()`; the first step is labelled (from (6, 9) with
    η = 0.1 it is (6, 9) → (4.8, 7.2)). The surface uses a coarse mesh so the SVG stays
    small.

    Args:
        start: The starting point (x, y).
        lr: The learning rate η.
        steps: The number of steps.
        lang: ``"vi"`` or ``"en"``.

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
    steps = _check_steps(steps)
    p0 = np.asarray(start, dtype=np.float64)
    if p0.shape != (2,) or not np.isfinite(p0).all():
        raise ValueError(f"start must be two finite numbers (x, y); got {start!r}")
    text = _BOWL_TEXT[lang]
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
        fig = _new_figure(_WIDTH, 3.7)
        grid_spec = fig.add_gridspec(1, 2, width_ratios=(1.2, 1.0))
        ax3 = cast(Axes3D, fig.add_subplot(grid_spec[0, 0], projection="3d"))
        ax3.computed_zorder = False
        ax3.plot_surface(
            gx,
            gy,
            gz,
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
        ax3.tick_params(labelsize=7.5, pad=-3)
        ax3.set_box_aspect(None, zoom=1.08)
        ax3.set_title(text["surface"], fontsize=10)
        ax = fig.add_subplot(grid_spec[0, 1])
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
            text["first"].format(a=_point(path[0]), b=_point(path[1])),
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
            text["minimum"],
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
        ax.set_title(text["contour"], fontsize=10)
    fig.set_label(
        text["alt"].format(
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

_GRAPH_TEXT: Final[dict[Lang, dict[str, str]]] = {
    "en": {
        "title": "Computational graph: data from the forward pass, grad from the backward pass",
        "data": "data",
        "grad": "grad",
        "alt": (
            "Computational graph with {values} values and {ops} operations ({oplist}), drawn "
            "left to right from the inputs to the output. Each box shows a value's data "
            "(forward pass) and its grad (backward pass){inputs}. The output has data "
            "{out_data} and grad {out_grad}."
        ),
        "input": "input {name}: data {data}, grad {grad}",
    },
    "vi": {
        "title": "Đồ thị tính toán: giá trị từ lan truyền xuôi, gradient từ lan truyền ngược",
        "data": "giá trị",
        "grad": "gradient",
        "alt": (
            "Đồ thị tính toán gồm {values} giá trị và {ops} phép toán ({oplist}), vẽ từ trái "
            "sang phải, từ đầu vào đến đầu ra. Mỗi ô ghi giá trị (data, từ lan truyền xuôi) "
            "và gradient (grad, từ lan truyền ngược) của nút đó{inputs}. Đầu ra có giá trị "
            "{out_data} và gradient {out_grad}."
        ),
        "input": "đầu vào {name}: giá trị {data}, gradient {grad}",
    },
}


def computational_graph(value: Value, *, lang: Lang = "en") -> Figure:
    """Draw the computational graph behind a `gdcore.Value`, left to right.

    Every value is a box with its label (if it has one), its ``data`` and its ``grad``
    (labelled inputs have a blue frame, unlabelled leaves such as weights a grey one,
    computed values green, the output orange);
    every operation is a small oval with its name (``× 2``, ``+``, ``** 2``, ``tanh``, …)
    where the edges from its inputs meet, just before the value it makes. Columns follow
    the longest path from the inputs, and the graph is walked with an explicit stack, so
    deep graphs are fine (up to 200 values are drawn). Call ``backward()`` first to see
    the gradients.

    Args:
        value: The output of a computation with `gdcore.Value` (anything with
            ``data``, ``grad``, ``_prev`` and ``_op``; an optional ``label`` is shown).
        lang: ``"vi"`` or ``"en"``.

    Returns:
        The figure; ``fig.get_label()`` is its alt text.

    Raises:
        ValueError: ``lang`` is unknown, or the graph has more than 200 values.

    Examples:
        >>> from gdcore.autodiff import Value
        >>> x = Value(3.0, label="x")
        >>> g = ((2 * x - 1) - 3) ** 2
        >>> g.backward()
        >>> fig = computational_graph(g, lang="en")
        >>> fig.get_label()[:45]
        'Computational graph with 5 values and 4 opera'
    """
    lang = _check_lang(lang)
    text = _GRAPH_TEXT[lang]
    nodes, consumers = _collect_graph(value)
    if len(nodes) > 200:
        raise ValueError(f"the graph has {len(nodes)} values; at most 200 can be drawn")
    column = _columns(nodes, consumers)
    ncols = max(column.values()) + 1
    by_column: list[list[int]] = [[] for _ in range(ncols)]
    for key in nodes:
        by_column[column[key]].append(key)
    # Order each column by the mean row of the values that use it (barycentres), right to left.
    row: dict[int, float] = {}
    for c in range(ncols - 1, -1, -1):
        keys = by_column[c]
        centres = {
            key: float(np.mean([row[p] for p in consumers.get(key, ()) if p in row] or [0.0]))
            for key in keys
        }
        keys.sort(key=lambda k: (centres[k], _node_order(nodes[k])))
        for i, key in enumerate(keys):
            row[key] = i - (len(keys) - 1) / 2.0 + float(np.mean(list(centres.values())))
    top_row, bottom_row = max(row.values()), min(row.values())
    box_w, box_h, gap, row_h, font = 0.95, 0.62, 0.78, 0.85, 8.5
    width = ncols * box_w + (ncols - 1) * gap + 0.3
    height = (top_row - bottom_row) * row_h + box_h + 0.75

    def centre_of(key: int) -> tuple[float, float]:
        return (
            0.15 + column[key] * (box_w + gap) + box_w / 2,
            0.2 + box_h / 2 + (row[key] - bottom_row) * row_h,
        )

    with _style():
        fig = Figure(figsize=(width, height))
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
        ax.set_xlim(0, width)
        ax.set_ylim(0, height)
        ax.set_axis_off()
        ax.text(width / 2, height - 0.12, text["title"], ha="center", va="top", fontsize=9.5)
        for key, node in nodes.items():
            cx, cy = centre_of(key)
            children = list(getattr(node, "_prev", ()))
            label = str(getattr(node, "label", "") or "")
            if key == id(value):
                edge, alpha = ORANGE, 1.0
            elif children:
                edge, alpha = GREEN, 1.0
            else:
                edge, alpha = (BLUE, 1.0) if label else (INK, 0.6)
            ax.add_patch(
                FancyBboxPatch(
                    (cx - box_w / 2, cy - box_h / 2),
                    box_w,
                    box_h,
                    boxstyle="round,pad=0,rounding_size=0.08",
                    facecolor="none",
                    edgecolor=edge,
                    alpha=alpha,
                    linewidth=1.6,
                )
            )
            header = label
            body = (
                f"{text['data']} {_fmt(float(node.data))}\n{text['grad']} {_fmt(float(node.grad))}"
            )
            if header:
                ax.text(
                    cx,
                    cy + 0.16,
                    header,
                    ha="center",
                    va="center",
                    fontsize=font + 0.5,
                    fontweight="bold",
                    color=INK,
                )
                ax.text(
                    cx,
                    cy - 0.09,
                    body,
                    ha="center",
                    va="center",
                    fontsize=font,
                    color=INK,
                    linespacing=1.25,
                )
            else:
                ax.text(
                    cx,
                    cy,
                    body,
                    ha="center",
                    va="center",
                    fontsize=font,
                    color=INK,
                    linespacing=1.3,
                )
            if not children:
                continue
            name = _op_name(str(getattr(node, "_op", "")))
            op_w = max(0.3, 0.14 + 0.075 * len(name))
            ox = cx - box_w / 2 - 0.1 - op_w / 2
            ax.add_patch(
                FancyBboxPatch(
                    (ox - op_w / 2, cy - 0.13),
                    op_w,
                    0.26,
                    boxstyle="round,pad=0,rounding_size=0.13",
                    facecolor="none",
                    edgecolor=INK,
                    linewidth=1.0,
                )
            )
            ax.text(ox, cy, name, ha="center", va="center", fontsize=font + 0.5, color=INK)
            ax.add_patch(_arrow((ox + op_w / 2, cy), (cx - box_w / 2, cy), 1.0))
            for child in children:
                kx, ky = centre_of(id(child))
                ax.add_patch(_arrow((kx + box_w / 2, ky), (ox - op_w / 2, cy), 0.7))
    forward = sorted(nodes, key=lambda k: (column[k], -row[k]))  # inputs first
    ops = [_op_name(str(getattr(nodes[k], "_op", ""))) for k in forward if nodes[k]._prev]
    named = sorted(
        (n for n in nodes.values() if not getattr(n, "_prev", ()) and _label_of(n)),
        key=_node_order,
    )
    inputs = "; ".join(
        text["input"].format(name=str(n.label), data=_fmt(float(n.data)), grad=_fmt(float(n.grad)))
        for n in named
    )
    fig.set_label(
        text["alt"].format(
            values=len(nodes),
            ops=len(ops),
            oplist=", ".join(ops),
            inputs="; " + inputs if inputs else "",
            out_data=_fmt(float(value.data)),
            out_grad=_fmt(float(value.grad)),
        )
    )
    return _freeze_layout(fig)


def _arrow(start: tuple[float, float], end: tuple[float, float], alpha: float) -> FancyArrowPatch:
    """A thin ink arrow between two points (in data coordinates)."""
    return FancyArrowPatch(
        start,
        end,
        arrowstyle="-|>",
        mutation_scale=9,
        color=INK,
        alpha=alpha,
        linewidth=0.9,
        shrinkA=0,
        shrinkB=0.5,
    )


def _label_of(node: Any) -> str:
    """The label of a value, or ``""``."""
    return str(getattr(node, "label", "") or "")


def _node_order(node: Any) -> tuple[str, float]:
    return (str(getattr(node, "label", "") or "~"), float(node.data))


def _collect_graph(root: Any) -> tuple[dict[int, Any], dict[int, list[int]]]:
    """All values reachable from ``root`` (by id, in discovery order) and who uses each."""
    nodes: dict[int, Any] = {id(root): root}
    consumers: dict[int, list[int]] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        for child in getattr(node, "_prev", ()):
            consumers.setdefault(id(child), []).append(id(node))
            if id(child) not in nodes:
                nodes[id(child)] = child
                stack.append(child)
    return nodes, consumers


def _columns(nodes: dict[int, Any], consumers: dict[int, list[int]]) -> dict[int, int]:
    """Column of each value: the longest path from an input; inputs sit just left of use."""
    column: dict[int, int] = {}
    pending = {key: len(set(map(id, getattr(node, "_prev", ())))) for key, node in nodes.items()}
    ready = [key for key, count in pending.items() if count == 0]
    for key in ready:
        column[key] = 0
    while ready:
        key = ready.pop()
        for parent in dict.fromkeys(consumers.get(key, ())):
            column[parent] = max(column.get(parent, 0), column[key] + 1)
            pending[parent] -= 1
            if pending[parent] == 0:
                ready.append(parent)
    for key, node in nodes.items():
        if not getattr(node, "_prev", ()) and key in consumers:
            column[key] = min(column[p] for p in consumers[key]) - 1
    return column


# --------------------------------------------------------------------------- loss curve

_LOSS_TEXT: Final[dict[Lang, dict[str, str]]] = {
    "en": {
        "title": "Training loss, epoch by epoch",
        "epoch": "epoch (training step)",
        "loss": "loss",
        "log": " (log scale)",
        "alt": (
            "Line chart of the training loss over {n} epochs{log}: it goes from {first} at "
            "epoch 0 to {last} at epoch {end}, the lowest value being {low}."
        ),
        "log_alt": ", with a logarithmic loss axis",
    },
    "vi": {
        "title": "Hàm mất mát khi huấn luyện, qua từng epoch",
        "epoch": "epoch (bước huấn luyện)",
        "loss": "mất mát",
        "log": " (thang logarit)",
        "alt": (
            "Biểu đồ đường của giá trị hàm mất mát khi huấn luyện qua {n} epoch{log}: từ "
            "{first} ở epoch 0 xuống {last} ở epoch {end}, giá trị nhỏ nhất là {low}."
        ),
        "log_alt": ", trục mất mát theo thang logarit",
    },
}


def loss_curve(losses: ArrayLike, *, lang: Lang = "en") -> Figure:
    """Plot a training loss against the epoch (log scale when it spans a factor > 20).

    Args:
        losses: The loss after each epoch (one or more finite numbers), for example the
            list returned by `gdcore.nn.train()`.
        lang: ``"vi"`` or ``"en"``.

    Returns:
        The figure; ``fig.get_label()`` is its alt text.

    Raises:
        ValueError: ``lang`` is unknown, or ``losses`` is empty or not finite.

    Examples:
        >>> fig = loss_curve([4.0, 1.0, 0.3, 0.01], lang="en")
        >>> fig.axes[0].get_yscale(), fig.get_label()[:30]
        ('log', 'Line chart of the training los')
    """
    lang = _check_lang(lang)
    values = np.asarray(losses, dtype=np.float64).ravel()
    if values.size == 0 or not np.isfinite(values).all():
        raise ValueError("losses must be one or more finite numbers")
    text = _LOSS_TEXT[lang]
    positive = bool((values > 0).all())
    log = positive and float(values.max()) / float(values.min()) > 20
    epochs = np.arange(values.size)
    with _style():
        fig = _new_figure(_WIDTH, 3.3)
        ax = fig.add_subplot()
        marker = "o" if values.size <= 60 else ""
        ax.plot(epochs, values, marker=marker, markersize=3.5, color=BLUE, linewidth=1.8)
        if log:
            _log_y(ax)
        ax.set_xlabel(text["epoch"])
        ax.set_ylabel(text["loss"] + (text["log"] if log else ""))
        ax.set_title(text["title"])
    fig.set_label(
        text["alt"].format(
            n=values.size,
            log=text["log_alt"] if log else "",
            first=_fmt(float(values[0])),
            last=_fmt(float(values[-1])),
            end=values.size - 1,
            low=_fmt(float(values.min())),
        )
    )
    return _freeze_layout(fig)
