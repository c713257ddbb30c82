"""The explorers in Chromium, used as a reader would: typing, sliders, keyboard, dragging, the
player, the URL, the Goldilocks challenge; every number shown is gdcore's; bad input gets its
message in the page's language; axe passes on the widgets in the light and the dark palette.

The browser, the server and the built site are the session fixtures of conftest.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import browser_support as support
import numpy as np
import pytest
from browser_support import Visit
from test_browser import _AXE_JS

import gdcore as gd
from gdcore.landscapes import elongated_bowl, elongated_bowl_grad, parabola, parabola_grad

browser = pytest.mark.browser

WORDS = {
    "vi": {
        "converged": "hội tụ sau {n} bước",
        "diverged": "phân kỳ",
        "oscillates": "dao động mãi mãi",
        "eta_range": "η phải là một số trong khoảng (0, 1.2]",
        "beta_range": "β phải là một số thỏa 0 ≤ β < 1",
        "x0_range": "x₀ phải là một số từ −100 đến 100",
        "empty": "Hãy nhập một giá trị",
        "not_number": "không phải là một số",
        "step": "Bước {k} trên {n}",
    },
    "en": {
        "converged": "converged in {n} steps",
        "diverged": "diverges",
        "oscillates": "oscillates forever",
        "eta_range": "η must be a number in the range (0, 1.2]",
        "beta_range": "β must be a number with 0 ≤ β < 1",
        "x0_range": "x₀ must be a number from −100 to 100",
        "empty": "Type a value",
        "not_number": "is not a number",
        "step": "Step {k} of {n}",
    },
}


def _url(lang: str, stem: str) -> str:
    return stem if lang == support.DEFAULT_LANGUAGE else f"{lang}/{stem}"


def run_1d(eta: float, x0: float) -> gd.DescentResult:
    return gd.gradient_descent(parabola, x0, lr=eta, grad=parabola_grad)


def run_2d(kappa: float, eta: float, beta: float, start: tuple[float, float]) -> gd.DescentResult:
    return gd.gradient_descent(
        lambda p: elongated_bowl(p, kappa),
        np.array(start),
        lr=eta,
        grad=lambda p: elongated_bowl_grad(p, kappa),
        momentum=beta,
    )


class Explorer:
    """One explorer on an open page, with the reader's gestures."""

    def __init__(self, page: Any, selector: str) -> None:
        self.page = page
        self.root = page.locator(selector)
        self.root.wait_for(state="attached")
        page.wait_for_function(
            "s => document.querySelector(s + '[data-ready]')", arg=selector, timeout=10_000
        )

    def field(self, name: str) -> Any:
        return self.root.locator(f'[data-field="{name}"] .gd-explorer__value')

    def error(self, name: str) -> str:
        box = self.root.locator(f'[data-field="{name}"] .gd-explorer__error')
        return "" if box.get_attribute("hidden") is not None else box.inner_text()

    def type(self, name: str, text: str) -> None:
        """Type into a field the way a reader does, then press Enter."""
        field = self.field(name)
        field.click()
        field.press("Control+a")
        field.press("Backspace")
        if text:
            field.press_sequentially(text)
        field.press("Enter")

    @property
    def outcome(self) -> str:
        return str(self.root.locator(".gd-explorer__outcome").inner_text())

    @property
    def nit(self) -> int:
        return int(self.root.get_attribute("data-nit"))

    @property
    def status(self) -> str:
        return str(self.root.get_attribute("data-outcome"))

    @property
    def counter(self) -> str:
        return str(self.root.locator(".gd-explorer__counter").inner_text())

    def drawn_points(self, chart: str = ".gd-explorer__plot") -> int:
        points = self.root.locator(f"{chart} .gd-explorer__path").get_attribute("points") or ""
        return len(points.split())


def _no_uncaught(visit: Visit) -> None:
    assert not [e for e in visit.console_errors if e.startswith("uncaught")], visit.console_errors


# ------------------------------------------------------------------ the learning-rate explorer


@browser
@pytest.mark.parametrize("lang", support.LANGUAGES)
def test_learning_rate_explorer_computes_exactly_what_is_typed(
    open_page: Callable[..., Visit], lang: str
) -> None:
    words = WORDS[lang]
    visit = open_page(_url(lang, "learning-rate/"))
    ex = Explorer(visit.page, "[data-gd-explorer]")
    assert words["converged"].format(n=run_1d(0.1, 70.0).nit) in ex.outcome

    # The values the old grid snapped (33 -> 30, 5 -> 0, 0.0033 -> 0.003) are now exact.
    for eta, x0 in (("0.1", "33"), ("0.1", "5"), ("0.0033", "70"), ("0.123456789", "-7.3")):
        ex.type("eta", eta)
        ex.type("x0", x0)
        expected = run_1d(float(eta), float(x0))
        assert (ex.status, ex.nit) == (expected.status, expected.nit), (eta, x0)
        # the typed value is written back exactly
        assert f"η = {eta}" in ex.outcome and f"x₀ = {x0.replace('-', '−')}" in ex.outcome
        # the whole run is drawn: nit + 1 points on the loss chart
        assert ex.drawn_points(".gd-explorer__loss") == expected.nit + 1
    assert words["diverged"] in (ex.type("eta", "1.1"), ex.outcome)[1]
    assert words["oscillates"] in (ex.type("eta", "1.0"), ex.outcome)[1]
    _no_uncaught(visit)
    visit.page.context.close()


@browser
@pytest.mark.parametrize("lang", support.LANGUAGES)
def test_learning_rate_explorer_refuses_bad_input_with_a_message(
    open_page: Callable[..., Visit], lang: str
) -> None:
    words = WORDS[lang]
    visit = open_page(_url(lang, "learning-rate/"))
    ex = Explorer(visit.page, "[data-gd-explorer]")
    ex.type("eta", "0.2")
    before = (ex.outcome, ex.nit)
    for typed, expected in (
        ("-1", words["eta_range"]),
        ("0", words["eta_range"]),
        ("1.3", words["eta_range"]),
        ("", words["empty"]),
        ("abc", words["not_number"]),
        ("0.1.2", words["not_number"]),
    ):
        ex.type("eta", typed)
        message = ex.error("eta")
        assert expected in message, (typed, message)
        assert ex.field("eta").get_attribute("aria-invalid") == "true"
        assert ex.field("eta").input_value() == typed  # what was typed stays, unchanged
        # No result is claimed for it: the outcome repeats the message, no run is redone.
        assert ex.outcome == message and ex.root.get_attribute("data-invalid") == ""
        assert ex.nit == before[1], f"{typed!r} changed the run"
    ex.type("x0", "150")
    assert words["x0_range"] in ex.error("x0")
    ex.type("x0", "70")
    assert ex.error("x0") == ""
    ex.type("eta", "0.2")
    assert ex.root.get_attribute("data-invalid") is None and (ex.outcome, ex.nit) == before
    # The decimal comma: the Vietnamese way of writing 0.1, refused on the English page.
    ex.type("eta", "0,1")
    if lang == "vi":
        assert ex.error("eta") == "" and ex.nit == run_1d(0.1, 70.0).nit
    else:
        assert words["not_number"] in ex.error("eta")
    # The Goldilocks check asks for a valid η first.
    ex.type("eta", "")
    ex.root.locator(".gd-explorer__check").click()
    assert ex.root.locator(".gd-explorer__verdict").inner_text()
    _no_uncaught(visit)
    visit.page.context.close()


@browser
def test_learning_rate_explorer_works_by_keyboard_and_plays_the_descent(
    open_page: Callable[..., Visit],
) -> None:
    words = WORDS["en"]
    visit = open_page("en/learning-rate/")
    page = visit.page
    ex = Explorer(page, "[data-gd-explorer]")
    n = run_1d(0.1, 70.0).nit
    assert ex.counter.startswith(words["step"].format(k=n, n=n))

    # The η slider, with the arrow keys: 0.1 -> 0.101, gdcore's run for 0.101.
    ex.root.locator('[data-field="eta"] .gd-explorer__range').focus()
    page.keyboard.press("ArrowRight")
    assert ex.field("eta").input_value() == "0.101"
    assert ex.nit == run_1d(0.101, 70.0).nit
    # The x₀ slider is the keyboard twin of dragging the start point.
    ex.root.locator('[data-field="x0"] .gd-explorer__range').focus()
    page.keyboard.press("ArrowLeft")
    assert ex.field("x0").input_value() == "69.9"
    assert ex.nit == run_1d(0.101, 69.9).nit
    n = ex.nit

    # The player, with Tab and Enter.
    ex.root.locator(".gd-explorer__reset").focus()
    page.keyboard.press("Enter")
    assert ex.counter.startswith(words["step"].format(k=0, n=n))
    assert ex.drawn_points() == 1
    page.keyboard.press("Tab")  # to "Step"
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert ex.counter.startswith(words["step"].format(k=2, n=n))
    assert ex.drawn_points() == 3 and ex.drawn_points(".gd-explorer__loss") == 3
    x2 = run_1d(0.101, 69.9).path[2]
    assert f"x = {float(f'{x2:.4g}'):g}" in ex.counter
    play = ex.root.locator(".gd-explorer__play")
    play.click()
    assert play.get_attribute("aria-pressed") == "true"
    page.wait_for_function(
        "() => document.querySelector('[data-gd-explorer] .gd-explorer__counter')"
        ".textContent.startsWith('Step 4 ')",
        timeout=10_000,
    )
    play.click()  # pause
    assert play.get_attribute("aria-pressed") == "false"
    _no_uncaught(visit)
    page.context.close()


@browser
def test_play_jumps_to_the_end_under_reduced_motion(open_page: Callable[..., Visit]) -> None:
    visit = open_page("en/learning-rate/")
    page = visit.page
    page.emulate_media(reduced_motion="reduce")
    page.reload()
    ex = Explorer(page, "[data-gd-explorer]")
    n = ex.nit
    ex.root.locator(".gd-explorer__reset").click()
    ex.root.locator(".gd-explorer__play").click()
    assert ex.counter.startswith(f"Step {n} of {n}")
    assert ex.root.locator(".gd-explorer__play").get_attribute("aria-pressed") == "false"
    page.context.close()


@browser
def test_dragging_the_start_point_sets_x0(open_page: Callable[..., Visit]) -> None:
    visit = open_page("en/learning-rate/")
    page = visit.page
    ex = Explorer(page, "[data-gd-explorer]")
    handle = ex.root.locator(".gd-explorer__plot .gd-explorer__handle")
    handle.scroll_into_view_if_needed()
    box = handle.bounding_box()
    plot = ex.root.locator(".gd-explorer__plot").bounding_box()
    assert box is not None and plot is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(plot["x"] + plot["width"] * 0.3, box["y"], steps=8)
    page.mouse.up()
    typed = ex.field("x0").input_value()
    x0 = float(typed)
    assert -80 < x0 < -20 and round(x0, 1) == x0
    expected = run_1d(0.1, x0)
    assert (ex.status, ex.nit) == (expected.status, expected.nit)
    assert page.evaluate("() => location.hash") == f"#eta=0.1&x0={typed}"
    _no_uncaught(visit)
    page.context.close()


@browser
@pytest.mark.parametrize("lang", support.LANGUAGES)
def test_the_url_holds_the_setup(open_page: Callable[..., Visit], lang: str) -> None:
    visit = open_page(_url(lang, "learning-rate/") + "#eta=0.9&x0=-33")
    page = visit.page
    ex = Explorer(page, "[data-gd-explorer]")
    assert ex.field("eta").input_value() == "0.9" and ex.field("x0").input_value() == "-33"
    assert ex.nit == run_1d(0.9, -33.0).nit
    ex.type("eta", "0.45")
    assert page.evaluate("() => location.hash") == "#eta=0.45&x0=-33"
    # A link with a bad value opens with the message, not with a silently changed value.
    page.goto(page.url.split("#")[0] + "#eta=-1&x0=5")
    page.reload()
    ex = Explorer(page, "[data-gd-explorer]")
    assert WORDS[lang]["eta_range"] in ex.error("eta")
    assert ex.field("eta").input_value() == "-1"
    page.context.close()


@browser
@pytest.mark.parametrize("lang", support.LANGUAGES)
def test_goldilocks_judges_against_gdcores_best(open_page: Callable[..., Visit], lang: str) -> None:
    from sitebuild.widgets.explorer import GOLDILOCKS_TARGET, GOLDILOCKS_X0, goldilocks

    answer = goldilocks()
    visit = open_page(_url(lang, "learning-rate/"))
    ex = Explorer(visit.page, "[data-gd-explorer]")
    verdict = ex.root.locator(".gd-explorer__verdict")
    for eta in ("0.4", "0.5", "1.1", "0.6"):
        ex.type("eta", eta)
        ex.root.locator(".gd-explorer__check").click()
        path = run_1d(float(eta), GOLDILOCKS_X0).path
        assert path is not None
        hits = np.flatnonzero(np.abs(path) < GOLDILOCKS_TARGET)
        kind = ex.root.get_attribute("data-verdict")
        if not hits.size:
            assert kind == "verdict_never"
        elif hits[0] <= answer["best"]:
            assert kind == "verdict_best"
        else:
            assert kind == "verdict_more" and str(hits[0]) in verdict.inner_text()
    assert answer["best"] == 1 and answer["bestEtas"] == [0.5]
    visit.page.context.close()


# ----------------------------------------------------------------------- the 2-D explorers


@browser
@pytest.mark.parametrize("lang", support.LANGUAGES)
def test_bowl_explorer_reacts_and_equals_gdcore(open_page: Callable[..., Visit], lang: str) -> None:
    words = WORDS[lang]
    visit = open_page(_url(lang, "gradient-descent-2d/"))
    page = visit.page
    ex = Explorer(page, "[data-gd-explorer-2d]")
    assert words["converged"].format(n=run_2d(1.0, 0.1, 0.0, (6.0, 9.0)).nit) in ex.outcome
    assert ex.root.locator('[data-field="beta"]').count() == 0  # no momentum on this page
    for eta in ("0.3", "0.0777", "1.0", "1.1"):
        ex.type("eta", eta)
        expected = run_2d(1.0, float(eta), 0.0, (6.0, 9.0))
        assert (ex.status, ex.nit) == (expected.status, expected.nit), eta
    assert words["diverged"] in ex.outcome
    ex.type("eta", "0.11")
    button = ex.root.locator(".gd-explorer__start[data-start='-14.0,5.0']")
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "true"
    assert ex.nit == run_2d(1.0, 0.11, 0.0, (-14.0, 5.0)).nit
    ex.type("eta", "2")
    assert words["eta_range"] in ex.error("eta")
    _no_uncaught(visit)
    page.context.close()


@browser
@pytest.mark.parametrize("lang", support.LANGUAGES)
def test_momentum_explorer_reacts_and_equals_gdcore(
    open_page: Callable[..., Visit], lang: str
) -> None:
    words = WORDS[lang]
    visit = open_page(_url(lang, "momentum/"))
    page = visit.page
    ex = Explorer(page, "[data-gd-explorer-2d]")
    assert ex.nit == run_2d(10.0, 0.09, 0.0, (6.0, 9.0)).nit
    for eta, beta in (("0.105", "0.3"), ("0.1", "0.9"), ("0.2", "0.5"), ("0.25", "0")):
        ex.type("eta", eta)
        ex.type("beta", beta)
        expected = run_2d(10.0, float(eta), float(beta), (6.0, 9.0))
        assert (ex.status, ex.nit) == (expected.status, expected.nit), (eta, beta)
    assert page.evaluate("() => location.hash") == "#eta=0.25&beta=0&start=6,9"
    for bad in ("1", "-0.1", "x"):
        ex.type("beta", bad)
        assert ex.error("beta"), bad
    assert words["beta_range"] in ex.error("beta") or words["not_number"] in ex.error("beta")
    ex.type("beta", "0.5")
    # Drag the start point: the run starts where it was dropped, as gdcore's would.
    handle = ex.root.locator(".gd-explorer__handle")
    handle.scroll_into_view_if_needed()
    box = handle.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] - 120, box["y"] + 60, steps=6)
    page.mouse.up()
    start = page.evaluate("() => location.hash").split("start=")[1].split(",")
    p0 = (float(start[0]), float(start[1]))
    assert p0 != (6.0, 9.0)
    assert ex.nit == run_2d(10.0, 0.25, 0.5, p0).nit
    # The link restores the setup.
    page.goto(page.url.split("#")[0] + "#eta=0.105&beta=0.3&start=-14,3")
    page.reload()
    ex = Explorer(page, "[data-gd-explorer-2d]")
    assert ex.field("beta").input_value() == "0.3"
    assert ex.nit == run_2d(10.0, 0.105, 0.3, (-14.0, 3.0)).nit
    # A link whose start is not allowed says so, and starts from the default instead.
    page.goto(page.url.split("#")[0] + "#eta=0.105&beta=0.3&start=99,1")
    page.reload()
    ex = Explorer(page, "[data-gd-explorer-2d]")
    message = ex.root.locator(".gd-explorer__start-error")
    assert message.is_visible() and "99,1" in message.inner_text()
    assert ex.nit == run_2d(10.0, 0.105, 0.3, (6.0, 9.0)).nit
    ex.root.locator(".gd-explorer__start[data-start='-14.0,3.0']").click()
    assert not message.is_visible()
    _no_uncaught(visit)
    page.context.close()


# ---------------------------------------------------------------------------- accessibility


@browser
@pytest.mark.parametrize(
    ("lang", "stem", "selector"),
    [
        (lang, stem, selector)
        for lang in support.LANGUAGES
        for stem, selector in (
            ("learning-rate/", "[data-gd-explorer]"),
            ("momentum/", "[data-gd-explorer-2d]"),
        )
    ],
)
def test_axe_passes_on_the_explorers_with_their_messages_shown(
    open_page: Callable[..., Visit], lang: str, stem: str, selector: str
) -> None:
    visit = open_page(_url(lang, stem))
    page = visit.page
    ex = Explorer(page, selector)
    ex.type("eta", "-1")  # an error message on screen
    if selector == "[data-gd-explorer]":
        ex.root.locator(".gd-explorer__check").click()  # and a verdict
    page.add_script_tag(path=str(support.AXE))
    light = page.evaluate(_AXE_JS)
    page.emulate_media(color_scheme="dark")
    page.locator("input.md-option[data-md-color-scheme='slate']").evaluate("i => i.click()")
    page.wait_for_function(
        "() => document.body.getAttribute('data-md-color-scheme') === 'slate'", timeout=5000
    )
    dark = page.evaluate(_AXE_JS)
    assert not light, light
    assert not dark, dark
    page.context.close()


# ------------------------------------------------------------ the Python side (no browser)


def test_goldilocks_answer_is_gdcores() -> None:
    from sitebuild.widgets.explorer import goldilocks

    answer = goldilocks((0.1, 0.3, 0.5, 0.7, 1.0, 1.1))
    assert answer["count"] == 6
    assert (answer["best"], answer["bestEtas"]) == (1, [0.5])
    assert run_1d(0.5, 70.0).path.tolist() == [70.0, 0.0]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_explorers_say_gdcores_outcome_before_any_script(lang: str) -> None:
    from sitebuild.widgets.explorer import bowl_explorer_html, explorer_html, momentum_explorer_html

    words = WORDS[lang]
    assert words["converged"].format(n=run_1d(0.1, 70.0).nit) in explorer_html(lang)
    bowl = bowl_explorer_html(lang)
    assert words["converged"].format(n=run_2d(1.0, 0.1, 0.0, (6.0, 9.0)).nit) in bowl
    momentum = momentum_explorer_html(lang)
    assert words["converged"].format(n=run_2d(10.0, 0.09, 0.0, (6.0, 9.0)).nit) in momentum
    for block in (explorer_html(lang), bowl, momentum):
        found = re.search(r'class="gd-explorer__config">(.*?)</script>', block)
        assert found is not None and "</" not in found.group(1)


def test_explorers_refuse_an_unknown_language() -> None:
    from sitebuild.widgets.explorer import explorer_html, momentum_explorer_html

    with pytest.raises(ValueError, match="lang"):
        explorer_html("fr")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="lang"):
        momentum_explorer_html("fr")  # type: ignore[arg-type]


def test_every_explorer_word_is_in_both_catalogs() -> None:
    from sitebuild.widgets.explorer import _WORDS_1D, _WORDS_2D, words

    for table in (_WORDS_1D, _WORDS_2D):
        english = words(table, "en")
        vietnamese = words(table, "vi")
        assert english == table  # the English catalog repeats the source text
        for key, text in vietnamese.items():
            fields = set(re.findall(r"\{(\w+)\}", table[key]))
            assert set(re.findall(r"\{(\w+)\}", text)) == fields, key
