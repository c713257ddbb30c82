"""Shared machinery of the lesson's figures: style, palette, SVG output, number formatting.

What every figure promises (language, alt text, ink that follows the page's palette) is
described in `gdcore.plots`; this module holds the code that keeps those promises.

Examples:
    >>> from gdcore.plots import tangent_lines
    >>> svg = to_svg(tangent_lines(lang="en"))
    >>> svg.startswith("<svg")
    True
"""

from __future__ import annotations

import functools
import hashlib
import io
import math
import re
import textwrap
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Final, Literal, ParamSpec, TypeAlias

import matplotlib as mpl
import numpy as np
from cycler import cycler
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter
from numpy.typing import NDArray

from gdcore import landscapes
from gdcore.descent import DescentResult, gradient_descent
from gdcore.i18n import N_, check_lang, translate
from gdcore.i18n import Lang as Lang

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.typing import RcKeyType


FloatArray: TypeAlias = NDArray[np.float64]

INK: Final = "#000000"
"""The color of all text, spines, ticks and arrows; the site maps it to the text color."""

BLUE: Final = "#3b82f6"
ORANGE: Final = "#e4572e"
GREEN: Final = "#2f9e6e"
PURPLE: Final = "#9a6bd6"
GOLD: Final = "#b8860b"
PINK: Final = "#d94f70"

PALETTE: Final = (BLUE, ORANGE, GREEN, PURPLE, GOLD, PINK)
"""Data colors: mid-tones with a contrast of at least 3:1 on white and on ``#1e2129``."""

_SALT: Final = "gdcore"
_WIDTH: Final = 7.0  # inches: the width of a figure on the page
_PHONE_WIDTH: Final = 3.7  # inches: 266 pt = 355 CSS px, a 390 px phone's column, drawn 1:1

Layout: TypeAlias = Literal["desktop", "phone"]
"""``"desktop"``: 7 in wide, panels side by side; ``"phone"``: 3.7 in wide (a phone's column at
its natural size, so 8-pt text is 10.7 CSS px), panels stacked, fewer ticks."""

LAYOUTS: Final = ("desktop", "phone")

MIN_FONT_PT: Final = {"desktop": 8.5, "phone": 8.0}
"""The smallest text of each layout, in points: 11.3 CSS px on a desktop (the figure drawn at
its natural 672 px), 10.7 CSS px on a phone."""

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


_check_lang = check_lang

_P = ParamSpec("_P")
_MADE_BY: weakref.WeakKeyDictionary[Figure, tuple[Callable[..., Figure], Any, Any]] = (
    weakref.WeakKeyDictionary()
)


def _check_layout(layout: object) -> Layout:
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be 'desktop' or 'phone'; got {layout!r}")
    return "phone" if layout == "phone" else "desktop"


def _remembered(builder: Callable[_P, Figure]) -> Callable[_P, Figure]:
    """Remember how each figure was built, so `relayout()` can draw it again for a phone."""

    @functools.wraps(builder)
    def build(*args: _P.args, **kwargs: _P.kwargs) -> Figure:
        fig = builder(*args, **kwargs)
        _MADE_BY[fig] = (builder, args, dict(kwargs))
        return fig

    return build


def relayout(fig: Figure, layout: Layout) -> Figure:
    """The same figure drawn again, from the same inputs, in another layout.

    Args:
        fig: A figure made by one of ``gdcore.plots``' builders.
        layout: ``"phone"`` or ``"desktop"``.

    Returns:
        A new figure: same data, words and alt text, laid out for ``layout``.

    Raises:
        ValueError: If ``fig`` was not made by a gdcore builder, or for an unknown layout.

    Examples:
        >>> from gdcore.plots import tangent_lines
        >>> wide = tangent_lines(lang="en")
        >>> narrow = relayout(wide, "phone")
        >>> narrower = bool(narrow.get_figwidth() < wide.get_figwidth())
        >>> narrower, narrow.get_label() == wide.get_label()
        (True, True)
    """
    layout = _check_layout(layout)
    made = _MADE_BY.get(fig)
    if made is None:
        raise ValueError("relayout() needs a figure made by a gdcore.plots builder")
    builder, args, kwargs = made
    return _remembered(builder)(*args, **{**kwargs, "layout": layout})


FONT: Final = "Roboto"
"""The site's text font: figures use it when matplotlib knows it (else DejaVu Sans)."""


def _families() -> list[str]:
    """``["Roboto", "DejaVu Sans"]`` when Roboto is registered with matplotlib, else DejaVu Sans.

    The site registers the Roboto it ships (``sitebuild.render.figure_font``) before drawing, so
    figure text is measured with the font the reader's browser draws it with; DejaVu Sans,
    matplotlib's own font, covers any glyph Roboto lacks.
    """
    from matplotlib import font_manager

    known = {entry.name for entry in font_manager.fontManager.ttflist}
    return [FONT, "DejaVu Sans"] if FONT in known else ["DejaVu Sans"]


@contextmanager
def _style() -> Iterator[None]:
    """The lesson's style for every artist created (and drawn) inside the ``with`` block."""
    with mpl.rc_context({**_RC, "font.family": _families()}):
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
        with _style():
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


def _wrapped(text: str, phone: bool, width: int = 40) -> str:
    """A title broken into lines of at most ``width`` characters on a phone, unchanged otherwise.

    >>> _wrapped("Gradient descent on f(x) = x²: 105 steps from x₀ = 70", True)
    'Gradient descent on f(x) = x²: 105 steps\\nfrom x₀ = 70'
    """
    if not phone:
        return text
    return "\n".join(
        textwrap.fill(line, width, break_on_hyphens=False) for line in text.split("\n")
    )


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
    """How a ``Value`` operation is written in a drawing: ``* 2`` → ``× 2``, ``- 1`` → ``− 1``,
    ``** 2`` → ``( )²`` (the power as in mathematics, not Python's ``**``).

    >>> _op_name("* 2"), _op_name("** 2"), _op_name("** -1"), _op_name("neg"), _op_name("tanh")
    ('× 2', '( )²', '( )⁻¹', '−', 'tanh')
    >>> _op_name("** 0.5")
    '( )^0.5'
    """
    if op == "neg":
        return "−"
    power = re.fullmatch(r"\*\* ?(-?\d+)", op)
    if power:
        return "( )" + power.group(1).translate(_SUPERSCRIPTS)
    if op.startswith("**"):
        return "( )^" + op[2:].strip().replace("-", "−")
    name = re.sub(r"(?<!\*)\*(?!\*)", "×", op)
    return name.replace("/", "÷").replace("-", "−")


def _outcome(path: FloatArray, status: str) -> str:
    """Classify a 1-D trajectory on x² toward 0: the msgid of its outcome, in words.

    >>> _outcome(np.array([70.0, -84.0, 100.8]), "diverged")
    'diverges'
    """
    start, end = abs(float(path[0])), abs(float(path[-1]))
    if start == 0.0:
        return N_("starts at the minimum")
    if status == "diverged" or not math.isfinite(end) or end > start * (1 + 1e-9):
        return N_("diverges")
    if len(path) >= 2 and abs(float(path[1])) <= 1e-12 * start:
        return N_("lands on 0 in one step")
    moving = path[np.abs(path) > 1e-12 * start]
    alternating = len(moving) >= 3 and bool(np.all(moving[1:] * moving[:-1] < 0))
    if alternating and end >= start * (1 - 1e-9):
        return N_("oscillates forever")
    if alternating:
        return N_("oscillates, converges")
    if end > 0.5 * start:
        return N_("barely moves")
    return N_("converges")


def _join(items: Sequence[str], lang: Lang) -> str:
    """``a, b and c`` / ``a, b và c``.

    >>> _join(["1", "2", "3"], "vi")
    '1, 2 và 3'
    """
    if len(items) <= 1:
        return "".join(items)
    return translate("{items} and {last}", lang, items=", ".join(items[:-1]), last=items[-1])


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
        >>> from gdcore.plots import loss_curve
        >>> svg = to_svg(loss_curve([4.0, 2.0, 1.0], lang="en"))
        >>> svg.startswith("<svg") and "viewBox" in svg and svg.endswith("</svg>\\n")
        True
    """
    buffer = io.StringIO()
    with _style():
        fig.savefig(
            buffer,
            format="svg",
            metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
        )
    return _tidy_svg(buffer.getvalue())


def _round_numbers(path_data: str) -> str:
    """Round every decimal number in SVG path data to 1 decimal (0.1 pt: 0.13 CSS px at most).

    >>> _round_numbers("M 362.609856 224.1 L -0.001 10.0")
    'M 362.6 224.1 L 0 10'
    """

    def short(match: re.Match[str]) -> str:
        text = f"{float(match.group()):.1f}".rstrip("0").rstrip(".")
        return "0" if text == "-0" else text

    return re.sub(r"-?\d+\.\d+", short, path_data)


def _compact_path(path_data: str) -> str:
    r"""Path data rounded to 0.1 pt (`_round_numbers`) and written without needless spaces.

    >>> _compact_path("M 362.609856 224.1\nL -0.001 10.0\nz\n")
    'M362.6 224.1L0 10z'
    """
    data = re.sub(r"\s+", " ", _round_numbers(path_data)).strip()
    return re.sub(r" ?([A-DF-Za-df-z]) ?", r"\1", data)


_INVISIBLE: Final = re.compile(
    r'<path d="[^"]*"(?: clip-path="[^"]*")? style="(?:fill: none|(?:[^"]*; )?opacity: 0)"/>'
    r'|<path d="M-?[\d.]+ -?[\d.]+"[^>]*/>'
)


def _drop_invisible(text: str) -> str:
    r"""Drop what draws nothing: unfilled unstroked paths (matplotlib's transparent figure and
    axes backgrounds), fully transparent paths (3-D panes), paths that only move; then groups
    without attributes (matplotlib's, once their unused ids are gone) and whitespace between tags.

    >>> _drop_invisible('<g>\n<path d="M0 0L1z" style="fill: none"/>\n<g><text>1</text>\n</g></g>')
    '<text>1</text>'
    >>> _drop_invisible('<g clip-path="url(#c)"><path d="M0 0" style="stroke: red"/></g>')
    '<g clip-path="url(#c)"></g>'
    >>> _drop_invisible('<defs><clipPath><rect/></clipPath></defs><path d="M0 0L1 1z"/>')
    '<path d="M0 0L1 1z"/>'
    >>> _drop_invisible('<path d="M0 0L1 1" style="fill: #fff; fill-opacity: 0"/>')  # kept
    '<path d="M0 0L1 1" style="fill: #fff; fill-opacity: 0"/>'
    """
    text = re.sub(r">\s+<", "><", _INVISIBLE.sub("", text))
    text = re.sub(r"<clipPath>.*?</clipPath>", "", text)  # its id was unused, so it was dropped
    text = text.replace("<defs></defs>", "")
    out: list[str] = []
    plain: list[bool] = []  # for each open <g>: was it attribute-less (and so dropped)?
    done = 0
    for tag in re.finditer(r"<g>|<g [^>]*>|</g>", text):
        out.append(text[done : tag.start()])
        done = tag.end()
        if tag.group() == "</g>":
            if not plain.pop():
                out.append("</g>")
        else:
            plain.append(tag.group() == "<g>")
            if not plain[-1]:
                out.append(tag.group())
    out.append(text[done:])
    return "".join(out)


def _hoist_font_family(text: str) -> str:
    """Name the font family once, on the root, instead of on every ``<text>``.

    Only the first family is named (with ``sans-serif``): the fallback matplotlib may use for a
    glyph the first lacks is not a font the page ships.

    >>> svg = '<svg a="1"><text style="font-size: 9px; font-family: Roboto">1</text>'
    >>> _hoist_font_family(svg)
    '<svg a="1" font-family="Roboto, sans-serif"><text style="font-size: 9px">1</text>'
    """
    families = {
        family.split(",")[0].strip().strip("'")
        for family in re.findall(r"font-family: ([^;\"]+)", text)
    }
    if len(families) != 1:
        return text
    names = f"{families.pop()}, sans-serif"
    text = re.sub(r"; font-family: [^;\"]+", "", text)
    return re.sub(
        r"<svg ([^>]*)>", lambda m: f'<svg {m.group(1)} font-family="{names}">', text, count=1
    )


def _tidy_svg(text: str) -> str:
    """Strip the XML prologue, metadata and page-wide CSS; make ids unique; compact."""
    text = text[text.index("<svg") :]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.DOTALL)
    # Matplotlib's <style>*{stroke-linejoin: round; stroke-linecap: butt}</style> would apply
    # to the whole HTML page once inlined; the same defaults go on the root as attributes.
    text = re.sub(r'\s*<style type="text/css">[^<]*</style>', "", text)
    text = re.sub(r"<defs>\s*</defs>\s*", "", text)
    # Black is implicit in matplotlib's SVG (no fill on black text and black shapes): say it,
    # so that replacing #000000 by currentColor recolors all the ink.
    text = text.replace(
        "<svg ",
        '<svg fill="#000000" stroke-linejoin="round" stroke-linecap="butt" ',
        1,
    )
    text = re.sub(r"\s*\n\s*", "\n", text)  # drop indentation, keep one newline
    text = _hoist_font_family(text)
    # Text and marker positions to 0.1 pt; an upright text needs no rotate(0) transform.
    text = re.sub(r' transform="rotate\(-?0 [-\d.]+ [-\d.]+\)"', "", text)
    text = re.sub(
        r' (x|y)="(-?\d+\.\d+)"', lambda m: f' {m.group(1)}="{_round_numbers(m.group(2))}"', text
    )
    # Path coordinates to 0.1 pt (invisible), which shortens big figures by about a third.
    text = re.sub(r' d="([^"]*)"', lambda m: ' d="' + _compact_path(m.group(1)) + '"', text)
    text = _INVISIBLE.sub("", text)
    # SVG 2's href (every browser of the last years) instead of xlink:href, 6 bytes a marker.
    text = text.replace(' xlink:href="#', ' href="#')
    if "xlink:" not in text:  # the namespace is declared, no longer used
        text = text.replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', "")
    # Referenced ids become the figure's hash and a short number (a marker is used hundreds of
    # times: "#g1a2b3c4d-3" instead of "#g1a2b3c4d-me633d0a6bf"); the others go.
    prefix = "g" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:8] + "-"
    short: dict[str, str] = {}
    for name in re.findall(r'(?:url\(#|href="#)([^)"]+)', text):
        short.setdefault(name, f"{prefix}{len(short):x}")

    def rename(match: re.Match[str]) -> str:
        name = match.group(1)
        return f' id="{short[name]}"' if name in short else ""

    text = re.sub(r' id="([^"]+)"', rename, text)
    text = re.sub(r'(url\(#|href="#)([^)"]+)', lambda m: m.group(1) + short[m.group(2)], text)
    text = _drop_invisible(text)
    return text if text.endswith("\n") else text + "\n"


# --------------------------------------------------------------------------- tangent lines
