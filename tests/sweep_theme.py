"""Sweep check of the theme's words: every text of the page's chrome is in the page's language.

The chrome is what Material, Python-Markdown and mkdocs-jupyter put around the lesson: the header
(title, buttons, palette toggles, language selector), the search box and its messages, the
navigation's and table of contents' labels, the footer, "Back to top", the skip link, the
headings' permanent links, the copy buttons of code blocks and notebook cells (with their
"copied" notice) and the page's action buttons; in the search box, its messages but not the
results' titles and snippets (the lessons' own words). Every text of it is collected: its own text
nodes and its ``title``, ``aria-label``, ``placeholder`` and ``alt`` (what a tooltip or a screen
reader says). A part marked with another language (``lang="en"`` on "English" in the language
selector, on "Material for MkDocs") is left out; so are the titles of pages and headings in the
navigation (the lesson's own words, checked by the i18n tests).

On a Vietnamese page a text fails if it has a word of Material's English chrome (from
Material's English words and the site catalogs' English theme texts, less the words the
Vietnamese texts use too, such as "gdcore"); on an English page, if it has a Vietnamese letter.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from typing import Any

import browser_support as support
from page_sweep import Check, Seen

if str(support.ROOT) not in sys.path:  # sitebuild is not installed: import it from the repo
    sys.path.insert(0, str(support.ROOT))

#: Letters only Vietnamese uses.
VIETNAMESE = re.compile(
    "[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]", re.IGNORECASE
)

#: English chrome texts that are not in the catalogs (Material and mkdocs-jupyter write them).
_UNCATALOGUED = (
    "Made with",
    "Permanent link",
    "Copy to Clipboard",
    "Copied!",
    "404 - Not found",
    "Back to top",
)


@cache
def english_chrome_words() -> frozenset[str]:
    """Words of the chrome's English texts that no Vietnamese theme text uses."""
    from sitebuild.theme import theme_text

    english: list[str] = list(_UNCATALOGUED)
    vietnamese: list[str] = []
    msgids = [*theme_text.MATERIAL_KEYS.values(), *theme_text.CONFIG_TEXTS]
    msgids += ["Permanent link", "Copied!", "Made with {material}", "Page not found"]
    for msgid in msgids:
        english.append(theme_text.site_text(msgid, "en"))
        vietnamese.append(theme_text.site_text(msgid, "vi"))
    words = {w.lower() for text in english for w in re.findall(r"[A-Za-z]{3,}", text)}
    kept = {w.lower() for text in vietnamese for w in re.findall(r"[A-Za-z]{3,}", text)}
    return frozenset(words - kept - {"material", "mkdocs"})


_CHROME_JS = """() => {
  const lang = document.documentElement.lang;
  const roots = [".md-header", ".md-search", ".md-sidebar", ".md-footer", ".md-top", ".md-skip",
    ".md-dialog", ".headerlink", ".md-clipboard", ".md-code__button", "clipboard-copy",
    ".md-content__button",
    ".md-source", "label[for^='__palette']", ".md-search-result__meta"];
  const seen = new Set();
  const out = [];
  const other = el => {
    const marked = el.closest("[lang]");
    return marked && marked.lang !== lang;
  };
  const add = (el, what, text) => {
    text = (text || "").replace(/\\s+/g, " ").trim();
    if (!text || other(el)) return;
    const key = what + "|" + text;
    if (seen.has(key)) return;
    seen.add(key);
    const where = el.id ? "#" + el.id : el.tagName.toLowerCase() +
      (typeof el.className === "string" && el.className ? "." + el.className.split(/\\s+/)[0] : "");
    out.push([where + " " + what, text]);
  };
  for (const selector of roots) {
    for (const root of document.querySelectorAll(selector)) {
      for (const el of [root, ...root.querySelectorAll("*")]) {
        for (const name of ["title", "aria-label", "placeholder", "alt"]) {
          if (el.hasAttribute(name)) add(el, name, el.getAttribute(name));
        }
        // Titles of pages and headings in the navigation, and the search results' titles and
        // snippets, are the lesson's words, not chrome ("Missing:" before a term is chrome).
        if (el.closest(".md-nav__link, .md-nav__title .md-ellipsis, .md-header__topic")) continue;
        const result = el.closest(".md-search-result__link");
        if (result && !el.matches(".md-search-result__terms")) continue;
        if (el.closest("svg, script, style")) continue;
        for (const node of el.childNodes) {
          if (node.nodeType === Node.TEXT_NODE) add(el, "text", node.textContent);
        }
      }
    }
  }
  return out;
}"""


def chrome_texts(page: Any) -> list[tuple[str, str]]:
    """``(where, text)`` for every text of the page's chrome (see the module's docstring)."""
    return [(where, text) for where, text in page.evaluate(_CHROME_JS)]


def wrong_language(lang: str, texts: list[tuple[str, str]]) -> list[str]:
    """The chrome texts that are not in ``lang``, as problems to report.

    >>> wrong_language("vi", [("footer text", "Made with"), ("a title", "Về đầu trang")])
    ["footer text: 'Made with' is English"]
    >>> wrong_language("en", [("footer text", "Trang được dựng bằng")])
    ["footer text: 'Trang được dựng bằng' is Vietnamese"]
    """
    problems = []
    english = english_chrome_words()
    for where, text in texts:
        if lang == "vi":
            words = {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)}
            if words & english:
                problems.append(f"{where}: {text!r} is English")
        elif VIETNAMESE.search(text):
            problems.append(f"{where}: {text!r} is Vietnamese")
    return problems


def _chrome_in_the_page_language(page: Any, seen: Seen) -> list[str]:
    texts = chrome_texts(page)
    if len(texts) < 10:  # the header, search and footer alone have more: the page is broken
        return [f"only {len(texts)} texts of the chrome found: {texts}"]
    return wrong_language(seen.lang, texts)


CHECKS = [Check("chrome-in-the-page-language", _chrome_in_the_page_language)]
