"""Put gdcore's figures into a page: inline SVG that follows the palette, GIFs as data URIs.

Pages call these on hidden lines (``# markdown-exec: hide``), so readers see only the gdcore code.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import struct
from typing import TYPE_CHECKING

from sitebuild.render import figure_font

if TYPE_CHECKING:  # matplotlib is imported only when a block draws (not on cached builds)
    from matplotlib.figure import Figure

# Figures are laid out with the Roboto the site ships, and name it: before any block draws.
figure_font.register()

#: Figures rendered by this process; the build reports how many each build rendered.
rendered = 0

_ID = re.compile(r'\bid="([^"]+)"')
_REF = re.compile(r'(url\(#|href="#)([^)"]+)')


def _inline_svg(fig: Figure, alt: str, layout: str) -> str:
    from gdcore.plots import to_svg

    svg = to_svg(fig)
    prefix = "g" + hashlib.sha1(svg.encode()).hexdigest()[:8] + "-"
    svg = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', svg)
    svg = _REF.sub(lambda m: f"{m.group(1)}{prefix}{m.group(2)}", svg)
    svg = svg.replace("#000000", "currentColor")
    label = html.escape(alt, quote=True)
    return svg.replace(
        "<svg ", f'<svg class="gd-figure-{layout}" role="img" aria-label="{label}" ', 1
    )


_STYLE = re.compile(r' style="([^"]*)"')


def _class_name(rank: int) -> str:
    """A short class name for the ``rank``-th most used style: ``a`` … ``z``, ``ba`` …

    >>> [_class_name(k) for k in (0, 25, 26, 27)]
    ['a', 'z', 'ba', 'bb']
    """
    letters = "abcdefghijklmnopqrstuvwxyz"
    name = letters[rank % 26]
    rank //= 26
    while rank:
        name = letters[rank % 26] + name
        rank //= 26
    return name


def _shared_styles(svgs: list[str]) -> tuple[str, list[str]]:
    r"""Move the inline styles of a figure's SVGs into one stylesheet, shared by its layouts.

    Matplotlib writes each element's style in full (``style="fill: none; stroke: …"``), over and
    over; each distinct style becomes a short class, most used first, and the rules are scoped
    to this figure (``.gd-f<hash>``), so they never reach another figure or the page. Returns
    the figure's class and the SVGs, the first one carrying the ``<style>``.

    >>> name, (one, two) = _shared_styles(
    ...     ['<svg a="1"><path style="fill: none"/><text style="font-size: 9px">x</text></svg>',
    ...      '<svg a="2"><path style="fill: none"/></svg>'])
    >>> print(one.replace(name, "F").replace("</style>", "</style>\n"))
    <svg a="1"><style>.F .a{fill:none}.F .b{font-size:9px}</style>
    <path class="a"/><text class="b">x</text></svg>
    >>> two
    '<svg a="2"><path class="a"/></svg>'
    """
    counts: dict[str, int] = {}
    for svg in svgs:
        for style in _STYLE.findall(svg):
            counts[style] = counts.get(style, 0) + 1
    ranked = sorted(counts, key=lambda style: -counts[style])  # stable: ties keep first use
    names = {style: _class_name(k) for k, style in enumerate(ranked)}
    scope = "gd-f" + hashlib.sha1("".join(svgs).encode()).hexdigest()[:8]
    rules = "".join(
        f".{scope} .{names[style]}{{{style.replace(': ', ':').replace('; ', ';')}}}"
        for style in ranked
    )
    out = [_STYLE.sub(lambda m: f' class="{names[m.group(1)]}"', svg) for svg in svgs]
    if rules:
        out[0] = re.sub(r"(<svg\b[^>]*>)", rf"\1<style>{rules}</style>", out[0], count=1)
    return scope, out


def svg_figure(fig: Figure) -> str:
    """Return ``fig`` as an accessible ``<figure>`` with inline SVG, for desktops and phones.

    Black ink becomes ``currentColor`` so text and axes follow the light or dark palette; ids
    get a per-figure prefix so several figures on one page never clash. The alt text is the
    figure's label (``fig.set_label``), which gdcore's builders write in the page's language.
    A figure made by a gdcore builder is drawn twice, in its desktop and its phone layout
    (`gdcore.plots.relayout`); ``figures.css`` shows the one that fits the column, so its text
    stays readable on a phone. The two layouts share one stylesheet (`_shared_styles`).
    """
    from gdcore.plots import relayout

    global rendered
    alt = str(fig.get_label() or "")
    if not alt:
        raise ValueError("the figure has no alt text: set it with fig.set_label('...')")
    try:
        phone = relayout(fig, "phone")
    except ValueError:  # a figure not made by a gdcore builder: one layout only
        rendered += 1
        scope, svgs = _shared_styles([_inline_svg(fig, alt, "only")])
        return f'<figure class="gd-figure {scope}" data-search-exclude>{svgs[0]}</figure>'
    rendered += 2
    scope, (desktop, narrow) = _shared_styles(
        [_inline_svg(fig, alt, "desktop"), _inline_svg(phone, alt, "phone")]
    )
    return (
        f'<figure class="gd-figure gd-figure-two {scope}" data-search-exclude>'
        f"{desktop}{narrow}</figure>"
    )


def _still(data: bytes) -> bytes:
    """The last frame of an animated GIF (the whole path drawn), as a one-frame GIF."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        image.seek(getattr(image, "n_frames", 1) - 1)
        frame = image.convert("RGB")
    out = io.BytesIO()
    frame.quantize(colors=64, dither=Image.Dither.NONE).save(out, format="GIF", optimize=True)
    return out.getvalue()


def gif_figure(data: bytes, alt: str, *, lang: str) -> str:
    """Return GIF bytes as an ``<img>`` with its size and alt text, inlined as a data URI.

    Under ``prefers-reduced-motion: reduce`` the page shows the animation's last frame (a
    ``<picture>`` source) and a play button in the page's language; ``figures.js`` swaps the
    animation in when the reader presses it.
    """
    from sitebuild.render.execute import SITE_TEXT

    global rendered
    if data[:6] not in (b"GIF87a", b"GIF89a"):
        raise ValueError("gif_figure expects the bytes of a GIF image")
    if not alt:
        raise ValueError("gif_figure needs alt text")
    rendered += 1
    width, height = struct.unpack("<HH", data[6:10])
    uri = "data:image/gif;base64," + base64.b64encode(data).decode("ascii")
    still = "data:image/gif;base64," + base64.b64encode(_still(data)).decode("ascii")
    play = html.escape(SITE_TEXT("Play the animation", lang))
    return (
        '<figure class="gd-figure gd-animation" data-search-exclude><picture>'
        f'<source srcset="{still}" media="(prefers-reduced-motion: reduce)">'
        f'<img src="{uri}" width="{width}" height="{height}" '
        f'alt="{html.escape(alt, quote=True)}" loading="lazy"></picture>'
        f'<button type="button" class="md-button gd-animation-play" hidden>{play}</button>'
        "</figure>"
    )
