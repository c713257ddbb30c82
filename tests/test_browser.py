"""The built site in a real browser: headless Debian Chromium driven by Playwright.

Every page's own checks (console, requests, images and alt text, raw LaTeX, the language
selector, axe-core in both palettes, scroll regions reachable by keyboard) run on the page
sweep's one visit per width (``tests/sweep_page.py``, run by ``test_page_sweep.py``). Here: the
language selector clicked, the search used as a reader would (Vietnamese without diacritics);
the explorers are tested in test_browser_explorers.py.

Without Chromium (or Playwright, or node_modules/axe-core) these tests are skipped with the
reason, unless ``GDCORE_REQUIRE_BROWSER=1`` (CI sets it): then they fail. ``GDCORE_SITE_DIR``
tests a site built beforehand instead of building one.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import browser_support as support
import pytest

if str(support.ROOT) not in sys.path:  # sitebuild is not installed: import it from the repo
    sys.path.insert(0, str(support.ROOT))


browser = pytest.mark.browser


# The browser fixtures (browser_ready, site, base_url, chromium, open_page) live in conftest.py,
# shared with the other browser test files.

Visit = support.Visit


@browser
@pytest.mark.parametrize("lang", support.LANGUAGES)
def test_clicking_the_language_selector_opens_the_twin_page(
    open_page: Callable[..., Visit], base_url: str, lang: str
) -> None:
    path = "learning-rate/" if lang == support.DEFAULT_LANGUAGE else f"{lang}/learning-rate/"
    other, other_path = support.twin(lang, path)
    page = open_page(path).page
    page.locator(f'a.md-select__link[hreflang="{other}"]').evaluate("a => a.click()")
    page.wait_for_url(base_url + other_path, timeout=10_000)
    assert page.evaluate("() => document.documentElement.lang") == other
    page.context.close()


# ------------------------------------------------------------------------------------ search

#: (start page, query, the page that must come FIRST). A lesson ranks above the API reference
#: and the practice notebooks for its own terms, in Vietnamese even for the English term
#: (sitebuild.theme.search: boosts by kind, the lessons' English keywords), with or without
#: diacritics.
SEARCHES = [
    ("", "dao ham", "derivative/"),
    ("", "đạo hàm", "derivative/"),
    ("", "derivative", "derivative/"),
    ("", "ha gradient", "gradient-descent/"),
    ("", "hạ gradient", "gradient-descent/"),
    ("", "gradient descent", "gradient-descent/"),
    ("", "toc do hoc", "learning-rate/"),
    ("", "tốc độ học", "learning-rate/"),
    ("", "learning rate", "learning-rate/"),
    ("", "hàm mất mát", "loss-functions/"),
    ("", "loss function", "loss-functions/"),
    ("", "động lượng", "momentum/"),
    ("", "dong luong", "momentum/"),
    ("", "momentum", "momentum/"),
    ("", "quy tắc dây chuyền", "chain-rule/"),
    ("", "chain rule", "chain-rule/"),
    ("", "mini-batch", "stochastic-gradient-descent/"),
    ("", "lô nhỏ", "stochastic-gradient-descent/"),
    ("", "epoch", "stochastic-gradient-descent/"),
    ("", "Adam", "feature-scaling-and-adam/"),
    ("", "chuẩn hóa đặc trưng", "feature-scaling-and-adam/"),
    ("", "chuan hoa dac trung", "feature-scaling-and-adam/"),
    ("", "feature scaling", "feature-scaling-and-adam/"),
    ("en/", "derivative", "en/derivative/"),
    ("en/", "gradient descent", "en/gradient-descent/"),
    ("en/", "learning rate", "en/learning-rate/"),
    ("en/", "loss function", "en/loss-functions/"),
    ("en/", "momentum", "en/momentum/"),
    ("en/", "chain rule", "en/chain-rule/"),
    ("en/", "mini-batch", "en/stochastic-gradient-descent/"),
    ("en/", "epoch", "en/stochastic-gradient-descent/"),
    ("en/", "Adam", "en/feature-scaling-and-adam/"),
    ("en/", "feature scaling", "en/feature-scaling-and-adam/"),
]


@pytest.fixture(scope="session")
def search(
    open_page: Callable[..., Visit], base_url: str
) -> Iterator[Callable[[str, str], list[tuple[str, list[str]]]]]:
    """``search(start, query)``: type ``query`` into the search box of page ``start``; return
    the result pages, best first, as (path relative to the site, query words it lacks)."""
    pages: dict[str, Any] = {}

    def run(start: str, query: str) -> list[tuple[str, list[str]]]:
        if start not in pages:
            pages[start] = open_page(start).page
        page = pages[start]
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("")
        box.press_sequentially(query, delay=10)
        try:  # results are rendered once the meta line counts them for this query
            page.wait_for_function(
                """q => document.querySelector(".md-search__input").value === q &&
                     document.querySelectorAll(".md-search-result__item").length > 0""",
                arg=query,
                timeout=10_000,
            )
            page.wait_for_timeout(300)  # let the last keystroke's results replace the others
        except Exception:
            return []
        results = page.evaluate(
            """() => [...document.querySelectorAll(
                ".md-search-result__list > .md-search-result__item")].map(li => {
              const a = li.querySelector("a");
              return [a.href, [...a.querySelectorAll(".md-search-result__terms del")]
                               .map(d => d.textContent)];
            })"""
        )
        root = urlsplit(base_url).path
        return [(urlsplit(href).path.removeprefix(root), missing) for href, missing in results]

    yield run
    for page in pages.values():
        page.context.close()


@browser
@pytest.mark.parametrize(
    ("start", "query", "expected"), SEARCHES, ids=[f"{s or 'vi/'}{q}" for s, q, _ in SEARCHES]
)
def test_search_finds_the_page(
    search: Callable[[str, str], list[tuple[str, list[str]]]], start: str, query: str, expected: str
) -> None:
    found = search(start, query)
    assert found, f"searching {query!r} from /{start} found nothing"
    first, missing = found[0]
    assert first == expected, f"searching {query!r} from /{start} gave {found[:6]}"
    assert not missing, f"{query!r}: /{expected} matched without {missing}"


#: Notebook and widget chrome that must never be indexed or shown in a search snippet.
NOT_IN_SEARCH = re.compile(
    r"In\s*\[\d*\]:|Out\s*\[\d*\]:|Copied!|Đã sao chép|Copy to Clipboard|¶"
    r"|Kết quả\s?Mã|Result\s?Source"  # the tab labels of an executed block
)


def _plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_index_holds_no_notebook_chrome_and_no_answers(site: Any, lang: str) -> None:
    """Folded answers (notebooks' <details>, quizzes' solutions), the cells that check them,
    prompts and copy buttons are on the pages but not in the search index."""
    root = site if lang == support.DEFAULT_LANGUAGE else site / lang
    index = (root / "search" / "search_index.json").read_text(encoding="utf-8")
    docs = json.loads(index)["docs"]
    texts = " ".join(_plain(d["title"] + " " + d["text"]) for d in docs)
    chrome = sorted({m.group(0) for m in NOT_IN_SEARCH.finditer(texts)})
    assert not chrome, f"the {lang} index holds {chrome}"
    answers: list[str] = []
    for page in sorted((root / "practice").glob("*/index.html")) + sorted(
        root.glob("*/index.html")
    ):
        html = page.read_text(encoding="utf-8")
        for folded in re.findall(r"<details\b.*?</details>", html, re.DOTALL):
            if page.parent.parent.name == "practice" or "gd-quiz__solution" in folded[:80]:
                body = _plain(re.sub(r"<summary>.*?</summary>", " ", folded, flags=re.DOTALL))
                answers += [p.strip() for p in re.split(r"[.:;!?]", body) if len(p.strip()) > 40]
    assert len(answers) > 20, "no folded answers found on the built pages: is the test stale?"
    indexed = [a for a in answers if a in texts]
    assert not indexed, f"{len(indexed)} answers are in the {lang} index, e.g. {indexed[:3]}"


@browser
@pytest.mark.parametrize(("start", "query"), [("", "numpy"), ("en/", "numpy")])
def test_search_snippets_show_no_notebook_chrome(
    open_page: Callable[..., Visit], start: str, query: str
) -> None:
    page = open_page(start).page
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=10)
    page.wait_for_function(
        "() => document.querySelectorAll('.md-search-result__item').length > 1", timeout=10_000
    )
    page.wait_for_timeout(300)
    # Material renders results ten at a time as the list scrolls; the notebooks rank below the
    # lessons (their search boost), so scroll until every result is rendered.
    for _ in range(20):
        count = page.locator(".md-search-result__item").count()
        page.evaluate(
            "() => { const w = document.querySelector('.md-search__scrollwrap');"
            " w.scrollTop = w.scrollHeight; }"
        )
        page.wait_for_timeout(150)
        if page.locator(".md-search-result__item").count() == count:
            break
    page.evaluate(
        "() => document.querySelectorAll('.md-search-result__more').forEach(d => d.open = true)"
    )
    snippets = page.evaluate(
        "() => [...document.querySelectorAll('.md-search-result__article')].map(a => a.innerText)"
    )
    assert any(
        "practice/" in href
        for href in page.evaluate(
            "() => [...document.querySelectorAll('.md-search-result__link')].map(a => a.href)"
        )
    ), "the query should find a practice notebook"
    shown = [s for s in snippets if NOT_IN_SEARCH.search(s)]
    assert not shown, f"snippets with notebook chrome: {shown[:3]}"
    page.context.close()


#: Selector parts that depend on what the reader does (hover, focus…) or draw no element:
#: dropped before asking the page whether a selector matches, so that a rule for a hovered or
#: focused element counts as used when the element is there.
_STATE = re.compile(
    r"::?(?:-[a-z]+-)?(?:before|after|placeholder|selection|marker|backdrop|first-line|"
    r"first-letter|scrollbar[a-z-]*)\b|:(?:hover|focus|focus-visible|focus-within|active|visited|"
    r"link|checked|disabled|enabled|target|indeterminate|invalid|valid|empty)\b"
)


def _rules(css: str) -> list[tuple[str, str, str]]:
    """Every (at-rule around it, selector, declarations) of ``css``: one per selector of each
    style rule, inside @media and @supports too."""
    import tinycss2

    found: list[tuple[str, str, str]] = []

    def walk(rules: list[Any], around: str) -> None:
        for rule in rules:
            if rule.type == "qualified-rule":
                parts: list[list[Any]] = [[]]
                for token in rule.prelude:  # commas inside :is(…) are inside a function token
                    if token.type == "literal" and token.value == ",":
                        parts.append([])
                    else:
                        parts[-1].append(token)
                body = tinycss2.serialize(rule.content).strip()
                found.extend((around, tinycss2.serialize(p).strip(), body) for p in parts)
            elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports"):
                inner = tinycss2.parse_blocks_contents(rule.content, skip_comments=True)
                walk(
                    inner,
                    f"{around}@{rule.lower_at_keyword} {tinycss2.serialize(rule.prelude).strip()}",
                )

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), "")
    return found


_MATCHING_JS = """selectors => selectors.filter(s => {
  try { return document.querySelector(s) !== null; } catch (e) { return false; }
})"""


@browser
def test_the_notebook_stylesheet_keeps_every_rule_a_notebook_page_uses(
    chromium: Any, base_url: str, site: Any
) -> None:
    """JupyterLab's stylesheet, cut by the build (sitebuild.notebooks.stylesheet), is a small
    part of what mkdocs-jupyter hands over, yet every selector of the whole that matches an
    element of a notebook page, in either language, hovered, focused or not, is still in it."""
    import nbformat

    from sitebuild.notebooks import jupyter

    notebooks = sorted((support.ROOT / "docs" / "en" / "practice").glob("*.ipynb"))
    whole = jupyter.render(nbformat.read(notebooks[0], as_version=4), {}).css
    cut = (site / "assets" / "gdcore" / "jupyterlab.css").read_text(encoding="utf-8")
    assert len(cut) < len(whole) / 5, (len(cut), len(whole))
    kept = set(_rules(cut))
    dropped = sorted({rule for rule in _rules(whole) if rule not in kept})
    plain = {rule: _STATE.sub("", rule[1]).strip() or "*" for rule in dropped}
    assert len(dropped) > 1000  # the cut did cut, so the check below checks something

    lost: set[str] = set()
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        for lang in support.LANGUAGES:
            prefix = "" if lang == support.DEFAULT_LANGUAGE else f"{lang}/"
            for notebook in notebooks:
                page.goto(f"{base_url}{prefix}practice/{notebook.stem}/", wait_until="load")
                page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
                matching = page.evaluate(_MATCHING_JS, sorted(set(plain.values())))
                lost |= {rule for rule in dropped if plain[rule] in set(matching)}
    finally:
        context.close()
    assert sorted(lost) == [], sorted(lost)[:5]
