"""Turn the LaTeX that ``pymdownx.arithmatex`` marks into MathML at build time.

Readers' browsers render MathML natively, so pages need no JavaScript and no CDN for math.
"""

from __future__ import annotations

import html
import re

from latex2mathml.converter import convert

_INLINE = re.compile(r'<span class="arithmatex">\\\((.+?)\\\)</span>', re.DOTALL)
_BLOCK = re.compile(r'<div class="arithmatex">\\\[(.+?)\\\]</div>', re.DOTALL)


class MathError(ValueError):
    """A formula latex2mathml cannot convert; the message quotes it."""


def _to_mathml(latex: str, display: str) -> str:
    source = html.unescape(latex).strip()
    try:
        mathml = convert(source, display=display)
    except Exception as error:  # latex2mathml raises many exception types
        raise MathError(f"cannot convert formula {source!r}: {error}") from error
    return str(mathml)


def latex_to_mathml(page_html: str) -> str:
    """Replace every arithmatex span/div in ``page_html`` by MathML.

    >>> latex_to_mathml('<p><span class="arithmatex">\\\\(x^2\\\\)</span></p>')[:40]
    '<p><math xmlns="http://www.w3.org/1998/M'
    """
    page_html = _BLOCK.sub(
        lambda m: f'<div class="gd-math">{_to_mathml(m.group(1), "block")}</div>', page_html
    )
    return _INLINE.sub(lambda m: _to_mathml(m.group(1), "inline"), page_html)
