"""Sweep checks of the figures: text readable at the width it is read, in the site's font.

Every figure shown on a page (``.gd-figure``; a figure drawn in two layouts shows one): the
smallest ``<text>`` of each visible SVG, as drawn (font size × the SVG's scale on screen), must be
at least 10 CSS px on a phone and 11 px on a desktop; each SVG must name the site's text font
(Roboto) first; a raster frame (the animation) counts by its drawn size, its text being at least
the GIF's own smallest text, 8.5 pt at 100 dpi (11.8 px), scaled as drawn.
"""

from __future__ import annotations

from typing import Any

from page_sweep import Check, Seen

MIN_PX = {390: 10.0, 1280: 11.0}
GIF_TEXT_PX = 8.5 * 100 / 72  # the animation's smallest text, in its own pixels

_MEASURE = """() => [...document.querySelectorAll('.gd-figure')].flatMap((figure, i) => {
  const found = [];
  for (const svg of figure.querySelectorAll('svg')) {
    if (!svg.getClientRects().length) continue;  // the other layout, not shown
    let min = Infinity, text = '';
    for (const t of svg.querySelectorAll('text')) {
      if (!t.getClientRects().length || !t.textContent.trim()) continue;
      const m = t.getScreenCTM();
      const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
      if (px < min) { min = px; text = t.textContent; }
    }
    found.push({figure: i, kind: 'svg', min, text,
                family: svg.getAttribute('font-family') || '',
                label: (svg.getAttribute('aria-label') || '').slice(0, 50)});
  }
  for (const img of figure.querySelectorAll('img')) {
    const box = img.getBoundingClientRect();
    if (!box.width) continue;
    found.push({figure: i, kind: 'img', scale: box.width / (img.naturalWidth || img.width),
                label: (img.alt || '').slice(0, 50)});
  }
  return found;
})"""


def _measure(page: Any) -> list[dict[str, Any]]:
    page.evaluate(
        "() => document.querySelectorAll('.gd-figure img[loading=lazy]')"
        ".forEach(i => { i.loading = 'eager'; })"
    )
    page.wait_for_function(
        "() => [...document.querySelectorAll('.gd-figure img')].every(i => i.complete)"
    )
    result: list[dict[str, Any]] = page.evaluate(_MEASURE)
    return result


def _text_is_readable(page: Any, seen: Seen) -> list[str]:
    floor = MIN_PX[seen.width]
    problems = []
    for item in _measure(page):
        if item["kind"] == "svg":
            px = float(item["min"])
            what = f"its text {item['text']!r} is {px:.1f} px"
        else:
            px = GIF_TEXT_PX * float(item["scale"])
            what = f"its frame is drawn at {float(item['scale']):.2f}×: text ≈ {px:.1f} px"
        if px < floor:
            problems.append(f"figure {item['figure']} ({item['label']}…): {what} < {floor:g}")
    return problems


def _names_the_site_font(page: Any, seen: Seen) -> list[str]:
    return [
        f"figure {item['figure']} ({item['label']}…) names font-family {item['family']!r}"
        for item in _measure(page)
        if item["kind"] == "svg" and not item["family"].startswith("Roboto")
    ]


CHECKS = [
    Check("figure-text-readable", _text_is_readable, schemes=("light", "dark")),
    Check("figure-font-is-roboto", _names_the_site_font, widths=(1280,)),
]
