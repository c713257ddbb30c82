"""What the search index reads of a page, and the lessons' keywords (sitebuild.theme.search);
the theme's words (sitebuild.theme.theme_text). The ranking itself is tested in the browser
(test_browser.py's SEARCHES)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sitebuild.theme.search import (  # noqa: E402
    BOOSTS,
    for_the_index,
    glossary_terms,
    lesson_keywords,
    page_boost,
)
from sitebuild.theme.theme_text import MATERIAL_KEYS, localize_chrome, theme_words  # noqa: E402


def test_nested_exclusions_go_with_everything_inside() -> None:
    page = (
        "<p>kept</p><div data-search-exclude><div data-search-exclude>a</div>b</div>"
        '<p>also kept</p><div class="x jp-InputPrompt">In [3]:</div><p>end</p>'
    )
    assert for_the_index(page) == "<p>kept</p><p>also kept</p><p>end</p>"


def test_stray_end_tags_and_an_unclosed_element() -> None:
    assert for_the_index("<p>a</span></p><br><img src=x><p>b</p>") == (
        "<p>a</span></p><br><img src=x><p>b</p>"
    )
    assert for_the_index("<p>a</p><button>Kiểm tra") == "<p>a</p>"


def test_details_are_left_out_on_notebook_pages_only() -> None:
    page = "<details><summary>Why?</summary><p>Because.</p></details><p>x</p>"
    assert for_the_index(page, notebook=True) == "<p>x</p>"
    assert for_the_index(page) == page
    solution = '<details class="gd-quiz__solution"><summary>s</summary>42</details>'
    assert for_the_index(solution) == ""


@pytest.mark.parametrize(
    ("src", "kind"),
    [
        ("derivative.md", "lesson"),
        ("index.md", "other"),
        ("practice/index.md", "other"),
        ("api/index.md", "reference"),
        ("api/figures.md", "reference"),
        ("practice/01-derivatives.ipynb", "reference"),
    ],
)
def test_boosts_by_kind(src: str, kind: str) -> None:
    assert page_boost(src) == BOOSTS[kind]


def _lesson_keywords(lang: str) -> dict[str, set[str]]:
    folder = ROOT / "docs" / lang
    lessons = {
        p.name: p.read_text(encoding="utf-8")
        for p in folder.glob("*.md")
        if page_boost(p.name) == BOOSTS["lesson"]
    }
    glossary = (folder / "glossary.md").read_text(encoding="utf-8")
    terms = glossary_terms(glossary, lessons, english=2 if lang == "vi" else 1)
    return {src: set(words.split()) for src, words in lesson_keywords(terms, {}).items()}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_glossary_gives_each_lesson_its_own_terms(lang: str) -> None:
    keywords = _lesson_keywords(lang)
    assert {"learning", "rate"} <= keywords["learning-rate.md"]
    assert "momentum" in keywords["momentum.md"]
    assert {"mini-batch", "epoch"} <= keywords["stochastic-gradient-descent.md"]
    assert {"feature", "scaling", "adam"} <= keywords["feature-scaling-and-adam.md"]
    assert "backpropagation" in keywords["chain-rule.md"]
    # Terms that name another lesson's subject stay with that lesson.
    assert not {"learning", "rate"} <= keywords["stochastic-gradient-descent.md"]
    assert "descent" not in keywords["stochastic-gradient-descent.md"]
    assert "gradient" not in keywords.get("gradient-descent-2d.md", set())


def test_material_words_in_both_languages() -> None:
    vi, en = theme_words("vi"), theme_words("en")
    assert set(vi) == set(en) == set(MATERIAL_KEYS)
    assert en["search.result.initializer"] == "Initializing search"
    for key, text in vi.items():
        if re.search(r"[A-Za-z]{3,}", MATERIAL_KEYS[key]):
            assert text != en[key], f"{key} is not translated: {text!r}"
    assert vi["search.result.other"].count("#") == 1  # Material puts the count there


def test_chrome_in_the_content_is_translated() -> None:
    html = (
        '<h2 id="a">A<a class="headerlink" href="#a" title="Permanent link">¶</a></h2>'
        '<clipboard-copy for="c" aria-label="Copy to Clipboard"><div>'
        '<span class="notice" hidden="">Copied!</span></div></clipboard-copy>'
    )
    vi = localize_chrome(html, "vi")
    assert "Permanent link" not in vi and "Copy to" not in vi and "Copied!" not in vi
    assert 'title="Liên kết cố định"' in vi and "Đã sao chép!" in vi
    assert localize_chrome(html, "en").count("Copy to clipboard") == 1
