"""The optimizers explorer: plain descent, momentum, RMSProp and Adam on the elongated bowl.

The feature-scaling page ends with this widget: the reader types a learning rate for each of
the four methods and picks a starting point, and sees the four paths on the contour plot of
x² + κy² (κ = ``gdcore.landscapes.ELONGATION``) and their losses against the step. The browser
computes every run: plain descent and momentum with ``descent-core.js`` (the learning-rate
explorers' copy of ``gd.gradient_descent``), RMSProp and Adam with ``optimizers-core.js``
beside this module, a line-by-line copy of ``gd.rmsprop`` and ``gd.adam`` (tested against
gdcore bit for bit on a grid in Chromium). The HTML printed here already says what gdcore
finds for the default setup, so the page tells the truth before (or without) JavaScript.

A page uses it in an executed block::

    from sitebuild.widgets.optimizers import optimizers_explorer_html
    print(optimizers_explorer_html(lang="vi"))
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2

import gdcore as gd
from gdcore.i18n import Lang, check_lang
from gdcore.landscapes import ELONGATION, elongated_bowl, elongated_bowl_grad
from sitebuild.widgets.explorer import MAX_STEPS, TOL, count_words, plurals, words

__all__ = ["DEFAULT_ETAS", "METHODS", "STARTS", "optimizer_run", "optimizers_explorer_html"]

_HERE = Path(__file__).resolve().parent
_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(_HERE),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

#: The four methods in the order drawn, with their fixed hyper-parameters (PyTorch's defaults
#: for RMSProp and Adam; β = 0.9 for the heavy ball).
METHODS: dict[str, dict[str, float]] = {
    "plain": {},
    "momentum": {"beta": 0.9},
    "rmsprop": {"alpha": 0.99, "eps": 1e-8},
    "adam": {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
}
#: The learning rates the explorer starts with, and the largest one a reader may type.
DEFAULT_ETAS = {"plain": 0.09, "momentum": 0.02, "rmsprop": 0.1, "adam": 0.5}
ETA_MAX = 2.0
STARTS = ((6.0, 9.0), (-14.0, 3.0), (12.0, -6.0), (-5.0, -10.0))
LEVELS = [10 * r * r for r in (1, 2, 3, 4, 5)] + [490.0, 810.0, 1210.0]

_WORDS = {
    "title": "Compare plain descent, momentum, RMSProp and Adam on x² + {kappa}y²",
    "name_plain": "Plain descent",
    "name_momentum": "Momentum (β = 0.9)",
    "eta_allowed": "η must be a number in the range (0, {max}]",
    "starts": "Starting point (x₀, y₀)",
    "diverged": "diverges: gdcore stops at step {n}, when the loss passes 10¹² × max(1, f(x₀))",
    "stalled": "not converged after {steps} steps; it ends {d} from the bottom",
    "result": "{name}, η = {eta}: {result}",
    "refused": "{name}: no run until η is a valid number.",
    "error_empty": "Type a value: {allowed}.",
    "error_number": "“{typed}” is not a number. {allowed}.",
    "error_range": "{typed} is outside the allowed range. {allowed}.",
    "loss_axis": "loss (log scale)",
    "step_axis": "step k",
    "plot": "Contour plot of the elongated bowl with the paths of the four methods from {p0}.",
    "loss_label": "The loss of each method against the step k, on a logarithmic scale.",
    "note": "Every run is computed in your browser with exactly gdcore's update rules and "
    "stopping tests (gd.gradient_descent, gd.rmsprop, gd.adam; tested to agree number for "
    "number): at most {steps} steps, stopping when ‖∇f‖ ≤ 10⁻⁸.",
    "noscript": "JavaScript is needed to change the settings; without it, the explorer shows "
    "gdcore's results for the default setup.",
}
#: The proper names, the same in every language.
_NAMES = {"rmsprop": "RMSProp", "adam": "Adam"}
_HELP = {
    "rmsprop": "α = 0.99, ε = 10⁻⁸",
    "adam": "β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸",
}


def optimizer_run(
    method: str, eta: float, start: Sequence[float], *, max_steps: int = MAX_STEPS
) -> gd.DescentResult:
    """gdcore's run of one of the explorer's methods on the elongated bowl.

    Raises:
        ValueError: ``method`` is not one of `METHODS`.

    Example:
        >>> optimizer_run("plain", 1 / 11, (6.0, 9.0)).nit
        118
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}; got {method!r}")
    p = METHODS[method]
    common: dict[str, Any] = {
        "lr": eta,
        "grad": elongated_bowl_grad,
        "max_steps": max_steps,
        "tol": TOL,
        "record": "all",
    }
    x0 = list(start)
    if method == "rmsprop":
        return gd.rmsprop(elongated_bowl, x0, alpha=p["alpha"], eps=p["eps"], **common)
    if method == "adam":
        return gd.adam(
            elongated_bowl, x0, beta1=p["beta1"], beta2=p["beta2"], eps=p["eps"], **common
        )
    return gd.gradient_descent(elongated_bowl, x0, momentum=p.get("beta", 0.0), **common)


def _fmt(value: float) -> str:
    return repr(float(value)).removesuffix(".0").replace("-", "−")


def _fmt_point(point: Sequence[float]) -> str:
    return "(" + ", ".join(_fmt(v) for v in point) + ")"


def _result(text: dict[str, str], run: gd.DescentResult, lang: Lang) -> str:
    if run.status == "converged":
        return count_words("converged", run.nit, lang)
    if run.status == "diverged":
        return text["diverged"].format(n=run.nit)
    x, y = (float(v) for v in run.x)  # type: ignore[union-attr]
    distance = (x * x + y * y) ** 0.5
    return text["stalled"].format(steps=MAX_STEPS, d=f"{distance:.4g}".replace("-", "−"))


def optimizers_explorer_html(lang: Lang = "en", ident: str = "bowl") -> str:
    """Return the optimizers explorer as one HTML block in ``lang``.

    Args:
        lang: ``"vi"`` or ``"en"``.
        ident: Makes the block's element ids unique on the page.

    Returns:
        The HTML, to be printed by a ``python exec="on" html="1"`` block.

    Raises:
        ValueError: ``lang`` is not ``"vi"`` or ``"en"``.

    Example:
        >>> block = optimizers_explorer_html(lang="en")
        >>> "data-gd-optimizers" in block, "Adam, η = 0.5" in block
        (True, True)
    """
    code = check_lang(lang)
    text = words(_WORDS, code)
    text.update({f"name_{key}": name for key, name in _NAMES.items()})
    methods = []
    for key, params in METHODS.items():
        eta = DEFAULT_ETAS[key]
        run = optimizer_run(key, eta, STARTS[0])
        outcome = text["result"].format(
            name=text[f"name_{key}"], eta=_fmt(eta), result=_result(text, run, code)
        )
        methods.append(
            {
                "id": key,
                "params": params,
                "eta": {"min": 0.0, "minOpen": True, "max": ETA_MAX, "default": eta},
                "help": text["eta_allowed"].format(max=_fmt(ETA_MAX))
                + (f"; {_HELP[key]}" if key in _HELP else "")
                + ".",
                "outcome": outcome,
            }
        )
    config = {
        "kappa": ELONGATION,
        "maxSteps": MAX_STEPS,
        "tol": TOL,
        "starts": [list(p) for p in STARTS],
        "levels": LEVELS,
        "methods": methods,
    }
    text["title"] = text["title"].format(kappa=_fmt(ELONGATION))
    note = text["note"].format(steps=MAX_STEPS)
    payload = {"config": config, "text": text, "lang": code, "plurals": plurals(code)}
    return _TEMPLATES.get_template("gd-optimizers.html").render(
        lang=code,
        ident=ident,
        w=text,
        config=config,
        fmt=_fmt,
        fmt_point=_fmt_point,
        plot_label=text["plot"].format(p0=_fmt_point(STARTS[0])),
        note=note,
        config_json=json.dumps(payload, separators=(",", ":"), ensure_ascii=False).replace(
            "</", "<\\/"
        ),
    )
