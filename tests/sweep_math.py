"""Sweep checks of formulas: every radical drawn, no formula box that scrolls vertically, and a
formula wider than the column reachable by keyboard (regions.js) with an edge shadow."""

from __future__ import annotations

from typing import Any

from page_sweep import Check, Seen

#: A radical whose sign is missing (a font cut without U+221A) is exactly as wide as its
#: content; the sign adds at least this share of the content's height.
RADICAL_MIN_SHARE = 0.3

_RADICALS_JS = """() => [...document.querySelectorAll(".md-content msqrt, .md-content mroot")]
  .map(root => {
    const box = root.getBoundingClientRect();
    const content = root.firstElementChild.getBoundingClientRect();
    return {tag: root.tagName.toLowerCase(), text: root.textContent.trim(),
            extra: box.width - content.width, height: content.height};
  })"""


def _radicals_drawn(page: Any, seen: Seen) -> list[str]:
    return [
        f"<{r['tag']}> {r['text']!r} is only {r['extra']:.1f} px wider than its content:"
        " no radical sign drawn"
        for r in page.evaluate(_RADICALS_JS)
        if r["extra"] < RADICAL_MIN_SHARE * r["height"]
    ]


_BOXES_JS = """() => [...document.querySelectorAll(".md-content .gd-math")].map(box => {
  const style = getComputedStyle(box);
  return {text: box.textContent.trim().slice(0, 40),
          down: box.scrollHeight - box.clientHeight,
          side: box.scrollWidth - box.clientWidth,
          region: box.getAttribute("data-gd-region"), tabindex: box.getAttribute("tabindex"),
          shadow: style.backgroundImage.includes("gradient")};
})"""


def _formula_boxes(page: Any, seen: Seen) -> list[str]:
    problems = []
    for box in page.evaluate(_BOXES_JS):
        if box["down"] > 0:
            problems.append(f"formula {box['text']!r} scrolls vertically by {box['down']} px")
        if box["side"] > 1 and (box["region"] != "formula" or box["tabindex"] != "0"):
            problems.append(f"formula {box['text']!r} scrolls sideways but is not focusable")
        if box["side"] > 1 and not box["shadow"]:
            problems.append(f"formula {box['text']!r} is cut at the edge with no shadow")
    return problems


CHECKS = [
    Check("radicals-drawn", _radicals_drawn),
    Check("formula-boxes-scroll-sideways-only", _formula_boxes, schemes=("light", "dark")),
]
