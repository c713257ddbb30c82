"""The chapter's two explorers in Chromium, used as a reader would.

- The mini-batch explorer (stochastic-gradient-descent page) shows, for every choice of batch
  size, learning rate and schedule, the run gdcore.sgd computed at build time: the counts and
  the words in the outcome line are gdcore's, in the page's language.
- The optimizers explorer (feature-scaling page) runs RMSProp and Adam in the browser: after
  typing a learning rate, each method's result is gdcore's run with exactly that number; a
  value that is not allowed is refused with a message in the page's language, and that method
  shows no result.

The browser, the server and the built site are the session fixtures of conftest.py.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import browser_support as support
import pytest
from browser_support import Visit

from sitebuild.widgets import optimizers, sgd
from sitebuild.widgets.explorer import words

pytestmark = pytest.mark.browser

LANGS = ("vi", "en")


def _url(lang: str, stem: str) -> str:
    return f"{stem}/" if lang == support.DEFAULT_LANGUAGE else f"{lang}/{stem}/"


def _ready(page: Any, selector: str) -> Any:
    page.wait_for_function(
        "s => document.querySelector(s + '[data-ready]')", arg=selector, timeout=10_000
    )
    return page.locator(selector)


@pytest.mark.parametrize("lang", LANGS)
def test_every_minibatch_choice_shows_gdcores_run(
    open_page: Callable[..., Visit], lang: str
) -> None:
    visit = open_page(_url(lang, "stochastic-gradient-descent"))
    page = visit.page
    root = _ready(page, "[data-gd-sgd]")
    text = words(sgd._WORDS, lang)
    data = sgd.sgd_runs()
    before = root.locator(".gd-explorer__outcome").inner_text()
    expected = sgd._outcome(text, data, sgd.DEFAULT_BATCH, sgd.DEFAULT_ETA, sgd.DEFAULT_SCHEDULE)
    assert before == expected, "the page's own text"
    for batch in sgd.BATCH_SIZES:
        for eta in sgd.ETAS:
            for kind in sgd.SCHEDULES:
                root.locator(f"[data-batch='{batch}']").click()
                root.locator(f"[data-eta='{eta}']").click()
                root.locator(f"[data-schedule='{kind}']").click()
                run = data["runs"][f"{batch}|{eta}|{kind}"]
                assert root.get_attribute("data-run") == f"{batch}|{eta}|{kind}"
                assert root.get_attribute("data-nit") == str(run["nit"])
                shown = root.locator(".gd-explorer__outcome").inner_text()
                assert shown == sgd._outcome(text, data, batch, eta, kind)
                pressed = root.locator("[aria-pressed='true']")
                assert pressed.count() == 3
                # the loss chart: one point per drawn update (0, every, 2·every, …, the
                # last), each at its update's place on the linear axis
                drawn = list(range(0, run["nit"] + 1, run["every"]))
                drawn += [] if drawn[-1] == run["nit"] else [run["nit"]]
                steps = [k for k, v in zip(drawn, run["excess"], strict=True) if math.isfinite(v)]
                line = root.locator(".gd-explorer__loss polyline.gd-sgd__path")
                xs = [float(p.split(",")[0]) for p in line.get_attribute("points").split()]
                assert len(xs) == len(steps), (batch, eta, kind)
                scale = (xs[-1] - xs[0]) / (steps[-1] - steps[0])
                far = [
                    (k, x)
                    for k, x in zip(steps, xs, strict=True)
                    if abs(x - xs[0] - scale * (k - steps[0])) > 0.11
                ]
                assert far == [], (batch, eta, kind, far[:3])
    # the path drawn ends where gdcore's run ends
    end = root.locator(".gd-sgd__end")
    assert end.count() == 1
    assert visit.console_errors == []


MESSAGES = {
    "vi": {"range": "nằm ngoài khoảng cho phép", "number": "không phải là một số",
           "refused": "chưa chạy cho tới khi η là một số hợp lệ"},
    "en": {"range": "is outside the allowed range", "number": "is not a number",
           "refused": "no run until η is a valid number"},
}  # fmt: skip


def _result(root: Any, method: str) -> tuple[str, str | None, str | None]:
    line = root.locator(f"[data-result='{method}']")
    return line.inner_text(), line.get_attribute("data-outcome"), line.get_attribute("data-nit")


def _type(root: Any, method: str, typed: str) -> None:
    box = root.locator(f"[data-field='{method}'] .gd-explorer__value")
    box.fill(typed)
    box.press("Enter")


@pytest.mark.parametrize("lang", LANGS)
def test_the_optimizers_explorer_shows_gdcores_runs_and_refuses_bad_input(
    open_page: Callable[..., Visit], lang: str
) -> None:
    visit = open_page(_url(lang, "feature-scaling-and-adam"))
    page = visit.page
    root = _ready(page, "[data-gd-optimizers]")
    start = optimizers.STARTS[0]
    for method, eta in optimizers.DEFAULT_ETAS.items():
        run = optimizers.optimizer_run(method, eta, start)
        _, status, nit = _result(root, method)
        assert (status, nit) == (run.status, str(run.nit)), method
    # a typed value is used exactly: a Vietnamese page takes a decimal comma
    typed, eta = ("0,37", 0.37) if lang == "vi" else ("0.37", 0.37)
    for method in ("rmsprop", "adam", "momentum"):
        _type(root, method, typed)
        run = optimizers.optimizer_run(method, eta, start)
        line, status, nit = _result(root, method)
        assert (status, nit) == (run.status, str(run.nit)), (method, line)
        assert "η = 0.37" in line
    # another start: every method's run is gdcore's from there
    root.locator(".gd-explorer__start").nth(1).click()
    for method in optimizers.METHODS:
        eta = 0.37 if method in ("rmsprop", "adam", "momentum") else optimizers.DEFAULT_ETAS[method]
        run = optimizers.optimizer_run(method, eta, optimizers.STARTS[1])
        assert _result(root, method)[1:] == (run.status, str(run.nit)), method
    # refused: not a number, zero, too large; the method shows no result, the others do
    words_here = MESSAGES[lang]
    for typed, kind in (("abc", "number"), ("0", "range"), ("2.5", "range"), ("", None)):
        _type(root, "adam", typed)
        error = root.locator("[data-field='adam'] .gd-explorer__error")
        assert error.is_visible()
        if kind is not None:
            assert words_here[kind] in error.inner_text()
        line, status, _ = _result(root, "adam")
        assert status == "refused" and words_here["refused"] in line
        assert _result(root, "rmsprop")[1] in ("converged", "max_steps", "diverged")
    if lang == "en":  # a comma is not a decimal separator on the English page
        _type(root, "adam", "0,5")
        assert _result(root, "adam")[1] == "refused"
    _type(root, "adam", "1e-3")
    run = optimizers.optimizer_run("adam", 1e-3, optimizers.STARTS[1])
    assert _result(root, "adam")[1:] == (run.status, str(run.nit))
    assert not root.locator("[data-field='adam'] .gd-explorer__error").is_visible()
    assert visit.console_errors == []
