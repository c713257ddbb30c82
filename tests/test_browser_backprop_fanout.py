"""The second backprop stepper of the chain-rule page, on the fan-out graph y = x·x + x, in
Chromium on a phone, tapped with a finger: every value and gradient it reveals is gdcore's, the
last step shows the three contributions to ∂y/∂x adding up, the three edges leaving x light up
together, the current node stays in view, and axe passes in both palettes.

The browser, the server and the built site are the session fixtures of conftest.py.
"""

from __future__ import annotations

from typing import Any

import browser_support as support
import pytest
from test_browser_explorers import PHONE, _context, _open, _url
from test_browser_quiz import WORDS, _answer, _axe, _question

import gdcore as gd
from gdcore.backprop_steps import backprop_steps
from sitebuild.widgets.quiz import num, questions

browser = pytest.mark.browser


def _fan_out_numbers() -> tuple[list[str], list[str]]:
    """Values and gradients of y = x·x + x at x = 3 by gd.Value, in the widget's node order."""
    x = gd.Value(3.0, label="x")
    square = x * x
    square.label = "x·x"
    y = square + x
    y.label = "y"
    steps = backprop_steps(y)
    return [num(n.data) for n in steps.nodes], [num(n.grad) for n in steps.nodes]


@browser
@pytest.mark.parametrize("lang", support.LANGUAGES)
def test_fan_out_stepper_adds_the_three_contributions_under_a_finger(
    chromium: Any, base_url: str, lang: str
) -> None:
    context = _context(chromium, base_url, PHONE)
    page, errors = _open(context, base_url, _url(lang, "chain-rule/"))
    page.wait_for_function(
        "() => document.querySelectorAll('[data-gd-backprop][data-ready]').length == 2"
    )
    root = page.locator("[data-gd-backprop]").nth(1)
    root.scroll_into_view_if_needed()
    values, grads = _fan_out_numbers()
    assert values == ["3", "9", "12"] and grads == ["7", "1", "1"]
    cells = root.locator(".gd-backprop__cell-value")
    cell_grads = root.locator(".gd-backprop__cell-grad")
    assert cells.all_inner_texts() == ["?"] * 3
    nxt = root.locator(".gd-backprop__next")
    figure = root.locator(".gd-backprop__figure")
    for k in range(1, 7):
        nxt.tap()
        assert root.get_attribute("data-step") == str(k)
        shown = cells.all_inner_texts()
        assert shown == values[:k] + ["?"] * (3 - k) if k <= 3 else shown == values
        box = figure.bounding_box()
        node = root.locator(".gd-backprop__node--current").bounding_box()
        assert box is not None and node is not None
        assert (
            box["x"] - 0.5 <= node["x"]
            and node["x"] + node["width"] <= box["x"] + box["width"] + 0.5
        )
    assert cell_grads.all_inner_texts() == grads
    status = root.locator(".gd-backprop__status").inner_text()
    assert status.endswith("= 1 · 3 + 1 · 3 + 1 · 1 = 7"), status
    assert ("Lan truyền ngược" if lang == "vi" else "Backward pass") in status
    active = root.locator(".gd-backprop__edge--active")
    assert active.count() == 3
    assert {e.get_attribute("data-from") for e in active.all()} == {"0"}
    assert {e.get_attribute("data-to") for e in active.all()} == {"1", "2"}
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
    root.locator(".gd-backprop__back").tap()
    assert cell_grads.all_inner_texts()[0] == "?"  # ∂y/∂x hidden again
    assert not _axe(page, ".gd-backprop")
    assert not errors, errors
    context.close()


@browser
@pytest.mark.parametrize("lang", support.LANGUAGES)
def test_the_new_questions_judge_with_gdcores_keys(chromium: Any, base_url: str, lang: str) -> None:
    """Fan-out, layer and backward-twice questions, answered on a phone: gdcore's key is
    right, a recognised mistake gets its own hint."""
    context = _context(chromium, base_url, PHONE)
    page, errors = _open(context, base_url, _url(lang, "chain-rule/"))
    page.wait_for_function("() => document.querySelector('[data-gd-quiz][data-ready]')")
    keys = {q.id: q for q in questions("chain-rule")}
    fan_out = _question(page, "fan_out")
    assert _answer(fan_out, "4") != WORDS[lang]["right"]
    assert "+ x" in fan_out.locator(".gd-quiz__feedback").inner_text()  # the path through the sum
    assert _answer(fan_out, num(keys["fan_out"].answer)) == WORDS[lang]["right"]  # type: ignore[union-attr]
    layer = _question(page, "layer_w")
    assert "δ₁ x₂" in _answer(layer, "-6")
    assert _answer(layer, num(keys["layer_w"].answer).replace("−", "-")) == WORDS[lang]["right"]  # type: ignore[union-attr]
    twice = _question(page, "backward_twice")
    twice.locator("input[value='same']").check()
    twice.locator(".gd-quiz__check").tap()
    assert twice.locator(".gd-quiz__feedback").inner_text() == WORDS[lang]["right"]
    assert not errors, errors
    context.close()
