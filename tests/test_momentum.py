"""gdcore.momentum: the heavy ball's iteration matrix, its rate, critical damping, Polyak's pair
and the (η, β) phase diagram, checked against real runs of gradient_descent."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gdcore as gd
from gdcore.landscapes import elongated_bowl, elongated_bowl_grad
from gdcore.momentum import (
    PhaseDiagram,
    critical_momentum,
    heavy_ball_matrix,
    heavy_ball_rate,
    momentum_phase_diagram,
    polyak_pair,
)

TOL = 1e-9
START = [6.0, 9.0]


def run_1d(lr: float, beta: float, lam: float, steps: int = 400) -> np.ndarray:
    """The heavy ball on (λ/2)x² from x₀ = 1, by gdcore's gradient_descent."""
    r = gd.gradient_descent(
        lambda x: lam / 2 * x * x,
        1.0,
        lr=lr,
        grad=lambda x: lam * x,
        momentum=beta,
        max_steps=steps,
        tol=0.0,
        record="all",
    )
    assert r.path is not None
    return r.path


def test_the_matrix_maps_two_iterates_to_the_next_two() -> None:
    lr, beta, lam = 0.07, 0.6, 3.0
    path = run_1d(lr, beta, lam, steps=10)
    m = heavy_ball_matrix(lr, beta, lam)
    for k in range(1, 10):
        nxt = m @ np.array([path[k], path[k - 1]])
        assert nxt == pytest.approx([path[k + 1], path[k]], abs=TOL)


@settings(max_examples=60, deadline=None)
@given(
    st.floats(0.05, 3.9),  # ηλ, on both sides of the limit 2(1 + β) for most β
    st.floats(0.0, 0.95),
)
def test_the_rate_is_below_one_exactly_inside_the_limit(eta_lam: float, beta: float) -> None:
    limit = 2 * (1 + beta)
    if abs(eta_lam - limit) < 0.02:  # too close to the boundary to tell in 400 steps
        return
    lam = 2.0
    rate = heavy_ball_rate(eta_lam / lam, beta, lam)
    assert (rate < 1) == (eta_lam < limit)
    # and a real run agrees: the error shrinks or grows like rate**k
    path = run_1d(eta_lam / lam, beta, lam)
    tail = np.abs(path[-20:]).max()
    if rate < 0.98:
        assert tail < 1e-2
    if rate > 1.02:
        assert tail > 1e2


def test_the_rate_is_at_least_sqrt_beta_and_equals_it_when_oscillating() -> None:
    lam = 20.0
    lrs = np.linspace(0.001, 0.2, 200)
    for beta in (0.1, 0.5, 0.9):
        rate = heavy_ball_rate(lrs, beta, lam)
        assert isinstance(rate, np.ndarray) and rate.shape == lrs.shape
        assert (rate >= math.sqrt(beta) - TOL).all()
        complex_ = np.abs(1 - np.sqrt(lrs * lam)) < math.sqrt(beta)  # above β_c: complex
        assert rate[complex_] == pytest.approx(math.sqrt(beta), abs=1e-7)


def test_plain_descent_rate_is_one_minus_eta_lambda() -> None:
    assert heavy_ball_rate(0.1, 0.0, 2.0) == pytest.approx(0.8)
    assert heavy_ball_rate(0.1, 0.0, 25.0) == pytest.approx(1.5)


def test_critical_damping_is_where_the_ball_stops_crossing_the_bottom() -> None:
    lr, lam = 0.05, 2.0
    beta_c = critical_momentum(lr, lam)
    assert beta_c == pytest.approx((1 - math.sqrt(0.1)) ** 2)
    eig = np.linalg.eigvals(heavy_ball_matrix(lr, beta_c, lam))
    assert abs(eig[0] - eig[1]) < 1e-6
    assert np.isreal(np.linalg.eigvals(heavy_ball_matrix(lr, beta_c - 0.05, lam))).all()
    assert not np.isreal(np.linalg.eigvals(heavy_ball_matrix(lr, beta_c + 0.05, lam))).any()

    def crossings(beta: float) -> int:
        return int(np.count_nonzero(np.diff(np.sign(run_1d(lr, beta, lam, steps=200)))))

    assert crossings(beta_c - 0.1) == 0
    assert crossings(beta_c) == 0
    assert crossings(beta_c + 0.1) > 0


def test_polyak_pair_makes_both_directions_critically_damped_at_the_same_rate() -> None:
    mu, big = 2.0, 20.0
    lr, beta = polyak_pair(mu, big)
    assert (lr, beta) == pytest.approx((0.11544, 0.26987), abs=1e-5)
    assert heavy_ball_rate(lr, beta, mu) == pytest.approx(math.sqrt(beta), abs=1e-6)
    assert heavy_ball_rate(lr, beta, big) == pytest.approx(math.sqrt(beta), abs=1e-6)
    assert (1 - math.sqrt(lr * mu)) ** 2 == pytest.approx(beta)
    assert (1 - math.sqrt(lr * big)) ** 2 == pytest.approx(beta)
    # no pair on a fine grid has a smaller worst-direction rate
    lrs, betas = np.meshgrid(np.linspace(0.01, 0.2, 120), np.linspace(0.0, 0.95, 120))
    worst = np.maximum(heavy_ball_rate(lrs, betas, mu), heavy_ball_rate(lrs, betas, big))
    assert float(np.min(worst)) >= math.sqrt(beta) - 1e-9


def test_the_phase_diagram_counts_steps_exactly_as_gradient_descent() -> None:
    lrs = np.array([0.005, 0.03, 0.0909, 0.1154, 0.15, 0.19, 0.21, 0.3])
    betas = np.array([0.0, 0.2699, 0.5, 0.9, 0.97])
    d = momentum_phase_diagram(lrs, betas, start=START, max_steps=1000)
    assert d.steps.shape == d.status.shape == (8, 5)
    kinds = set()
    for i, lr in enumerate(lrs):
        for j, beta in enumerate(betas):
            r = gd.gradient_descent(
                elongated_bowl, START, lr=float(lr), grad=elongated_bowl_grad, momentum=float(beta)
            )
            assert (int(d.steps[i, j]), str(d.status[i, j])) == (r.nit, r.status), (lr, beta)
            kinds.add(r.status)
    assert kinds == {"converged", "max_steps", "diverged"}


def test_the_phase_diagram_follows_kappa_start_tol_and_max_steps() -> None:
    d = momentum_phase_diagram([0.02, 0.05], [0.0, 0.6], start=(1.0, -2.0), kappa=4.0,
                               tol=1e-4, max_steps=50)  # fmt: skip
    for i, lr in enumerate(d.lrs):
        for j, beta in enumerate(d.momenta):
            r = gd.gradient_descent(
                lambda p: elongated_bowl(p, 4.0),
                [1.0, -2.0],
                lr=float(lr),
                grad=lambda p: elongated_bowl_grad(p, 4.0),
                momentum=float(beta),
                tol=1e-4,
                max_steps=50,
            )
            assert (int(d.steps[i, j]), str(d.status[i, j])) == (r.nit, r.status)
    assert d.start == (1.0, -2.0) and d.kappa == 4.0 and d.max_steps == 50


def test_the_phase_diagram_boundary_is_the_stability_limit() -> None:
    betas = np.array([0.0, 0.5, 0.8])
    lrs = np.arange(1, 121) * 0.002
    d = momentum_phase_diagram(lrs, betas, max_steps=3000)
    for j, beta in enumerate(betas):
        limit = 2 * (1 + beta) / 20.0
        assert (d.status[lrs < 0.97 * limit, j] != "diverged").all()
        assert (d.status[lrs > 1.03 * limit, j] == "diverged").all()


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: heavy_ball_rate(0.0, 0.5, 2.0), ValueError),
        (lambda: heavy_ball_rate(0.1, 1.0, 2.0), ValueError),
        (lambda: heavy_ball_rate(0.1, -0.1, 2.0), ValueError),
        (lambda: heavy_ball_rate(0.1, 0.5, -2.0), ValueError),
        (lambda: heavy_ball_rate(0.1, 0.5, "2"), TypeError),
        (lambda: heavy_ball_matrix(math.nan, 0.5, 2.0), ValueError),
        (lambda: critical_momentum(0.5, 2.0), ValueError),
        (lambda: critical_momentum(0.1, True), TypeError),
        (lambda: polyak_pair(20.0, 2.0), ValueError),
        (lambda: momentum_phase_diagram([], [0.5]), ValueError),
        (lambda: momentum_phase_diagram([0.1], [0.5], start=(1.0,)), ValueError),
        (lambda: momentum_phase_diagram([0.1], [0.5], max_steps=10.0), TypeError),
        (lambda: momentum_phase_diagram([0.1], [0.5], max_steps=-1), ValueError),
        (lambda: momentum_phase_diagram([0.1], [0.5], tol=-1.0), ValueError),
        (lambda: momentum_phase_diagram([[0.1]], [0.5]), ValueError),
    ],
)
def test_bad_input_is_refused_with_a_clear_error(call: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        call()  # type: ignore[operator]


def test_the_figure_marks_the_computed_numbers_in_both_languages() -> None:
    d = momentum_phase_diagram(np.arange(1, 45) * 0.005, np.arange(50) / 50)
    for lang in ("en", "vi"):
        fig = gd.plots.momentum_phases(d, lang=lang)
        alt = fig.get_label()
        assert "0.1154" in alt and "0.2699" in alt and "43" in alt  # Polyak's pair, its steps
        best = int(d.steps[d.status == "converged"].min())
        assert str(best) in alt
        phone = gd.plots.relayout(fig, "phone")
        assert phone.get_figwidth() < fig.get_figwidth() and phone.get_label() == alt
    assert "Polyak" in gd.plots.momentum_phases(d, lang="vi").get_label()
    with pytest.raises(TypeError):
        gd.plots.momentum_phases("not a diagram")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        gd.plots.momentum_phases(momentum_phase_diagram([0.1], [0.1, 0.2]))
    assert isinstance(d, PhaseDiagram)


def test_the_quiz_keys_are_what_the_heavy_ball_does() -> None:
    from sitebuild.widgets.quiz import questions

    qs = {q.id: q for q in questions("momentum")}
    limit = qs["limit"].answer  # type: ignore[union-attr]
    for lr, status in ((0.99 * limit, "converged"), (1.01 * limit, "diverged")):
        r = gd.gradient_descent(
            elongated_bowl, START, lr=lr, grad=elongated_bowl_grad, momentum=0.5, max_steps=5000
        )
        assert r.status == status
    beta_c = qs["critical"].answer  # type: ignore[union-attr]
    assert beta_c == pytest.approx(critical_momentum(0.01, 4.0))
    crossings = [
        int(np.count_nonzero(np.diff(np.sign(run_1d(0.01, b, 4.0, steps=300)))))
        for b in (beta_c, beta_c + 0.05)
    ]
    assert crossings[0] == 0 and crossings[1] > 0


def test_the_figure_svg_is_light_deterministic_readable_and_translated() -> None:
    from matplotlib.text import Text

    d = momentum_phase_diagram(np.arange(1, 89) * 0.0025, np.arange(100) / 100)  # the page's
    texts = {}
    for lang in ("en", "vi"):
        for layout in gd.plots.LAYOUTS:
            fig = gd.plots.momentum_phases(d, lang=lang, layout=layout)
            svg = gd.plots.to_svg(fig)
            assert svg == gd.plots.to_svg(fig) and svg.startswith("<svg")
            assert len(svg.encode()) < 75_000, (lang, layout, len(svg.encode()))
            assert "<image" not in svg  # vector only, no raster
            sizes = [float(s) for s in re.findall(r"font-size: ([0-9.]+)px", svg)]
            assert sizes and min(sizes) >= gd.plots.MIN_FONT_PT[layout], sorted(set(sizes))
            texts[lang, layout] = [t.get_text() for t in fig.findobj(Text) if t.get_text().strip()]
    for layout in gd.plots.LAYOUTS:
        assert len(texts["vi", layout]) == len(texts["en", layout])
        english = re.compile(r"\b(steps|learning|momentum|diverges|critical|along)\b")
        assert not any(english.search(t) for t in texts["vi", layout]), texts["vi", layout]
