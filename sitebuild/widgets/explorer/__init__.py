"""The explorers: gradient descent that the reader steers, computed in the page like gdcore.

Two widgets, each a theme template (``gd-explorer-*.html`` beside this module) filled
with the words of the page's language (from the ``sitebuild`` gettext catalog) and a JSON
configuration that this module hands it:

- the **learning-rate explorer** on f(x) = x² (:func:`explorer_html`): any η in (0, 1.2] and any
  x₀ in [−100, 100], typed, slid or dragged on the curve; step, play and reset; the loss against
  k on a log scale; the state in the URL; and the "Goldilocks" challenge (the same descent on the
  elongated bowl x² + 10y², where the best η is not given away by the page's table on x²),
  judged against the best learning rate gdcore finds at build time (:func:`goldilocks`);
- the **2-D explorer** on the bowl x² + κy² (:func:`bowl_explorer_html` for the round bowl of
  the 2-D page, :func:`momentum_explorer_html` for the elongated bowl of the momentum page, with
  a momentum control β).

The browser computes every run with ``assets/gdcore/descent-core.js``, a line-by-line copy of
gdcore's descent loops (same update, same stopping rules, same IEEE operations; tested against
gdcore on a grid of runs); ``assets/gdcore/explorer.js`` draws, ``explorer.css`` styles. The
HTML printed here already carries gdcore's outcome for the default setup, so the page says the
right thing before (or without) JavaScript.

Number input: a decimal point, an exponent (``1e-3``) and a leading minus (``-`` or ``−``) are
accepted; on the Vietnamese page a decimal comma too (``0,1`` is 0.1, the Vietnamese way of
writing it). Anything else, an empty field or a value out of range gets a message in the page's
language saying what is allowed; nothing is rounded, snapped or clamped. A dragged start point is
rounded to one decimal (what a reader would type), and that value is the one used and linked.
Counts ("1 step", "2 steps") take the catalog's plural forms (:data:`_PLURALS`).

A page uses it in an executed block::

    from sitebuild.widgets.explorer import explorer_html
    print(explorer_html(lang="vi"))
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

import gdcore as gd
from gdcore.i18n import Catalog, Lang, check_lang
from gdcore.landscapes import elongated_bowl, elongated_bowl_grad, parabola, parabola_grad

__all__ = [
    "ETA_MAX",
    "GOLDILOCKS_ETAS",
    "GOLDILOCKS_KAPPA",
    "GOLDILOCKS_START",
    "GOLDILOCKS_TARGET",
    "MAX_STEPS",
    "TOL",
    "X0_MAX",
    "bowl_explorer_html",
    "count_words",
    "explorer_config",
    "explorer_html",
    "goldilocks",
    "momentum_explorer_html",
    "plurals",
    "words",
]

_HERE = Path(__file__).resolve().parent
CATALOG = Catalog(_HERE.parents[1] / "locale", "sitebuild")
_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(_HERE),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

#: gdcore's defaults, which every explorer run uses (the page's own tables use them too).
MAX_STEPS = 1000
TOL = 1e-8

#: The learning-rate explorer's ranges: 0 < η <= ETA_MAX, -X0_MAX <= x₀ <= X0_MAX.
ETA_MAX = 1.2
X0_MAX = 100.0
DEFAULT_ETA = 0.1
DEFAULT_X0 = 70.0
PRESETS = (0.001, 0.1, 0.5, 0.9, 1.0, 1.1)

#: The Goldilocks challenge: on x² η = 0.5 lands in one step (the page's table says so), so the
#: challenge runs the same descent on the elongated bowl x² + 10y² from (6, 9): reach
#: ‖p‖ < 0.01 in the fewest steps. gdcore tries every η = 0.001, 0.002, …, 1.2 at build time.
GOLDILOCKS_KAPPA = gd.landscapes.ELONGATION
GOLDILOCKS_START = (6.0, 9.0)
GOLDILOCKS_TARGET = 0.01
GOLDILOCKS_ETAS: tuple[float, ...] = tuple(k / 1000 for k in range(1, 1201))

#: The English source text (the catalog's msgid) of every word a widget shows, by key.
_WORDS_COMMON = {
    "eta": "Learning rate η",
    "eta_slider": "Learning rate η, slider",
    "presets": "A few learning rates to try",
    "player": "Play the descent step by step",
    "reset": "Reset",
    "step": "Step",
    "play": "Play",
    "pause": "Pause",
    "diverged": "diverges: gdcore stops at step {n}, when the loss passes 10¹² × max(1, f(x₀))",
    "error_empty": "Type a value: {allowed}.",
    "error_number": "“{typed}” is not a number. {allowed}.",
    "error_range": "{typed} is outside the allowed range. {allowed}.",
    "loss_plot": "The loss f against the step k on a logarithmic scale, for {setup}: {result}.",
    "loss_axis": "loss (log scale)",
    "step_axis": "step k",
    "zero": "0 (exactly)",
    "step_end": "End of the run: Step has nothing more to show. Reset or Play starts again.",
}

#: Words with a count, as gettext plural entries: (singular msgid, plural msgid). The catalog of
#: each language holds as many forms as its plural rule needs (English two, Vietnamese one).
_PLURALS = {
    "converged": ("converged in {n} step", "converged in {n} steps"),
    "verdict_best": (
        "η = {eta} brings the point within {target} of the bottom in {n} step: the fewest "
        "possible. gdcore tried {count} learning rates at build time, and none does better. "
        "Just right!",
        "η = {eta} brings the point within {target} of the bottom in {n} steps: the fewest "
        "possible. gdcore tried {count} learning rates at build time, and none does better. "
        "Just right!",
    ),
    "verdict_more": (
        "η = {eta} needs {n} step to bring the point within {target} of the bottom; the fewest "
        "possible is {best} (gdcore found it at η = {best_eta}). {hint}",
        "η = {eta} needs {n} steps to bring the point within {target} of the bottom; the fewest "
        "possible is {best} (gdcore found it at η = {best_eta}). {hint}",
    ),
}
_WORDS_1D = {
    **_WORDS_COMMON,
    "title": "Explore the learning rate on f(x) = x²",
    "eta_allowed": "η must be a number in the range (0, {max}]",
    "x0": "Starting point x₀",
    "x0_slider": "Starting point x₀, slider",
    "x0_allowed": "x₀ must be a number from {min} to {max}",
    "decimal": "Use a decimal point: 0.25, 1e-3.",
    "drag": "Drag the start point along the curve, or use the x₀ slider.",
    "counter": "Step {k} of {n}: x = {x}, f(x) = {f}",
    "start": "the slope at x₀ is already within the tolerance: converged in 0 steps",
    "oscillates": "oscillates forever between −|x₀| and |x₀| ({steps} steps, no convergence)",
    "slow": "not converged after {steps} steps: each step is too small",
    "damped": "oscillates and dies down too slowly: not converged after {steps} steps",
    "grows": "no convergence: |x| grows slowly (slow divergence), {steps} steps used",
    "outcome": "η = {eta}, x₀ = {x0}: {result}.",
    "setup": "η = {eta} from x₀ = {x0}",
    "shown": "The first iterates:",
    "plot": "The parabola f(x) = x² and the gradient descent iterates from x₀ = {x0} with "
    "η = {eta}: {result}.",
    "note": "Every run is computed in your browser with exactly gdcore.gradient_descent's rule "
    "and stopping tests (tested to agree number for number): at most {steps} steps, stopping "
    "when |f′(x)| ≤ 10⁻⁸.",
    "noscript": "JavaScript is needed to change η and x₀; without it, the explorer shows "
    "gdcore's result for η = 0.1 from x₀ = 70.",
    "challenge_title": "Goldilocks challenge",
    "challenge": "On x², η = 0.5 lands in one step. Now the same descent runs on the "
    "elongated bowl f(x, y) = x² + {kappa}y², from {p0}: which η brings the point within "
    "{target} of the bottom (0, 0) in the fewest steps? Set η above, then check.",
    "check": "Check my η",
    "verdict_never": "η = {eta} never brings the point within {target} of the bottom in "
    "{steps} steps. {hint}",
    "verdict_invalid": "First type a valid learning rate.",
    "hint_larger": "Try a larger η.",
    "hint_smaller": "Try a smaller η.",
}
_WORDS_2D = {
    **_WORDS_COMMON,
    "title_round": "Explore gradient descent on the bowl f(x, y) = x² + y²",
    "title_long": "Explore momentum on the elongated bowl f(x, y) = x² + {kappa}y²",
    "eta_allowed": "η must be a number in the range (0, {max}]",
    "beta": "Momentum β",
    "beta_slider": "Momentum β, slider",
    "beta_allowed": "β must be a number with 0 ≤ β < 1",
    "beta_presets": "A few momentum values to try",
    "starts": "Starting point (x₀, y₀)",
    "drag": "Drag the start point on the plot, or pick one of the buttons.",
    "start_allowed": "The link's starting point “{typed}” is not allowed: a start is two numbers "
    "x, y with |x| ≤ {xmax} and |y| ≤ {ymax}. The explorer starts from {p0} instead.",
    "counter": "Step {k} of {n}: p = {p}, f(p) = {f}",
    "stalled": "not converged after {steps} steps: the distance to the bottom went from {d0} "
    "to {d1}",
    "outcome": "{setup}: {result}.",
    "setup": "η = {eta} from {p0}",
    "setup_beta": "η = {eta}, β = {beta} from {p0}",
    "shown": "The first points of the trajectory:",
    "plot": "Contour plot of f(x, y) = {formula} (level curves around the bottom (0, 0)) and "
    "the gradient descent trajectory for {setup}: {result}.",
    "note": "Every run is computed in your browser with exactly gdcore.gradient_descent's rule "
    "and stopping tests (tested to agree number for number), with the analytic gradient: at "
    "most {steps} steps, stopping when ‖∇f‖ ≤ 10⁻⁸. The numbers on the plot are the values of "
    "f on each level curve.",
    "noscript": "JavaScript is needed to change the settings; without it, the explorer shows "
    "gdcore's result for the default setup.",
}


def words(keys: dict[str, str], lang: str) -> dict[str, str]:
    """The words of a widget in ``lang``, read from the sitebuild catalog.

    Raises:
        ValueError: ``lang`` is not a language of the site.
        LookupError: a word is missing from the catalog.

    Example:
        >>> words({"play": "Play"}, "vi")
        {'play': 'Chạy'}
    """
    code = check_lang(lang)
    return {key: CATALOG(msgid, code) for key, msgid in keys.items()}


def plurals(lang: str) -> dict[str, dict[str, Any]]:
    """The count words of the widgets in ``lang``, for the page's script: each key's plural
    rule (gettext's expression in ``n``) and forms, read from the sitebuild catalog.

    Raises:
        ValueError: ``lang`` is not a language of the site.
        LookupError: a word is missing from the catalog.

    Example:
        >>> plurals("en")["converged"]
        {'rule': '(n != 1)', 'forms': ['converged in {n} step', 'converged in {n} steps']}
        >>> plurals("vi")["converged"]
        {'rule': '0', 'forms': ['hội tụ sau {n} bước']}
    """
    code = check_lang(lang)
    found = {}
    for key, (singular, _) in _PLURALS.items():
        rule, forms = CATALOG.plural_forms(singular, code)
        found[key] = {"rule": rule, "forms": list(forms)}
    return found


def count_words(key: str, n: int, lang: str, **fields: object) -> str:
    """The count word ``key`` for ``n`` in ``lang`` (gettext's ``ngettext``).

    Example:
        >>> count_words("converged", 1, "en"), count_words("converged", 105, "en")
        ('converged in 1 step', 'converged in 105 steps')
    """
    return CATALOG.plural(_PLURALS[key][0], n, check_lang(lang), **fields)


def _json(value: Any) -> str:
    """Compact JSON that is safe inside ``<script type="application/json">``."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")


def _fmt(value: float) -> str:
    """A number as the page writes it: shortest repr, minus sign U+2212.

    Example:
        >>> _fmt(-1.5e-05), _fmt(70.0)
        ('−1.5e−05', '70')
    """
    text = repr(float(value))
    text = text.removesuffix(".0")
    return text.replace("-", "−")


# ------------------------------------------------------------------------ the 1-D explorer


def _run_1d(eta: float, x0: float, momentum: float = 0.0) -> gd.DescentResult:
    return gd.gradient_descent(
        parabola,
        x0,
        lr=eta,
        grad=parabola_grad,
        max_steps=MAX_STEPS,
        tol=TOL,
        momentum=momentum,
        record="all",
    )


def _steps_to_reach(path: Any, target: float) -> int | None:
    """The first k with ‖x_k‖ < target, or ``None``."""
    for k, point in enumerate(path):
        if math.hypot(*([point] if isinstance(point, float) else point)) < target:
            return k
    return None


@lru_cache(maxsize=1)
def goldilocks(
    etas: Sequence[float] = GOLDILOCKS_ETAS,
    kappa: float = GOLDILOCKS_KAPPA,
    start: tuple[float, float] = GOLDILOCKS_START,
    target: float = GOLDILOCKS_TARGET,
) -> dict[str, Any]:
    """The Goldilocks challenge's answer, computed by gdcore: which η bring gradient descent on
    the bowl x² + κy² from ``start`` to ‖p‖ < ``target`` in the fewest steps.

    Args:
        etas: The learning rates to try.
        kappa: The bowl's κ.
        start: The starting point (x₀, y₀).
        target: How close to the bottom (0, 0) the reader must get.

    Returns:
        A JSON-ready dict: ``kappa``, ``start``, ``target``, ``count`` (how many η were tried),
        ``best`` (the fewest steps), ``bestEtas`` (every tried η that needs that few) and
        ``steps`` (the steps each η needs, ``None`` for never, in the order of ``etas``).

    Example:
        >>> answer = goldilocks((0.05, 0.08, 0.089, 0.095, 0.5))
        >>> answer["best"], answer["bestEtas"], answer["steps"]
        (33, [0.089], [61, 37, 33, 65, None])
    """
    steps: list[int | None] = []
    for eta in etas:
        run = _run_2d(kappa, eta, 0.0, start)
        steps.append(_steps_to_reach(run.path, target))
    reached = [k for k in steps if k is not None]
    if not reached:
        raise ValueError(f"no learning rate in etas reaches ‖p‖ < {target} from {start}")
    best = min(reached)
    return {
        "kappa": kappa,
        "start": list(start),
        "target": target,
        "count": len(etas),
        "best": best,
        "bestEtas": [eta for eta, k in zip(etas, steps, strict=True) if k == best],
        "steps": steps,
    }


def explorer_config() -> dict[str, Any]:
    """The learning-rate explorer's settings, as handed to the page (JSON-ready).

    Example:
        >>> config = explorer_config()
        >>> config["eta"]["max"], config["maxSteps"], config["goldilocks"]["bestEtas"]
        (1.2, 1000, [0.089])
    """
    return {
        "maxSteps": MAX_STEPS,
        "tol": TOL,
        "eta": {"min": 0.0, "minOpen": True, "max": ETA_MAX, "default": DEFAULT_ETA},
        "x0": {"min": -X0_MAX, "max": X0_MAX, "default": DEFAULT_X0},
        "presets": list(PRESETS),
        "goldilocks": {k: v for k, v in goldilocks().items() if k != "steps"},
    }


def _outcome_1d(text: dict[str, str], run: gd.DescentResult, lang: Lang) -> str:
    """gdcore's outcome of a run on x², in the explorer's words."""
    if run.status == "converged":
        return text["start"] if run.nit == 0 else count_words("converged", run.nit, lang)
    if run.status == "diverged":
        return text["diverged"].format(n=run.nit)
    assert run.path is not None
    start, end = abs(run.path[0]), abs(run.path[-1])
    kind = "oscillates" if math.isclose(end, start, rel_tol=1e-9) else "grows"
    if end < start:
        kind = "damped" if run.path[0] * run.path[1] < 0 else "slow"
    return text[kind].format(steps=MAX_STEPS)


def explorer_html(lang: Lang = "en") -> str:
    """Return the learning-rate explorer (descent on f(x) = x²) as one HTML block in ``lang``.

    The block comes from the template ``gd-explorer-1d.html``: the controls, two empty
    charts that ``explorer.js`` draws (the parabola with the iterates, the loss against k), the
    Goldilocks challenge, gdcore's outcome for the default setup (η = 0.1 from x₀ = 70) in words,
    and the configuration as JSON.

    Args:
        lang: ``"vi"`` or ``"en"``.

    Returns:
        The HTML, to be printed by a ``python exec="on" html="1"`` block.

    Raises:
        ValueError: ``lang`` is not ``"vi"`` or ``"en"``.

    Example:
        >>> block = explorer_html(lang="en")
        >>> "data-gd-explorer" in block, "converged in 105 steps" in block
        (True, True)
        >>> "hội tụ sau 105 bước" in explorer_html(lang="vi")
        True
    """
    text = words(_WORDS_1D, lang)
    config = explorer_config()
    run = _run_1d(DEFAULT_ETA, DEFAULT_X0)
    fields = {
        "eta": _fmt(DEFAULT_ETA),
        "x0": _fmt(DEFAULT_X0),
        "result": _outcome_1d(text, run, lang),
    }
    text["challenge"] = text["challenge"].format(
        kappa=_fmt(GOLDILOCKS_KAPPA),
        p0=_fmt_point(GOLDILOCKS_START),
        target=_fmt(GOLDILOCKS_TARGET),
    )
    return _TEMPLATES.get_template("gd-explorer-1d.html").render(
        lang=lang,
        w=text,
        config=config,
        fmt=_fmt,
        default_eta=_fmt(DEFAULT_ETA),
        default_x0=_fmt(DEFAULT_X0),
        eta_allowed=text["eta_allowed"].format(max=_fmt(ETA_MAX)),
        x0_allowed=text["x0_allowed"].format(min=_fmt(-X0_MAX), max=_fmt(X0_MAX)),
        outcome=text["outcome"].format(**fields),
        plot_label=text["plot"].format(**fields),
        loss_label=text["loss_plot"].format(
            setup=text["setup"].format(**fields), result=fields["result"]
        ),
        note=text["note"].format(steps=MAX_STEPS),
        config_json=_json({"config": config, "text": text, "plurals": plurals(lang), "lang": lang}),
    )


# ------------------------------------------------------------------------ the 2-D explorer


def _run_2d(kappa: float, eta: float, beta: float, start: Sequence[float]) -> gd.DescentResult:
    return gd.gradient_descent(
        lambda p: elongated_bowl(p, kappa),
        list(start),
        lr=eta,
        grad=lambda p: elongated_bowl_grad(p, kappa),
        max_steps=MAX_STEPS,
        tol=TOL,
        momentum=beta,
        record="all",
    )


def _fmt_point(point: Sequence[float]) -> str:
    return "(" + ", ".join(_fmt(round(float(v), 4)) for v in point) + ")"


def _descent_2d_html(lang: Lang, config: dict[str, Any], ident: str) -> str:
    text = words(_WORDS_2D, lang)
    kappa = config["kappa"]
    eta, beta = config["eta"]["default"], config["beta"]["default"]
    start = config["starts"][0]
    run = _run_2d(kappa, eta, beta, start)
    if run.status == "converged":
        result = count_words("converged", run.nit, lang)
    elif run.status == "diverged":
        result = text["diverged"].format(n=run.nit)
    else:  # pragma: no cover - the defaults converge
        raise RuntimeError(f"the default run of the {ident} explorer did not converge")
    key = "setup_beta" if config["momentum"] else "setup"
    setup = text[key].format(eta=_fmt(eta), beta=_fmt(beta), p0=_fmt_point(start))
    formula = "x² + y²" if kappa == 1 else f"x² + {_fmt(kappa)}y²"
    text["title"] = (
        text["title_round"] if kappa == 1 else text["title_long"].format(kappa=_fmt(kappa))
    )
    return _TEMPLATES.get_template("gd-explorer-2d.html").render(
        lang=lang,
        ident=ident,
        w=text,
        config=config,
        fmt=_fmt,
        fmt_point=_fmt_point,
        eta_allowed=text["eta_allowed"].format(max=_fmt(config["eta"]["max"])),
        outcome=text["outcome"].format(setup=setup, result=result),
        plot_label=text["plot"].format(formula=formula, setup=setup, result=result),
        loss_label=text["loss_plot"].format(setup=setup, result=result),
        note=text["note"].format(steps=MAX_STEPS),
        config_json=_json(
            {
                "config": config,
                "text": text,
                "plurals": plurals(lang),
                "lang": lang,
                "formula": formula,
            }
        ),
    )


_STARTS_ROUND = ((6.0, 9.0), (-14.0, 5.0), (12.0, -6.0), (-5.0, -10.0), (3.0, 2.0))
_STARTS_LONG = ((6.0, 9.0), (-14.0, 3.0), (12.0, -6.0), (-5.0, -10.0))


def _config_2d(
    kappa: float,
    *,
    momentum: bool,
    eta: float,
    eta_max: float,
    beta: float,
    starts: Sequence[tuple[float, float]],
    presets: Sequence[float],
    beta_presets: Sequence[float] = (),
    levels: Sequence[float],
) -> dict[str, Any]:
    return {
        "kappa": kappa,
        "momentum": momentum,
        "maxSteps": MAX_STEPS,
        "tol": TOL,
        "eta": {"min": 0.0, "minOpen": True, "max": eta_max, "default": eta},
        "beta": {"min": 0.0, "max": 1.0, "maxOpen": True, "default": beta},
        "starts": [list(p) for p in starts],
        "presets": list(presets),
        "betaPresets": list(beta_presets),
        "levels": list(levels),
    }


def bowl_explorer_html(lang: Lang = "en") -> str:
    """Return the 2-D explorer on the round bowl x² + y² (the 2-D page) in ``lang``.

    Args:
        lang: ``"vi"`` or ``"en"``.

    Returns:
        The HTML of ``gd-explorer-2d.html``, for a ``python exec="on" html="1"`` block.

    Raises:
        ValueError: ``lang`` is not ``"vi"`` or ``"en"``.

    Example:
        >>> block = bowl_explorer_html(lang="en")
        >>> "data-gd-explorer-2d" in block, "converged in 97 steps" in block
        (True, True)
    """
    config = _config_2d(
        1.0,
        momentum=False,
        eta=0.1,
        eta_max=1.2,
        beta=0.0,
        starts=_STARTS_ROUND,
        presets=(0.01, 0.1, 0.5, 0.9, 1.0, 1.1),
        levels=[r * r for r in (3, 6, 9, 12, 15, 18)],
    )
    return _descent_2d_html(check_lang(lang), config, "bowl")


#: The momentum page's elongated bowl and its explorer's defaults.
MOMENTUM_KAPPA = gd.landscapes.ELONGATION
MOMENTUM_DEFAULT_ETA = 0.09
MOMENTUM_DEFAULT_BETA = 0.0


def momentum_explorer_html(lang: Lang = "en") -> str:
    """Return the 2-D explorer with momentum on the elongated bowl x² + 10y² in ``lang``.

    Args:
        lang: ``"vi"`` or ``"en"``.

    Returns:
        The HTML of ``gd-explorer-2d.html``, for a ``python exec="on" html="1"`` block.

    Raises:
        ValueError: ``lang`` is not ``"vi"`` or ``"en"``.

    Example:
        >>> block = momentum_explorer_html(lang="en")
        >>> "Momentum β" in block, "x² + 10y²" in block
        (True, True)
    """
    config = _config_2d(
        MOMENTUM_KAPPA,
        momentum=True,
        eta=MOMENTUM_DEFAULT_ETA,
        eta_max=0.25,
        beta=MOMENTUM_DEFAULT_BETA,
        starts=_STARTS_LONG,
        presets=(0.01, 0.05, 0.09, 0.1, 0.105, 0.11),
        beta_presets=(0.0, 0.3, 0.5, 0.9),
        levels=[10 * r * r for r in (1, 2, 3, 4, 5)] + [490.0, 810.0, 1210.0],
    )
    return _descent_2d_html(check_lang(lang), config, "momentum")
