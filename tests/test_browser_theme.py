"""The theme in the page's language, used as a reader would: the 404 page of each language (and
the root 404 sending a missing English address to the English one), the search box's messages
(before, while and after searching) and the copy buttons' "copied" state, on lesson pages and on
notebook pages. The words expected come from the catalogs (sitebuild.theme.theme_text)."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any

import browser_support as support
import pytest
from sweep_theme import chrome_texts, wrong_language

if str(support.ROOT) not in sys.path:  # sitebuild is not installed: import it from the repo
    sys.path.insert(0, str(support.ROOT))

from sitebuild.theme.theme_text import site_text, theme_words

browser = pytest.mark.browser
Visit = support.Visit
LANGS = ("vi", "en")


def _prefix(lang: str) -> str:
    return "" if lang == support.DEFAULT_LANGUAGE else f"{lang}/"


@browser
@pytest.mark.parametrize("lang", LANGS)
def test_the_404_page_speaks_its_language(
    open_page: Callable[..., Visit], base_url: str, lang: str
) -> None:
    visit = open_page(f"{_prefix(lang)}404.html")
    page = visit.page
    assert page.evaluate("() => document.documentElement.lang") == lang
    heading = page.locator(".md-content h1").inner_text()
    assert heading == f"404 — {site_text('Page not found', lang)}", heading
    assert page.title().startswith(site_text("Page not found", lang))
    home = page.locator(".md-content a.md-button")
    assert home.inner_text() == site_text("Go to the home page", lang)
    assert home.evaluate("a => a.href") == base_url + _prefix(lang)
    problems = wrong_language(lang, chrome_texts(page))
    assert not problems, "\n".join(problems)
    # Its language selector leads to each language's home page, not to some other page.
    links = page.evaluate(
        """() => [...document.querySelectorAll("a.md-select__link")].map(a =>
            [a.getAttribute("hreflang"), a.href])"""
    )
    assert sorted(map(tuple, links)) == sorted((code, base_url + _prefix(code)) for code in LANGS)
    assert not visit.console_errors, visit.console_errors
    page.context.close()


@browser
def test_a_missing_english_address_shows_the_english_404(
    open_page: Callable[..., Visit], base_url: str, site: Any
) -> None:
    """A static host answers every missing address with the root 404.html (Vietnamese): under
    en/ it opens en/404.html; elsewhere it stays."""
    root_404 = (site / "404.html").read_text(encoding="utf-8")
    visit = open_page("404.html")
    context = visit.page.context
    context.route(
        re.compile(r".*/(en/)?no-such-page/$"),
        lambda route: route.fulfill(status=404, body=root_404, content_type="text/html"),
    )
    page = context.new_page()
    page.goto(base_url + "en/no-such-page/")
    page.wait_for_url(base_url + "en/404.html", timeout=10_000)
    assert page.evaluate("() => document.documentElement.lang") == "en"
    page.goto(base_url + "no-such-page/", wait_until="networkidle")
    assert page.url == base_url + "no-such-page/"
    assert page.evaluate("() => document.documentElement.lang") == "vi"
    assert page.locator(".md-content h1").inner_text().endswith(site_text("Page not found", "vi"))
    context.close()


def _meta(page: Any) -> str:
    return str(page.locator(".md-search-result__meta").inner_text()).strip()


@browser
@pytest.mark.parametrize("lang", LANGS)
def test_the_search_box_speaks_the_page_language(
    open_page: Callable[..., Visit], lang: str
) -> None:
    words = theme_words(lang)
    page = open_page(f"{_prefix(lang)}learning-rate/").page
    box = page.locator("input.md-search__input")
    assert box.get_attribute("placeholder") == words["search.placeholder"]
    box.click()
    page.wait_for_function(
        "t => document.querySelector('.md-search-result__meta').textContent.trim() === t",
        arg=words["search.result.placeholder"],
        timeout=10_000,
    )
    box.press_sequentially("zqxjw", delay=10)
    page.wait_for_function(
        "t => document.querySelector('.md-search-result__meta').textContent.trim() === t",
        arg=words["search.result.none"],
        timeout=10_000,
    )
    box.fill("")
    box.press_sequentially("gradient", delay=10)
    page.wait_for_function(
        "() => document.querySelectorAll('.md-search-result__item').length > 1", timeout=10_000
    )
    page.wait_for_timeout(300)
    count = re.escape(words["search.result.other"]).replace("\\#", "#").replace("#", r"\d+")
    assert re.fullmatch(count, _meta(page)), _meta(page)
    more = page.locator(".md-search-result__more summary")
    if more.count():
        pattern = re.escape(words["search.result.more.other"]).replace("\\#", "#")
        pattern = pattern.replace("#", r"\d+") + "|" + re.escape(words["search.result.more.one"])
        assert re.fullmatch(pattern, more.first.inner_text().strip()), more.first.inner_text()
    problems = wrong_language(lang, chrome_texts(page))
    assert not problems, "\n".join(problems)
    page.context.close()


@browser
@pytest.mark.parametrize("lang", LANGS)
def test_copy_buttons_say_copied_in_the_page_language(
    open_page: Callable[..., Visit], lang: str
) -> None:
    words = theme_words(lang)
    page = open_page(f"{_prefix(lang)}derivative/").page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    button = page.locator(".md-content button.md-code__button[data-md-type='copy']").first
    assert button.get_attribute("title") == words["clipboard.copy"]
    button.click()
    dialog = page.locator(".md-dialog__inner")
    dialog.wait_for(state="visible", timeout=5_000)
    assert dialog.inner_text().strip() == words["clipboard.copied"]
    page.context.close()

    page = open_page(f"{_prefix(lang)}practice/01-derivatives/").page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    copy = page.locator("clipboard-copy").first
    assert copy.get_attribute("aria-label") == site_text("Copy to clipboard", lang)
    copy.click()
    notice = page.locator("clipboard-copy .notice").first
    notice.wait_for(state="visible", timeout=5_000)
    assert notice.inner_text().strip() == site_text("Copied!", lang)
    page.context.close()
