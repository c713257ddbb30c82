"""How pages render in Chromium: fonts, formulas, search per language, phones and keyboards.

The browser tests use the fixtures of ``test_browser`` (the built site, served, and Chromium);
the others read the built site or call ``sitebuild`` directly.
"""

from __future__ import annotations

import html
import json
import re
import sys
import unicodedata
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import browser_support as support
import pytest
import test_browser
from page_sweep import _SETTLE_JS
from sweep_page import VIETNAMESE
from test_browser import Visit, browser

if str(support.ROOT) not in sys.path:
    sys.path.insert(0, str(support.ROOT))

from sitebuild.render.mathml import MathError, to_mathml
from sitebuild.render.slugs import slugify

# The browser fixtures (browser_ready, site, base_url, chromium, open_page) come from conftest.py;
# test_browser's ``search`` fixture is made visible here (pytest finds fixtures by name in a
# module's namespace).
globals().update({"search": test_browser.search})

# ------------------------------------------------------------- rendering: fonts, math, search

#: The fonts the site ships (sitebuild/theme/overrides/assets/fonts, the math cut, the DejaVu
#: fallback cuts): nothing else may draw.
SELF_HOSTED_FONTS = {"Roboto", "Roboto Mono", "Noto Sans Math", "DejaVu Sans", "DejaVu Sans Mono"}

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


# ---------------------------------------------------------------- without a browser: MathML


@pytest.mark.parametrize(
    ("latex", "expected"),
    [
        ("f'(x)", "<mi>f</mi><mo {0}>′</mo>"),
        ("f''(x)", "<mi>f</mi><mo {0}>″</mo>"),
        ("g'(f) \\times f'(x)", '<mi>g</mi><mo {0}>′</mo><mo stretchy="false">(</mo>'),
    ],
)
def test_a_prime_follows_its_letter_instead_of_a_superscript(latex: str, expected: str) -> None:
    mathml = to_mathml(latex)
    assert expected.format('lspace="0em" rspace="0em"') in mathml
    assert "<msup>" not in mathml


def test_primes_keep_their_place_in_the_row() -> None:
    mathml = to_mathml("g'(f) \\times f'(x)")
    tokens = re.findall(r"<m[ion][^>]*>([^<]*)</m[ion]>", mathml)
    assert "".join(tokens) == "g′(f)×f′(x)"


def test_bars_are_ordinary_symbols_not_operators() -> None:
    for latex in ("|x_k| = 70 \\cdot |1 - 2\\eta|^k", "\\eta \\cdot \\lvert f'(x) \\rvert"):
        bars = re.findall(r"<mo([^>]*)>\|</mo>", to_mathml(latex))
        assert len(bars) >= 2
        for attributes in bars:
            assert 'lspace="0em"' in attributes and 'rspace="0em"' in attributes
            assert 'stretchy="false"' in attributes
    # \left| … \right| still stretches.
    assert 'stretchy="true"' in to_mathml("\\left| \\frac{a}{b} \\right|")


def test_limits_go_under_lim_and_scripts_have_no_operator_spacing() -> None:
    mathml = to_mathml("\\lim_{h \\to 0} \\frac{f(x + h) - f(x)}{h}", "block")
    assert '<munder><mo movablelimits="true">lim</mo>' in mathml
    assert '<mo lspace="0em" rspace="0em">→</mo>' in mathml
    summed = to_mathml("\\sum_{i=1}^{n} x_i", "block")
    assert '<mo lspace="0em" rspace="0em">=</mo>' in summed
    assert "<mo>=</mo>" in to_mathml("x = 1")  # outside scripts the spacing stays


def test_words_in_formulas_stay_text() -> None:
    mathml = to_mathml("x_{\\text{mới}} < \\text{a<b & c}")
    assert "<mtext>mới</mtext>" in mathml
    assert "<mtext>a&lt;b&amp;c</mtext>" in mathml.replace("\u00a0", "")


def test_bad_formulas_and_modes_are_refused_clearly() -> None:
    with pytest.raises(ValueError, match="display must be"):
        to_mathml("x", "center")
    with pytest.raises(MathError, match=r"\\frac\{"):
        to_mathml("\\frac{")


# ------------------------------------------------------- without a browser: the built site


@pytest.fixture(scope="module")
def built(request: pytest.FixtureRequest) -> Path:
    """``GDCORE_SITE_DIR`` if set, else the session's cold build (conftest)."""
    prebuilt = support.prebuilt_site()
    if prebuilt is not None:
        return prebuilt
    build, _ = request.getfixturevalue("cold")
    assert build.returncode == 0, build.log[-5000:]
    return Path(build.site)


def test_no_prime_is_a_superscript_on_any_page(built: Path) -> None:
    prime = "(?:[′″‴]|&#x0*203[234];)"  # latex2mathml writes character references
    raised = re.compile(rf"<msup><mi>[^<]*</mi><m[io][^>]*>{prime}</m[io]></msup>")
    found = [
        str(p.relative_to(built)) for p in built.rglob("*.html") if raised.search(p.read_text())
    ]
    assert not found, f"primes set as superscripts on {found}"


_HEADING = re.compile(r'<h([1-6]) id="([^"]+)">(.*?)<a class="headerlink"', re.DOTALL)


def test_heading_anchors_keep_vietnamese_letters_readable(built: Path) -> None:
    ids = {m.group(2) for m in _HEADING.finditer((built / "derivative" / "index.html").read_text())}
    assert "dao-ham-la-gi" in ids, sorted(ids)
    learning = (built / "learning-rate" / "index.html").read_text()
    assert 'id="toc-do-hoc-chon-buoc-di-vua-du"' in learning  # was #toc-o-hoc-chon-buoc-i-vua-u
    problems = []
    for page in sorted(built.rglob("*.html")):
        if "api" in page.parts:
            continue  # mkdocstrings sets its own ids (object paths)
        for match in _HEADING.finditer(page.read_text()):
            text = re.sub(r"<[^>]+>", "", match.group(3))
            expected = slugify(html.unescape(text).strip(), "-")
            if not re.fullmatch(rf"{re.escape(expected)}(_\d+)?", match.group(2)):
                problems.append(f"{page.relative_to(built)}: {text!r} → #{match.group(2)}")
    assert not problems, "\n".join(problems)


def test_each_language_has_its_own_search_index(built: Path) -> None:
    root = json.loads((built / "search" / "search_index.json").read_text())
    english = json.loads((built / "en" / "search" / "search_index.json").read_text())
    assert root["docs"] and english["docs"]
    assert not [d["location"] for d in root["docs"] if d["location"].startswith("en/")]
    assert {d["location"].split("#")[0] for d in english["docs"]} >= {"", "derivative/"}
    assert english["config"]["lang"] == ["en"]
    vi_titles = " ".join(d["title"] for d in root["docs"])
    en_titles = " ".join(d["title"] for d in english["docs"] if "api" not in d["location"])
    assert VIETNAMESE.search(vi_titles) and not VIETNAMESE.search(en_titles)
    en_home = (built / "en" / "index.html").read_text()
    config = re.search(r'id="__config"[^>]*>(.*?)</script>', en_home)
    assert config is not None and json.loads(config.group(1))["base"] == "../en/"


# ------------------------------------------- without a browser: each character has its font

#: Elements whose text is not drawn, and where code (the code font stack) and formulas begin.
_NOT_DRAWN = {"head", "script", "style", "title", "desc", "noscript", "template", "textarea"}
_CODE_TAGS = {"code", "pre", "kbd", "samp"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
_VOID |= {"track", "wbr", "param"}
#: Emoji come from the device's emoji font (issue 16 allows it): pictographs, symbols asked for
#: in emoji presentation (U+FE0F) and those emoji by default (Unicode's Emoji_Presentation, below
#: U+1F000); spaces and controls draw nothing.
_EMOJI_BY_DEFAULT = (
    "\u231a\u231b\u23e9-\u23ec\u23f0\u23f3\u25fd\u25fe\u2614\u2615\u2648-\u2653\u267f"
    "\u2693\u26a1\u26aa\u26ab\u26bd\u26be\u26c4\u26c5\u26ce\u26d4\u26ea\u26f2\u26f3\u26f5"
    "\u26fa\u26fd\u2705\u270a\u270b\u2728\u274c\u274e\u2753-\u2755\u2757\u2795-\u2797"
    "\u27b0\u27bf\u2b1b\u2b1c\u2b50\u2b55"
)
_NO_FONT = re.compile(
    r"[\u2190-\u2bff]\ufe0f|[\s\u0000-\u001f\u200b-\u200d\u2060\ufe0f"
    + _EMOJI_BY_DEFAULT
    + r"\U0001f000-\U0001faff]"
)
#: A letter and its combining marks: Chromium draws the cluster with one face.
_CLUSTER = re.compile(r"\w[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff]+")


class _Roles(HTMLParser):
    """The characters of a page's drawn text by role: prose, code, words in formulas; and the
    letter-with-mark clusters of each."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: dict[str, list[str]] = {"prose": [], "code": [], "math": []}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if _NOT_DRAWN & set(self.stack):
            return
        if "math" in self.stack:  # words of formulas (mtext) are in the text font
            role = "prose" if "mtext" in self.stack else "math"
        else:
            role = "code" if _CODE_TAGS & set(self.stack) else "prose"
        self.text[role].append(data)


def _font_faces(built: Path) -> dict[str, list[set[int]]]:
    """Every family the site's CSS declares: what each of its faces draws (cmap ∩ unicode-range)."""
    from fontTools.ttLib import TTFont

    faces: dict[str, list[set[int]]] = {}
    for css in (
        built / "assets" / "gdcore" / "site.css",
        built / "assets" / "fonts" / "fallback.css",
    ):
        for rule in re.findall(r"@font-face\s*\{(.*?)\}", css.read_text(encoding="utf-8"), re.S):
            family = re.search(r'font-family:\s*"([^"]+)"', rule)
            src = re.search(r'src:\s*url\("([^"]+)"\)', rule)
            assert family and src, rule
            cmap = set(TTFont(css.parent / src.group(1)).getBestCmap())
            ranges = re.search(r"unicode-range:\s*([^;]+);", rule)
            if ranges:
                allowed: set[int] = set()
                for part in ranges.group(1).split(","):
                    low, _, high = part.strip().removeprefix("U+").partition("-")
                    allowed.update(range(int(low, 16), int(high or low, 16) + 1))
                cmap &= allowed
            faces.setdefault(family.group(1), []).append(cmap)
    return faces


def _stack(built: Path, variable: str) -> list[str]:
    """The families of a font stack site.css sets (``--md-text-font``, ``--md-code-font``)."""
    css = (built / "assets" / "gdcore" / "site.css").read_text(encoding="utf-8")
    found = re.search(rf"{variable}:\s*([^;]+);", css)
    assert found, variable
    return re.findall(r'"([^"]+)"', found.group(1))


def test_every_character_of_every_page_is_in_a_font_the_site_ships(built: Path) -> None:
    """Prose, code, words in formulas and formulas: each character (and each letter with its
    combining mark, drawn by one face) is in a face of its font stack, within the face's
    unicode-range: the cuts made at build time hold what the built pages need."""
    from sitebuild.theme.mathfont import italic, math_characters

    faces = _font_faces(built)
    stacks = {
        "prose": _stack(built, "--md-text-font"),
        "code": _stack(built, "--md-code-font"),
    }
    assert stacks["prose"][0] == "Roboto" and stacks["code"][0] == "Roboto Mono", stacks
    assert {"DejaVu Sans", "DejaVu Sans Mono"} <= set(faces), sorted(faces)
    math_font = faces["Noto Sans Math"]

    def drawn(role: str, chars: str) -> bool:
        return any(
            all(ord(c) in face for c in chars)
            for family in stacks[role]
            for face in faces.get(family, [])
        )

    missing: dict[str, set[str]] = {}
    pages = sorted(p for p in built.rglob("*.html") if "assets" not in p.parts)
    assert len(pages) > 30, len(pages)
    for path in pages:
        page_html = path.read_text(encoding="utf-8")
        roles = _Roles()
        roles.feed(page_html)
        where = str(path.relative_to(built))
        for role in ("prose", "code"):
            text = "".join(roles.text[role])
            for char in set(_NO_FONT.sub("", text)):
                if not drawn(role, char):
                    missing.setdefault(f"{where} ({role})", set()).add(char)
            for cluster in set(_CLUSTER.findall(text)):
                if len(unicodedata.normalize("NFC", cluster)) > 1 and not drawn(role, cluster):
                    missing.setdefault(f"{where} ({role})", set()).add(cluster)
        for char in math_characters(page_html):
            shown = italic(char)
            if not any(ord(shown) in face for face in math_font):
                missing.setdefault(f"{where} (math)", set()).add(shown)
    report = {k: " ".join(f"{c} U+{ord(c[-1]):04X}" for c in sorted(v)) for k, v in missing.items()}
    assert not missing, f"characters in no shipped face of their role: {report}"


def test_the_math_cut_draws_bars_with_its_stretchy_overline(built: Path) -> None:
    """``\\bar x`` is ``<mo>¯</mo>``: the math cut maps U+00AF to the overline glyph, whose
    horizontal assembly in the MATH table stretches it over the letter."""
    from fontTools.ttLib import TTFont

    font = TTFont(built / "assets" / "fonts" / "noto-sans-math.woff")
    cmap = font.getBestCmap()
    assert '<mo stretchy="true" lspace="0em" rspace="0em">¯</mo>' in (
        built / "api" / "models" / "index.html"
    ).read_text(encoding="utf-8")
    assert cmap.get(0xAF) is not None and cmap[0xAF] == cmap.get(0x305)
    variants = font["MATH"].table.MathVariants
    assert cmap[0xAF] in variants.HorizGlyphCoverage.glyphs


# ------------------------------------------------------------------- the theme's words


def test_every_word_the_theme_uses_is_in_both_catalogs() -> None:
    from gdcore.i18n import LANGUAGES
    from sitebuild.theme.theme_text import LOCALE_DIR, site_text

    templates = sorted((support.ROOT / "sitebuild" / "theme" / "overrides").rglob("*.html"))
    used = {
        msgid
        for template in templates
        for msgid in re.findall(r'site_text\("([^"]+)"', template.read_text(encoding="utf-8"))
    }
    assert len(used) >= 5, used
    for lang in LANGUAGES:
        for msgid in used:
            assert site_text(msgid, lang).strip()
    vi = (LOCALE_DIR / "vi" / "LC_MESSAGES" / "sitebuild.po").read_text(encoding="utf-8")
    en = (LOCALE_DIR / "en" / "LC_MESSAGES" / "sitebuild.po").read_text(encoding="utf-8")
    assert re.findall(r'^msgid "(.+)"', vi, re.M) == re.findall(r'^msgid "(.+)"', en, re.M)
    assert site_text("Formula, scrolls sideways", "vi") != "Formula, scrolls sideways"
