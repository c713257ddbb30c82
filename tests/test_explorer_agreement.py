"""The explorers compute in the browser exactly what gdcore computes.

``assets/gdcore/descent-core.js`` copies gdcore's descent loops; here Chromium runs it once on a
whole grid of runs and every iterate, every loss, the status and the number of steps are
compared with :func:`gdcore.gradient_descent` bit for bit (the numbers travel as the hex of
their IEEE-754 bits, so nothing is rounded on the way).

Grids: the learning-rate explorer (f = x²) on 31 learning rates × 21 starts = 651 runs, plus
87 heavy-ball runs on x²; the 2-D explorer on the elongated bowl (κ = 10: 12 learning rates × 8
momentum coefficients × 3 starts = 288 runs) and the round bowl (κ = 1: 40 runs). 1,066 runs in
all, every status among them.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import browser_support as support
import numpy as np
import pytest

import gdcore as gd
from gdcore.landscapes import elongated_bowl, elongated_bowl_grad, parabola, parabola_grad

pytestmark = pytest.mark.browser

CORE = support.ROOT / "sitebuild" / "widgets" / "explorer" / "descent-core.js"

ETAS_1D = (
    *(k / 1000 for k in (1, 2, 3, 5, 10, 33, 100, 250, 400, 499, 500, 501, 600, 750)),
    0.0033,
    0.123456789,
    0.9,
    0.95,
    0.99,
    0.999,
    0.9999,
    1.0,
    1.0001,
    1.001,
    1.01,
    1.05,
    1.1,
    1.15,
    1.19,
    1.2,
    1 / 3,
)
X0S_1D = (-100.0, -70.0, -33.3, -5.0, -1.0, -1e-9, 0.0, 1e-9, 1e-8, 5e-9, 0.01, 0.5, 1.0, 5.0,
          7.3, 33.0, 50.0, 70.0, 99.99, 100.0, 2 / 3)  # fmt: skip
MOMENTUM_1D = [
    (eta, beta, x0)
    for eta in (0.01, 0.1, 0.5, 1.0, 1.5, 1.9)
    for beta in (0.3, 0.6, 0.9)
    for x0 in (70.0, -33.0, 1e-9, 0.0, 5.5)
    if not (eta == 0.5 and x0 == 0.0)
]
STARTS_2D = ((6.0, 9.0), (-14.0, 5.0), (0.3, -0.1))
ETAS_2D = (0.001, 0.01, 0.03, 0.05, 0.07, 1 / 11, 0.1, 0.105, 0.11, 0.115, 0.15, 0.2)
BETAS_2D = (0.0, 0.1, 0.27, 0.3, 0.5, 0.7, 0.9, 0.99)
RUNS_2D = [
    (kappa, eta, beta, start)
    for kappa in (10.0,)
    for eta in ETAS_2D
    for beta in BETAS_2D
    for start in STARTS_2D
] + [
    (1.0, eta, beta, start)
    for eta in (0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0, 1.05, 1.1, 1.2)
    for beta in (0.0, 0.5)
    for start in STARTS_2D[:2]
]

_RUN_JS = """([runs1, runs2]) => {
  const hex = (values) => {
    const view = new DataView(new ArrayBuffer(8));
    return values.map(v => { view.setFloat64(0, v); return view.getBigUint64(0).toString(16)
      .padStart(16, "0"); }).join("");
  };
  const D = window.gdDescent;
  const one = runs1.map(([eta, beta, x0]) => {
    const r = D.descend1d(D.parabola, x0, eta, beta, 1000, 1e-8);
    return [r.status, r.nit, hex(r.path), hex(r.losses)];
  });
  const two = runs2.map(([kappa, eta, beta, p0]) => {
    const r = D.descend2d(D.elongatedBowl(kappa), p0, eta, beta, 1000, 1e-8);
    return [r.status, r.nit, hex(r.path.flat()), hex(r.losses)];
  });
  return [one, two];
}"""


def _bits(hex_text: str) -> np.ndarray:
    return np.frombuffer(bytes.fromhex(hex_text), dtype=">f8").astype(np.float64)


@pytest.fixture(scope="module")
def browser_runs(chromium: Any) -> tuple[list[Any], list[Any]]:
    """Every run of the grids, computed once by descent-core.js in Chromium (no site needed)."""
    runs1 = [(eta, 0.0, x0) for eta in ETAS_1D for x0 in X0S_1D] + MOMENTUM_1D
    runs2 = [(kappa, eta, beta, list(start)) for kappa, eta, beta, start in RUNS_2D]
    page = chromium.new_page()
    page.set_content("<!doctype html><title>descent-core</title>")
    page.add_script_tag(path=str(CORE))
    one, two = page.evaluate(_RUN_JS, [runs1, runs2])
    page.close()
    return list(zip(runs1, one, strict=True)), list(zip(runs2, two, strict=True))


def _same(result: gd.DescentResult, got: list[Any], what: str) -> None:
    status, nit, path, losses = got
    assert (status, nit) == (result.status, result.nit), what
    assert result.path is not None and result.fun_path is not None
    np.testing.assert_array_equal(_bits(path), result.path.reshape(-1), err_msg=what)
    np.testing.assert_array_equal(_bits(losses), result.fun_path, err_msg=what)


def test_the_grids_are_hundreds_of_runs_with_every_outcome(
    browser_runs: tuple[list[Any], list[Any]],
) -> None:
    one, two = browser_runs
    assert len(one) == 651 + 87 and len(two) == 288 + 40
    for runs in (one, two):
        statuses = {got[0] for _, got in runs}
        assert statuses == {"converged", "diverged", "max_steps"}


def test_the_learning_rate_explorer_computes_what_gdcore_computes(
    browser_runs: tuple[list[Any], list[Any]],
) -> None:
    for (eta, beta, x0), got in browser_runs[0]:
        result = gd.gradient_descent(
            parabola, x0, lr=eta, grad=parabola_grad, momentum=beta, record="all"
        )
        _same(result, got, f"x² from x0 = {x0!r}, eta = {eta!r}, beta = {beta!r}")


@functools.cache
def _bowl(kappa: float) -> tuple[Any, Any]:
    return (lambda p: elongated_bowl(p, kappa)), (lambda p: elongated_bowl_grad(p, kappa))


def test_the_2d_explorer_computes_what_gdcore_computes(
    browser_runs: tuple[list[Any], list[Any]],
) -> None:
    for (kappa, eta, beta, start), got in browser_runs[1]:
        f, grad = _bowl(kappa)
        result = gd.gradient_descent(
            f, np.array(start), lr=eta, grad=grad, momentum=beta, record="all"
        )
        _same(result, got, f"kappa = {kappa}, start {start}, eta = {eta!r}, beta = {beta!r}")
        assert not math.isnan(result.fun) or result.status == "diverged"


_GOLDILOCKS_JS = """([kappa, start, target, etas]) => {
  const D = window.gdDescent, bowl = D.elongatedBowl(kappa);
  return etas.map(eta => D.stepsToReach(D.descend2d(bowl, start, eta, 0.0, 1000, 1e-8).path,
    target));
}"""


def test_the_goldilocks_verdicts_count_what_gdcore_counts(chromium: Any) -> None:
    """The challenge's step count, computed in Chromium for every η gdcore tried at build time
    (1,200 runs on x² + 10y²), is gdcore's; the best η found in the browser is gdcore's."""
    from sitebuild.widgets.explorer import GOLDILOCKS_ETAS, goldilocks

    answer = goldilocks()
    page = chromium.new_page()
    page.set_content("<!doctype html><title>descent-core</title>")
    page.add_script_tag(path=str(CORE))
    got = page.evaluate(
        _GOLDILOCKS_JS,
        [answer["kappa"], answer["start"], answer["target"], list(GOLDILOCKS_ETAS)],
    )
    page.close()
    expected = [-1 if k is None else k for k in answer["steps"]]
    assert got == expected
    best = min(k for k in got if k >= 0)
    assert best == answer["best"]
    assert [e for e, k in zip(GOLDILOCKS_ETAS, got, strict=True) if k == best] == answer["bestEtas"]
