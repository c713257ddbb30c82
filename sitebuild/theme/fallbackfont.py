"""Fallback faces for what the text fonts lack, cut at build time to the pages' characters.

Roboto and Roboto Mono (the site's text and code fonts) stop at Latin, Vietnamese and Greek;
Noto Sans Math (after them in the stacks) has arrows and operators but no subscript letters.
So ``xₖ``, ``(1 − 2η)ᵏ``, ``tᵢ``, ``≈`` in code and letters with a combining accent (``m̂``:
Chromium draws a letter and its mark with one font, and no single Roboto subset has both) fell
back to whatever the device has. The site ships two more faces for them, DejaVu Sans (text,
figures) and DejaVu Sans Mono (code, whose columns must stay aligned), from the copies
matplotlib bundles (``mpl-data/fonts/ttf``, pinned with matplotlib; Bitstream Vera licence with
the DejaVu changes in the public domain, which allow copies and subsets under their own names).

The hooks collect, from every page's text outside formulas (:func:`fallback_characters`), the
characters Roboto lacks and every letter-and-mark cluster; once both languages are built
:func:`write_fallback_fonts` cuts each face to them (a few KB) and writes ``fallback.css``, whose
``unicode-range`` lists exactly the characters cut, so a page without them downloads nothing.
"""

from __future__ import annotations

import html
import re
import shutil
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import matplotlib
from fontTools import subset
from fontTools.ttLib import TTFont

from sitebuild.theme.mathfont import text_characters

__all__ = [
    "CSS",
    "EARLIER",
    "FACES",
    "LICENCE",
    "fallback_characters",
    "unicode_range",
    "write_fallback_fonts",
]

_TTF = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
#: Each fallback face: the family name the CSS gives it, its source and the file it becomes.
FACES = {
    "DejaVu Sans": (_TTF / "DejaVuSans.ttf", Path("assets/fonts/dejavu-sans.woff2")),
    "DejaVu Sans Mono": (_TTF / "DejaVuSansMono.ttf", Path("assets/fonts/dejavu-sans-mono.woff2")),
}
_SHIPPED = Path(__file__).resolve().parent / "overrides" / "assets" / "fonts"
#: The fonts before each fallback face in its stack (site.css): what they draw stays out of the
#: cut. Paths relative to the built site are cuts the build writes first (the math font).
EARLIER = {
    "DejaVu Sans": (
        *sorted(p for p in _SHIPPED.glob("roboto-*-400-normal.woff2") if "mono" not in p.name),
        Path("assets/fonts/noto-sans-math.woff"),
    ),
    "DejaVu Sans Mono": tuple(sorted(_SHIPPED.glob("roboto-mono-*-400-normal.woff2"))),
}
#: The fonts' licence, copied beside the cuts.
LICENCE = _TTF / "LICENSE_DEJAVU"
#: The ``@font-face`` rules of the cuts (mkdocs.yml lists it after site.css).
CSS = Path("assets/fonts/fallback.css")

_MATH = re.compile(r"<math\b.*?</math>", re.DOTALL)
_TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]*>", re.DOTALL)
#: A letter followed by combining marks (Unicode category M).
_CLUSTER = re.compile(r"\w[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def fallback_characters(page_html: str) -> set[str]:
    """The characters of a page's text (formulas aside) that the fallback faces must have.

    Args:
        page_html: A page's HTML; formulas, tags, scripts and styles are skipped.

    Returns:
        What Roboto lacks (:func:`~sitebuild.theme.mathfont.text_characters`) and both parts of
        each letter with a combining mark that has no precomposed form.

    Example:
        >>> sorted(fallback_characters("<p>x&#8342;, m&#770;, đạo hàm</p><math><mi>∇</mi></math>"))
        ['m', '̂', 'ₖ']
    """
    text = _MATH.sub(" ", page_html)
    found = text_characters(text)
    for cluster in _CLUSTER.findall(html.unescape(_TAG.sub(" ", text))):
        if len(unicodedata.normalize("NFC", cluster)) > 1:
            found.update(cluster)
    return found


def unicode_range(codepoints: Iterable[int]) -> str:
    """A CSS ``unicode-range`` value listing ``codepoints``, runs joined.

    Example:
        >>> unicode_range([0x2096, 0x6D, 0x2080, 0x2081, 0x2082])
        'U+6D, U+2080-2082, U+2096'
    """
    runs: list[list[int]] = []
    for point in sorted(set(codepoints)):
        if runs and point == runs[-1][1] + 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return ", ".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in runs)


def _drawn_by(fonts: Iterable[Path]) -> set[int]:
    """The code points the fonts that exist among ``fonts`` map to glyphs."""
    return {point for path in fonts if path.is_file() for point in TTFont(path).getBestCmap()}


def write_fallback_fonts(characters: Iterable[str], site_dir: str | Path) -> list[Path]:
    """Cut each fallback face to ``characters`` and write the CSS that declares them.

    A face leaves out what the fonts before it in its stack draw (:data:`EARLIER`), letters
    and combining marks excepted: Chromium draws a letter and its mark with one face.
    The output depends only on the characters (no timestamps), so two builds of the same pages
    write the same bytes. A face with none of the characters is not written (nor declared).

    Args:
        characters: What the pages' text needs (:func:`fallback_characters`).
        site_dir: The built site.

    Returns:
        The files written: the cuts, then the CSS.

    Raises:
        TypeError: ``characters`` holds something that is not a one-character string.

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     written = write_fallback_fonts("ₖᵏ≈–", tmp)
        ...     css = (Path(tmp) / CSS).read_text()
        ...     sans, mono = (sorted(map(chr, TTFont(p).getBestCmap())) for p in written[:2])
        >>> [p.name for p in written]
        ['dejavu-sans.woff2', 'dejavu-sans-mono.woff2', 'fallback.css']
        >>> sans, mono  # Roboto has ≈ (not Roboto Mono), both have the dash
        (['ᵏ', 'ₖ'], ['ᵏ', 'ₖ', '≈'])
        >>> "unicode-range: U+1D4F, U+2096, U+2248;" in css
        True
    """
    wanted = set()
    for char in characters:
        if not isinstance(char, str) or len(char) != 1:
            raise TypeError(f"characters must be single characters, got {char!r}")
        wanted.add(ord(char))
    site = Path(site_dir)
    written: list[Path] = []
    rules = [
        "/* Written by the build (sitebuild/theme/fallbackfont.py): DejaVu Sans and DejaVu",
        "   Sans Mono cut to the characters of the pages that Roboto lacks (LICENSE_DEJAVU). */",
    ]
    for family, (source, target) in FACES.items():
        font = TTFont(source, recalcTimestamp=False)
        earlier = _drawn_by(site / path for path in EARLIER[family])
        drawn = sorted(
            point
            for point in wanted & set(font.getBestCmap())
            if point not in earlier or unicodedata.category(chr(point))[0] in "LM"
        )
        if not drawn:
            continue
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        options.notdef_outline = True
        options.name_IDs = ["*"]  # the copyright and licence notices stay in the cut
        options.drop_tables += ["FFTM"]  # FontForge's timestamps: not needed, not subsettable
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=drawn)
        subsetter.subset(font)
        path = site / target
        path.parent.mkdir(parents=True, exist_ok=True)
        font.flavor = "woff2"
        font.save(path)
        written.append(path)
        rules.append(
            f'@font-face {{ font-family: "{family}"; font-style: normal; font-weight: 400;'
            f' font-display: swap;\n  src: url("{target.name}") format("woff2");'
            f"\n  unicode-range: {unicode_range(drawn)}; }}"
        )
    css = site / CSS
    css.parent.mkdir(parents=True, exist_ok=True)
    css.write_text("\n".join(rules) + "\n", encoding="utf-8")
    shutil.copyfile(LICENCE, css.parent / LICENCE.name)
    return [*written, css]
