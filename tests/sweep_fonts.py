"""Sweep check: every glyph of the article is drawn by a font the site ships (emoji aside).

Chromium's DevTools protocol reports, for an element, the fonts that drew its own text
(``CSS.getPlatformFontsForNode``, DevTools' "Rendered fonts"). The check marks the elements
that hold text (prose, code, code output, math, notebook cells), asks once per kind of text
(same computed font, same set of characters: thousands of code tokens are a few dozen kinds),
in one DevTools session per visit, and lists every font that is not one of the site's.
"""

from __future__ import annotations

import re
from typing import Any

from page_sweep import Check, Seen

#: The families the site ships (sitebuild/theme/overrides/assets/fonts, the math font cut and the
#: DejaVu fallback cuts), as the fonts name themselves (Roboto's weight 300 calls itself "Roboto
#: Light"). A device's own DejaVu (CI installs it) is not custom: it does not count.
SITE_FONTS = re.compile(
    r"(Roboto|Roboto Mono|Noto Sans Math|DejaVu Sans|DejaVu Sans Mono)"
    r"( (Light|Medium|Bold|Italic))*"
)

#: Emoji may come from the device's emoji font: pictographs, flags, the variation selector and
#: the joiner of emoji sequences.
_EMOJI = r"[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{FE0F}\u{200D}\u{20E3}]"

#: Marks one element per kind of text; returns what each marked element holds. ``figures``
#: chooses the text of figures (SVG) or everything else.
_MARK_JS = """([figures, emojiPattern]) => {
  const emoji = new RegExp(emojiPattern, "gu");
  const kinds = new Map();
  const article = document.querySelector(".md-content");
  if (!article) return [];
  for (const el of article.querySelectorAll("*")) {
    let text = "";
    for (const n of el.childNodes) if (n.nodeType === Node.TEXT_NODE) text += n.textContent;
    text = text.replace(emoji, "").replace(/\\s+/g, "");
    if (!text || !el.getClientRects().length) continue;
    if (Boolean(el.closest("svg")) !== figures) continue;
    const style = getComputedStyle(el);
    if (style.visibility !== "visible") continue;
    const chars = [...new Set(text)].sort().join("");
    const key = [style.fontFamily, style.fontWeight, style.fontStyle, chars].join("|");
    if (!kinds.has(key)) kinds.set(key, el);
  }
  const out = [];
  let i = 0;
  for (const [key, el] of kinds) {
    el.setAttribute("data-gd-font", String(i++));
    out.push({tag: el.tagName.toLowerCase(), text: el.textContent.trim().slice(0, 50)});
  }
  return out;
}"""

_UNMARK_JS = """() => document.querySelectorAll("[data-gd-font]")
  .forEach(el => el.removeAttribute("data-gd-font"))"""


def foreign_fonts(page: Any, *, figures: bool = False) -> list[str]:
    """Every kind of text (figures' or the rest) drawn partly by a font the site does not ship."""
    kinds = page.evaluate(_MARK_JS, [figures, _EMOJI])
    if not kinds:
        return []
    cdp = page.context.new_cdp_session(page)
    problems: list[str] = []
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        ids = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "[data-gd-font]"})
        for node in ids["nodeIds"]:
            index = cdp.send("DOM.getAttributes", {"nodeId": node})["attributes"]
            mark = int(dict(zip(index[::2], index[1::2], strict=True))["data-gd-font"])
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
            foreign = [
                f"{f['familyName']} ({f['glyphCount']} glyphs)"
                for f in fonts
                if not (SITE_FONTS.fullmatch(f["familyName"]) and f["isCustomFont"])
                and "Emoji" not in f["familyName"]  # the device's emoji font is fine
            ]
            if foreign:
                kind = kinds[mark]
                problems.append(f"<{kind['tag']}> {kind['text']!r} drawn with {', '.join(foreign)}")
    finally:
        cdp.detach()
        page.evaluate(_UNMARK_JS)
    return problems


def _text_in_site_fonts(page: Any, seen: Seen) -> list[str]:
    return foreign_fonts(page)


def _figures_in_site_fonts(page: Any, seen: Seen) -> list[str]:
    return foreign_fonts(page, figures=True)


# Fonts do not depend on the palette: light only, at both widths (a phone layout may differ).
CHECKS = [
    Check("glyphs-drawn-by-the-site-fonts", _text_in_site_fonts),
    Check("figure-text-drawn-by-the-site-fonts", _figures_in_site_fonts),
]
