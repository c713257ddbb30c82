"""The built site in a real browser: headless Debian Chromium driven by Playwright.

Every page of both languages is loaded once from a local server with every other host cut off
(requests to them are aborted and recorded), then checked: console, requests, images and
figure labels, raw LaTeX, the language selector; then, at 1280 px and at 390 px (a phone), the
layout (no page wider than the window, every region that scrolls reachable by keyboard) and
axe-core in the light and the dark palette. Then the search (Vietnamese without diacritics)
and the learning-rate explorer are used as a reader would.

Without Chromium (or Playwright, or node_modules/axe-core) these tests are skipped with the
reason, unless ``GDCORE_REQUIRE_BROWSER=1`` (CI sets it): then they fail. ``GDCORE_SITE_DIR``
tests a site built beforehand instead of building one.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
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


# ------------------------------------------------------------------------------ fixtures


@pytest.fixture(scope="session")
def browser_ready() -> None:
    """Skip (or, under GDCORE_REQUIRE_BROWSER=1, fail) when the browser tools are missing."""
    reason = support.missing_for_browser_tests()
    if reason is None:
        return
    if support.browser_required():
        pytest.fail(f"{support.REQUIRE_ENV}=1 but {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def site(browser_ready: None, request: pytest.FixtureRequest) -> Path:
    """The built site: ``GDCORE_SITE_DIR`` if set, else the session's cold build (conftest)."""
    prebuilt = support.prebuilt_site()
    if prebuilt is not None:
        return prebuilt
    build, _ = request.getfixturevalue("cold")
    assert build.returncode == 0, build.log[-5000:]
    return build.site


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    with support.serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium(browser_ready: None) -> Iterator[Any]:
    with support.shared_chromium() as launched:
        yield launched


@dataclass
class Visit:
    """One page opened in a fresh browser context, with what happened on the network."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def open_page(chromium: Any, base_url: str) -> Iterator[Callable[..., Visit]]:
    """Open ``path`` in a new context: other hosts blocked, errors and failures recorded."""
    contexts: list[Any] = []
    origin = base_url.rstrip("/")

    def visit(path: str, *, color_scheme: str = "light", wait: str = "networkidle") -> Visit:
        context = chromium.new_context(
            color_scheme=color_scheme,
            viewport={"width": 1280, "height": 900},
            service_workers="block",
        )
        contexts.append(context)
        page = context.new_page()
        record = Visit(page)

        def block(route: Any) -> None:
            record.blocked.append(route.request.url)
            route.abort("blockedbyclient")

        context.route(
            lambda url: not url.startswith(origin + "/") and not url.startswith("data:"), block
        )
        page.on(
            "console",
            lambda m: (
                m.type == "error"
                and record.console_errors.append(f"{m.text} ({m.location.get('url', '')})")
            ),
        )
        page.on("pageerror", lambda e: record.console_errors.append(f"uncaught: {e}"))
        page.on(
            "requestfailed",
            lambda r: r.url not in record.blocked and record.failed.append(f"{r.url}: {r.failure}"),
        )
        page.on(
            "response",
            lambda r: r.status >= 400 and record.failed.append(f"{r.url}: HTTP {r.status}"),
        )
        page.goto(base_url + path, wait_until=wait)
        return record

    yield visit
    for context in contexts:
        context.close()


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

SEARCHES = [
    ("", "dao ham", "derivative/"),
    ("", "đạo hàm", "derivative/"),
    ("", "ha gradient", "gradient-descent/"),
    ("", "hạ gradient", "gradient-descent/"),
    ("", "toc do hoc", "learning-rate/"),
    ("", "tốc độ học", "learning-rate/"),
    ("en/", "derivative", "en/derivative/"),
    ("en/", "gradient descent", "en/gradient-descent/"),
    ("en/", "learning rate", "en/learning-rate/"),
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
    top = {path: missing for path, missing in found[:3]}
    assert expected in top, f"searching {query!r} from /{start} gave {found[:6]}"
    assert not top[expected], f"{query!r}: /{expected} matched without {top[expected]}"


# --------------------------------------------------------------------------------- explorer

_EXPLORER_WORDS = {
    "vi": {
        "converged": "hội tụ sau {n} bước",
        "diverged": "phân kỳ",
        "oscillates": "dao động mãi mãi",
    },
    "en": {
        "converged": "converged in {n} steps",
        "diverged": "diverges",
        "oscillates": "oscillates forever",
    },
}


def _gdcore_steps(lr: float, x0: float) -> int:
    import gdcore as gd

    result = gd.gradient_descent(
        gd.landscapes.parabola, x0, lr=lr, grad=gd.landscapes.parabola_grad
    )
    assert result.status == "converged"
    return result.nit


def _type_eta(eta: Any, outcome: Any, path_line: Any, value: str) -> tuple[str, str]:
    """Type ``value`` into an explorer's η field; return its outcome text and drawn path."""
    eta.fill(value)
    eta.dispatch_event("change")
    return outcome.inner_text(), path_line.get_attribute("points") or ""


@browser
@pytest.mark.parametrize("lang", support.LANGUAGES)
def test_explorer_reacts_to_the_learning_rate_and_the_start(
    open_page: Callable[..., Visit], lang: str
) -> None:
    words = _EXPLORER_WORDS[lang]
    path = "learning-rate/" if lang == support.DEFAULT_LANGUAGE else f"{lang}/learning-rate/"
    visit = open_page(path)
    page = visit.page
    root = page.locator(".gd-explorer")
    root.wait_for(state="attached")
    page.wait_for_function("() => document.querySelector('.gd-explorer[data-ready]')")
    outcome = root.locator(".gd-explorer__outcome")
    path_line = root.locator(".gd-explorer__path")
    eta = root.locator(".gd-explorer__eta-number")

    # η = 0.1 from x₀ = 70: the same number of steps as gdcore, as the page's own table says.
    n = _gdcore_steps(0.1, 70.0)
    assert words["converged"].format(n=n) in outcome.inner_text()
    table_text = page.locator(".md-content").inner_text()
    assert re.search(rf"(?<![\d.]){n}(?![\d.])", table_text.replace(outcome.inner_text(), ""))

    def set_eta(value: str) -> tuple[str, str]:
        return _type_eta(eta, outcome, path_line, value)

    before = (outcome.inner_text(), path_line.get_attribute("points"))
    after = set_eta("0.5")
    assert after[0] != before[0] and after[1] != before[1]
    assert words["diverged"] in set_eta("1.1")[0]
    assert words["oscillates"] in set_eta("1.0")[0]
    assert words["converged"].format(n=_gdcore_steps(0.1, 70.0)) in set_eta("0.1")[0]

    # Keyboard: the slider moves η to the next value on the grid and redraws.
    slider = root.locator(".gd-explorer__eta-range")
    slider.focus()
    page.keyboard.press("ArrowRight")
    assert eta.input_value() != "0.1"
    assert outcome.inner_text() != before[0]
    assert path_line.get_attribute("points") != before[1]

    # The start point: another x₀ moves the first point.
    x0 = root.locator(".gd-explorer__x0-number")
    first = root.locator(".gd-explorer__dot--start")
    cx = first.get_attribute("cx")
    x0.fill("-30")
    x0.dispatch_event("change")
    assert "x₀ = −30" in outcome.inner_text()
    assert root.locator(".gd-explorer__dot--start").get_attribute("cx") != cx

    # A preset button does the same as typing.
    root.locator(".gd-explorer__preset[data-eta='1.1']").click()
    assert words["diverged"] in outcome.inner_text()
    assert eta.input_value() == "1.1"
    assert not [e for e in visit.console_errors if e.startswith("uncaught")], visit.console_errors
    page.context.close()


# ------------------------------------------------------ the Python side (no browser needed)


def test_explorer_outcomes_are_gdcore_outcomes() -> None:
    import gdcore as gd
    from sitebuild.explorer import ETA_GRID, X0_GRID, explorer_data

    etas, x0s = [0.001, 0.1, 0.5, 0.9, 1.0, 1.1], [-70.0, 10.0, 70.0]
    assert set(etas) <= set(ETA_GRID) and set(x0s) <= set(X0_GRID)
    data = explorer_data(etas, x0s)
    for i, lr in enumerate(etas):
        for j, x0 in enumerate(x0s):
            run = gd.gradient_descent(
                gd.landscapes.parabola, x0, lr=lr, grad=gd.landscapes.parabola_grad
            )
            code = data["runs"][i].split(",")[j]
            expected = {"converged": str(run.nit), "diverged": f"d{run.nit}"}.get(run.status)
            assert code == expected or (run.status == "max_steps" and code in "osag")
    assert data["runs"][etas.index(1.0)].split(",") == ["o"] * 3
    assert all(code.startswith("d") for code in data["runs"][etas.index(1.1)].split(","))


# ------------------------------------------------------------------------ the bowl explorer


def _gdcore_bowl_run(lr: float, start: tuple[float, float]) -> Any:
    import numpy as np

    import gdcore as gd

    return gd.gradient_descent(
        gd.landscapes.bowl, np.array(start), lr=lr, grad=gd.landscapes.bowl_grad
    )


@browser
@pytest.mark.parametrize("lang", support.LANGUAGES)
def test_bowl_explorer_reacts_to_the_learning_rate_and_the_start(
    open_page: Callable[..., Visit], lang: str
) -> None:
    words = _EXPLORER_WORDS[lang]
    stem = "gradient-descent-2d/"
    visit = open_page(stem if lang == support.DEFAULT_LANGUAGE else f"{lang}/{stem}")
    page = visit.page
    root = page.locator("[data-gd-bowl-explorer]")
    root.wait_for(state="attached")
    page.wait_for_function("() => document.querySelector('[data-gd-bowl-explorer][data-ready]')")
    outcome = root.locator(".gd-explorer__outcome")
    path_line = root.locator(".gd-explorer__path")
    eta = root.locator(".gd-explorer__eta-number")

    # η = 0.1 from (6, 9): the same number of steps as gdcore.
    n = _gdcore_bowl_run(0.1, (6.0, 9.0)).nit
    assert words["converged"].format(n=n) in outcome.inner_text()

    def set_eta(value: str) -> tuple[str, str]:
        return _type_eta(eta, outcome, path_line, value)

    before = (outcome.inner_text(), path_line.get_attribute("points"))
    after = set_eta("0.3")
    assert after[0] != before[0] and after[1] != before[1]
    assert words["diverged"] in set_eta("1.1")[0]
    assert words["oscillates"] in set_eta("1.0")[0]
    assert words["converged"].format(n=n) in set_eta("0.1")[0]

    # Keyboard: the slider moves η to the next value on the grid and redraws.
    root.locator(".gd-explorer__eta-range").focus()
    page.keyboard.press("ArrowRight")
    assert eta.input_value() == "0.11"
    assert path_line.get_attribute("points") != before[1]
    assert words["converged"].format(n=_gdcore_bowl_run(0.11, (6.0, 9.0)).nit) in (
        outcome.inner_text()
    )

    # Another start, chosen with the keyboard: the first point moves, gdcore's count is shown.
    first = root.locator(".gd-explorer__dot--start")
    cx = first.get_attribute("cx")
    button = root.locator(".gd-explorer__start[data-start='1']")
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "true"
    assert "(−14, 5)" in outcome.inner_text()
    n = _gdcore_bowl_run(0.11, (-14.0, 5.0)).nit
    assert words["converged"].format(n=n) in outcome.inner_text()
    assert root.locator(".gd-explorer__dot--start").get_attribute("cx") != cx

    root.locator(".gd-explorer__preset[data-eta='1.1']").click()
    assert words["diverged"] in outcome.inner_text()
    assert not [e for e in visit.console_errors if e.startswith("uncaught")], visit.console_errors
    page.context.close()


def test_bowl_explorer_outcomes_are_gdcore_outcomes() -> None:
    import json

    import numpy as np

    from sitebuild.explorer import BOWL_ETA_GRID, BOWL_STARTS, bowl_explorer_html

    # The data as embedded in the page's block.
    block = bowl_explorer_html(lang="en")
    found = re.search(r'class="gd-explorer__data">(.*?)</script>', block)
    assert found is not None
    payload = found.group(1)
    data = json.loads(payload)
    assert data["etas"] == list(BOWL_ETA_GRID)
    assert data["starts"] == [list(start) for start in BOWL_STARTS]
    for i, lr in enumerate(data["etas"]):
        codes = data["runs"][i].split(",")
        for j, start in enumerate(data["starts"]):
            run = _gdcore_bowl_run(lr, tuple(start))
            expected = {"converged": str(run.nit), "diverged": f"d{run.nit}"}.get(run.status)
            assert codes[j] == expected or (run.status == "max_steps" and codes[j] in "osag")
        # The drawn path is the run from 1 scaled by the start: p0 (1 - 2η)^k.
        factors = np.array(data["paths"][i])
        np.testing.assert_allclose(factors, (1 - 2 * lr) ** np.arange(len(factors)), rtol=1e-3)
    eta = data["etas"].index
    assert data["runs"][eta(1.0)].split(",") == ["o"] * len(BOWL_STARTS)
    assert all(code.startswith("d") for code in data["runs"][eta(1.1)].split(","))
    assert len(payload.encode()) <= 30_000
