"""Sweep checks of the formulas: what MathML draws without a character in the source is drawn."""

from __future__ import annotations

from typing import Any

from page_sweep import Check, Seen

#: A square root's box against its content's: the radical sign needs at least this much room.
_RADICAL_PX = 3

_SQRT_WIDTHS = """() => [...document.querySelectorAll('article msqrt')].map(e => {
  const kids = [...e.children].map(c => c.getBoundingClientRect().width);
  return [e.getBoundingClientRect().width, kids.reduce((a, b) => a + b, 0), e.textContent];
})"""


def _radicals_drawn(page: Any, seen: Seen) -> list[str]:
    """A missing radical glyph draws nothing, silently: the root is then no wider than what
    is under it."""
    return [
        f"√({text}) draws no radical: {outer:.1f} px wide, its content {inner:.1f} px"
        for outer, inner, text in page.evaluate(_SQRT_WIDTHS)
        if outer < inner + _RADICAL_PX
    ]


CHECKS = [Check("square-roots-draw-their-radical", _radicals_drawn, widths=(390,))]
