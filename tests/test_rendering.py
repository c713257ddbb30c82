"""How pages render in Chromium: fonts, formulas, search per language, phones and keyboards.

The browser tests use the fixtures of ``test_browser`` (the built site, served, and Chromium);
the others read the built site or call ``sitebuild`` directly.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import browser_support as support
import pytest
import test_browser
from test_browser import _SETTLE_JS, VIETNAMESE, Visit, browser

if str(support.ROOT) not in sys.path:
    sys.path.insert(0, str(support.ROOT))

# The browser fixtures of test_browser, made visible here (pytest finds fixtures by name in a
# module's namespace).
globals().update(
    {
        name: getattr(test_browser, name)
        for name in ("browser_ready", "site", "base_url", "chromium", "open_page", "search")
    }
)

# ------------------------------------------------------------- rendering: fonts, math, search

#: The fonts the site ships (sitebuild/overrides/assets/fonts): nothing else may draw the text.
SELF_HOSTED_FONTS = {"Roboto", "Roboto Mono", "Noto Sans Math"}

_MARK_JS = """([selector, pattern]) => {
  const wanted = new RegExp(pattern, "i");
  const found = [...document.querySelectorAll(selector)].find(el =>
    [...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && wanted.test(n.textContent)) &&
    !/[\\u{1F000}-\\u{1FAFF}\\u2600-\\u27BF]/u.test(el.textContent));
  if (!found) return null;
  found.setAttribute("data-gd-test", "font");
  return found.textContent.trim().slice(0, 60);
}"""


def _platform_fonts(page: Any, selector: str, pattern: str) -> tuple[str, list[dict[str, Any]]]:
    """The fonts Chromium drew an element's own text with (DevTools' "Rendered fonts")."""
    text = page.evaluate(_MARK_JS, [selector, pattern])
    assert text is not None, f"no element {selector!r} with text matching {pattern!r}"
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "[data-gd-test=font]"})
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    page.evaluate("() => document.querySelector('[data-gd-test]').removeAttribute('data-gd-test')")
    return text, fonts


@browser
@pytest.mark.parametrize(
    ("what", "selector", "pattern"),
    [
        ("prose", ".md-content p", VIETNAMESE.pattern),
        ("code", ".md-content pre code, .md-content pre code *", "số|bước|độ|được"),
        ("words in a formula", ".md-content math mtext", "mới|cũ"),
        ("a formula", ".md-content math mi", "^[a-zη]$"),
    ],
)
def test_vietnamese_text_code_and_math_use_the_self_hosted_fonts_only(
    open_page: Callable[..., Visit], what: str, selector: str, pattern: str
) -> None:
    """Whatever fonts the machine has, Chromium draws with the site's own (no glyph fallback)."""
    page = open_page("gradient-descent/").page
    page.evaluate("document.fonts.ready")
    text, fonts = _platform_fonts(page, selector, pattern)
    foreign = [
        f for f in fonts if f["familyName"] not in SELF_HOSTED_FONTS or not f["isCustomFont"]
    ]
    assert not foreign, f"{what} {text!r} drawn with fonts the site does not ship: {fonts}"
    page.context.close()


_PRIMES_JS = """() => [...document.querySelectorAll(".md-content math")].flatMap(math => {
  const tokens = [...math.querySelectorAll("mi, mo, mn")];
  return tokens.flatMap((token, i) => {
    if (!/^[′″‴]$/.test(token.textContent.trim()) || i === 0) return [];
    const letter = tokens[i - 1];
    const box = el => { const r = document.createRange(); r.selectNodeContents(el);
                        return r.getBoundingClientRect(); };
    const p = box(token), l = box(letter);
    return [{letter: letter.textContent, top: (p.top - l.top) / l.height,
             bottom: (p.bottom - l.bottom) / l.height, gap: (p.left - l.right) / l.height}];
  });
})"""


@browser
@pytest.mark.parametrize("lang", support.LANGUAGES)
def test_primes_sit_beside_their_letter_as_in_tex(
    open_page: Callable[..., Visit], lang: str
) -> None:
    """f′: the prime is drawn at the letter's size and height, right after it (not raised by
    a superscript a second time, a tiny mark far above the f)."""
    page = open_page("derivative/" if lang == support.DEFAULT_LANGUAGE else "en/derivative/").page
    page.evaluate("document.fonts.ready")
    primes = page.evaluate(_PRIMES_JS)
    assert len(primes) >= 5, f"expected the page's f′(x) formulas, found {primes}"
    # Offsets in letter heights: same line box (top and bottom within 10 %), no gap.
    wrong = [
        p
        for p in primes
        if abs(p["top"]) > 0.1 or abs(p["bottom"]) > 0.1 or not -0.2 < p["gap"] < 0.15
    ]
    assert not wrong, f"{len(wrong)} of {len(primes)} primes misplaced, e.g. {wrong[:3]}"
    page.context.close()


_BARS_JS = """() => [...document.querySelectorAll(".md-content math mo")]
  .filter(mo => mo.textContent.trim() === "|")
  .map(mo => {
    const r = document.createRange();
    const next = mo.nextElementSibling, prev = mo.previousElementSibling;
    r.selectNodeContents(mo); const bar = r.getBoundingClientRect();
    const gap = el => { const b = el.getBoundingClientRect();
      return el === next ? b.left - bar.right : bar.left - b.right; };
    // A bar hugs its content on one side at least (the other may face a relation's space).
    const gaps = [next, prev].filter(Boolean).map(gap);
    return {gap: Math.min(...gaps) / bar.height,
            height: bar.height, row: mo.parentElement.textContent.slice(0, 30)};
  })"""


@browser
@pytest.mark.parametrize("lang", support.LANGUAGES)
def test_absolute_value_bars_have_no_operator_spacing(
    open_page: Callable[..., Visit], lang: str
) -> None:
    """|x_k| and \\lvert f′(x) \\rvert: bars hug their content, as TeX's ordinary symbols do."""
    stem = "learning-rate/"
    page = open_page(stem if lang == support.DEFAULT_LANGUAGE else f"en/{stem}").page
    page.evaluate("document.fonts.ready")
    bars = page.evaluate(_BARS_JS)
    assert bars, "no |…| on the page"
    spaced = [b for b in bars if b["gap"] > 0.12]  # a relation's space is ≈ 0.28 em
    assert not spaced, f"{len(spaced)} of {len(bars)} bars spaced like operators: {spaced[:3]}"
    page.context.close()


@browser
@pytest.mark.parametrize(("lang", "other"), [("vi", "en"), ("en", "vi")])
def test_search_finds_pages_of_the_page_language_only(
    search: Callable[[str, str], list[tuple[str, list[str]]]], lang: str, other: str
) -> None:
    start = "" if lang == support.DEFAULT_LANGUAGE else f"{lang}/"
    for query in ("gradient", "learning rate" if lang == "en" else "toc do hoc"):
        found = search(start, query)
        assert found, f"searching {query!r} from /{start} found nothing"
        if lang == support.DEFAULT_LANGUAGE:
            strays = [path for path, _ in found if path.startswith(f"{other}/")]
        else:
            strays = [path for path, _ in found if not path.startswith(f"{lang}/")]
        assert not strays, f"searching {query!r} from /{start} found {other} pages: {strays}"


@browser
def test_a_wide_formula_scrolls_with_the_keyboard_on_a_phone(
    open_page: Callable[..., Visit],
) -> None:
    """At 390 px a display formula is wider than the column: Tab reaches it, → scrolls it."""
    page = open_page("chain-rule/").page
    page.set_viewport_size({"width": 390, "height": 800})
    page.evaluate("document.fonts.ready")
    page.evaluate(_SETTLE_JS)
    region = page.locator(".gd-math[data-gd-region]").first
    assert region.get_attribute("role") == "region"
    assert region.get_attribute("aria-label") == "Công thức, cuộn ngang được"
    region.evaluate("el => el.previousElementSibling.scrollIntoView()")
    region.evaluate(
        "el => { const before = el.previousElementSibling;"
        " before.setAttribute('tabindex', '-1'); before.focus(); }"
    )
    for _ in range(10):  # Tab through the links between the paragraph and the formula
        page.keyboard.press("Tab")
        if region.evaluate("el => document.activeElement === el"):
            break
    assert region.evaluate("el => document.activeElement === el"), "Tab never reached it"
    assert region.evaluate("el => el.matches(':focus-visible')")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle(), timeout=5000)
    page.context.close()
