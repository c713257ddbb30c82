"""Sweep checks every page gets from its visit: language, console, network, images and alt
text, raw LaTeX, the language selector, axe, and scroll regions that take keyboard focus.

Console errors and requests are recorded from the page load on (``Seen.visit``); the checks
that read them run last, in the dark palette, so they cover the whole visit at each width.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import browser_support as support
from page_sweep import _SETTLE_JS, DESKTOP, Check, Seen

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
  const closed = [...document.querySelectorAll("details:not([open])")];
  closed.forEach(d => { d.open = true; });
  const style = document.createElement("style");
  style.textContent = ".md-content pre, .md-content code { display: none !important }" +
    " .tabbed-content > .tabbed-block { display: block !important }";
  document.head.appendChild(style);
  const text = document.querySelector(".md-content").innerText;
  style.remove();
  closed.forEach(d => { d.open = false; });
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


def _lang(page: Any, seen: Seen) -> list[str]:
    lang = page.evaluate("() => document.documentElement.lang")
    return [] if lang == seen.lang else [f"the page says lang={lang!r}"]


def _console(page: Any, seen: Seen) -> list[str]:
    return list(seen.visit.console_errors)


def _requests(page: Any, seen: Seen) -> list[str]:
    visit = seen.visit
    page.wait_for_load_state("networkidle")
    return [f"tried to reach another host: {u}" for u in visit.blocked] + [
        f"failed: {f}" for f in visit.failed
    ]


def _alt_text(page: Any, seen: Seen) -> list[str]:
    images = page.evaluate(_IMAGES_JS)
    figures = page.evaluate(_FIGURES_JS)
    problems = [f"not loaded: {img['src']}" for img in images if not img["loaded"]]
    labels = [(f"<img {img['src']}>", img["alt"]) for img in images]
    labels += [(f"<svg role={fig['role']}>", fig["label"]) for fig in figures]
    for what, label in labels:
        if not (label or "").strip():
            problems.append(f"no alt text: {what}")
        elif seen.lang == "en" and VIETNAMESE.search(label):
            problems.append(f"Vietnamese alt text on an English page: {what}: {label!r}")
        elif seen.lang == "vi" and len(label.split()) >= 3 and not VIETNAMESE.search(label):
            problems.append(f"alt text not in Vietnamese: {what}: {label!r}")
    return problems


def _raw_latex(page: Any, seen: Seen) -> list[str]:
    text = page.evaluate(_TEXT_JS)
    return sorted(
        {
            "raw LaTeX: " + text[max(0, m.start() - 30) : m.end() + 30].replace("\n", " ")
            for m in RAW_LATEX.finditer(text)
        }
    )


def _selector(page: Any, seen: Seen) -> list[str]:
    links = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        "a.md-select__link[hreflang]")].map(a => [a.getAttribute("hreflang"), a.href]))""")
    here = urlsplit(page.url).path
    base = here[: len(here) - len(seen.path)]
    other, other_path = support.twin(seen.lang, seen.path)
    if other not in links:
        return [f"no language link to {other!r}: {links}"]
    problems = []
    if urlsplit(links[other]).path != base + other_path:
        problems.append(f"the {other} link leads to {links[other]}, not {base + other_path}")
    if urlsplit(links.get(seen.lang, "")).path != here:
        problems.append(f"the {seen.lang} link leads to {links.get(seen.lang)}, not {here}")
    return problems


def _axe(page: Any, seen: Seen) -> list[str]:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(support.AXE))
    return page.evaluate(_AXE_JS)


def _scroll_regions(page: Any, seen: Seen) -> list[str]:
    # Folded boxes ("Đáp án", "Tìm hiểu thêm") are opened, as a reader does, then folded again.
    page.evaluate("""() => {
      window.gdFolded = [...document.querySelectorAll("details:not([open])")];
      window.gdFolded.forEach(d => { d.open = true; });
    }""")
    page.evaluate(_SETTLE_JS)
    try:
        return page.evaluate(_LAYOUT_JS)
    finally:
        page.evaluate("() => window.gdFolded.forEach(d => { d.open = false; })")
        page.evaluate(_SETTLE_JS)


CHECKS = [
    Check("lang-attribute", _lang, widths=(DESKTOP["width"],)),
    Check(
        "images-load-and-have-alt-text-in-the-page-language", _alt_text, widths=(DESKTOP["width"],)
    ),
    Check("no-raw-latex-visible", _raw_latex, widths=(DESKTOP["width"],)),
    Check("language-selector-leads-to-the-twin", _selector, widths=(DESKTOP["width"],)),
    Check("scroll-regions-take-keyboard-focus", _scroll_regions),
    Check("axe-no-serious-violation", _axe, schemes=("light", "dark")),
    # Last: what the whole visit did, in both palettes, at each width.
    Check("no-console-errors", _console, schemes=("dark",)),
    Check("requests-stay-on-the-site-and-none-fails", _requests, schemes=("dark",)),
]
