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
from sweep_page import _AXE_JS

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
    assert typed.startswith("−")  # the widget writes U+2212
    x0 = float(typed.replace("−", "-"))
    assert -80 < x0 < -20 and round(x0, 1) == x0
    expected = run_1d(0.1, x0)
    assert (ex.status, ex.nit) == (expected.status, expected.nit)
    assert page.evaluate("() => location.hash") == f"#eta=0.1&x0={typed.replace('−', '-')}"
    _no_uncaught(visit)
    page.context.close()


@browser
@pytest.mark.parametrize("lang", support.LANGUAGES)
def test_the_url_holds_the_setup(open_page: Callable[..., Visit], lang: str) -> None:
    visit = open_page(_url(lang, "learning-rate/") + "#eta=0.9&x0=-33")
    page = visit.page
    ex = Explorer(page, "[data-gd-explorer]")
    # The link's value, written with the page's minus sign (U+2212)
    assert ex.field("eta").input_value() == "0.9" and ex.field("x0").input_value() == "−33"
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


def _goldilocks_steps(eta: float) -> int | None:
    """gdcore's steps for η on the challenge's bowl to reach ‖p‖ < target, or None."""
    from sitebuild.widgets.explorer import GOLDILOCKS_KAPPA, GOLDILOCKS_START, GOLDILOCKS_TARGET

    path = run_2d(GOLDILOCKS_KAPPA, eta, 0.0, GOLDILOCKS_START).path
    assert path is not None
    hits = np.flatnonzero(np.hypot(path[:, 0], path[:, 1]) < GOLDILOCKS_TARGET)
    return int(hits[0]) if hits.size else None


@browser
@pytest.mark.parametrize("lang", support.LANGUAGES)
def test_goldilocks_judges_against_gdcores_best(open_page: Callable[..., Visit], lang: str) -> None:
    """The challenge on x² + 10y²: each verdict is gdcore's count, in the page's language with
    its plural forms; a verdict goes as soon as η changes (messages follow the state)."""
    from sitebuild.widgets.explorer import _WORDS_1D, count_words, goldilocks, words

    answer = goldilocks()
    said = words(_WORDS_1D, lang)
    visit = open_page(_url(lang, "learning-rate/"))
    ex = Explorer(visit.page, "[data-gd-explorer]")
    verdict = ex.root.locator(".gd-explorer__verdict")
    check = ex.root.locator(".gd-explorer__check")
    # The challenge does not give its answer away: the page's text never names it.
    best_eta = f"{answer['bestEtas'][0]:g}"
    assert best_eta not in ex.root.locator(".gd-explorer__challenge").inner_text()
    for eta in ("0.05", "0.089", "0.09", "0.0999", "0.5", "0.1"):
        ex.type("eta", eta)
        assert verdict.inner_text() == "" and ex.root.get_attribute("data-verdict") is None
        check.click()
        steps = _goldilocks_steps(float(eta))
        kind = ex.root.get_attribute("data-verdict")
        text = verdict.inner_text()
        if steps is None:
            assert kind == "verdict_never", eta
        else:
            assert ex.root.get_attribute("data-verdict-steps") == str(steps), eta
            key = "verdict_best" if steps <= answer["best"] else "verdict_more"
            assert kind == key, eta
            fields = {"eta": eta, "target": "0.01", "count": answer["count"]}
            if key == "verdict_more":
                fields |= {"best": answer["best"], "best_eta": best_eta}
                larger = float(eta) < answer["bestEtas"][0]
                fields["hint"] = said["hint_larger" if larger else "hint_smaller"]
            assert text == count_words(key, steps, lang, **fields), (eta, text)
    assert answer["best"] == 33 and answer["bestEtas"] == [0.089]
    # Messages follow the state: "first type a valid η" goes once the value is fixed.
    ex.type("eta", "")
    check.click()
    assert ex.root.get_attribute("data-verdict") == "verdict_invalid" and verdict.inner_text()
    ex.type("eta", "0.089")
    assert verdict.inner_text() == "" and ex.root.get_attribute("data-verdict") is None
    check.click()
    assert ex.root.get_attribute("data-verdict") == "verdict_best"
    ex.type("x0", "12")  # the challenge does not depend on x₀: its verdict stays
    assert ex.root.get_attribute("data-verdict") == "verdict_best"
    _no_uncaught(visit)
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


# ------------------------------------------------------------ on a phone, with a finger

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _context(chromium: Any, base_url: str, viewport: dict[str, int], color_scheme: str = "light"):
    """A browser context at ``viewport``: a phone (is_mobile, has_touch) at 390 px."""
    phone = viewport["width"] == PHONE["width"]
    context = chromium.new_context(
        viewport=viewport,
        is_mobile=phone,
        has_touch=phone,
        device_scale_factor=2 if phone else 1,
        color_scheme=color_scheme,
        service_workers="block",
    )
    origin = base_url.rstrip("/")
    context.route(
        lambda url: not url.startswith(origin + "/") and not url.startswith("data:"),
        lambda route: route.abort("blockedbyclient"),
    )
    return context


def _open(context: Any, base_url: str, path: str) -> tuple[Any, list[str]]:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
    page.goto(base_url + path, wait_until="networkidle")
    return page, errors


_LISTEN_JS = """h => { window.gdSeen = [];
  ['pointerdown', 'pointermove', 'pointerup', 'pointercancel']
    .forEach(t => h.addEventListener(t, () => window.gdSeen.push(t))); }"""


def _touch_drag(page: Any, start: tuple[float, float], moves: list[tuple[float, float]]) -> None:
    """A finger on the screen (the DevTools protocol's touch events), moved, lifted."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [
        {"x": start[0], "y": start[1]}]})  # fmt: skip
    for x, y in moves:
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [
            {"x": x, "y": y}]})  # fmt: skip
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def _centre(box: dict[str, float]) -> tuple[float, float]:
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


@browser
@pytest.mark.parametrize(
    ("lang", "stem", "selector"),
    [
        ("vi", "learning-rate/", "[data-gd-explorer]"),
        ("en", "gradient-descent-2d/", "[data-gd-explorer-2d]"),
        ("vi", "momentum/", "[data-gd-explorer-2d]"),
    ],
)
def test_a_finger_drags_the_start_point_on_a_phone(
    chromium: Any, base_url: str, lang: str, stem: str, selector: str
) -> None:
    """At 390 px with touch: the page does not scroll, the pointer is not cancelled, the point
    follows the finger; the dragged value is rounded to one decimal, written with U+2212, the
    URL holds the same value and the run is gdcore's for exactly that value. A swipe that starts
    elsewhere on the chart still scrolls the page."""
    context = _context(chromium, base_url, PHONE)
    page, errors = _open(context, base_url, _url(lang, stem))
    ex = Explorer(page, selector)
    handle = ex.root.locator(".gd-explorer__plot .gd-explorer__handle")
    handle.scroll_into_view_if_needed()
    handle.evaluate(_LISTEN_JS)
    box = handle.bounding_box()
    assert box is not None and box["width"] >= 36, box  # a finger's target
    x, y = _centre(box)
    dx, dy = (-8, 6) if "2d" not in selector else (-7, 5)  # down and left: vertical matters
    moves = [(x + dx * i, y + dy * i) for i in range(1, 19)]
    scrolled = page.evaluate("() => scrollY")
    _touch_drag(page, (x, y), moves)
    seen = page.evaluate("() => window.gdSeen")
    assert "pointercancel" not in seen and seen.count("pointermove") >= 15, seen
    assert page.evaluate("() => scrollY") == scrolled, "the drag scrolled the page"
    after = handle.bounding_box()
    assert after is not None
    fx, fy = moves[-1]
    hx, hy = _centre(after)
    if "2d" in selector:
        assert abs(hx - fx) < 2 and abs(hy - fy) < 2, ((hx, hy), (fx, fy))
    else:  # the point stays on the curve: it follows the finger across
        assert abs(hx - fx) < 2, (hx, fx)
    hash_ = page.evaluate("() => decodeURIComponent(location.hash)")
    if "2d" in selector:
        start = hash_.split("start=")[1].split(",")
        p0 = (float(start[0]), float(start[1]))
        assert p0 != (6.0, 9.0) and all(round(v, 1) == v for v in p0), p0
        kappa = 1.0 if "2d/" in stem else 10.0
        eta = float(ex.field("eta").input_value())
        beta = float(ex.field("beta").input_value()) if kappa != 1.0 else 0.0
        expected = run_2d(kappa, eta, beta, p0)
        shown = "(" + ", ".join(f"{v:g}".replace("-", "−") for v in p0) + ")"
        assert shown in ex.outcome, (shown, ex.outcome)
    else:
        typed = ex.field("x0").input_value()
        x0 = float(typed.replace("−", "-"))
        assert round(x0, 1) == x0 and "-" not in typed and x0 < 70.0, typed
        assert hash_ == f"#eta=0.1&x0={typed.replace('−', '-')}"
        expected = run_1d(0.1, x0)
    assert (ex.status, ex.nit) == (expected.status, expected.nit)
    # A swipe up that starts on the chart away from the point scrolls the page as usual.
    plot = ex.root.locator(".gd-explorer__plot").bounding_box()
    assert plot is not None
    sx, sy = plot["x"] + 12, plot["y"] + plot["height"] - 14
    before = page.evaluate("() => scrollY")
    _touch_drag(page, (sx, sy), [(sx, sy - 12 * i) for i in range(1, 13)])
    page.wait_for_timeout(300)
    assert page.evaluate("() => scrollY") > before, "a swipe on the chart no longer scrolls"
    assert not errors, errors
    context.close()


@browser
@pytest.mark.parametrize("lang", support.LANGUAGES)
def test_backprop_stepper_keeps_the_current_node_in_view_on_a_phone(
    chromium: Any, base_url: str, lang: str
) -> None:
    """At 390 px the graph scrolls sideways inside its box (the page itself does not); after
    every tap on "Next step" the current node is fully visible in that box."""
    context = _context(chromium, base_url, PHONE)
    page, errors = _open(context, base_url, _url(lang, "chain-rule/"))
    page.wait_for_function("() => document.querySelector('[data-gd-backprop][data-ready]')")
    root = page.locator("[data-gd-backprop]").first  # the neuron; the fan-out graph follows
    figure = root.locator(".gd-backprop__figure")
    wide = figure.evaluate("f => f.scrollWidth > f.clientWidth")
    assert wide, "the graph fits 390 px: this test no longer tests the scrolling"
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
    nxt = root.locator(".gd-backprop__next")
    steps = len(root.locator(".gd-backprop__node").all()) * 2
    moved = set()
    for k in range(1, steps + 1):
        nxt.tap()
        assert root.get_attribute("data-step") == str(k)
        where = page.evaluate(
            """() => { const f = document.querySelector('.gd-backprop__figure');
              const n = document.querySelector('.gd-backprop__node--current');
              const a = f.getBoundingClientRect(), b = n.getBoundingClientRect();
              return [a.left, a.right, b.left, b.right, f.scrollLeft]; }"""
        )
        left, right, node_left, node_right, scroll = where
        assert left - 0.5 <= node_left and node_right <= right + 0.5, (k, where)
        moved.add(round(scroll))
    assert len(moved) > 1, "the graph never scrolled to follow the steps"
    assert not errors, errors
    context.close()


# ---------------------------------------------------------- charts and messages that tell the truth


def _boxes(page: Any, selector: str) -> list[dict[str, float]]:
    return page.eval_on_selector_all(
        selector,
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return {l: r.left, r: r.right, t: r.top, b: r.bottom}; })",
    )


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return a["l"] < b["r"] and b["l"] < a["r"] and a["t"] < b["b"] and b["t"] < a["b"]


@browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_the_loss_chart_draws_zero_as_zero_and_its_labels_apart(
    chromium: Any, base_url: str, viewport: dict[str, int]
) -> None:
    """η = 0.5 reaches a loss of exactly 0: it is drawn on its own row below the log axis, under
    a break mark and labelled 0, never on a grid line; no label overlaps the step axis title."""
    from sitebuild.widgets.explorer import _WORDS_COMMON, words

    zero_word = words(_WORDS_COMMON, "vi")["zero"]
    context = _context(chromium, base_url, viewport)
    page, errors = _open(context, base_url, "learning-rate/")
    ex = Explorer(page, "[data-gd-explorer]")
    loss = ex.root.locator(".gd-explorer__loss")
    # The default run (105 steps: ticks up to 100) and its labels.
    assert loss.get_attribute("data-zero-row") == "false"
    ticks = _boxes(page, "[data-gd-explorer] .gd-explorer__loss .gd-explorer__tick")
    assert len(ticks) > 8
    for i, a in enumerate(ticks):
        for b in ticks[i + 1 :]:
            assert not _overlap(a, b), (a, b)
    ex.root.locator(".gd-explorer__preset[data-eta='0.5']").click()
    assert ex.nit == 1 and run_1d(0.5, 70.0).fun == 0.0
    assert loss.get_attribute("data-zero-row") == "true"
    zero = loss.locator(".gd-explorer__zero")
    assert zero.evaluate("e => e.firstChild.nodeValue") == "0" and zero.is_visible()
    assert zero.locator("title").text_content() == zero_word  # "đúng bằng 0"
    grid_ys = [
        float(d.split(" ")[1].split("H")[0])
        for d in loss.locator(".gd-explorer__grid").evaluate_all(
            "els => els.map(e => e.getAttribute('d'))"
        )
    ]
    last = loss.locator(".gd-explorer__dot--now")
    y_zero = float(last.get_attribute("cy"))
    assert y_zero > max(grid_ys) + 20, (y_zero, grid_ys)  # below the lowest grid line (10²)
    assert abs(y_zero - float(zero.get_attribute("y"))) < 0.5  # on the row labelled 0
    assert loss.locator(".gd-explorer__break").count() == 1
    ticks = _boxes(page, "[data-gd-explorer] .gd-explorer__loss .gd-explorer__tick")
    for i, a in enumerate(ticks):
        for b in ticks[i + 1 :]:
            assert not _overlap(a, b), (a, b)
    assert not errors, errors
    context.close()


@browser
@pytest.mark.parametrize("lang", support.LANGUAGES)
def test_step_at_the_end_is_disabled_and_says_so(chromium: Any, base_url: str, lang: str) -> None:
    from sitebuild.widgets.explorer import _WORDS_COMMON, words

    said = words(_WORDS_COMMON, lang)
    context = _context(chromium, base_url, PHONE)
    page, errors = _open(context, base_url, _url(lang, "momentum/"))
    ex = Explorer(page, "[data-gd-explorer-2d]")
    step = ex.root.locator(".gd-explorer__step")
    end = ex.root.locator(".gd-explorer__end")
    n = ex.nit
    assert step.get_attribute("aria-disabled") == "true"  # the whole run is shown at first
    assert end.get_attribute("aria-live") == "polite" and end.inner_text() == ""
    counter = ex.counter
    step.tap(force=True)  # aria-disabled: Playwright would wait for it to be enabled
    assert end.inner_text() == said["step_end"] and ex.counter == counter
    assert float(step.evaluate("b => getComputedStyle(b).opacity")) < 0.6  # visibly disabled
    ex.root.locator(".gd-explorer__reset").tap()
    assert step.get_attribute("aria-disabled") == "false" and end.inner_text() == ""
    for _ in range(n):
        step.tap()
    assert step.get_attribute("aria-disabled") == "true" and end.inner_text() == ""
    step.tap(force=True)
    assert end.inner_text() == said["step_end"]
    ex.root.locator(".gd-explorer__play").tap()  # Play starts again from the first step
    assert end.inner_text() == ""
    assert not errors, errors
    context.close()


@browser
@pytest.mark.parametrize("lang", support.LANGUAGES)
def test_a_malformed_link_falls_back_with_the_usual_message(
    chromium: Any, base_url: str, lang: str
) -> None:
    """``#eta=%`` (and a cut ``%E2%88``) cannot be decoded: the explorer still starts, shows what
    the link held, and refuses it with the message any bad value gets, in the page's language."""
    words = WORDS[lang]
    context = _context(chromium, base_url, DESKTOP)
    page, errors = _open(context, base_url, _url(lang, "learning-rate/") + "#eta=%&x0=5")
    ex = Explorer(page, "[data-gd-explorer]")
    assert ex.field("eta").input_value() == "%"
    assert words["not_number"] in ex.error("eta") and words["eta_range"] in ex.error("eta")
    assert ex.outcome == ex.error("eta") and ex.field("x0").input_value() == "5"
    assert ex.root.locator(".gd-explorer__plot .gd-explorer__curve").count() == 1  # not blank
    ex.type("eta", "0.3")
    assert ex.nit == run_1d(0.3, 5.0).nit
    page.goto(page.url.split("#")[0] + "#eta=0.2&x0=%E2%88")
    page.reload()
    ex = Explorer(page, "[data-gd-explorer]")
    assert ex.field("x0").input_value() == "%E2%88" and words["x0_range"] in ex.error("x0")
    # The 2-D explorer: a bad start is replaced by the default, with its message.
    page.goto(base_url + _url(lang, "momentum/") + "#eta=0.1&beta=%&start=1,%")
    ex = Explorer(page, "[data-gd-explorer-2d]")
    assert ex.field("beta").input_value() == "%" and words["beta_range"] in ex.error("beta")
    assert "1,%" in ex.root.locator(".gd-explorer__start-error").inner_text()
    assert not errors, errors
    context.close()


@browser
@pytest.mark.parametrize("lang", support.LANGUAGES)
def test_the_widgets_write_counts_and_minus_signs_as_gdcore_does(
    chromium: Any, base_url: str, lang: str
) -> None:
    """Every count word for n = 0…1000 is the catalog's plural form that Python picks; every
    number the widget writes uses U+2212 (links and typed text keep "-", which is accepted)."""
    from sitebuild.widgets.explorer import _PLURALS, count_words

    context = _context(chromium, base_url, DESKTOP)
    page, errors = _open(context, base_url, _url(lang, "learning-rate/") + "#eta=0.5&x0=-40")
    ex = Explorer(page, "[data-gd-explorer]")
    expected = count_words("converged", 1, lang)
    assert expected in ex.outcome, ex.outcome  # "converged in 1 step" / "hội tụ sau 1 bước"
    got = page.evaluate(
        """([keys, plurals]) => keys.map(key => Array.from({length: 1001}, (_, n) =>
             window.gdExplorerText.plural(plurals[key], n, {eta: "E", target: "T", count: "C",
               best: "B", best_eta: "BE", hint: "H"})))""",
        [
            list(_PLURALS),
            ex.root.locator(".gd-explorer__config").evaluate(
                "s => JSON.parse(s.textContent).plurals"
            ),
        ],
    )
    fields = {"eta": "E", "target": "T", "count": "C", "best": "B", "best_eta": "BE", "hint": "H"}
    for key, texts in zip(_PLURALS, got, strict=True):
        assert texts == [count_words(key, n, lang, **fields) for n in range(1001)], key
    # One minus sign: the field (from the link's "-40"), the outcome, the ticks, the steps.
    ex.root.locator('[data-field="x0"] .gd-explorer__range').focus()
    page.keyboard.press("ArrowRight")  # the slider writes −39.9
    assert ex.field("x0").input_value() == "−39.9"
    ex.root.locator(".gd-explorer__preset[data-eta='0.9']").click()
    text = ex.root.inner_text() + " ".join(
        ex.root.locator(".gd-explorer__value").evaluate_all("els => els.map(e => e.value)")
    )
    assert "−39.9" in text and not re.search(r"-\d", text), re.findall(r".{12}-\d.{4}", text)
    fmt = page.evaluate("() => window.gdExplorerText.fmt(-1.234e-7)")
    assert fmt == "−1.234e−7"
    assert not errors, errors
    context.close()


@browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
@pytest.mark.parametrize(
    ("stem", "selector", "hash_"),
    [
        ("learning-rate/", "[data-gd-explorer]", "#eta=0.9&x0=70"),
        ("momentum/", "[data-gd-explorer-2d]", "#eta=0.1&beta=0.5&start=6,9"),
    ],
)
def test_a_shared_link_shows_the_explorers_title_below_the_header(
    chromium: Any, base_url: str, viewport: dict[str, int], stem: str, selector: str, hash_: str
) -> None:
    context = _context(chromium, base_url, viewport)
    page, errors = _open(context, base_url, "en/" + stem + hash_)
    Explorer(page, selector)
    page.wait_for_timeout(200)
    header = page.locator(".md-header").bounding_box()
    title = page.locator(f"{selector} .gd-explorer__title").bounding_box()
    assert header is not None and title is not None
    assert title["y"] >= header["y"] + header["height"], (title, header)
    assert title["y"] < viewport["height"] / 2
    assert not errors, errors
    context.close()


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
    """The best η of the challenge is gdcore's, near 2/(L + μ) = 2/22 for x² + 10y², and it is
    not the η = 0.5 that the page's table on x² gives away."""
    from sitebuild.widgets.explorer import GOLDILOCKS_ETAS, goldilocks

    answer = goldilocks()
    assert answer["count"] == len(GOLDILOCKS_ETAS) == 1200
    steps = [_goldilocks_steps(eta) for eta in GOLDILOCKS_ETAS]
    assert answer["steps"] == steps
    best = min(k for k in steps if k is not None)
    assert answer["best"] == best
    assert answer["bestEtas"] == [
        eta for eta, k in zip(GOLDILOCKS_ETAS, steps, strict=True) if k == best
    ]
    assert all(abs(eta - 2 / 22) < 0.005 for eta in answer["bestEtas"])
    assert 0.5 not in answer["bestEtas"] and steps[GOLDILOCKS_ETAS.index(0.5)] is None
    assert run_1d(0.5, 70.0).path.tolist() == [70.0, 0.0]  # on x² it is one step


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


def test_counts_use_the_catalogs_plural_forms() -> None:
    from sitebuild.widgets.explorer import _PLURALS, count_words, plurals

    assert count_words("converged", 1, "en") == "converged in 1 step"
    assert count_words("converged", 0, "en") == "converged in 0 steps"
    assert count_words("converged", 2, "en") == "converged in 2 steps"
    assert count_words("converged", 1, "vi") == "hội tụ sau 1 bước"
    for lang, n_forms in (("en", 2), ("vi", 1)):
        table = plurals(lang)
        assert set(table) == set(_PLURALS)
        for key, word in table.items():
            assert len(word["forms"]) == n_forms, (lang, key)
    assert plurals("en")["verdict_best"]["forms"] == list(_PLURALS["verdict_best"])


def test_every_explorer_word_is_in_both_catalogs() -> None:
    from sitebuild.widgets.explorer import _WORDS_1D, _WORDS_2D, words

    for table in (_WORDS_1D, _WORDS_2D):
        english = words(table, "en")
        vietnamese = words(table, "vi")
        assert english == table  # the English catalog repeats the source text
        for key, text in vietnamese.items():
            fields = set(re.findall(r"\{(\w+)\}", table[key]))
            assert set(re.findall(r"\{(\w+)\}", text)) == fields, key
