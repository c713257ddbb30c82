"""The optimizers explorer computes in the browser exactly what gdcore computes.

``optimizers-core.js`` (in ``sitebuild/widgets/optimizers/``) copies ``gd.rmsprop``,
``gd.adagrad`` and ``gd.adam`` for a point (x, y) on the elongated bowl x² + κy². Chromium runs
it on a grid of runs and every iterate, every loss, the status and the number of steps are
compared with gdcore bit for bit (the numbers travel as the hex of their IEEE-754 bits).

Grids (κ = 10, the explorer's bowl, and κ = 1): RMSProp 13 learning rates × 3 decays α ×
3 starts, Adam 13 × 3 (β₁, β₂) pairs × 3 starts, Adagrad 13 × 3 starts; with every status
among them (converged, stopped at max_steps, diverged), and the explorer's own defaults.
"""

from __future__ import annotations

import functools
from typing import Any

import browser_support as support
import numpy as np
import pytest

import gdcore as gd
from gdcore.landscapes import ELONGATION, elongated_bowl, elongated_bowl_grad
from sitebuild.widgets import optimizers

pytestmark = pytest.mark.browser

CORE = support.ROOT / "sitebuild" / "widgets" / "optimizers" / "optimizers-core.js"

STARTS = ((6.0, 9.0), (-14.0, 3.0), (0.3, -1e-3))
ETAS = (1e-4, 0.001, 0.01, 0.05, 0.1, 0.3, 0.5, 1.0, 1 / 3, 2.0, 5.0, 50.0, 1e6)
ALPHAS = (0.0, 0.9, 0.99)
BETAS = ((0.9, 0.999), (0.0, 0.5), (0.99, 0.9))
KAPPAS = (ELONGATION, 1.0)

RMSPROP = [(k, eta, a, p) for k in KAPPAS for eta in ETAS for a in ALPHAS for p in STARTS]
ADAM = [(k, eta, b, p) for k in KAPPAS for eta in ETAS for b in BETAS for p in STARTS]
ADAGRAD = [(k, eta, p) for k in KAPPAS for eta in ETAS for p in STARTS]
EXPLORER = [
    (name, optimizers.DEFAULT_ETAS[name], start)
    for name in ("rmsprop", "adam")
    for start in optimizers.STARTS
]

_RUN_JS = """([rms, adam, ada, explorer]) => {
  const hex = (values) => {
    const view = new DataView(new ArrayBuffer(8));
    return values.map(v => { view.setFloat64(0, v); return view.getBigUint64(0).toString(16)
      .padStart(16, "0"); }).join("");
  };
  const bowl = (k) => ({ f: p => p[0] * p[0] + k * p[1] * p[1],
    grad: p => [2.0 * p[0], 2.0 * k * p[1]] });
  const A = window.gdAdaptive;
  const out = (r) => [r.status, r.nit, hex(r.path.flat()), hex(r.losses)];
  return [
    rms.map(([k, eta, a, p]) => out(A.rmsprop(bowl(k), p, eta, a, 1e-8, 1000, 1e-8))),
    adam.map(([k, eta, b, p]) => out(A.adam(bowl(k), p, eta, b[0], b[1], 1e-8, 1000, 1e-8))),
    ada.map(([k, eta, p]) => out(A.adagrad(bowl(k), p, eta, 1e-10, 1000, 1e-8))),
    explorer.map(([name, eta, p]) => out(name === "adam"
      ? A.adam(bowl(10.0), p, eta, 0.9, 0.999, 1e-8, 1000, 1e-8)
      : A.rmsprop(bowl(10.0), p, eta, 0.99, 1e-8, 1000, 1e-8))),
  ];
}"""


def _bits(hex_text: str) -> np.ndarray:
    return np.frombuffer(bytes.fromhex(hex_text), dtype=">f8").astype(np.float64)


@pytest.fixture(scope="module")
def browser_runs(chromium: Any) -> list[list[Any]]:
    """Every run of the grids, computed once by optimizers-core.js in Chromium."""
    page = chromium.new_page()
    page.set_content("<!doctype html><title>optimizers-core</title>")
    page.add_script_tag(path=str(CORE))
    grids = [
        [(k, eta, a, list(p)) for k, eta, a, p in RMSPROP],
        [(k, eta, list(b), list(p)) for k, eta, b, p in ADAM],
        [(k, eta, list(p)) for k, eta, p in ADAGRAD],
        [(name, eta, list(p)) for name, eta, p in EXPLORER],
    ]
    runs: list[list[Any]] = page.evaluate(_RUN_JS, grids)
    page.close()
    return runs


@functools.cache
def _bowl(kappa: float) -> tuple[Any, Any]:
    return (lambda p: elongated_bowl(p, kappa)), (lambda p: elongated_bowl_grad(p, kappa))


def _same(result: gd.DescentResult, got: list[Any], what: str) -> None:
    status, nit, path, losses = got
    assert (status, nit) == (result.status, result.nit), what
    assert result.path is not None and result.fun_path is not None
    np.testing.assert_array_equal(_bits(path), result.path.reshape(-1), err_msg=what)
    np.testing.assert_array_equal(_bits(losses), result.fun_path, err_msg=what)


def test_the_grids_have_every_outcome(browser_runs: list[list[Any]]) -> None:
    rms, adam, ada, explorer = browser_runs
    assert (len(rms), len(adam), len(ada)) == (234, 234, 78)
    assert {got[0] for got in rms + adam + ada} == {"converged", "max_steps", "diverged"}
    assert len(explorer) == 2 * len(optimizers.STARTS)


def test_rmsprop_in_the_browser_is_gd_rmsprop(browser_runs: list[list[Any]]) -> None:
    for (kappa, eta, alpha, start), got in zip(RMSPROP, browser_runs[0], strict=True):
        f, grad = _bowl(kappa)
        result = gd.rmsprop(f, np.array(start), lr=eta, alpha=alpha, grad=grad, record="all")
        _same(result, got, f"RMSProp κ = {kappa}, η = {eta!r}, α = {alpha}, from {start}")


def test_adam_in_the_browser_is_gd_adam(browser_runs: list[list[Any]]) -> None:
    for (kappa, eta, (b1, b2), start), got in zip(ADAM, browser_runs[1], strict=True):
        f, grad = _bowl(kappa)
        result = gd.adam(f, np.array(start), lr=eta, beta1=b1, beta2=b2, grad=grad, record="all")
        _same(result, got, f"Adam κ = {kappa}, η = {eta!r}, β = ({b1}, {b2}), from {start}")


def test_adagrad_in_the_browser_is_gd_adagrad(browser_runs: list[list[Any]]) -> None:
    for (kappa, eta, start), got in zip(ADAGRAD, browser_runs[2], strict=True):
        f, grad = _bowl(kappa)
        result = gd.adagrad(f, np.array(start), lr=eta, grad=grad, record="all")
        _same(result, got, f"Adagrad κ = {kappa}, η = {eta!r}, from {start}")


def test_the_explorer_defaults_agree_with_the_runs_the_page_prints(
    browser_runs: list[list[Any]],
) -> None:
    for (name, eta, start), got in zip(EXPLORER, browser_runs[3], strict=True):
        _same(optimizers.optimizer_run(name, eta, start), got, f"{name} η = {eta} from {start}")
