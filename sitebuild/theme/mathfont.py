"""The math font, cut at build time to the characters the formulas use.

Chromium typesets MathML with an OpenType math font (one with a MATH table: where scripts,
fractions and limits go, how parentheses stretch). Readers' systems may have none, or a
different one, so the site ships Noto Sans Math (SIL OFL 1.1, from the npm package
``@fontsource/noto-sans-math`` 5.3.0, its WOFF file unchanged in ``sitebuild/fonts/``).
Whole, it weighs 255 KB; the lesson's formulas need about 150 of its 3,000 glyphs. So the
hooks collect the characters of every formula (:func:`math_characters`) and, once a build
has done both languages, :func:`write_math_font` writes the subset, MATH table included
(fontTools, which matplotlib already needs), as ``assets/fonts/noto-sans-math.woff``.

Chromium draws a one-letter ``<mi>x</mi>`` with the italic letter of Unicode's mathematical
alphabets (U+1D465 for x), so each Latin or Greek letter brings its italic twin along.

The bar of ``\\bar x`` is ``<mo stretchy="true">¯</mo>`` (U+00AF) over the letter. Noto Sans
Math draws that bar as U+0305 (combining overline, with the MATH table's horizontal assembly
that stretches it) and maps no glyph to U+00AF or U+203E, so the device's font drew it. The
cut maps those two characters to the overline's glyph (:data:`ACCENT_ALIASES`): the bar is drawn
and stretched by the math font.
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

__all__ = [
    "ACCENT_ALIASES",
    "DRAWN_BY_ELEMENT",
    "LICENCE",
    "SOURCE",
    "TARGET",
    "italic",
    "math_characters",
    "text_characters",
    "write_math_font",
]

#: The vendored font, whole.
SOURCE = Path(__file__).resolve().parent / "fonts" / "noto-sans-math-400-normal.woff"
#: Where the subset goes in the built site (site.css points there).
TARGET = Path("assets/fonts/noto-sans-math.woff")
#: The font's licence, which goes along with it (SIL OFL 1.1).
LICENCE = SOURCE.parent / "OFL-NotoSansMath.txt"

#: Greek letters with an italic form outside the alphabetic runs (ϵ ϑ ϰ ϕ ϱ ϖ).
_GREEK_SYMBOLS = {
    "ϵ": 0x1D716,
    "ϑ": 0x1D717,
    "ϰ": 0x1D718,
    "ϕ": 0x1D719,
    "ϱ": 0x1D71A,
    "ϖ": 0x1D71B,
}
#: Marks MathML draws with no character in the source: a radical is U+221A, which the font's
#: MATH table stretches (its size variants and assembly parts come along with the glyph).
DRAWN_BY_ELEMENT = {"msqrt": "\u221a", "mroot": "\u221a"}
#: Accents MathML writes with a character the font has no glyph for, and the character whose
#: glyph (and stretchy variants) draws them: macron and overline as the combining overline.
ACCENT_ALIASES = {"\u00af": "\u0305", "\u203e": "\u0305"}
_ELEMENT = re.compile(r"<(" + "|".join(DRAWN_BY_ELEMENT) + r")\b")
#: Characters of prose and code that the text fonts (Roboto, Roboto Mono) may lack: anything
#: outside the Latin, Latin Extended, Vietnamese and Greek subsets they ship. The math font
#: draws those it has (site.css lists it after the text fonts).
_OUTSIDE_TEXT_FONTS = re.compile(r"[^\u0000-\u024f\u0300-\u036f\u0370-\u03ff\u1e00-\u1eff]")
_TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]*>", re.DOTALL)
_TOKEN_TEXT = re.compile(r"<(m[ionos]|mtext|mspace)\b[^>]*>([^<]*)</\1>")
#: Always in the subset: digits, ASCII punctuation and the letters' italic forms.
_BASE = set("0123456789+-=()[]{}|/.,:;!<>*'") | {"\u2032", "\u2033", "\u2212", "\u00b7"}


def italic(letter: str) -> str:
    """The mathematical italic form Chromium draws for a one-letter ``<mi>``.

    Args:
        letter: One character.

    Returns:
        Its italic counterpart, or the character itself when it has none.

    Example:
        >>> italic("x"), italic("h"), italic("η"), italic("σ"), italic("Δ"), italic("2")
        ('𝑥', 'ℎ', '𝜂', '𝜎', '𝛥', '2')
    """
    if letter == "h":
        return "\u210e"  # Planck constant: U+1D455 is unassigned
    if "a" <= letter <= "z":
        return chr(0x1D44E + ord(letter) - ord("a"))
    if "A" <= letter <= "Z":
        return chr(0x1D434 + ord(letter) - ord("A"))
    if "α" <= letter <= "ω":  # ς included, as in Unicode's italic alphabet
        return chr(0x1D6FC + ord(letter) - ord("α"))
    if "Α" <= letter <= "Ω" and letter != "\u03a2":
        return chr(0x1D6E2 + ord(letter) - ord("Α"))
    if letter in _GREEK_SYMBOLS:
        return chr(_GREEK_SYMBOLS[letter])
    return letter


def math_characters(mathml: str) -> set[str]:
    """Every character a piece of MathML draws (with the italic forms of its letters).

    Args:
        mathml: HTML holding ``<math>`` elements (other text is ignored).

    Returns:
        The characters, ``<mtext>`` words excepted (the text font draws those), and the marks
        elements draw without a character (the radical of ``<msqrt>``).

    Example:
        >>> sorted(math_characters("<math><mi>f</mi><mo>′</mo><mtext>mới</mtext></math>"))
        ['f', '′', '𝑓']
        >>> sorted(math_characters("<math><msqrt><mi>κ</mi></msqrt></math>"))
        ['κ', '√', '𝜅']
    """
    found: set[str] = {DRAWN_BY_ELEMENT[name] for name in _ELEMENT.findall(mathml)}
    for tag, text in _TOKEN_TEXT.findall(mathml):
        if tag == "mtext":
            continue
        found.update(text)
        if tag == "mi" and len(text) == 1:
            found.add(italic(text))
    return found


def text_characters(page_html: str) -> set[str]:
    """Characters of a page's text (prose, code, what code prints) the text fonts may lack.

    Args:
        page_html: A page's HTML; tags, scripts and styles are skipped, entities decoded.

    Returns:
        Its characters outside the Latin, Vietnamese and Greek subsets of Roboto.

    Example:
        >>> sorted(text_characters("<p>x&#8342; → 0, đạo hàm</p><script>'≈'</script>"))
        ['ₖ', '→']
    """
    return set(_OUTSIDE_TEXT_FONTS.findall(html.unescape(_TAG.sub(" ", page_html))))


def write_math_font(characters: Iterable[str], site_dir: str | Path) -> Path:
    """Write the subset of Noto Sans Math for ``characters`` into the built site.

    Its licence is copied beside it, as the OFL asks of every copy.

    The output depends only on the characters (no timestamp), so two builds of the same
    pages write the same bytes.

    Args:
        characters: What the formulas draw (:func:`math_characters`).
        site_dir: The built site.

    Returns:
        The file written.

    Raises:
        TypeError: ``characters`` holds something that is not a one-character string.

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     font = TTFont(write_math_font("f′(x)=2x", tmp))
        >>> "MATH" in font, italic("f") in {chr(c) for c in font.getBestCmap()}
        (True, True)
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     cmap = TTFont(write_math_font("x\u00af", tmp)).getBestCmap()
        >>> cmap[0xAF] == cmap[0x305]
        True
    """
    wanted = set(_BASE)
    for char in characters:
        if not isinstance(char, str) or len(char) != 1:
            raise TypeError(f"characters must be single characters, got {char!r}")
        wanted.add(char)
        wanted.add(italic(char))
    aliases = {alias: drawn for alias, drawn in ACCENT_ALIASES.items() if alias in wanted}
    wanted.update(aliases.values())
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]
    options.notdef_outline = True
    font = TTFont(SOURCE, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in wanted))
    subsetter.subset(font)
    _add_aliases(font, aliases)
    target = Path(site_dir) / TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    font.flavor = "woff"
    font.save(target)
    shutil.copyfile(LICENCE, target.parent / LICENCE.name)
    return target


def _add_aliases(font: TTFont, aliases: dict[str, str]) -> None:
    """Map each alias to the glyph of the character that draws it, in every Unicode cmap."""
    for table in font["cmap"].tables:
        if not table.isUnicode():
            continue
        for alias, drawn in sorted(aliases.items()):
            glyph = table.cmap.get(ord(drawn))
            if glyph is not None:
                table.cmap[ord(alias)] = glyph
