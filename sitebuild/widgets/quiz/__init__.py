"""Self-check questions at the end of each lesson page, with answers computed by gdcore.

Each page gets a few questions of two kinds:

- **multiple choice**: one correct option; every wrong option has its own hint;
- **numeric**: a number checked with a tolerance; typical wrong numbers (the minus sign
  forgotten, ``η·x`` used instead of ``η·2x``, one step too many, …) are recognised and get
  their own hint; any other number gets a general hint.

What is computed lives here: the answer keys, the typical mistakes and the numbers quoted in
the explanations all come from gdcore when the site is built (``gd.gradient_descent``,
``gd.derivative``, ``gd.Value``, ``gd.losses``). What people read lives in one file per
language, ``questions/<lang>.yml`` beside this module (the prompts, options, hints and
explanations, with
``{name}`` fields this module fills in), and the widget's own words in the ``sitebuild``
gettext catalog. :func:`quiz_html` hands both to the page as HTML plus JSON;
``assets/gdcore/quiz.js`` checks answers in the browser, keeps progress in ``localStorage``
and announces feedback to screen readers. Plain JavaScript, nothing loaded from elsewhere.

A page uses it in an executed block::

    from sitebuild.widgets.quiz import quiz_html
    print(quiz_html("derivative", lang="vi"))
"""

from __future__ import annotations

import functools
import html
import itertools
import json
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from gdcore.i18n import Catalog, Lang, check_lang

__all__ = [
    "PAGES",
    "TOL",
    "Choice",
    "Numeric",
    "questions",
    "quiz_data",
    "quiz_html",
    "quiz_texts",
]

HERE = Path(__file__).resolve().parent
#: The widget's words (buttons, feedback, messages).
ui = Catalog(HERE.parents[1] / "locale", "sitebuild")

#: Accepted distance from the exact answer: answers to two decimals are right.
TOL = 0.005

Number = float | int


@dataclass(frozen=True)
class Choice:
    """A multiple-choice question: option ids in display order and the correct one."""

    id: str
    options: tuple[str, ...]
    correct: str
    fields: Mapping[str, Number | str] = field(default_factory=dict)


@dataclass(frozen=True)
class Numeric:
    """A question answered with a number (within ``tol``) and its recognised mistakes."""

    id: str
    answer: float
    mistakes: Mapping[str, float]
    fields: Mapping[str, Number | str] = field(default_factory=dict)
    tol: float = TOL


Question = Choice | Numeric


def num(value: float) -> str:
    """A number as the pages write it: up to 6 significant digits, a real minus sign.

    Example:
        >>> num(44.800000000000004), num(-9.0), num(0.5), num(72924379.02)
        ('44.8', '−9', '0.5', '7.29244e+07')
    """
    text = f"{float(value):.6g}"
    if text in ("-0", "0"):
        text = "0"
    return text.replace("-", "−")


def power_of_ten(value: float, digits: int = 2) -> str:
    """A number in scientific notation as the pages write it in prose: ``m·10ⁿ``.

    Example:
        >>> power_of_ten(4.6735e-09), power_of_ten(-1250.0), power_of_ten(0.5)
        ('4.7·10⁻⁹', '−1.2·10³', '5·10⁻¹')
    """
    mantissa, exponent = f"{float(value):.{digits - 1}e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".")
    power = str(int(exponent)).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"{mantissa}·10{power}".replace("-", "−")


def _clean(value: float) -> float:
    """Drop floating-point dust (``44.800000000000004`` → ``44.8``) from an exact answer."""
    return float(f"{float(value):.10g}")


def _descend(lr: float, x0: float, steps: int, grad: Callable[[float], float]) -> list[float]:
    """The first ``steps`` iterates of gdcore's gradient descent from ``x0`` (with ``grad``)."""
    import gdcore as gd

    result = gd.gradient_descent(
        lambda x: x * x, x0, lr=lr, grad=grad, max_steps=steps, tol=0.0, record="all"
    )
    assert result.path is not None  # record="all"
    return [_clean(v) for v in result.path]


# ------------------------------------------------------------------------------ the questions


def _derivative() -> list[Question]:
    import gdcore as gd
    from gdcore.landscapes import parabola

    slope_m3 = _clean(gd.derivative(parabola, -3.0))
    slope_5 = _clean(gd.derivative(parabola, 5.0))
    slope_1 = _clean(gd.derivative(parabola, 1.0))
    x1 = _clean(1.0 - 0.1 * slope_1)
    return [
        Choice(
            "sign",
            ("negative", "zero", "positive"),
            "negative" if slope_m3 < 0 else "positive",
            {"slope": num(slope_m3)},
        ),
        Numeric(
            "slope",
            slope_5,
            {"value": parabola(5.0), "no_two": 5.0, "sign": -slope_5},
            {"value": num(parabola(5.0)), "slope": num(slope_5)},
        ),
        Choice(
            "direction",
            ("right", "left", "stay"),
            "left" if slope_1 > 0 else "right",
            {
                "slope": num(slope_1),
                "x1": num(x1),
                "f0": num(parabola(1.0)),
                "f1": num(parabola(x1)),
            },
        ),
    ]


def _gradient_descent() -> list[Question]:
    import gdcore as gd
    from gdcore.landscapes import parabola, parabola_grad

    x0, lr = 70.0, 0.1
    right = _descend(lr, x0, 3, parabola_grad)
    uphill = [x0, _clean(x0 + lr * parabola_grad(x0))]  # the minus sign forgotten
    uphill.append(_clean(uphill[1] + lr * parabola_grad(uphill[1])))
    eta_x = _descend(lr, x0, 2, lambda x: x)  # the slope of x²/2: η·x instead of η·2x
    run = gd.gradient_descent(parabola, x0, lr=lr, grad=parabola_grad)
    return [
        Numeric(
            "x1",
            right[1],
            {"sign": uphill[1], "eta_x": eta_x[1], "step": _clean(lr * parabola_grad(x0))},
            {"x1": num(right[1]), "step": num(lr * parabola_grad(x0)), "g0": num(2 * x0)},
        ),
        Numeric(
            "x2",
            right[2],
            {"sign": uphill[2], "eta_x": eta_x[2], "too_many": right[3], "too_few": right[1]},
            {
                "x1": num(right[1]),
                "x2": num(right[2]),
                "x3": num(right[3]),
                "g1": num(parabola_grad(right[1])),
                "factor": num(1 - 2 * lr),
            },
        ),
        Choice(
            "stop",
            ("bottom_of_derivative", "bottom_of_f", "exactly_zero"),
            "bottom_of_f",
            {"n": run.nit, "x": power_of_ten(float(run.x))},
        ),
    ]


def _learning_rate() -> list[Question]:
    import gdcore as gd
    from gdcore.landscapes import parabola, parabola_grad

    x0 = 70.0
    runs = {
        lr: gd.gradient_descent(parabola, x0, lr=lr, grad=parabola_grad)
        for lr in (0.001, 0.1, 0.9, 1.0, 1.1)
    }
    ids = {0.001: "eta_0_001", 0.1: "eta_0_1", 0.9: "eta_0_9", 1.1: "eta_1_1"}
    (diverging,) = [ids[lr] for lr in ids if runs[lr].status == "diverged"]
    x1 = _descend(0.9, x0, 1, parabola_grad)[1]
    one = runs[1.0]
    outcome = {"converged": "converges", "diverged": "diverges"}.get(one.status, "oscillates")
    if one.status == "max_steps" and abs(float(one.x)) != x0:  # pragma: no cover
        raise RuntimeError("η = 1 on x² should oscillate between ±x₀")
    return [
        Choice(
            "diverges",
            ("eta_0_001", "eta_0_1", "eta_0_9", "eta_1_1"),
            diverging,
            {
                "x_small": num(float(runs[0.001].x)),
                "n_small": runs[0.001].nit,
                "n_01": runs[0.1].nit,
                "n_09": runs[0.9].nit,
                "n_11": runs[1.1].nit,
                "factor_09": num(1 - 2 * 0.9),
                "factor_11": num(1 - 2 * 1.1),
            },
        ),
        Numeric(
            "overshoot",
            x1,
            {
                "side": -x1,
                "eta_x": _descend(0.9, x0, 1, lambda x: x)[1],
                "sign": x0 + 0.9 * parabola_grad(x0),
            },
            {"x1": num(x1), "step": num(0.9 * parabola_grad(x0))},
        ),
        Choice(
            "one",
            ("converges", "oscillates", "diverges"),
            outcome,
            {"steps": one.nit, "x_end": num(float(one.x)), "factor": num(1 - 2 * 1.0)},
        ),
    ]


def _loss_functions() -> list[Question]:
    import gdcore as gd
    from gdcore.landscapes import step, step_grad

    def grads(r: float) -> tuple[float, float]:
        mse = float(gd.losses.mse_grad([r], [0.0])[0])
        mae = float(gd.losses.mae_grad([r], [0.0])[0])
        return mse, mae

    mse4, mae4 = grads(4.0)
    mse_m, mae_m = grads(-2.0)
    mse_small, mae_small = grads(0.1)
    flat = gd.gradient_descent(step, 2.0, lr=0.1, grad=step_grad)
    return [
        Numeric(
            "mse_grad",
            mse4,
            {"loss": gd.losses.mse([4.0], [0.0]), "no_two": 4.0, "mae": mae4},
            {"grad": num(mse4), "loss": num(gd.losses.mse([4.0], [0.0])), "mae": num(mae4)},
        ),
        Numeric(
            "mae_grad",
            mae_m,
            {"sign": -mae_m, "value": gd.losses.mae([-2.0], [0.0]), "mse": mse_m},
            {"grad": num(mae_m), "mse": num(mse_m)},
        ),
        Choice(
            "near_zero",
            ("mse", "mae", "both"),
            "mae" if abs(mae_small) > abs(mse_small) else "mse",
            {"mse": num(mse_small), "mae": num(mae_small)},
        ),
        Choice(
            "step",
            ("slides", "stays", "jumps"),
            "stays" if flat.nit == 0 else "slides",
            {"n": flat.nit, "x": num(float(flat.x)), "slope": num(step_grad(2.0))},
        ),
    ]


def _gradient_descent_2d() -> list[Question]:
    import numpy as np

    import gdcore as gd
    from gdcore.landscapes import bowl, bowl_grad

    start = np.array([6.0, 9.0])
    g = [_clean(v) for v in gd.calculus.gradient(bowl, start)]
    run = gd.gradient_descent(bowl, start, lr=0.1, grad=bowl_grad, max_steps=2, record="all")
    assert run.path is not None
    p1, p2 = [[_clean(v) for v in p] for p in run.path[1:3]]
    eta_y = _clean(9.0 - 0.1 * 9.0)
    return [
        Choice(
            "direction",
            ("uphill", "steepest", "contour", "left"),
            "steepest",
            {"gx": num(g[0]), "gy": num(g[1]), "mgx": num(-g[0]), "mgy": num(-g[1])},
        ),
        Numeric(
            "dfdy",
            g[1],
            {"no_two": 9.0, "value": 81.0, "other": g[0], "f": float(bowl(start))},
            {"gy": num(g[1]), "gx": num(g[0])},
        ),
        Numeric(
            "y1",
            p1[1],
            {"sign": 9.0 + 0.1 * g[1], "eta_x": eta_y, "too_many": p2[1], "other": p1[0]},
            {"x1": num(p1[0]), "y1": num(p1[1]), "gy": num(g[1]), "y2": num(p2[1])},
        ),
        *_steepest_and_curvature(),
    ]


def _steepest_and_curvature() -> list[Question]:
    """The "why" of the 2-D page: the steepest slope, the limit 2/L, one Newton step."""
    import numpy as np

    import gdcore as gd
    from gdcore.landscapes import bowl, bowl_grad, elongated_bowl_grad, elongated_bowl_hessian

    start = np.array([6.0, 9.0])
    g = bowl_grad(start)
    steepest = _clean(gd.calculus.directional_derivative(bowl, start, -g))
    kappa = 5.0
    hessian = elongated_bowl_hessian(kappa)
    mu, big = gd.curvature.curvatures(hessian)
    limit = _clean(gd.curvature.stability_limit(hessian))
    best = _clean(gd.curvature.best_learning_rate(hessian))
    p0 = np.array([6.0, 2.0])
    newton = np.asarray(gd.curvature.newton_step(p0, elongated_bowl_grad, elongated_bowl_hessian()))
    safe_lr = 1 / gd.curvature.curvatures(elongated_bowl_hessian())[1]  # 1/L
    small = gd.gradient_descent(
        gd.landscapes.elongated_bowl,
        p0,
        lr=safe_lr,
        grad=elongated_bowl_grad,
        max_steps=1,
        tol=0.0,
        record="all",
    )
    assert small.path is not None
    gd_step = [_clean(v) for v in small.path[1]]
    grad0 = elongated_bowl_grad(p0)
    h10 = np.diag(elongated_bowl_hessian())
    move = [_clean(v) for v in p0 - newton]
    landing = "minimum" if np.allclose(newton, 0.0, atol=1e-12) else "gradient_step"
    return [
        Numeric(
            "steepest",
            steepest,
            {
                "sign": -steepest,
                "squared": -float(g @ g),
                "sum": -float(np.abs(g).sum()),
                "level": 0.0,
            },
            {
                "gx": num(g[0]),
                "gy": num(g[1]),
                "norm": num(round(-steepest, 4)),
                "slope": num(round(steepest, 4)),
            },
        ),
        Numeric(
            "limit",
            limit,
            {"one_over_l": _clean(1 / big), "best": best, "flat": _clean(2 / mu)},
            {
                "kappa": num(kappa),
                "L": num(big),
                "mu": num(mu),
                "limit": num(limit),
                "best": num(round(best, 4)),
                "flat": num(_clean(2 / mu)),
            },
        ),
        Choice(
            "newton",
            ("gradient_step", "minimum", "mirror"),
            landing,
            {
                "gx": num(gd_step[0]),
                "gy": num(gd_step[1]),
                "eta": num(safe_lr),
                "g0": num(grad0[0]),
                "g1": num(grad0[1]),
                "h0": num(h10[0]),
                "h1": num(h10[1]),
                "m0": num(move[0]),
                "m1": num(move[1]),
                "x": num(_clean(newton[0]) + 0.0),
                "y": num(_clean(newton[1]) + 0.0),
            },
        ),
    ]


def neuron(w: float = 0.5, b: float = 1.0, x: float = 3.0, y: float = 4.0) -> dict[str, Any]:
    """The single neuron ŷ = wx + b with loss L = (ŷ − y)², as ``gd.Value`` nodes after
    ``backward()``: ``{"w", "b", "x", "y", "y_hat", "loss"}``.

    Example:
        >>> n = neuron()
        >>> n["y_hat"].data, n["loss"].data, n["w"].grad, n["b"].grad
        (2.5, 2.25, -9.0, -3.0)
    """
    import gdcore as gd

    nodes = {k: gd.Value(v, label=k) for k, v in (("w", w), ("x", x), ("b", b), ("y", y))}
    y_hat = nodes["w"] * nodes["x"] + nodes["b"]
    loss = (y_hat - nodes["y"]) ** 2
    loss.backward()
    return {**nodes, "y_hat": y_hat, "loss": loss}


def _chain_rule() -> list[Question]:
    import gdcore as gd

    def f(x: Any) -> Any:
        return 2 * x - 1

    def g(u: Any) -> Any:
        return (u - 3) ** 2

    x0, lr = 5.0, 0.1
    slope = gd.grad(lambda x: g(f(x)))(x0)
    outer = gd.grad(g)(f(x0))  # g′ at f(x)
    inner = gd.grad(f)(x0)
    # Q1 illustrates the formula at another point, so its solution does not give away Q2's answer.
    xa = 2.0
    slope_a, outer_a, inner_a = gd.grad(lambda x: g(f(x)))(xa), gd.grad(g)(f(xa)), gd.grad(f)(xa)
    n = neuron()
    w, b, x, y = (n[k].data for k in "wbxy")
    dw, db = n["w"].grad, n["b"].grad
    err = n["y_hat"].data - y
    return [
        Choice(
            "product",
            ("outer_at_x", "sum", "product", "outer_only"),
            "product",
            {
                "x": num(xa),
                "f": num(f(xa)),
                "outer": num(outer_a),
                "inner": num(inner_a),
                "slope": num(slope_a),
                "wrong": num(gd.grad(g)(xa) * inner_a),
            },
        ),
        Numeric(
            "dx",
            slope,
            {"no_inner": outer, "at_x": gd.grad(g)(x0) * inner, "value": g(f(x0))},
            {
                "x": num(x0),
                "f": num(f(x0)),
                "outer": num(outer),
                "inner": num(inner),
                "slope": num(slope),
            },
        ),
        Numeric(
            "neuron_w",
            dw,
            {"no_x": db, "no_two": err * x, "sign": -dw, "loss": n["loss"].data},
            {
                "w": num(w),
                "b": num(b),
                "x": num(x),
                "y": num(y),
                "y_hat": num(n["y_hat"].data),
                "err": num(err),
                "dy_hat": num(2 * err),
                "dw": num(dw),
            },
        ),
        Numeric(
            "neuron_update",
            _clean(w - lr * dw),
            {
                "sign": _clean(w + lr * dw),
                "no_x": _clean(w - lr * db),
                "no_two": _clean(w - lr * err * x),
            },
            {"w": num(w), "eta": num(lr), "dw": num(dw), "w1": num(_clean(w - lr * dw))},
        ),
        _fan_out(),
        _layer_weight(),
        _backward_twice(),
    ]


def _backward_twice() -> Choice:
    """What ``w.grad`` holds after two ``backward()`` calls in gdcore, as gdcore computes it."""
    import gdcore as gd

    w = gd.Value(1.0)
    loss = (w * 2.0 + 0.5 - 3.0) ** 2  # the page's neuron
    loss.backward()
    once = w.grad
    loss.backward()
    twice = w.grad
    correct = "same" if twice == once else "doubled" if twice == 2 * once else "zero"
    return Choice(
        "backward_twice",
        ("doubled", "same", "zero"),
        correct,
        {"once": num(once), "twice": num(twice), "doubled": num(2 * once)},
    )


def _fan_out() -> Numeric:
    """dy/dx for y = x·x + x (x used three times), by ``gd.Value``; the page uses x = 3."""
    import gdcore as gd

    x = gd.Value(2.0)
    y = x * x + x
    y.backward()
    return Numeric(
        "fan_out",
        x.grad,
        {"one_product_path": x.data + 1, "no_sum_path": 2 * x.data, "value": y.data},
        {"x": num(x.data), "each": num(x.data), "slope": num(x.grad)},
    )


def _layer_weight() -> Numeric:
    """∂L/∂W₂₁ of one linear layer with L = ‖Wx + b − t‖², by ``gd.nn.layer_gradient``."""
    import gdcore as gd

    W, b, x, t = [[1.0, -1.0], [0.5, 2.0]], [0.0, 0.0], [3.0, -1.0], [1.0, 1.0]
    g = gd.nn.layer_gradient(W, b, x, t)
    z, delta = g.output, g.delta
    return Numeric(
        "layer_w",
        float(g.weights[1, 0]),
        {
            "delta_only": float(delta[1]),
            "other_x": float(delta[1] * x[1]),
            "transposed": float(delta[0] * x[1]),
            "no_two": float((z[1] - t[1]) * x[0]),
        },
        {
            "x1": num(x[0]),
            "x2": num(x[1]),
            "z1": num(float(z[0])),
            "z2": num(float(z[1])),
            "d1": num(float(delta[0])),
            "d2": num(float(delta[1])),
            "answer": num(float(g.weights[1, 0])),
        },
    )


def _momentum() -> list[Question]:
    import math

    import numpy as np

    import gdcore as gd
    from gdcore.landscapes import elongated_bowl, elongated_bowl_grad, parabola, parabola_grad

    x0, lr, beta = 70.0, 0.1, 0.5
    heavy = gd.gradient_descent(
        parabola, x0, lr=lr, grad=parabola_grad, momentum=beta, max_steps=2, tol=0.0
    )
    plain = gd.gradient_descent(parabola, x0, lr=lr, grad=parabola_grad, max_steps=2, tol=0.0)
    assert heavy.path is not None and plain.path is not None
    x1, x2 = _clean(heavy.path[1]), _clean(heavy.path[2])
    g0, g1 = parabola_grad(x0), parabola_grad(x1)
    v2 = _clean(beta * g0 + g1)
    hessian = [2.0, 2.0 * gd.landscapes.ELONGATION]  # the curvatures along x and along y
    kappa = _clean(max(hessian) / min(hessian))
    start = [6.0, 9.0]
    big = 0.11
    run = gd.gradient_descent(elongated_bowl, start, lr=big, grad=elongated_bowl_grad)
    outcome = {"converged": "converges", "diverged": "diverges"}.get(run.status, "oscillates")
    # the largest η for β = 0.5: where the steep direction's rate reaches 1 (bisection on the
    # eigenvalues of the iteration matrix), checked against the formula 2(1 + β)/L
    beta_l, low, high = 0.5, 0.0, 1.0
    for _ in range(60):
        mid = (low + high) / 2
        low, high = (mid, high) if gd.heavy_ball_rate(mid, beta_l, max(hessian)) < 1 else (low, mid)
    limit = _clean(low)
    assert abs(limit - 2 * (1 + beta_l) / max(hessian)) < 1e-9
    eta_c, lam_c = 0.01, 4.0  # ηλ = 0.04
    beta_c = _clean(gd.critical_momentum(eta_c, lam_c))
    eig = np.linalg.eigvals(gd.momentum.heavy_ball_matrix(eta_c, beta_c, lam_c))
    assert abs(eig[0] - eig[1]) < 1e-6  # critical damping: the two eigenvalues coincide
    root = _clean(math.sqrt(eta_c * lam_c))
    return [
        Numeric(
            "x2",
            x2,
            {
                "plain": _clean(plain.path[2]),
                "no_gradient": _clean(x1 - lr * beta * g0),
                "sign": _clean(x1 + lr * v2),
            },
            {
                "x1": num(x1),
                "v2": num(v2),
                "g0": num(g0),
                "g1": num(g1),
                "x2": num(x2),
                "plain": num(_clean(plain.path[2])),
            },
        ),
        Numeric(
            "kappa",
            kappa,
            {"steep": max(hessian), "flat": min(hessian), "inverse": _clean(1 / kappa)},
            {"kappa": num(kappa), "L": num(max(hessian)), "mu": num(min(hessian))},
        ),
        Choice(
            "plain_big_eta",
            ("converges", "oscillates", "diverges"),
            outcome,
            {
                "eta": num(big),
                "fx": num(abs(1 - 2 * big)),
                "fy": num(abs(1 - max(hessian) * big)),
                "steps": run.nit,
            },
        ),
        Numeric(
            "limit",
            limit,
            {
                "plain": _clean(2 / max(hessian)),
                "gentle": _clean(2 * (1 + beta_l) / min(hessian)),
                "half": _clean((1 + beta_l) / max(hessian)),
                "far": _clean(4 / max(hessian)),
            },
            {
                "beta": num(beta_l),
                "L": num(max(hessian)),
                "limit": num(limit),
                "plain": num(_clean(2 / max(hessian))),
                "far": num(_clean(4 / max(hessian))),
            },
        ),
        Numeric(
            "critical",
            beta_c,
            {
                "unsquared": _clean(1 - root),
                "no_root": _clean((1 - eta_c * lam_c) ** 2),
                "plain": _clean(1 - eta_c * lam_c),
            },
            {
                "eta": num(eta_c),
                "lam": num(lam_c),
                "prod": num(_clean(eta_c * lam_c)),
                "root": num(root),
                "beta_c": num(beta_c),
                "eig": num(_clean(float(eig[0].real))),
                "plain": num(_clean(1 - eta_c * lam_c)),
                "unsquared": num(_clean(1 - root)),
            },
        ),
    ]


#: The lesson pages with questions, and what computes each page's questions.
PAGES: dict[str, Callable[[], list[Question]]] = {
    "derivative": _derivative,
    "gradient-descent": _gradient_descent,
    "learning-rate": _learning_rate,
    "loss-functions": _loss_functions,
    "gradient-descent-2d": _gradient_descent_2d,
    "chain-rule": _chain_rule,
    "momentum": _momentum,
}


# -------------------------------------------- the chapter beyond the lesson (issue #18)


def _stochastic_gradient_descent() -> list[Question]:
    import numpy as np

    import gdcore as gd
    from sitebuild.widgets.sgd import line_problem

    line = line_problem()
    n, batch = line.n_examples, 32
    epoch = gd.sgd(line.grad, [0.0, 0.0], n, lr=0.05, batch_size=batch, epochs=1)
    updates, evals = epoch.nit, epoch.example_gradients
    last = n - (updates - 1) * batch  # the size of the last, shorter batch
    best = line.solution()
    ball = gd.sgd(line.grad, [0.0, 0.0], n, lr=0.05, batch_size=1, epochs=10)
    assert ball.path is not None
    distance = np.linalg.norm(ball.path[-n:] - best, axis=1)
    jitters = bool(distance.min() > 0.1)  # never settles in the last epoch
    outcome = "jitters" if jitters else ("diverges" if ball.status == "diverged" else "settles")
    return [
        Numeric(
            "updates",
            float(updates),
            {"floor": float(n // batch), "ratio": _clean(n / batch), "one": float(n)},
            {"n": n, "B": batch, "updates": updates, "last": last, "full": updates - 1},
        ),
        Numeric(
            "evals",
            float(evals),
            {"updates": float(updates), "full": float(updates * batch), "batch": float(batch)},
            {"n": n, "B": batch, "updates": updates, "evals": evals, "last": last},
        ),
        Choice(
            "noise_ball",
            ("settles", "jitters", "diverges"),
            outcome,
            {
                "mean": num(_clean(round(float(distance.mean()), 1))),
                "least": num(_clean(round(float(distance.min()), 2))),
                "w": num(round(float(best[0]), 2)),
                "b": num(round(float(best[1]), 2)),
                "n": n,
            },
        ),
    ]


def _feature_scaling_and_adam() -> list[Question]:
    import gdcore as gd
    from gdcore.landscapes import parabola, parabola_grad
    from gdcore.regression import LinearMSE, standardize
    from sitebuild.render.present import cell

    x0, lr = 2.0, 0.1
    adam = gd.adam(parabola, x0, lr=lr, grad=parabola_grad, max_steps=1, tol=0.0)
    assert adam.path is not None
    g = parabola_grad(x0)
    uncorrected = x0 - lr * (0.1 * g) / ((0.001 * g * g) ** 0.5 + 1e-8)
    rms_lr = 0.01
    rms = gd.rmsprop(parabola, 1.0, lr=rms_lr, grad=parabola_grad, max_steps=1, tol=0.0)
    assert rms.path is not None
    data = gd.datasets.load_diabetes()
    bmi = data.columns("bmi")
    raw = LinearMSE(bmi, data.y)
    scaled = LinearMSE(standardize(bmi)[0], data.y)
    kappas = {"raw": raw.condition_number(), "scaled": scaled.condition_number()}
    return [
        Numeric(
            "adam_x1",
            _clean(adam.path[1]),
            {
                "uncorrected": _clean(uncorrected),
                "plain": _clean(x0 - lr * g),
                "sign": _clean(x0 + lr),
            },
            {
                "g": num(g),
                "x1": num(_clean(adam.path[1])),
                "uncorrected": num(round(uncorrected, 4)),
                "plain": num(_clean(x0 - lr * g)),
            },
        ),
        Numeric(
            "rmsprop_x1",
            _clean(rms.path[1]),
            {
                "eta": _clean(1.0 - rms_lr),
                "plain": _clean(1.0 - rms_lr * parabola_grad(1.0)),
                "sign": _clean(1.0 + (1.0 - _clean(rms.path[1]))),
            },
            {
                "x1": num(_clean(rms.path[1])),
                "v1": num(_clean(0.01 * parabola_grad(1.0) ** 2)),
                "step": num(_clean(1.0 - rms.path[1])),
            },
        ),
        Choice(
            "fix",
            ("standardize", "rmsprop", "smaller_eta"),
            "standardize" if kappas["scaled"] < 1.5 else "rmsprop",
            {
                "raw": cell(round(kappas["raw"])),
                "scaled": num(round(kappas["scaled"], 6)),
                "mean": num(round(float(bmi.mean()), 1)),
            },
        ),
    ]


PAGES.update(
    {
        "stochastic-gradient-descent": _stochastic_gradient_descent,
        "feature-scaling-and-adam": _feature_scaling_and_adam,
    }
)


def questions(page: str) -> list[Question]:
    """The questions of ``page``, with answers and mistakes computed by gdcore.

    Raises:
        ValueError: ``page`` has no questions.

    Example:
        >>> [q.answer for q in questions("gradient-descent") if isinstance(q, Numeric)]
        [56.0, 44.8]
    """
    if page not in PAGES:
        raise ValueError(f"no questions for page {page!r}; pages: {', '.join(PAGES)}")
    found = PAGES[page]()
    for q in found:
        if isinstance(q, Numeric):
            for name, value in q.mistakes.items():
                if abs(value - q.answer) <= 2 * q.tol:
                    raise ValueError(f"{page}/{q.id}: mistake {name!r} equals the answer")
            values = sorted(q.mistakes.values())
            if any(b - a <= 2 * q.tol for a, b in itertools.pairwise(values)):
                raise ValueError(f"{page}/{q.id}: two mistakes give the same number {values}")
    return found


# ---------------------------------------------------------------------------------- the texts


@functools.cache
def quiz_texts(lang: Lang) -> dict[str, Any]:
    """The question texts of ``lang`` (``questions/<lang>.yml``), by page and id."""
    path = HERE / "questions" / f"{check_lang(lang)}.yml"
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: expected a mapping of pages to questions")
    return data


def _fill(where: str, template: object, fields: Mapping[str, Number | str]) -> str:
    """``template`` with its ``{name}`` fields filled in; every field must be known."""
    if not isinstance(template, str) or not template.strip():
        raise ValueError(f"{where}: expected a non-empty text, got {template!r}")
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    unknown = names - set(fields)
    if unknown:
        raise ValueError(f"{where}: unknown field(s) {sorted(unknown)}; known: {sorted(fields)}")
    return template.format(**fields)


def _keys(where: str, found: object, expected: set[str]) -> Mapping[str, object]:
    if not isinstance(found, Mapping) or set(found) != expected:
        have = sorted(found) if isinstance(found, Mapping) else found
        raise ValueError(f"{where}: expected the keys {sorted(expected)}, found {have}")
    return found


def quiz_data(page: str, lang: Lang) -> list[dict[str, Any]]:
    """Every question of ``page`` in ``lang``: texts filled in with gdcore's numbers.

    Returns:
        One JSON-ready dict per question: ``id``, ``kind`` (``"choice"`` or ``"number"``),
        ``prompt``, ``explanation``; a choice has ``options`` (``[id, text]`` pairs),
        ``correct`` and ``hints`` (one per wrong option); a number has ``answer``, ``tol``,
        ``mistakes`` (``[value, hint]`` pairs) and a general ``hint``.

    Raises:
        ValueError: unknown page or language, or a text file that does not match the
            questions (missing or extra keys, unknown ``{fields}``); the message names it.

    Example:
        >>> first = quiz_data("gradient-descent", "en")[0]
        >>> first["kind"], first["answer"], [m[0] for m in first["mistakes"]]
        ('number', 56.0, [84.0, 63.0, 14.0])
    """
    texts = quiz_texts(check_lang(lang))
    where = f"sitebuild/widgets/quiz/questions/{lang}.yml: {page}"
    items = questions(page)
    page_texts = _keys(where, texts.get(page), {q.id for q in items})
    out: list[dict[str, Any]] = []
    for q in items:
        at = f"{where}/{q.id}"
        fields = dict(q.fields)
        if isinstance(q, Choice):
            wrong = {o for o in q.options if o != q.correct}
            t = _keys(at, page_texts[q.id], {"prompt", "options", "hints", "explanation"})
            options = _keys(f"{at}/options", t["options"], set(q.options))
            hints = _keys(f"{at}/hints", t["hints"], wrong)
            out.append(
                {
                    "id": q.id,
                    "kind": "choice",
                    "prompt": _fill(f"{at}/prompt", t["prompt"], fields),
                    "options": [
                        [o, _fill(f"{at}/options/{o}", options[o], fields)] for o in q.options
                    ],
                    "correct": q.correct,
                    "hints": {o: _fill(f"{at}/hints/{o}", hints[o], fields) for o in sorted(wrong)},
                    "explanation": _fill(f"{at}/explanation", t["explanation"], fields),
                }
            )
        else:
            t = _keys(at, page_texts[q.id], {"prompt", "mistakes", "hint", "explanation"})
            mistakes = _keys(f"{at}/mistakes", t["mistakes"], set(q.mistakes))
            out.append(
                {
                    "id": q.id,
                    "kind": "number",
                    "prompt": _fill(f"{at}/prompt", t["prompt"], fields),
                    "answer": q.answer,
                    "tol": q.tol,
                    "mistakes": [
                        [_clean(v), _fill(f"{at}/mistakes/{k}", mistakes[k], fields)]
                        for k, v in q.mistakes.items()
                    ],
                    "hint": _fill(f"{at}/hint", t["hint"], fields),
                    "explanation": _fill(f"{at}/explanation", t["explanation"], fields),
                }
            )
    return out


_UI = (
    "Check",
    "Your answer",
    "Correct.",
    "Not yet.",
    "Show the solution",
    "Start over",
    "{right} of {total} answered correctly.",
    "Progress is kept in this browser only.",
    "Type your answer first.",
    "“{text}” is not a number. Type a number such as 44.8 or −3.",
    "Pick an option first.",
    "Self-check questions on this page",
    "Question {n}",
)


def quiz_html(page: str, lang: Lang = "en") -> str:
    """The self-check questions of ``page`` as one HTML block in ``lang``.

    Multiple-choice questions are radio groups in a ``fieldset``; numeric ones a text field
    (``inputmode="decimal"``). Each has a *Check* button, a feedback line announced politely
    to screen readers, and the worked solution in a ``<details>`` (open it without
    JavaScript too). The data the script needs (answers, hints) follows as JSON.

    Args:
        page: A lesson page, one of :data:`PAGES`.
        lang: ``"vi"`` or ``"en"``.

    Returns:
        The HTML, to be printed by a ``python exec="on" html="1"`` block.

    Raises:
        ValueError: unknown page or language, or a text file that does not fit.

    Example:
        >>> block = quiz_html("derivative", lang="vi")
        >>> block.startswith('<div class="gd-quiz"'), "Kiểm tra" in block
        (True, True)
    """
    lang = check_lang(lang)
    items = quiz_data(page, lang)
    words = {msgid: ui(msgid, lang) for msgid in _UI}
    esc = html.escape
    parts = [
        f'<div class="gd-quiz" data-gd-quiz="{esc(page)}" lang="{lang}" role="region" '
        f'aria-label="{esc(words["Self-check questions on this page"])}">',
        '<ol class="gd-quiz__list">',
    ]
    for n, q in enumerate(items, start=1):
        base = f"gdq-{page}-{q['id']}"
        parts.append(f'<li class="gd-quiz__question" data-q="{esc(q["id"])}">')
        parts.append(f'<form class="gd-quiz__form" id="{base}" novalidate>')
        if q["kind"] == "choice":
            parts.append(
                f'<fieldset class="gd-quiz__fieldset"><legend class="gd-quiz__prompt">'
                f"{esc(q['prompt'])}</legend>"
            )
            for option, text in q["options"]:
                parts.append(
                    f'<label class="gd-quiz__option"><input type="radio" name="{base}-choice" '
                    f'value="{esc(option)}"> <span>{esc(text)}</span></label>'
                )
            parts.append("</fieldset>")
        else:
            parts.append(
                f'<p class="gd-quiz__prompt" id="{base}-prompt">{esc(q["prompt"])}</p>'
                f'<label class="gd-quiz__answer-label" for="{base}-answer">'
                f"{esc(words['Your answer'])}</label> "
                f'<input class="gd-quiz__answer" id="{base}-answer" type="text" '
                f'inputmode="decimal" autocomplete="off" spellcheck="false" '
                f'aria-describedby="{base}-prompt">'
            )
        parts.append(
            f' <button type="submit" class="md-button gd-quiz__check">{esc(words["Check"])}'
            f'<span class="gd-quiz__sr"> ({esc(words["Question {n}"].format(n=n))})</span>'
            "</button>"
            f'<p class="gd-quiz__feedback" role="status" aria-live="polite"></p>'
            f'<details class="gd-quiz__solution"><summary>{esc(words["Show the solution"])}'
            f"</summary><p>{esc(q['explanation'])}</p></details>"
            "</form></li>"
        )
    parts.append("</ol>")
    parts.append(
        '<div class="gd-quiz__footer">'
        f'<p class="gd-quiz__score" aria-live="polite"></p>'
        f'<button type="button" class="md-button gd-quiz__reset">{esc(words["Start over"])}'
        "</button>"
        f'<p class="gd-quiz__note">{esc(words["Progress is kept in this browser only."])}</p>'
        "</div>"
    )
    config = {
        "page": page,
        "lang": lang,
        "text": {k: words[k] for k in _UI},
        "comma": lang == "vi",  # Vietnamese writes 44,8: accept a decimal comma too
        "questions": [
            {k: v for k, v in q.items() if k not in ("prompt", "explanation", "options")}
            for q in items
        ],
    }
    payload = json.dumps(config, ensure_ascii=False, separators=(",", ":"))
    parts.append(f'<script type="application/json" class="gd-quiz__data">{payload}</script>')
    parts.append("</div>")
    return "".join(parts)
