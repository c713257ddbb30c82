"""Turn the LaTeX that ``pymdownx.arithmatex`` marks into MathML at build time.

Readers' browsers render MathML natively, so pages need no JavaScript and no CDN for math.
latex2mathml writes the tree; a few fixes then make Chromium typeset it as TeX would:

- **primes**: ``f'`` comes out as ``<msup><mi>f</mi><mi>′</mi></msup>``. The glyph ′ is
  already a raised mark, so the superscript lifts it a second time, a tiny mark far above
  the f. It becomes ``<mi>f</mi><mo>′</mo>`` (likewise ″ and ‴);
- **bars**: ``|x|`` and ``\\lvert x \\rvert`` are ordinary symbols in TeX, with no space
  around them and no stretching; MathML's operator dictionary gives a bar in the middle of a
  row the spacing of a relation (and ``\\lvert`` a stretchy one). Every bar gets
  ``lspace``/``rspace`` 0, and ``stretchy="false"`` unless ``\\left``/``\\right`` asked;
- **scripts**: TeX puts no space around relations and operators in sub- and superscripts
  (``i=1`` under a sum); Chromium keeps the dictionary's spacing there, so script operators
  get ``lspace``/``rspace`` 0;
- **limits**: ``\\lim_{h \\to 0}`` is a subscript in latex2mathml; it becomes an
  ``<munder>`` whose operator has ``movablelimits``: under ``lim`` in display math, beside it
  inline, as in TeX (also max, min, sup, inf);
- **hats**: ``\\hat y`` comes out as an ASCII ``^`` over the y, a caret drawn at capital
  height that floats above small letters; it becomes U+02C6 (the font's spacing circumflex,
  which sits on the letter), not stretched, as TeX's ``\\hat``;
- **text**: entities in the tree are decoded and the tree is serialised by ElementTree, so
  ``\\text{a < b}`` stays text (latex2mathml's own serialiser would emit a bare ``<``).

The page's stylesheet chooses the math font (a vendored OpenType math font) and sets the
``mtext`` of formulas (Vietnamese words such as x_mới) in the text font.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from latex2mathml.converter import convert_to_element

_INLINE = re.compile(r'<span class="arithmatex">\\\((.+?)\\\)</span>', re.DOTALL)
_BLOCK = re.compile(r'<div class="arithmatex">\\\[(.+?)\\\]</div>', re.DOTALL)

#: Characters latex2mathml uses for one, two, three and four primes.
PRIMES = frozenset("′″‴⁗")
#: Bars that TeX treats as ordinary symbols: |, ‖ (\|, \lVert, \rVert).
BARS = frozenset("|‖∥")
#: Operators whose limits go under them in display math.
LIMIT_OPERATORS = frozenset({"lim", "max", "min", "sup", "inf", "lim sup", "lim inf"})

_NS = "{http://www.w3.org/1998/Math/MathML}"
_SCRIPTED = frozenset({"msub", "msup", "msubsup", "munder", "mover", "munderover"})
ET.register_namespace("", _NS[1:-1])


class MathError(ValueError):
    """A formula latex2mathml cannot convert; the message quotes it."""


def _tag(element: ET.Element) -> str:
    return element.tag.removeprefix(_NS)


def _decode(element: ET.Element) -> None:
    """latex2mathml stores symbols as entity text (``&#x02032;``): make them characters."""
    for node in element.iter():
        if node.text:
            node.text = html.unescape(node.text)
        if node.tail:
            node.tail = html.unescape(node.tail)


def _fix_primes(parent: ET.Element) -> None:
    """``<msup>base<mi>′</mi></msup>`` → ``base<mo>′</mo>`` (TeX height), recursively."""
    # Last child first: replacing one child by two leaves the indices before it valid.
    for index, child in reversed(list(enumerate(parent))):
        _fix_primes(child)
        if _tag(child) != "msup" or len(child) != 2:
            continue
        base, script = child[0], child[1]
        text = (script.text or "").strip()
        if _tag(script) not in ("mi", "mo") or len(script) or not text or set(text) - PRIMES:
            continue
        prime = ET.Element(f"{_NS}mo", {"lspace": "0em", "rspace": "0em"})
        prime.text = text
        prime.tail, base.tail = child.tail, None
        parent.remove(child)
        parent.insert(index, base)
        parent.insert(index + 1, prime)


def _fix_bars(root: ET.Element) -> None:
    """Bars as TeX sets them: no operator spacing; not stretchy unless \\left/\\right."""
    for node in root.iter(f"{_NS}mo"):
        if (node.text or "").strip() in BARS:
            node.set("lspace", "0em")
            node.set("rspace", "0em")
            node.attrib.setdefault("stretchy", "false")


def _fix_limits(root: ET.Element) -> None:
    """``<msub><mo>lim</mo>…`` → ``<munder><mo movablelimits="true">lim</mo>…``."""
    renames = {"msub": "munder", "msubsup": "munderover"}
    for node in root.iter():
        name = _tag(node)
        if name not in renames or not len(node):
            continue
        base = node[0]
        if _tag(base) == "mo" and (base.text or "").strip() in LIMIT_OPERATORS:
            node.tag = f"{_NS}{renames[name]}"
            base.set("movablelimits", "true")


#: Accents latex2mathml writes as ASCII, and the accent glyph the math font places on a letter.
ACCENTS = {"^": "\u02c6"}


def _fix_accents(root: ET.Element) -> None:
    """``<mover accent><mi>y</mi><mo>^</mo></mover>``: the hat sits on the y, unstretched."""
    for node in root.iter(f"{_NS}mover"):
        if len(node) != 2 or _tag(node[1]) != "mo":
            continue
        mark = (node[1].text or "").strip()
        if mark in ACCENTS:
            node[1].text = ACCENTS[mark]
            node[1].set("stretchy", "false")
            node.set("accent", "true")


def _fix_script_spacing(root: ET.Element) -> None:
    """No operator spacing inside scripts (``i=1`` under a sum, ``h→0`` under lim), as TeX."""
    for node in root.iter():
        if _tag(node) not in _SCRIPTED:
            continue
        for script in list(node)[1:]:
            for operator in script.iter(f"{_NS}mo"):
                operator.attrib.setdefault("lspace", "0em")
                operator.attrib.setdefault("rspace", "0em")


def to_mathml(latex: str, display: str = "inline") -> str:
    """One formula as MathML, with the fixes above.

    Args:
        latex: The formula, without delimiters; HTML entities (``&lt;``) are decoded first.
        display: ``"inline"`` or ``"block"``.

    Returns:
        A ``<math>`` element as text.

    Raises:
        ValueError: ``display`` is neither ``"inline"`` nor ``"block"``.
        MathError: latex2mathml cannot convert the formula.

    Example:
        >>> mathml = to_mathml("f'(x)")
        >>> "<mi>f</mi><mo lspace=\\"0em\\" rspace=\\"0em\\">′</mo>" in mathml, "msup" in mathml
        (True, False)
    """
    if display not in ("inline", "block"):
        raise ValueError(f"display must be 'inline' or 'block', not {display!r}")
    source = html.unescape(latex).strip()
    try:
        root = convert_to_element(source, display=display)
    except Exception as error:  # latex2mathml raises many exception types
        raise MathError(f"cannot convert formula {source!r}: {error}") from error
    # convert_to_element sets xmlns as a plain attribute: move the tree into the namespace.
    root.attrib.pop("xmlns", None)
    for node in root.iter():
        node.tag = f"{_NS}{node.tag}"
    _decode(root)
    _fix_primes(root)
    _fix_bars(root)
    _fix_limits(root)
    _fix_accents(root)
    _fix_script_spacing(root)
    return ET.tostring(root, encoding="unicode", short_empty_elements=False)


#: Punctuation that must not start a line: after inline math it is glued to the formula.
_TRAILING = r"[.,:;!?)\]}…%”’»]+"
_INLINE_AND_PUNCTUATION = re.compile(_INLINE.pattern + f"({_TRAILING})?", re.DOTALL)


def _inline(match: re.Match[str]) -> str:
    mathml = to_mathml(match.group(1), "inline")
    if match.group(2) is None:
        return mathml
    return f'<span class="gd-nowrap">{mathml}{match.group(2)}</span>'


def latex_to_mathml(page_html: str) -> str:
    """Replace every arithmatex span/div in ``page_html`` by MathML.

    Display formulas are wrapped in ``<div class="gd-math">``, which scrolls sideways when a
    formula is wider than the column (the theme's script makes such a region reachable by
    keyboard and names it). Inline math followed by punctuation is wrapped with it in a
    ``<span class="gd-nowrap">``, so a phone never starts a line with a lone "." or ":".

    >>> latex_to_mathml('<p><span class="arithmatex">\\\\(x^2\\\\)</span></p>')[:40]
    '<p><math xmlns="http://www.w3.org/1998/M'
    >>> out = latex_to_mathml('<p>so <span class="arithmatex">\\\\(x\\\\)</span>: a</p>')
    >>> out.startswith('<p>so <span class="gd-nowrap"><math'), out.endswith('</math>:</span> a</p>')
    (True, True)
    """
    page_html = _BLOCK.sub(
        lambda m: f'<div class="gd-math">{to_mathml(m.group(1), "block")}</div>', page_html
    )
    return _INLINE_AND_PUNCTUATION.sub(_inline, page_html)
