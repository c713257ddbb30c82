"""The learning-rate explorer: descent on f(x) = x², precomputed by gdcore, drawn in the page.

The reader picks a learning rate η and a start x₀; the page shows the iterates on the parabola
and the outcome in words. Nothing is computed in the browser: at build time
:func:`explorer_data` runs :func:`gdcore.gradient_descent` for every (η, x₀) of a grid and
keeps what the drawing needs, and :func:`explorer_html` embeds it as compact JSON next to the
controls. ``assets/gdcore/explorer.js`` only looks values up and draws them (plain JavaScript
and SVG), ``assets/gdcore/explorer.css`` styles them with Material's palette variables.

Size. Descent on x² is linear in the start: ``x_k = x₀ (1 - 2η)^k``, so the *drawing* of every
start is ``x₀ × path(1)``; the data keep one path per η (the run from x₀ = 1, its first
:data:`SHOWN_STEPS` iterates, 4 significant digits, cut once the points leave the chart or
reach the bottom). The *outcome* of every (η, x₀) is gdcore's own: its status and number of
steps, since both depend on x₀ (the tolerance is absolute, the divergence bound is relative).

A page uses it in an executed block::

    from sitebuild.explorer import explorer_html
    print(explorer_html(lang="vi"))
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Literal

import numpy as np

__all__ = [
    "BOWL_ETA_GRID",
    "BOWL_SHOWN_STEPS",
    "BOWL_STARTS",
    "BOWL_TEXT",
    "ETA_GRID",
    "SHOWN_STEPS",
    "TEXT",
    "X0_GRID",
    "bowl_data",
    "bowl_explorer_html",
    "explorer_data",
    "explorer_html",
]

Lang = Literal["vi", "en"]

#: The learning rates offered, in thousandths: 0.001 steps at both ends of the story (the
#: tiny "ant steps", and the edge of stability around η = 1), 0.005 steps elsewhere.
ETA_GRID: tuple[float, ...] = tuple(
    k / 1000
    for k in sorted({*range(1, 11), *range(15, 990, 5), *range(990, 1011), *range(1015, 1251, 5)})
)

#: The starting points offered.
X0_GRID: tuple[float, ...] = tuple(float(x) for x in range(-100, 101, 10))

#: How many steps the drawing shows at most.
SHOWN_STEPS = 40

#: The run every outcome comes from: gdcore's defaults, as on the lesson's pages.
MAX_STEPS = 1000
TOL = 1e-8

DEFAULT_ETA = 0.1
DEFAULT_X0 = 70.0

# Plot window (data units) and SVG geometry (user units).
_XMAX = 110.0
_YMAX = _XMAX**2
_W, _H = 640, 330
_LEFT, _RIGHT, _TOP, _BOTTOM = 66, 16, 14, 34

#: Everything the reader sees, in the page's language. ``{n}``, ``{steps}``, ``{eta}``,
#: ``{x0}`` are filled in by the page's script.
TEXT: dict[str, dict[str, str]] = {
    "vi": {
        "title": "Khám phá tốc độ học trên f(x) = x²",
        "eta": "Tốc độ học η",
        "eta_number": "Tốc độ học η (nhập số)",
        "x0": "Điểm xuất phát x₀",
        "x0_number": "Điểm xuất phát x₀ (nhập số)",
        "presets": "Một vài tốc độ học để thử",
        "converged": "hội tụ sau {n} bước",
        "diverged": "phân kỳ: |x| lớn dần không giới hạn (gdcore dừng ở bước {n})",
        "oscillates": "dao động mãi mãi giữa −|x₀| và |x₀| (hết {steps} bước, không hội tụ)",
        "slow": "chưa hội tụ sau {steps} bước: mỗi bước quá nhỏ",
        "damped": "dao động tắt dần quá chậm: chưa hội tụ sau {steps} bước",
        "grows": "không hội tụ: |x| lớn dần chậm (phân kỳ chậm), hết {steps} bước",
        "start": "xuất phát ngay tại đáy: hội tụ sau 0 bước",
        "outcome": "η = {eta}, x₀ = {x0}: {result}.",
        "shown": "Các điểm đầu tiên:",
        "plot": "Parabol f(x) = x² và các điểm hạ gradient từ x₀ = {x0} với η = {eta}: {result}.",
        "note": "Các quỹ đạo và kết quả được gdcore.gradient_descent tính sẵn khi dựng trang "
        "(tối đa {steps} bước, dừng khi |f′(x)| ≤ 10⁻⁸); trình duyệt chỉ tra cứu và vẽ.",
        "noscript": "Cần bật JavaScript để thay đổi η và x₀; hình dưới là trường hợp η = 0.1, "
        "x₀ = 70.",
    },
    "en": {
        "title": "Explore the learning rate on f(x) = x²",
        "eta": "Learning rate η",
        "eta_number": "Learning rate η (type a number)",
        "x0": "Starting point x₀",
        "x0_number": "Starting point x₀ (type a number)",
        "presets": "A few learning rates to try",
        "converged": "converged in {n} steps",
        "diverged": "diverges: |x| grows without bound (gdcore stopped at step {n})",
        "oscillates": "oscillates forever between −|x₀| and |x₀| ({steps} steps, no convergence)",
        "slow": "not converged after {steps} steps: each step is too small",
        "damped": "oscillates and dies down too slowly: not converged after {steps} steps",
        "grows": "no convergence: |x| grows slowly (slow divergence), {steps} steps used",
        "start": "starts at the bottom: converged in 0 steps",
        "outcome": "η = {eta}, x₀ = {x0}: {result}.",
        "shown": "The first iterates:",
        "plot": "The parabola f(x) = x² and the gradient descent iterates from x₀ = {x0} with "
        "η = {eta}: {result}.",
        "note": "The paths and outcomes are computed by gdcore.gradient_descent when the site is "
        "built (at most {steps} steps, stopping when |f′(x)| ≤ 10⁻⁸); the browser only looks "
        "them up and draws them.",
        "noscript": "JavaScript is needed to change η and x₀; the figure shows η = 0.1, x₀ = 70.",
    },
}

_PRESETS = (0.001, 0.1, 0.5, 0.9, 1.0, 1.1)


def _round4(value: float) -> float:
    """Round to 4 significant digits (what the drawing needs)."""
    return float(f"{value:.4g}")


def _outcome_code(status: str, nit: int, path: Any) -> str:
    """One short token for one run (1-D or on the bowl): ``"105"`` converged in 105 steps,
    ``"d76"`` diverged at step 76; out of steps: ``"o"`` oscillating at constant size (of
    ``|x|``, or of the distance to the bottom), ``"s"`` creeping towards 0,
    ``"a"`` oscillating with a size that shrinks too slowly, ``"g"`` growing too slowly to
    reach gdcore's divergence bound."""
    if status == "converged":
        return str(nit)
    if status == "diverged":
        return f"d{nit}"
    start, end = _norm(path[0]), _norm(path[-1])
    if math.isclose(end, start, rel_tol=1e-9):
        return "o"
    if end > start:
        return "g"
    return "a" if float(np.dot(path[0], path[1])) < 0 else "s"


def _norm(point: Any) -> float:
    """The length of a point (a number, or a vector on the bowl)."""
    return float(np.linalg.norm(point))


def explorer_data(
    etas: Sequence[float] = ETA_GRID,
    x0s: Sequence[float] = X0_GRID,
    *,
    shown: int = SHOWN_STEPS,
) -> dict[str, Any]:
    """Run gdcore's gradient descent on x² for every (η, x₀) and keep what the explorer draws.

    Args:
        etas: The learning rates (each > 0).
        x0s: The starting points.
        shown: How many steps the drawing keeps at most.

    Returns:
        A JSON-ready dict: ``etas``, ``x0s``, ``maxSteps``, ``paths`` (for each η, the run
        from x₀ = 1: its first iterates, 4 significant digits, cut once a point leaves the
        chart for every offered start or is within 10⁻³ of the bottom) and ``runs`` (for each
        η, one comma-separated outcome token per x₀: ``"N"`` converged in N steps, ``"dN"``
        diverged at step N, ``"o"`` oscillates, ``"s"`` too slow, ``"a"`` damped oscillation too
        slow, ``"g"`` slow divergence).

    Example:
        >>> data = explorer_data([0.1, 1.0, 1.1], [70.0])
        >>> data["runs"]
        ['105', 'o', 'd76']
        >>> data["paths"][0][:4], data["paths"][1][:3]
        ([1.0, 0.8, 0.64, 0.512], [1.0, -1.0, 1.0])
    """
    import gdcore as gd
    from gdcore.landscapes import parabola, parabola_grad

    smallest = min((abs(x) for x in x0s if x != 0), default=1.0)
    far = _XMAX / smallest * 1.01  # beyond this, x0 * x_k is off the chart for every start
    paths: list[list[float]] = []
    runs: list[str] = []
    for eta in etas:
        unit = gd.gradient_descent(
            parabola,
            1.0,
            lr=eta,
            grad=parabola_grad,
            max_steps=MAX_STEPS,
            tol=TOL,
            record="all",
        )
        assert unit.path is not None  # record="all"
        kept: list[float] = []
        for value in unit.path[: shown + 1]:
            kept.append(_round4(float(value)))
            if abs(value) > far or abs(value) < 1e-3:
                break
        paths.append(kept)
        codes = []
        for x0 in x0s:
            run = gd.gradient_descent(
                parabola,
                float(x0),
                lr=eta,
                grad=parabola_grad,
                max_steps=MAX_STEPS,
                tol=TOL,
                record="all",
            )
            codes.append(_outcome_code(run.status, run.nit, run.path))
        runs.append(",".join(codes))
    return {
        "etas": list(etas),
        "x0s": list(x0s),
        "maxSteps": MAX_STEPS,
        "shown": shown,
        "paths": paths,
        "runs": runs,
    }


@lru_cache(maxsize=2)
def _default_data() -> str:
    """The explorer's data for the default grids, as compact JSON (computed once a process)."""
    return json.dumps(explorer_data(), separators=(",", ":"), ensure_ascii=False)


# ---------------------------------------------------------------------------- static drawing


def _px(x: float) -> float:
    return _LEFT + (x + _XMAX) / (2 * _XMAX) * (_W - _LEFT - _RIGHT)


def _py(y: float) -> float:
    return _H - _BOTTOM - y / _YMAX * (_H - _TOP - _BOTTOM)


def _fmt(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _axes_svg() -> str:
    """The parts of the chart that never change: axes, ticks, the parabola."""
    parts = []
    x0, x1 = _px(-_XMAX), _px(_XMAX)
    y0, y1 = _py(0), _py(_YMAX)
    parts.append(f'<path class="gd-explorer__axis" d="M{_fmt(x0)} {_fmt(y0)}H{_fmt(x1)}"/>')
    parts.append(f'<path class="gd-explorer__axis" d="M{_fmt(x0)} {_fmt(y0)}V{_fmt(y1)}"/>')
    for tick in (-100, -50, 0, 50, 100):
        x = _fmt(_px(tick))
        parts.append(f'<path class="gd-explorer__grid" d="M{x} {_fmt(y0)}V{_fmt(y1)}"/>')
        label = str(tick).replace("-", "−")
        parts.append(
            f'<text class="gd-explorer__tick" x="{x}" y="{_fmt(y0 + 6)}" '
            f'text-anchor="middle" dominant-baseline="hanging">{label}</text>'
        )
    for tick in (0, 5000, 10000):
        y = _fmt(_py(tick))
        parts.append(
            f'<text class="gd-explorer__tick" x="{_fmt(x0 - 6)}" y="{y}" '
            f'text-anchor="end" dominant-baseline="middle">{tick}</text>'
        )
    parts.append(
        f'<text class="gd-explorer__tick" x="{_fmt(x1)}" y="{_fmt(y0 - 6)}" '
        'text-anchor="end">x</text>'
    )
    parts.append(
        f'<text class="gd-explorer__tick" x="{_fmt(x0 + 6)}" y="{_fmt(y1 + 10)}">f(x) = x²</text>'
    )
    curve = []
    for i in range(101):
        u = -_XMAX + 2 * _XMAX * i / 100
        curve.append(f"{'M' if i == 0 else 'L'}{_fmt(_px(u))} {_fmt(_py(u * u))}")
    parts.append(f'<path class="gd-explorer__curve" d="{"".join(curve)}"/>')
    return "".join(parts)


def _initial_state(data: dict[str, Any], lang: Lang) -> tuple[int, int, str, str, list[float]]:
    """Grid indices, outcome sentence, figure label and drawn points for the default view."""
    text = TEXT[lang]
    i = data["etas"].index(DEFAULT_ETA)
    j = data["x0s"].index(DEFAULT_X0)
    code = data["runs"][i].split(",")[j]
    if not code.isdigit():  # pragma: no cover - the default run converges
        raise RuntimeError(f"the explorer's default run did not converge ({code})")
    result = text["converged"].format(n=code)
    eta, x0 = _fmt_eta(DEFAULT_ETA), _fmt(DEFAULT_X0)
    outcome = text["outcome"].format(eta=eta, x0=x0, result=result)
    label = text["plot"].format(eta=eta, x0=x0, result=result)
    points = [DEFAULT_X0 * v for v in data["paths"][i][: int(code) + 1]]
    return i, j, outcome, label, points


def _fmt_eta(eta: float) -> str:
    return f"{eta:.3f}".rstrip("0").rstrip(".")


def _points_svg(points: list[float]) -> str:
    """The iterates as a zig-zag line and dots (the script redraws the same elements)."""
    coords = [(_px(x), _py(x * x)) for x in points]
    line = " ".join(f"{_fmt(a)},{_fmt(b)}" for a, b in coords)
    circles = [
        f'<circle class="gd-explorer__dot{" gd-explorer__dot--start" if k == 0 else ""}" '
        f'cx="{_fmt(a)}" cy="{_fmt(b)}" r="{5 if k == 0 else 3.5}"/>'
        for k, (a, b) in enumerate(coords[: SHOWN_STEPS + 1])
    ]
    dots = "".join(circles[1:] + circles[:1])  # the start point on top
    return (
        f'<polyline class="gd-explorer__path" points="{line}"/>'
        f'<g class="gd-explorer__dots">{dots}</g>'
    )


def _slider_control(
    ident: str,
    name: str,
    labels: tuple[str, str],
    values: Sequence[str],
    index: int,
    valuetext: str,
    step: str,
) -> str:
    """One labelled control: a slider over the grid's indices and a number field for its value
    (the script keeps the two in step). ``name`` gives the classes ``gd-explorer__{name}-range``
    and ``gd-explorer__{name}-number``; ``labels`` are the slider's label and the field's."""
    esc = html.escape
    return (
        f'<div class="gd-explorer__control">'
        f'<label for="{ident}">{esc(labels[0])}</label>'
        f'<input type="range" id="{ident}" class="gd-explorer__{name}-range" min="0" '
        f'max="{len(values) - 1}" step="1" value="{index}" aria-valuetext="{esc(valuetext)}">'
        f'<input type="number" class="gd-explorer__{name}-number" min="{values[0]}" '
        f'max="{values[-1]}" step="{step}" value="{values[index]}" inputmode="decimal" '
        f'aria-label="{esc(labels[1])}">'
        f"</div>"
    )


def _eta_control(ident: str, text: dict[str, str], etas: Sequence[float], i: int, step: str) -> str:
    """The learning-rate control (slider and number field) of either explorer."""
    return _slider_control(
        ident,
        "eta",
        (text["eta"], text["eta_number"]),
        [str(eta) for eta in etas],
        i,
        f"η = {_fmt_eta(etas[i])}",
        step,
    )


def _eta_presets(presets: Sequence[float], default: float) -> str:
    """Buttons that set η to a few telling values (the chosen one is pressed)."""
    return "".join(
        f'<button type="button" class="md-button gd-explorer__preset" data-eta="{p}" '
        f'aria-pressed="{str(p == default).lower()}">'
        f"η = {_fmt_eta(p)}</button>"
        for p in presets
    )


def explorer_html(lang: Lang = "en") -> str:
    """Return the learning-rate explorer as one HTML block, with its data and labels in ``lang``.

    The block holds the controls (a slider and a number field for η and for x₀, buttons for a
    few telling values of η), an SVG chart of f(x) = x² with the iterates of the default run
    (η = 0.1 from x₀ = 70, so the page reads well without JavaScript), the outcome in words
    (announced politely to screen readers when it changes), and the data from
    :func:`explorer_data` in a ``<script type="application/json">``. The page's script
    ``assets/gdcore/explorer.js`` makes it interactive.

    Args:
        lang: ``"vi"`` or ``"en"``: the language of every label and sentence.

    Returns:
        The HTML, to be printed by a ``python exec="on" html="1"`` block.

    Raises:
        ValueError: ``lang`` is not ``"vi"`` or ``"en"``.

    Example:
        >>> block = explorer_html(lang="en")
        >>> block.startswith('<div class="gd-explorer"'), "converged in 105 steps" in block
        (True, True)
        >>> "hội tụ sau 105 bước" in explorer_html(lang="vi")
        True
    """
    if lang not in TEXT:
        raise ValueError(f"lang must be 'vi' or 'en'; got {lang!r}")
    text = TEXT[lang]
    payload = _default_data()
    data = json.loads(payload)
    i, j, outcome, label, points = _initial_state(data, lang)
    geometry = {
        "xmax": _XMAX,
        "w": _W,
        "h": _H,
        "left": _LEFT,
        "right": _RIGHT,
        "top": _TOP,
        "bottom": _BOTTOM,
    }
    config = json.dumps(
        {"text": text, "geometry": geometry, "shown": SHOWN_STEPS},
        separators=(",", ":"),
        ensure_ascii=False,
    )
    esc = html.escape
    etas, x0s = data["etas"], data["x0s"]
    presets = _eta_presets(_PRESETS, DEFAULT_ETA)
    steps = ", ".join(
        f"x<sub>{k}</sub> = {v:.4g}".replace("-", "−") for k, v in enumerate(points[:6])
    )
    return (
        f'<div class="gd-explorer" data-gd-explorer lang="{lang}">'
        f'<p class="gd-explorer__title"><strong>{esc(text["title"])}</strong></p>'
        f'<div class="gd-explorer__controls">'
        + _eta_control("gd-explorer-eta", text, etas, i, "0.001")
        + _slider_control(
            "gd-explorer-x0",
            "x0",
            (text["x0"], text["x0_number"]),
            [f"{x:g}" for x in x0s],
            j,
            f"x₀ = {_fmt(x0s[j])}",
            "10",
        )
        + f'<div class="gd-explorer__presets" role="group" aria-label="{esc(text["presets"])}">'
        f"{presets}</div>"
        f"</div>"
        f'<p class="gd-explorer__outcome" aria-live="polite">{esc(outcome)}</p>'
        f'<svg class="gd-explorer__plot" viewBox="0 0 {_W} {_H}" role="img" '
        f'aria-label="{esc(label)}">'
        f'<defs><clipPath id="gd-explorer-clip"><rect x="{_LEFT - 6}" y="{_TOP - 6}" '
        f'width="{_W - _LEFT - _RIGHT + 12}" height="{_H - _TOP - _BOTTOM + 6}"/></clipPath></defs>'
        f"{_axes_svg()}"
        f'<g clip-path="url(#gd-explorer-clip)" class="gd-explorer__iterates">'
        f"{_points_svg(points)}</g></svg>"
        f'<p class="gd-explorer__steps">{esc(text["shown"])} {steps}'
        f"{', …' if len(points) > 6 else ''}</p>"
        f'<p class="gd-explorer__note">{esc(text["note"].format(steps=MAX_STEPS))}</p>'
        f"<noscript><p>{esc(text['noscript'])}</p></noscript>"
        f'<script type="application/json" class="gd-explorer__config">{config}</script>'
        f'<script type="application/json" class="gd-explorer__data">{payload}</script>'
        f"</div>"
    )


# ------------------------------------------------------------------ the bowl, in two dimensions

#: The bowl explorer's learning rates: 0.01 to 1.1 in steps of 0.01.
BOWL_ETA_GRID: tuple[float, ...] = tuple(k / 100 for k in range(1, 111))

#: The bowl explorer's starting points (x₀, y₀); the first is the lesson's (6, 9).
BOWL_STARTS: tuple[tuple[float, float], ...] = (
    (6.0, 9.0),
    (-14.0, 5.0),
    (12.0, -6.0),
    (-5.0, -10.0),
    (3.0, 2.0),
)

#: How many steps the bowl's drawing shows at most.
BOWL_SHOWN_STEPS = 30

_BOWL_PRESETS = (0.01, 0.1, 0.5, 0.9, 1.0, 1.1)
_BOWL_LEVELS = (3, 6, 9, 12, 15, 18)  # radii of the contour circles: f = r²

# SVG geometry: equal scales on both axes, y from -12 to 12, x as far as the width allows.
_BW, _BH = 640, 400
_BLEFT, _BRIGHT, _BTOP, _BBOTTOM = 14, 14, 12, 12
_BYMAX = 12.0
_BSCALE = (_BH - _BTOP - _BBOTTOM) / (2 * _BYMAX)
_BXMAX = (_BW - _BLEFT - _BRIGHT) / (2 * _BSCALE)
_BCX, _BCY = _BLEFT + _BXMAX * _BSCALE, _BTOP + _BYMAX * _BSCALE

#: The bowl explorer's words. ``{n}``, ``{steps}``, ``{eta}``, ``{p0}`` are filled in by the
#: page's script.
BOWL_TEXT: dict[str, dict[str, str]] = {
    "vi": {
        "title": "Khám phá hạ gradient trên chén f(x, y) = x² + y²",
        "eta": "Tốc độ học η",
        "eta_number": "Tốc độ học η (nhập số)",
        "starts": "Điểm xuất phát (x₀, y₀)",
        "presets": "Một vài tốc độ học để thử",
        "converged": "hội tụ sau {n} bước",
        "diverged": "phân kỳ: quỹ đạo văng ngày càng xa đáy chén (gdcore dừng ở bước {n})",
        "oscillates": "dao động mãi mãi giữa (x₀, y₀) và (−x₀, −y₀) (hết {steps} bước, "
        "không hội tụ)",
        "slow": "chưa hội tụ sau {steps} bước: mỗi bước quá nhỏ",
        "damped": "dao động tắt dần quá chậm: chưa hội tụ sau {steps} bước",
        "grows": "không hội tụ: quỹ đạo xa đáy dần dần (phân kỳ chậm), hết {steps} bước",
        "outcome": "η = {eta}, xuất phát từ {p0}: {result}.",
        "shown": "Các điểm đầu tiên của quỹ đạo:",
        "plot": "Đồ thị đường đồng mức của f(x, y) = x² + y² (các đường tròn quanh đáy (0, 0)) "
        "và quỹ đạo hạ gradient từ {p0} với η = {eta}: {result}.",
        "note": "Các quỹ đạo và kết quả được gdcore.gradient_descent (với gradient giải tích "
        "[2x, 2y]) tính sẵn khi dựng trang (tối đa {steps} bước, dừng khi ‖∇f‖ ≤ 10⁻⁸); trình "
        "duyệt chỉ tra cứu và vẽ. Các số trên đồ thị là giá trị f trên từng đường đồng mức.",
        "noscript": "Cần bật JavaScript để thay đổi η và điểm xuất phát; hình dưới là trường "
        "hợp η = 0.1, xuất phát từ (6, 9).",
    },
    "en": {
        "title": "Explore gradient descent on the bowl f(x, y) = x² + y²",
        "eta": "Learning rate η",
        "eta_number": "Learning rate η (type a number)",
        "starts": "Starting point (x₀, y₀)",
        "presets": "A few learning rates to try",
        "converged": "converged in {n} steps",
        "diverged": "diverges: the trajectory flies ever further from the bottom of the bowl "
        "(gdcore stopped at step {n})",
        "oscillates": "oscillates forever between (x₀, y₀) and (−x₀, −y₀) ({steps} steps, "
        "no convergence)",
        "slow": "not converged after {steps} steps: each step is too small",
        "damped": "oscillates and dies down too slowly: not converged after {steps} steps",
        "grows": "no convergence: the trajectory slowly moves away (slow divergence), "
        "{steps} steps used",
        "outcome": "η = {eta}, starting from {p0}: {result}.",
        "shown": "The first points of the trajectory:",
        "plot": "Contour plot of f(x, y) = x² + y² (circles around the bottom (0, 0)) and the "
        "gradient descent trajectory from {p0} with η = {eta}: {result}.",
        "note": "The trajectories and outcomes are computed by gdcore.gradient_descent (with the "
        "analytic gradient [2x, 2y]) when the site is built (at most {steps} steps, stopping "
        "when ‖∇f‖ ≤ 10⁻⁸); the browser only looks them up and draws them. The numbers on the "
        "plot are the values of f on each contour.",
        "noscript": "JavaScript is needed to change η and the starting point; the figure shows "
        "η = 0.1 from (6, 9).",
    },
}


def bowl_data(
    etas: Sequence[float] = BOWL_ETA_GRID,
    starts: Sequence[tuple[float, float]] = BOWL_STARTS,
    *,
    shown: int = BOWL_SHOWN_STEPS,
) -> dict[str, Any]:
    """Run gdcore's gradient descent on the bowl x² + y² for every (η, start).

    On this bowl every step multiplies the point by ``1 - 2η``, so the drawing of every start
    is ``start × path(1)``: the data keep, for each η, the run from the 1-vector ``[1]`` (its
    first iterates, 4 significant digits, cut once a point leaves the chart for every start or
    is within 10⁻³ of the bottom). The outcome of each (η, start) is gdcore's own run from that
    start, with the analytic gradient :func:`gdcore.landscapes.bowl_grad`.

    Args:
        etas: The learning rates (each > 0).
        starts: The starting points (x₀, y₀), none at the bottom.
        shown: How many steps the drawing keeps at most.

    Returns:
        A JSON-ready dict: ``etas``, ``starts``, ``maxSteps``, ``shown``, ``paths`` (for each
        η, the factors ``(1 - 2η)^k`` as gdcore computed them) and ``runs`` (for each η, one
        comma-separated outcome token per start, as in :func:`explorer_data`).

    Example:
        >>> data = bowl_data([0.1, 1.0, 1.1], [(6.0, 9.0)])
        >>> data["runs"]
        ['97', 'o', 'd76']
        >>> data["paths"][0][:4], data["paths"][1][:3]
        ([1.0, 0.8, 0.64, 0.512], [1.0, -1.0, 1.0])
    """
    import gdcore as gd
    from gdcore.landscapes import bowl, bowl_grad

    def run(start: Any, eta: float) -> Any:
        return gd.gradient_descent(
            bowl,
            np.asarray(start, dtype=float),
            lr=eta,
            grad=bowl_grad,
            max_steps=MAX_STEPS,
            tol=TOL,
            record="all",
        )

    smallest = min(_norm(start) for start in starts)
    far = math.hypot(_BXMAX, _BYMAX) / smallest * 1.01  # off the chart for every start
    paths: list[list[float]] = []
    runs: list[str] = []
    for eta in etas:
        kept: list[float] = []
        for value in run([1.0], eta).path[: shown + 1, 0]:
            kept.append(_round4(float(value)))
            if abs(value) > far or abs(value) < 1e-3:
                break
        paths.append(kept)
        codes = []
        for start in starts:
            result = run(start, eta)
            codes.append(_outcome_code(result.status, result.nit, result.path))
        runs.append(",".join(codes))
    return {
        "etas": list(etas),
        "starts": [list(start) for start in starts],
        "maxSteps": MAX_STEPS,
        "shown": shown,
        "paths": paths,
        "runs": runs,
    }


@lru_cache(maxsize=2)
def _bowl_default_data() -> str:
    """The bowl explorer's data for the default grids, as compact JSON (once a process)."""
    return json.dumps(bowl_data(), separators=(",", ":"), ensure_ascii=False)


def _bx(x: float) -> str:
    return _fmt(_BCX + x * _BSCALE)


def _by(y: float) -> str:
    return _fmt(_BCY - y * _BSCALE)


def _fmt_point(point: Sequence[float]) -> str:
    return "(" + ", ".join(f"{v:.4g}".replace("-", "−") for v in point) + ")"


def _bowl_axes_svg() -> str:
    """The parts of the bowl's chart that never change: axes, ticks, contour circles."""
    parts = [
        f'<path class="gd-explorer__axis" d="M{_bx(-_BXMAX)} {_by(0)}H{_bx(_BXMAX)}'
        f'M{_bx(0)} {_by(-_BYMAX)}V{_by(_BYMAX)}"/>'
    ]
    for tick in (-15, -10, -5, 5, 10, 15):
        parts.append(
            f'<text class="gd-explorer__tick" x="{_bx(tick)}" y="{_by(-0.5)}" '
            f'text-anchor="middle" dominant-baseline="hanging">{str(tick).replace("-", "−")}'
            "</text>"
        )
    for tick in (-10, -5, 5, 10):
        parts.append(
            f'<text class="gd-explorer__tick" x="{_bx(0.4)}" y="{_by(tick)}" '
            f'dominant-baseline="middle">{str(tick).replace("-", "−")}</text>'
        )
    parts.append(
        f'<text class="gd-explorer__tick" x="{_bx(_BXMAX - 0.3)}" y="{_by(0.5)}" '
        'text-anchor="end">x</text>'
        f'<text class="gd-explorer__tick" x="{_bx(-0.5)}" y="{_by(_BYMAX - 0.9)}" '
        'text-anchor="end">y</text>'
    )
    for r in _BOWL_LEVELS:
        parts.append(
            f'<circle class="gd-explorer__contour" cx="{_bx(0)}" cy="{_by(0)}" '
            f'r="{_fmt(r * _BSCALE)}"/>'
        )
        # The level's value on the circle, up and to the left (away from the default start).
        lx, ly = r * math.cos(math.radians(150)), r * math.sin(math.radians(150))
        parts.append(
            f'<text class="gd-explorer__level" x="{_bx(lx)}" y="{_by(ly)}" '
            f'text-anchor="middle" dominant-baseline="middle">{r * r}</text>'
        )
    parts.append(f'<circle class="gd-explorer__bottom" cx="{_bx(0)}" cy="{_by(0)}" r="3"/>')
    return "".join(parts)


def _bowl_points_svg(points: list[tuple[float, float]]) -> str:
    """The trajectory as a line and dots (the script redraws the same elements)."""
    line = " ".join(f"{_bx(x)},{_by(y)}" for x, y in points)
    circles = [
        f'<circle class="gd-explorer__dot{" gd-explorer__dot--start" if k == 0 else ""}" '
        f'cx="{_bx(x)}" cy="{_by(y)}" r="{5 if k == 0 else 3.5}"/>'
        for k, (x, y) in enumerate(points)
    ]
    dots = "".join(circles[1:] + circles[:1])  # the start point on top
    return (
        f'<polyline class="gd-explorer__path" points="{line}"/>'
        f'<g class="gd-explorer__dots">{dots}</g>'
    )


def bowl_explorer_html(lang: Lang = "en") -> str:
    """Return the bowl explorer (gradient descent on x² + y²) as one HTML block in ``lang``.

    Like :func:`explorer_html`: a slider and a number field for η, buttons for a few telling
    values of η and for the starting points, an SVG contour plot with the trajectory of the
    default run (η = 0.1 from (6, 9)), the outcome in words (announced politely when it
    changes) and the data of :func:`bowl_data` as JSON; ``assets/gdcore/explorer.js`` makes
    it interactive.

    Args:
        lang: ``"vi"`` or ``"en"``.

    Returns:
        The HTML, to be printed by a ``python exec="on" html="1"`` block.

    Raises:
        ValueError: ``lang`` is not ``"vi"`` or ``"en"``.

    Example:
        >>> block = bowl_explorer_html(lang="en")
        >>> "data-gd-bowl-explorer" in block, "converged in 97 steps" in block
        (True, True)
        >>> "hội tụ sau 97 bước" in bowl_explorer_html(lang="vi")
        True
    """
    if lang not in BOWL_TEXT:
        raise ValueError(f"lang must be 'vi' or 'en'; got {lang!r}")
    text = BOWL_TEXT[lang]
    payload = _bowl_default_data()
    data = json.loads(payload)
    etas = data["etas"]
    i = etas.index(DEFAULT_ETA)
    code = data["runs"][i].split(",")[0]
    if not code.isdigit():  # pragma: no cover - the default run converges
        raise RuntimeError(f"the bowl explorer's default run did not converge ({code})")
    start = BOWL_STARTS[0]
    factors = data["paths"][i][: min(int(code), BOWL_SHOWN_STEPS) + 1]
    points = [(start[0] * f, start[1] * f) for f in factors]
    words = {
        "eta": _fmt_eta(DEFAULT_ETA),
        "p0": _fmt_point(start),
        "result": text["converged"].format(n=code),
    }
    geometry = {"cx": _BCX, "cy": _BCY, "scale": _BSCALE}
    config = json.dumps(
        {"text": text, "geometry": geometry, "shown": BOWL_SHOWN_STEPS},
        separators=(",", ":"),
        ensure_ascii=False,
    )
    esc = html.escape
    starts = "".join(
        f'<button type="button" class="md-button gd-explorer__preset gd-explorer__start" '
        f'data-start="{k}" aria-pressed="{str(k == 0).lower()}">{_fmt_point(p)}</button>'
        for k, p in enumerate(BOWL_STARTS)
    )
    steps = ", ".join(f"p<sub>{k}</sub> = {_fmt_point(p)}" for k, p in enumerate(points[:4]))
    return (
        f'<div class="gd-explorer gd-explorer--bowl" data-gd-bowl-explorer lang="{lang}">'
        f'<p class="gd-explorer__title"><strong>{esc(text["title"])}</strong></p>'
        f'<div class="gd-explorer__controls">'
        + _eta_control("gd-bowl-eta", text, etas, i, "0.01")
        + f'<div class="gd-explorer__control" role="group" aria-labelledby="gd-bowl-starts">'
        f'<span class="gd-explorer__label" id="gd-bowl-starts">{esc(text["starts"])}</span>'
        f'<div class="gd-explorer__starts">{starts}</div></div>'
        f'<div class="gd-explorer__presets" role="group" aria-label="{esc(text["presets"])}">'
        f"{_eta_presets(_BOWL_PRESETS, DEFAULT_ETA)}</div>"
        f"</div>"
        f'<p class="gd-explorer__outcome" aria-live="polite">'
        f"{esc(text['outcome'].format(**words))}</p>"
        f'<svg class="gd-explorer__plot" viewBox="0 0 {_BW} {_BH}" role="img" '
        f'aria-label="{esc(text["plot"].format(**words))}">'
        f'<defs><clipPath id="gd-bowl-clip"><rect x="{_BLEFT}" y="{_BTOP}" '
        f'width="{_BW - _BLEFT - _BRIGHT}" height="{_BH - _BTOP - _BBOTTOM}"/></clipPath></defs>'
        f'<g clip-path="url(#gd-bowl-clip)">{_bowl_axes_svg()}'
        f'<g class="gd-explorer__iterates">{_bowl_points_svg(points)}</g></g></svg>'
        f'<p class="gd-explorer__steps">{esc(text["shown"])} {steps}'
        f"{', …' if len(points) > 4 else ''}</p>"
        f'<p class="gd-explorer__note">{esc(text["note"].format(steps=MAX_STEPS))}</p>'
        f"<noscript><p>{esc(text['noscript'])}</p></noscript>"
        f'<script type="application/json" class="gd-explorer__config">{config}</script>'
        f'<script type="application/json" class="gd-explorer__data">{payload}</script>'
        f"</div>"
    )
