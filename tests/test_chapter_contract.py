"""The contract of issue #18 as a learner calls it: ``gd.sgd``, ``gd.adam``, ``gd.rmsprop`` and
``gd.adagrad`` at the top level, hyper-parameters keyword-only with the issue's defaults, a
`DescentResult` with the same fields as `gradient_descent`, stopping sentences in both
languages from the catalogs; and the helpers a page uses to word a result
(`gdcore.present.outcome`, `reason`, `yes_no`, `in_language`)."""

from __future__ import annotations

import inspect
from typing import Any

import numpy as np
import pytest

import gdcore as gd
from gdcore.landscapes import parabola, parabola_grad

KEYWORD_ONLY = inspect.Parameter.KEYWORD_ONLY

#: name -> (positional parameters, {keyword-only parameter: default}); ``REQUIRED`` = no default.
REQUIRED = inspect.Parameter.empty
CONTRACT: dict[str, tuple[list[str], dict[str, Any]]] = {
    "sgd": (
        ["grad", "x0", "n_examples"],
        {
            "lr": REQUIRED,
            "batch_size": REQUIRED,
            "epochs": REQUIRED,
            "seed": 0,
            "momentum": 0.0,
            "loss": None,
            "record": "auto",
        },
    ),
    "adam": (
        ["f", "x0"],
        {
            "lr": REQUIRED,
            "beta1": 0.9,
            "beta2": 0.999,
            "eps": 1e-8,
            "grad": None,
            "max_steps": 1000,
            "tol": 1e-8,
            "record": "auto",
        },
    ),
    "rmsprop": (
        ["f", "x0"],
        {"lr": REQUIRED, "alpha": 0.99, "eps": 1e-8, "grad": None, "record": "auto"},
    ),
    "adagrad": (["f", "x0"], {"lr": REQUIRED, "eps": 1e-10, "grad": None, "record": "auto"}),
}


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_exported_at_the_top_level_with_the_issues_signature(name: str) -> None:
    assert name in gd.__all__
    function = getattr(gd, name)
    assert function is getattr(gd.stochastic if name == "sgd" else gd.adaptive, name)
    parameters = inspect.signature(function).parameters
    positional, keywords = CONTRACT[name]
    assert [p for p, v in parameters.items() if v.kind != KEYWORD_ONLY] == positional
    for keyword, default in keywords.items():
        assert parameters[keyword].kind == KEYWORD_ONLY, (name, keyword)
        assert parameters[keyword].default == default, (name, keyword)


def _runs() -> dict[str, gd.DescentResult]:
    targets = np.array([1.0, 2.0, 3.0, 6.0])
    return {
        "sgd": gd.sgd(
            lambda x, idx: np.mean(2 * (x - targets[idx])),
            0.0,
            4,
            lr=0.1,
            batch_size=2,
            epochs=3,
            loss=lambda x: float(np.mean((x - targets) ** 2)),
        ),
        "adam": gd.adam(parabola, 3.0, lr=0.1, grad=parabola_grad),
        "rmsprop": gd.rmsprop(parabola, 3.0, lr=0.01, grad=parabola_grad),
        "adagrad": gd.adagrad(parabola, 3.0, lr=0.5, grad=parabola_grad),
    }


def test_every_result_is_a_descent_result_with_its_fields_and_both_languages() -> None:
    for name, r in _runs().items():
        assert isinstance(r, gd.DescentResult), name
        assert r.path is not None and r.fun_path is not None, name
        assert len(r.path) == len(r.fun_path) == r.nit + 1, name
        assert r.losses is r.fun_path, name  # the issue's name for the recorded losses
        assert r.status in ("converged", "max_steps", "diverged"), name
        english, vietnamese = r.explain("en"), r.explain("vi")
        assert english == r.message and vietnamese != english, name
        assert str(r.nit) in english and str(r.nit) in vietnamese, name


def _sgd(**kwargs: Any) -> gd.SGDResult:
    return gd.sgd(lambda x, i: x, 0.0, 4, lr=0.1, **kwargs)


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: _sgd(batch_size=2.0, epochs=1), TypeError, "batch_size"),
        (lambda: _sgd(batch_size=5, epochs=1), ValueError, "batch_size"),
        (lambda: _sgd(batch_size=0, epochs=1), ValueError, "batch_size"),
        (lambda: _sgd(batch_size=2, epochs=-1), ValueError, "epochs"),
        (lambda: gd.adam(parabola, 1.0, lr=0.1, beta1=1.0), ValueError, "beta1"),
        (lambda: gd.rmsprop(parabola, 1.0, lr=0.1, alpha=1.5), ValueError, "alpha"),
        (lambda: gd.adagrad(parabola, 1.0, lr=0.1, eps=-1.0), ValueError, "eps"),
    ],
)
def test_bad_hyper_parameters_are_refused(call: Any, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        call()


# ------------------------------------------------------------------ wording a result for a page
def test_outcome_says_status_and_steps_with_the_right_plural_in_both_languages() -> None:
    one = gd.gradient_descent(parabola, 70.0, lr=0.5, grad=parabola_grad)
    many = gd.gradient_descent(parabola, 70.0, lr=1.1, grad=parabola_grad)
    assert gd.present.outcome(one) == "converged after 1 step"
    assert gd.present.outcome(one, "vi") == "đã hội tụ sau 1 bước"
    assert gd.present.outcome(many) == f"diverged at step {many.nit}"
    assert gd.present.outcome(many, "vi") == f"đã phân kỳ ở bước {many.nit}"
    limit = gd.gradient_descent(parabola, 70.0, lr=1.0, grad=parabola_grad, max_steps=3)
    assert gd.present.outcome(limit) == "not converged in 3 steps"
    assert gd.present.outcome(limit, "vi") == "hết 3 bước mà chưa hội tụ"
    sgd = _runs()["sgd"]
    assert sgd.status == "max_steps"
    assert gd.present.outcome(sgd) == f"ran every epoch: {sgd.nit} updates"
    assert gd.present.outcome(sgd, "vi") == f"đã chạy hết mọi epoch: {sgd.nit} bước cập nhật"
    assert gd.present.reason(many, "vi") == many.explain("vi")


def test_in_language_binds_the_language_and_refuses_an_unknown_one() -> None:
    r = gd.gradient_descent(parabola, 70.0, lr=0.1, grad=parabola_grad)
    vi = gd.present.in_language("vi")
    assert vi.outcome(r) == "đã hội tụ sau 105 bước"
    assert vi.reason(r) == r.explain("vi")
    assert (vi.yes_no(True), vi.yes_no(np.bool_(False))) == ("có", "không")
    assert gd.present.in_language("en").yes_no(True) == "yes"
    with pytest.raises(ValueError, match="lang must be one of"):
        gd.present.in_language("fr")
    with pytest.raises(TypeError, match="a DescentResult"):
        vi.outcome(r.x)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="True or False"):
        vi.yes_no(1)  # type: ignore[arg-type]
