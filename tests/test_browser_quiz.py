"""The self-check questions and the backprop stepper in headless Chromium (Playwright).

Each widget is used as a reader would, mouse and keyboard: answers are judged with gdcore's
numbers, typical mistakes get their own hint, non-numbers their message in the page's
language, progress survives a reload and the reset, and axe finds no serious violation in
the light or the dark palette once feedback is on the page. Skipped without Chromium unless
``GDCORE_REQUIRE_BROWSER=1``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import browser_support as support
import pytest

if str(support.ROOT) not in sys.path:
    sys.path.insert(0, str(support.ROOT))

from sitebuild.widgets.quiz import questions

browser = pytest.mark.browser

WORDS = {
    "vi": {"right": "Đúng rồi.", "wrong": "Chưa đúng.", "nan": "không phải là một số"},
    "en": {"right": "Correct.", "wrong": "Not yet.", "nan": "is not a number"},
}

_AXE_JS = """async (selector) => {
  const result = await axe.run(selector, {resultTypes: ["violations"]});
  return result.violations.filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => `${v.impact} ${v.id}: ${v.help} at ` +
         v.nodes.slice(0, 4).map(n => n.target.join(" ")).join(" | "));
}"""


# browser_ready, base_url and chromium are the session fixtures of conftest.py.


@pytest.fixture
def context(chromium: Any, base_url: str) -> Iterator[Any]:
    """A fresh browser context (empty localStorage) where other hosts are cut off."""
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    blocked: list[str] = []
    origin = base_url.rstrip("/")

    def block(route: Any) -> None:
        blocked.append(route.request.url)
        route.abort("blockedbyclient")

    ctx.route(lambda url: not url.startswith(origin + "/") and not url.startswith("data:"), block)
    ctx.blocked = blocked
    yield ctx
    ctx.close()
    assert not blocked, blocked


def _open(context: Any, base_url: str, lang: str, stem: str) -> Any:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors
    prefix = "" if lang == support.DEFAULT_LANGUAGE else f"{lang}/"
    page.goto(f"{base_url}{prefix}{stem}/", wait_until="networkidle")
    page.wait_for_function("() => document.querySelector('[data-gd-quiz][data-ready]')")
    return page


def _question(page: Any, qid: str) -> Any:
    return page.locator(f".gd-quiz__question[data-q='{qid}']")


def _answer(item: Any, text: str) -> str:
    item.locator(".gd-quiz__answer").fill(text)
    item.locator(".gd-quiz__answer").press("Enter")  # the keyboard submits the form
    return str(item.locator(".gd-quiz__feedback").inner_text())


def _axe(page: Any, selector: str) -> list[str]:
    page.add_script_tag(path=str(support.AXE))
    light = page.evaluate(_AXE_JS, selector)
    page.locator("input.md-option[data-md-color-scheme='slate']").evaluate("i => i.click()")
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    dark = page.evaluate(_AXE_JS, selector)
    return [f"light: {v}" for v in light] + [f"dark: {v}" for v in dark]


@browser
@pytest.mark.parametrize("lang", support.LANGUAGES)
def test_numeric_question_judges_with_gdcores_answer_and_names_the_mistake(
    context: Any, base_url: str, lang: str
) -> None:
    words = WORDS[lang]
    page = _open(context, base_url, lang, "gradient-descent")
    x2 = next(q for q in questions("gradient-descent") if q.id == "x2")
    item = _question(page, "x2")
    assert item.locator(".gd-quiz__solution").is_hidden()

    wrong = _answer(item, f"{x2.mistakes['eta_x']:g}")  # η·x instead of η·2x
    assert wrong.startswith(words["wrong"]) and "η · x" in wrong
    assert "2x" in wrong
    assert item.locator(".gd-quiz__solution").is_visible()  # offered once tried
    assert _answer(item, f"{x2.mistakes['too_many']:g}") != wrong  # x₃: its own hint
    general = _answer(item, "12")
    assert general.startswith(words["wrong"]) and general not in (wrong,)

    typed = f"{x2.answer:g}"
    if lang == "vi":
        typed = typed.replace(".", ",")  # 44,8
    assert _answer(item, typed) == words["right"]
    assert "gd-quiz__question--right" in (item.get_attribute("class") or "")
    assert item.locator(".gd-quiz__solution").get_attribute("open") is not None
    # The page's own table quotes the same x₂.
    assert f"{x2.answer:g}" in page.locator(".md-content").inner_text()

    # Not a number: a message in the page's language, the field marked invalid.
    for bad in ("abc", "4 4", "1e2") + (("44,8",) if lang == "en" else ()):
        message = _answer(item, bad)
        assert words["nan"] in message, (bad, message)
        assert item.locator(".gd-quiz__answer").get_attribute("aria-invalid") == "true"
    assert _answer(item, "−3").startswith(words["wrong"])  # a real minus sign is a number
    assert not page.errors


@browser
@pytest.mark.parametrize("lang", support.LANGUAGES)
def test_choice_question_by_keyboard_gives_the_hint_of_the_option(
    context: Any, base_url: str, lang: str
) -> None:
    words = WORDS[lang]
    page = _open(context, base_url, lang, "learning-rate")
    item = _question(page, "diverges")
    first = item.locator("input[type=radio]").first
    first.focus()
    page.keyboard.press("Space")  # picks η = 0.001
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the Check button
    feedback = item.locator(".gd-quiz__feedback")
    text = feedback.inner_text()
    assert text.startswith(words["wrong"]) and "0.001" in text
    assert feedback.get_attribute("aria-live") == "polite"
    first.focus()
    page.keyboard.press("ArrowDown")  # η = 0.1: another hint
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert feedback.inner_text() != text
    import gdcore as gd

    run = gd.gradient_descent(
        gd.landscapes.parabola, 70.0, lr=0.1, grad=gd.landscapes.parabola_grad
    )
    assert str(run.nit) in feedback.inner_text()  # gdcore's step count, in the hint
    item.locator("input[value='eta_1_1']").check()
    item.locator(".gd-quiz__check").click()
    assert feedback.inner_text() == words["right"]
    assert not page.errors


@browser
def test_progress_survives_a_reload_and_the_reset_clears_it(context: Any, base_url: str) -> None:
    page = _open(context, base_url, "vi", "chain-rule")
    _answer(_question(page, "dx"), "24")
    _answer(_question(page, "neuron_w"), "-3")
    score = page.locator(".gd-quiz__score").inner_text()
    total = len(questions("chain-rule"))  # the page's questions, as the widget counts them
    assert f"1/{total}" in score
    page.reload(wait_until="networkidle")
    page.wait_for_function("() => document.querySelector('[data-gd-quiz][data-ready]')")
    assert _question(page, "dx").locator(".gd-quiz__answer").input_value() == "24"
    assert _question(page, "dx").locator(".gd-quiz__feedback").inner_text() == "Đúng rồi."
    assert "∂L/∂ŷ" in _question(page, "neuron_w").locator(".gd-quiz__feedback").inner_text()
    assert page.locator(".gd-quiz__score").inner_text() == score
    page.locator(".gd-quiz__reset").click()
    assert f"0/{total}" in page.locator(".gd-quiz__score").inner_text()
    assert _question(page, "dx").locator(".gd-quiz__answer").input_value() == ""
    page.reload(wait_until="networkidle")
    page.wait_for_function("() => document.querySelector('[data-gd-quiz][data-ready]')")
    assert _question(page, "dx").locator(".gd-quiz__feedback").inner_text() == ""
    # The English page keeps its own progress.
    assert not page.errors


@browser
@pytest.mark.parametrize("lang", support.LANGUAGES)
def test_axe_passes_on_the_quiz_with_feedback_in_light_and_dark(
    context: Any, base_url: str, lang: str
) -> None:
    page = _open(context, base_url, lang, "loss-functions")
    _answer(_question(page, "mse_grad"), "16")
    _answer(_question(page, "mae_grad"), "x")
    _question(page, "near_zero").locator("input[value='mae']").check()
    _question(page, "near_zero").locator(".gd-quiz__check").click()
    assert not _axe(page, ".gd-quiz")


# ------------------------------------------------------------------------------- the stepper


def _neuron_values() -> tuple[list[str], list[str]]:
    """The hand-worked neuron of the chain-rule page, with gdcore's Value: values and gradients."""
    import gdcore as gd
    from sitebuild.widgets.quiz import num

    w, b = gd.Value(1.0), gd.Value(0.5)
    x, y = gd.Value(2.0), gd.Value(3.0)
    wx = w * x
    y_hat = wx + b
    error = y_hat - y
    loss = error**2
    loss.backward()
    order = [w, x, wx, b, y_hat, y, error, loss]
    return [num(v.data) for v in order], [num(v.grad) for v in order]


@browser
@pytest.mark.parametrize("lang", support.LANGUAGES)
def test_backprop_stepper_walks_forward_then_backward_by_keyboard(
    context: Any, base_url: str, lang: str
) -> None:
    page = _open(context, base_url, lang, "chain-rule")
    root = page.locator("[data-gd-backprop]").first  # the neuron; the fan-out graph follows
    page.wait_for_function("() => document.querySelector('[data-gd-backprop][data-ready]')")
    status = root.locator(".gd-backprop__status")
    assert status.get_attribute("aria-live") == "polite"
    cells = root.locator(".gd-backprop__cell-value")
    grads = root.locator(".gd-backprop__cell-grad")
    assert cells.all_inner_texts() == ["?"] * 8  # nothing computed yet
    values, gradients = _neuron_values()
    start = status.inner_text()

    nxt = root.locator(".gd-backprop__next")
    nxt.focus()
    seen = []
    for k in range(1, 17):
        page.keyboard.press("Enter")
        seen.append(status.inner_text())
        assert root.get_attribute("data-step") == str(k)
        if k <= 8:
            assert cells.all_inner_texts()[:k] == values[:k]
            assert cells.all_inner_texts()[k:] == ["?"] * (8 - k)
            assert grads.all_inner_texts() == ["?"] * 8
    assert cells.all_inner_texts() == values and grads.all_inner_texts() == gradients
    assert len(set(seen)) == 16
    assert "∂L/∂w = ∂L/∂(wx) · ∂(wx)/∂w = −1 · x = −1 · 2 = −2" in seen[-1]
    assert "ŷ = wx + b = 2 + 0.5 = 2.5" in seen[4]
    assert ("Lan truyền ngược" if lang == "vi" else "Backward pass") in seen[8]
    # At the end "Next" is marked disabled but keeps the focus; one more press changes nothing.
    assert nxt.get_attribute("aria-disabled") == "true"
    page.keyboard.press("Enter")
    assert status.inner_text() == seen[-1]
    assert page.evaluate("() => document.activeElement.classList.contains('gd-backprop__next')")

    page.keyboard.press("Tab")  # Back
    page.keyboard.press("Enter")
    assert status.inner_text() == seen[-2]
    assert grads.all_inner_texts()[0] == "?"  # ∂L/∂w hidden again
    root.locator(".gd-backprop__reset").click()
    assert status.inner_text() == start and cells.all_inner_texts() == ["?"] * 8
    assert not _axe(page, ".gd-backprop")
    assert not page.errors
