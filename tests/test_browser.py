"""The built site in a real browser: headless Debian Chromium driven by Playwright.

Every page of both languages is loaded once from a local server with every other host cut off
(requests to them are aborted and recorded), then checked: console, requests, images and
figure labels, raw LaTeX, the language selector; then, at 1280 px and at 390 px (a phone), the
layout (no page wider than the window, every region that scrolls reachable by keyboard) and
axe-core in the light and the dark palette. Then the search (Vietnamese without diacritics) is
used as a reader would; the explorers are tested in test_browser_explorers.py.

Without Chromium (or Playwright, or node_modules/axe-core) these tests are skipped with the
reason, unless ``GDCORE_REQUIRE_BROWSER=1`` (CI sets it): then they fail. ``GDCORE_SITE_DIR``
tests a site built beforehand instead of building one.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import browser_support as support
import pytest

if str(support.ROOT) not in sys.path:  # sitebuild is not installed: import it from the repo
    sys.path.insert(0, str(support.ROOT))

PAGES = support.page_paths()
#: Window widths every page is checked at: a desktop and a phone.
WIDTHS = (1280, 390)
PAGE_IDS = [f"{lang}:/{path}" for lang, path in PAGES]
LESSON_STEMS = ("learning-rate/",)

#: Letters only Vietnamese uses (alt text on a Vietnamese page has some; English has none).
VIETNAMESE = re.compile(
    "[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]", re.IGNORECASE
)
#: LaTeX that was not converted: display/inline delimiters and common commands.
RAW_LATEX = re.compile(
    r"\$\$|\\\(|\\\)|\\\[|\\\]|\$[^$\n]*[\\^_][^$\n]*\$"
    r"|\\(?:frac|sqrt|eta|nabla|partial|cdot|times|left|right|begin|end|sum|mathbf|mathrm"
    r"|text|alpha|theta|lambda|infty|leq?|geq?|lVert|rVert)\b"
)

browser = pytest.mark.browser


# The browser fixtures (browser_ready, site, base_url, chromium, open_page) live in conftest.py,
# shared with the other browser test files.

Visit = support.Visit


_IMAGES_JS = """async () => {
  const images = [...document.images];
  images.forEach(img => { img.loading = "eager"; });
  await Promise.all(images.map(img => img.complete ? null :
    new Promise(done => {
      img.addEventListener("load", done);
      img.addEventListener("error", done);
    })));
  return images.map(img => ({src: img.currentSrc.slice(0, 90), loaded: img.naturalWidth > 0,
                             alt: img.getAttribute("alt")}));
}"""

_FIGURES_JS = """() => [...document.querySelectorAll(
    ".md-content figure svg, .md-content svg[role='img']")].map(svg => ({
      role: svg.getAttribute("role"), label: svg.getAttribute("aria-label")}))"""

_TEXT_JS = """() => {
  document.querySelectorAll("details").forEach(d => { d.open = true; });
  const style = document.createElement("style");
  style.textContent = ".md-content pre, .md-content code { display: none !important }" +
    " .tabbed-content > .tabbed-block { display: block !important }";
  document.head.appendChild(style);
  const text = document.querySelector(".md-content").innerText;
  style.remove();
  return text;
}"""

_AXE_JS = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => {
      const first = v.nodes[0], checks = [...first.any, ...first.all, ...first.none];
      return `${v.impact} ${v.id}: ${v.help} at ` +
        v.nodes.slice(0, 4).map(n => n.target.join(" ")).join(" | ") +
        (checks.length ? ` (${checks[0].message})` : "");
    });
}"""


_LAYOUT_JS = """() => {
  const problems = [], root = document.documentElement;
  if (root.scrollWidth > window.innerWidth) {
    problems.push(`the page is ${root.scrollWidth} px wide in a ${window.innerWidth} px window`);
  }
  const describe = el => el.tagName.toLowerCase() + (typeof el.className === "string" &&
    el.className.trim() ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  for (const el of document.querySelectorAll(".md-content *:not(svg *)")) {
    const style = getComputedStyle(el);
    if (!/auto|scroll/.test(style.overflowX) || el.scrollWidth <= el.clientWidth + 1) continue;
    const what = `${describe(el)} (${el.scrollWidth} px in ${el.clientWidth} px)`;
    if (el.getAttribute("tabindex") !== "0") {
      problems.push(`${what} scrolls but takes no keyboard focus`);
      continue;
    }
    if (el.getAttribute("role") !== "region" || !(el.getAttribute("aria-label") || "").trim()) {
      problems.push(`${what} scrolls but is not a named region`);
    }
    el.focus({focusVisible: true});
    const focused = getComputedStyle(el);
    const outline = focused.outlineStyle !== "none" && parseFloat(focused.outlineWidth) > 0;
    if (document.activeElement !== el || !outline) {
      problems.push(`${what} shows no keyboard focus`);
    }
    el.blur();
  }
  return problems;
}"""

#: Three frames: the window's resize, the boxes' ResizeObserver, regions.js's batched update.
_SETTLE_JS = """() => new Promise(done =>
  requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(done))))"""


@dataclass
class Report:
    """Everything checked on one page, gathered from a single visit."""

    lang: str
    path: str
    html_lang: str
    console_errors: list[str]
    failed: list[str]
    blocked: list[str]
    images: list[dict[str, Any]]
    figures: list[dict[str, Any]]
    text: str
    selector: dict[str, str]
    axe: dict[str, list[str]]  # "light, 390 px": violations
    layout: dict[int, list[str]]  # width: problems
    dark_scheme: str


@pytest.fixture(scope="session")
def report(open_page: Callable[..., Visit], base_url: str) -> Callable[[str, str], Report]:
    """``report(lang, path)``: visit the page once (cached) and gather the facts to check."""
    cache: dict[str, Report] = {}

    def get(lang: str, path: str) -> Report:
        if path in cache:
            return cache[path]
        visit = open_page(path)
        page = visit.page
        images = page.evaluate(_IMAGES_JS)
        figures = page.evaluate(_FIGURES_JS)
        text = page.evaluate(_TEXT_JS)
        selector = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
            "a.md-select__link[hreflang]")].map(a => [a.getAttribute("hreflang"), a.href]))""")
        page.add_script_tag(path=str(support.AXE))
        page.evaluate("document.fonts.ready")
        axe: dict[str, list[str]] = {}
        layout: dict[int, list[str]] = {}
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.evaluate(_SETTLE_JS)
            layout[width] = page.evaluate(_LAYOUT_JS)
            axe[f"light, {width} px"] = page.evaluate(_AXE_JS)
        page.emulate_media(color_scheme="dark")
        page.locator("input.md-option[data-md-color-scheme='slate']").evaluate("i => i.click()")
        page.wait_for_function(
            "() => document.body.getAttribute('data-md-color-scheme') === 'slate'", timeout=5000
        )
        for width in reversed(WIDTHS):
            page.set_viewport_size({"width": width, "height": 900})
            page.evaluate(_SETTLE_JS)
            axe[f"dark, {width} px"] = page.evaluate(_AXE_JS)
        scheme = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
        page.wait_for_load_state("networkidle")
        cache[path] = Report(
            lang=lang,
            path=path,
            html_lang=page.evaluate("() => document.documentElement.lang"),
            console_errors=visit.console_errors,
            failed=visit.failed,
            blocked=visit.blocked,
            images=images,
            figures=figures,
            text=text,
            selector=selector,
            axe=axe,
            layout=layout,
            dark_scheme=scheme,
        )
        page.context.close()
        return cache[path]

    return get


def _problems(items: list[str]) -> str:
    return "\n  ".join(items)


# ------------------------------------------------------------------- every page, both languages


@browser
@pytest.mark.parametrize(("lang", "path"), PAGES, ids=PAGE_IDS)
def test_page_loads_without_console_errors(
    report: Callable[[str, str], Report], lang: str, path: str
) -> None:
    r = report(lang, path)
    assert r.html_lang == lang, f"/{path} says lang={r.html_lang!r}"
    assert not r.console_errors, f"console errors on /{path}:\n  {_problems(r.console_errors)}"


@browser
@pytest.mark.parametrize(("lang", "path"), PAGES, ids=PAGE_IDS)
def test_page_requests_nothing_from_other_hosts_and_nothing_fails(
    report: Callable[[str, str], Report], lang: str, path: str
) -> None:
    r = report(lang, path)
    assert not r.blocked, f"/{path} tried to reach other hosts:\n  {_problems(r.blocked)}"
    assert not r.failed, f"failed requests on /{path}:\n  {_problems(r.failed)}"


@browser
@pytest.mark.parametrize(("lang", "path"), PAGES, ids=PAGE_IDS)
def test_images_load_and_figures_have_alt_text_in_the_page_language(
    report: Callable[[str, str], Report], lang: str, path: str
) -> None:
    r = report(lang, path)
    problems = [f"not loaded: {img['src']}" for img in r.images if not img["loaded"]]
    labels = [(f"<img {img['src']}>", img["alt"]) for img in r.images]
    labels += [(f"<svg role={fig['role']}>", fig["label"]) for fig in r.figures]
    for what, label in labels:
        if not (label or "").strip():
            problems.append(f"no alt text: {what}")
        elif lang == "en" and VIETNAMESE.search(label):
            problems.append(f"Vietnamese alt text on an English page: {what}: {label!r}")
        elif lang == "vi" and len(label.split()) >= 3 and not VIETNAMESE.search(label):
            problems.append(f"alt text not in Vietnamese: {what}: {label!r}")
    assert not problems, f"/{path}:\n  {_problems(problems)}"


@browser
@pytest.mark.parametrize(("lang", "path"), PAGES, ids=PAGE_IDS)
def test_no_raw_latex_is_visible(
    report: Callable[[str, str], Report], lang: str, path: str
) -> None:
    r = report(lang, path)
    hits = sorted(
        {
            r.text[max(0, m.start() - 30) : m.end() + 30].replace("\n", " ")
            for m in RAW_LATEX.finditer(r.text)
        }
    )
    assert not hits, f"raw LaTeX visible on /{path}:\n  {_problems(hits)}"


@browser
@pytest.mark.parametrize(("lang", "path"), PAGES, ids=PAGE_IDS)
def test_language_selector_leads_to_the_same_page(
    report: Callable[[str, str], Report], base_url: str, lang: str, path: str
) -> None:
    r = report(lang, path)
    other, other_path = support.twin(lang, path)
    assert other in r.selector, f"/{path} has no language link to {other!r}: {r.selector}"
    assert urlsplit(r.selector[other]).path == urlsplit(base_url + other_path).path
    assert urlsplit(r.selector[lang]).path == urlsplit(base_url + path).path


@browser
@pytest.mark.parametrize(("lang", "path"), PAGES, ids=PAGE_IDS)
def test_axe_finds_no_serious_accessibility_violation(
    report: Callable[[str, str], Report], lang: str, path: str
) -> None:
    r = report(lang, path)
    assert r.dark_scheme == "slate"
    found = [f"{where}: {v}" for where, violations in r.axe.items() for v in violations]
    assert not found, f"axe, /{path}:\n  {_problems(found)}"


@browser
@pytest.mark.parametrize(("lang", "path"), PAGES, ids=PAGE_IDS)
def test_page_fits_the_window_and_its_scroll_regions_take_keyboard_focus(
    report: Callable[[str, str], Report], lang: str, path: str
) -> None:
    r = report(lang, path)
    found = [f"{width} px: {p}" for width, problems in r.layout.items() for p in problems]
    assert not found, f"/{path}:\n  {_problems(found)}"


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
