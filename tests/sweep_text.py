"""Sweep checks of line breaks on a phone: no line starts with the punctuation that follows
inline math or code, and no number written with spaces between its digit groups is split."""

from __future__ import annotations

from typing import Any

from page_sweep import PHONE, Check, Seen

_PUNCTUATION_JS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.querySelector(".md-content") || document.body,
                                           NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!/^[.,:;!?)\\]…%]/.test(node.textContent)) continue;
    let before = node.previousSibling;
    if (!before || before.nodeType !== Node.ELEMENT_NODE) continue;
    if (before.closest("pre") || node.parentElement.closest("pre")) continue;
    const rects = before.getClientRects();
    if (!rects.length) continue;
    const last = rects[rects.length - 1];
    const range = document.createRange();
    range.setStart(node, 0); range.setEnd(node, 1);
    const mark = range.getBoundingClientRect();
    if (mark.height && mark.top >= last.bottom - 1 && mark.left < last.left) {
      out.push((before.textContent.trim().slice(-30) + " | " + node.textContent.slice(0, 20)));
    }
  }
  return out;
}"""

_NUMBERS_JS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.querySelector(".md-content") || document.body,
                                           NodeFilter.SHOW_TEXT);
  const number = /\\d{1,3}(?:[ \\u00a0\\u2009\\u202f]\\d{3})+(?!\\d)/g;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest("pre")) continue;
    for (const m of node.textContent.matchAll(number)) {
      const range = document.createRange();
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (lines.size > 1) out.push(m[0]);
    }
  }
  return out;
}"""


def _no_lone_punctuation(page: Any, seen: Seen) -> list[str]:
    return [f"a line starts with punctuation: {s!r}" for s in page.evaluate(_PUNCTUATION_JS)]


def _numbers_whole(page: Any, seen: Seen) -> list[str]:
    return [f"the number {n!r} is split across lines" for n in page.evaluate(_NUMBERS_JS)]


CHECKS = [
    Check("no-line-starts-with-punctuation", _no_lone_punctuation, widths=(PHONE["width"],)),
    Check("numbers-stay-on-one-line", _numbers_whole, widths=(PHONE["width"],)),
]
