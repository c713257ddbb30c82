"""The mini-batch explorer: gdcore's stochastic gradient descent runs, chosen by the reader.

The stochastic-descent page fits a line to real data (the diabetes data of Efron et al. 2004:
disease progression against the standardized body-mass index, two parameters, a weight ``w``
and an intercept ``b``) with :func:`gdcore.sgd`. The reader picks a batch size, a learning
rate and a schedule, and sees the path in the (w, b) plane and the loss after every update.

Every run the widget can show is computed here, at build time, by ``gd.sgd`` (the same seed
for all), and handed to the page as data: the browser only draws gdcore's numbers. To keep the
page light the paths and losses are thinned for drawing (every ``every``-th update, always the
first and the last, rounded to what the chart can show); the numbers the widget writes (final
loss, updates, gradient evaluations) are gdcore's, unrounded until formatted. The choices are
buttons, so nothing a reader types can be misread.

A page uses it in an executed block::

    from sitebuild.widgets.sgd import sgd_explorer_html
    print(sgd_explorer_html(lang="vi"))
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

import gdcore as gd
from gdcore.i18n import Lang, check_lang
from sitebuild.widgets.explorer import words

__all__ = [
    "BATCH_SIZES",
    "EPOCHS",
    "ETAS",
    "SCHEDULES",
    "SEED",
    "line_problem",
    "sgd_explorer_html",
    "sgd_runs",
]

_HERE = Path(__file__).resolve().parent
_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(_HERE),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

#: The choices the reader has, and what every run shares.
BATCH_SIZES = (1, 8, 64, 442)
ETAS = (0.01, 0.05, 0.2)
SCHEDULES = ("constant", "decay")
EPOCHS = 5
SEED = 0
START = (0.0, 0.0)
#: At most this many points of a path (and of its losses) are drawn.
DRAWN = 160
DEFAULT_BATCH, DEFAULT_ETA, DEFAULT_SCHEDULE = 8, 0.05, "constant"
DEFAULT = {"batch": DEFAULT_BATCH, "eta": DEFAULT_ETA, "schedule": DEFAULT_SCHEDULE}

_WORDS = {
    "title": "Explore mini-batch descent on the diabetes data",
    "batch": "Batch size B",
    "eta": "Learning rate η",
    "schedule": "Schedule",
    "constant": "constant η",
    "decay": "η / (1 + epoch)",
    "full": "{n} (full batch)",
    "outcome": "B = {batch}, η₀ = {eta}, {schedule}: {epochs} epochs = {updates} updates, "
    "{evals} per-example gradients; loss at the end {loss} (the smallest possible: {best}).",
    "plot": "The paths of gradient descent in the plane of the weight w and the intercept b, "
    "on circles of equal loss around the best line.",
    "loss_plot": "The loss on all the data after every update, on a logarithmic scale.",
    "loss_axis": "loss − smallest loss (log scale)",
    "step_axis": "epoch",
    "note": "Every run shown here was computed by gdcore.sgd when the page was built (seed "
    "{seed}, the same shuffles for every choice); the browser only draws it, with at most "
    "{points} points per curve.",
    "noscript": "JavaScript is needed to switch runs; without it, the explorer shows gdcore's "
    "result for the default choice.",
}


def line_problem() -> gd.regression.LinearMSE:
    """The page's line: disease progression against the standardized body-mass index.

    Example:
        >>> line_problem().n_examples, line_problem().n_params
        (442, 2)
    """
    data = gd.datasets.load_diabetes()
    z, _ = gd.regression.standardize(data.columns("bmi"))
    return gd.regression.LinearMSE(z, data.y)


def _schedule(eta: float, kind: str, per_epoch: int) -> Any:
    if kind == "constant":
        return eta
    return lambda k: eta / (1 + k // per_epoch)


@lru_cache(maxsize=1)
def sgd_runs() -> dict[str, Any]:
    """Every run the explorer offers, computed by ``gd.sgd`` (JSON-ready, thinned for drawing).

    Returns:
        ``{"best": {...}, "runs": {"B|eta|schedule": {...}}}``: the best line and its loss,
        and per run the updates per epoch, the updates made, the gradient evaluations, the
        final loss (unrounded) and the drawn points ``w``, ``b``, ``excess`` (the loss above
        the best line's): those after updates 0, ``every``, 2 ``every``, … and the last one
        (the i-th after update min(i·``every``, ``nit``), which the page works out).

    Example:
        >>> runs = sgd_runs()["runs"]
        >>> run = runs["8|0.05|constant"]
        >>> run["perEpoch"], run["nit"], run["evals"]
        (56, 280, 2210)
    """
    line = line_problem()
    n = line.n_examples
    best = line.solution()
    w_best, b_best, loss_best = float(best[0]), float(best[1]), line.loss(best)
    runs: dict[str, Any] = {}
    for batch in BATCH_SIZES:
        per_epoch = math.ceil(n / batch)
        for eta in ETAS:
            for kind in SCHEDULES:
                result = gd.sgd(
                    line.grad,
                    list(START),
                    n,
                    lr=_schedule(eta, kind, per_epoch),
                    batch_size=batch,
                    epochs=EPOCHS,
                    seed=SEED,
                    loss=line.loss,
                    record="all",
                )
                if result.path is None or result.fun_path is None:  # pragma: no cover
                    raise RuntimeError("gd.sgd did not record the run")
                every = max(1, math.ceil(result.nit / DRAWN))
                keep = list(range(0, result.nit + 1, every))
                if keep[-1] != result.nit:
                    keep.append(result.nit)
                runs[f"{batch}|{eta}|{kind}"] = {
                    "perEpoch": per_epoch,
                    "nit": result.nit,
                    "evals": result.example_gradients,
                    "status": result.status,
                    "loss": float(result.fun),
                    "every": every,
                    "w": [round(float(result.path[k][0]), 2) for k in keep],
                    "b": [round(float(result.path[k][1]), 2) for k in keep],
                    "excess": [float(f"{float(result.fun_path[k]) - loss_best:.3g}") for k in keep],
                }
    return {"best": {"w": w_best, "b": b_best, "loss": loss_best}, "n": n, "runs": runs}


def _num(value: float, digits: int = 6) -> str:
    text = f"{value:.{digits}g}"
    return text.replace("-", "−")


def _outcome(text: dict[str, str], data: dict[str, Any], batch: int, eta: float, kind: str) -> str:
    run = data["runs"][f"{batch}|{eta}|{kind}"]
    return text["outcome"].format(
        batch=batch,
        eta=_num(eta),
        schedule=text[kind],
        epochs=EPOCHS,
        updates=run["nit"],
        evals=run["evals"],
        loss=_num(run["loss"]),
        best=_num(data["best"]["loss"]),
    )


def sgd_explorer_html(lang: Lang = "en", ident: str = "diabetes") -> str:
    """Return the mini-batch explorer as one HTML block in ``lang``.

    Raises:
        ValueError: ``lang`` is not ``"vi"`` or ``"en"``.

    Example:
        >>> block = sgd_explorer_html(lang="en")
        >>> "data-gd-sgd" in block, "280 updates" in block
        (True, True)
    """
    code = check_lang(lang)
    text = words(_WORDS, code)
    data = sgd_runs()
    groups = [
        {
            "key": "batch",
            "label": text["batch"],
            "default": DEFAULT_BATCH,
            "choices": [
                {"value": b, "text": text["full"].format(n=b) if b == data["n"] else str(b)}
                for b in BATCH_SIZES
            ],
        },
        {
            "key": "eta",
            "label": text["eta"],
            "default": DEFAULT_ETA,
            "choices": [{"value": e, "text": f"η₀ = {_num(e)}"} for e in ETAS],
        },
        {
            "key": "schedule",
            "label": text["schedule"],
            "default": DEFAULT_SCHEDULE,
            "choices": [{"value": s, "text": text[s]} for s in SCHEDULES],
        },
    ]
    note = text["note"].format(seed=SEED, points=DRAWN + 1)
    outcome = _outcome(text, data, DEFAULT_BATCH, DEFAULT_ETA, DEFAULT_SCHEDULE)
    payload = {"data": data, "text": text, "lang": code, "epochs": EPOCHS, "default": DEFAULT}
    return _TEMPLATES.get_template("gd-sgd-explorer.html").render(
        lang=code,
        ident=ident,
        w=text,
        groups=groups,
        outcome=outcome,
        note=note,
        config_json=json.dumps(payload, separators=(",", ":"), ensure_ascii=False).replace(
            "</", "<\\/"
        ),
    )
