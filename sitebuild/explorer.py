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

__all__ = ["ETA_GRID", "SHOWN_STEPS", "TEXT", "X0_GRID", "explorer_data", "explorer_html"]

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
    """One short token for one run: ``"105"`` converged in 105 steps, ``"d76"`` diverged at
    step 76; out of steps: ``"o"`` oscillating at constant size, ``"s"`` creeping towards 0,
    ``"a"`` oscillating with a size that shrinks too slowly, ``"g"`` growing too slowly to
    reach gdcore's divergence bound."""
    if status == "converged":
        return str(nit)
    if status == "diverged":
        return f"d{nit}"
    start, end = abs(float(path[0])), abs(float(path[-1]))
    if math.isclose(end, start, rel_tol=1e-9):
        return "o"
    if end > start:
        return "g"
    return "a" if float(path[0]) * float(path[1]) < 0 else "s"


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
        x = -_XMAX + 2 * _XMAX * i / 100
        curve.append(f"{'M' if i == 0 else 'L'}{_fmt(_px(x))} {_fmt(_py(x * x))}")
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
    presets = "".join(
        f'<button type="button" class="md-button gd-explorer__preset" data-eta="{p}" '
        f'aria-pressed="{str(p == DEFAULT_ETA).lower()}">'
        f"η = {_fmt_eta(p)}</button>"
        for p in _PRESETS
    )
    steps = ", ".join(
        f"x<sub>{k}</sub> = {v:.4g}".replace("-", "−") for k, v in enumerate(points[:6])
    )
    return (
        f'<div class="gd-explorer" data-gd-explorer lang="{lang}">'
        f'<p class="gd-explorer__title"><strong>{esc(text["title"])}</strong></p>'
        f'<div class="gd-explorer__controls">'
        f'<div class="gd-explorer__control">'
        f'<label for="gd-explorer-eta">{esc(text["eta"])}</label>'
        f'<input type="range" id="gd-explorer-eta" class="gd-explorer__eta-range" min="0" '
        f'max="{len(etas) - 1}" step="1" value="{i}" aria-valuetext="η = {_fmt_eta(etas[i])}">'
        f'<input type="number" class="gd-explorer__eta-number" min="{etas[0]}" '
        f'max="{etas[-1]}" step="0.001" value="{etas[i]}" inputmode="decimal" '
        f'aria-label="{esc(text["eta_number"])}">'
        f"</div>"
        f'<div class="gd-explorer__control">'
        f'<label for="gd-explorer-x0">{esc(text["x0"])}</label>'
        f'<input type="range" id="gd-explorer-x0" class="gd-explorer__x0-range" min="0" '
        f'max="{len(x0s) - 1}" step="1" value="{j}" aria-valuetext="x₀ = {_fmt(x0s[j])}">'
        f'<input type="number" class="gd-explorer__x0-number" min="{x0s[0]:g}" '
        f'max="{x0s[-1]:g}" step="10" value="{x0s[j]:g}" inputmode="decimal" '
        f'aria-label="{esc(text["x0_number"])}">'
        f"</div>"
        f'<div class="gd-explorer__presets" role="group" aria-label="{esc(text["presets"])}">'
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
