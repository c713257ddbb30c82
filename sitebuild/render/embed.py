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


def svg_figure(fig: Figure) -> str:
    """Return ``fig`` as an accessible ``<figure>`` with inline SVG.

    Black ink becomes ``currentColor`` so text and axes follow the light or dark palette; ids
    get a per-figure prefix so several figures on one page never clash. The alt text is the
    figure's label (``fig.set_label``), which gdcore's builders write in the page's language.
    """
    from gdcore.plots import to_svg

    global rendered
    alt = str(fig.get_label() or "")
    if not alt:
        raise ValueError("the figure has no alt text: set it with fig.set_label('...')")
    svg = to_svg(fig)
    rendered += 1
    prefix = "g" + hashlib.sha1(svg.encode()).hexdigest()[:8] + "-"
    svg = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', svg)
    svg = _REF.sub(lambda m: f"{m.group(1)}{prefix}{m.group(2)}", svg)
    svg = svg.replace("#000000", "currentColor")
    label = html.escape(alt, quote=True)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
    return f'<figure class="gd-figure" data-search-exclude>{svg}</figure>'


def gif_figure(data: bytes, alt: str) -> str:
    """Return GIF bytes as an ``<img>`` with its size and alt text, inlined as a data URI."""
    global rendered
    if data[:6] not in (b"GIF87a", b"GIF89a"):
        raise ValueError("gif_figure expects the bytes of a GIF image")
    if not alt:
        raise ValueError("gif_figure needs alt text")
    rendered += 1
    width, height = struct.unpack("<HH", data[6:10])
    uri = "data:image/gif;base64," + base64.b64encode(data).decode("ascii")
    return (
        '<figure class="gd-figure gd-animation" data-search-exclude>'
        f'<img src="{uri}" width="{width}" height="{height}" '
        f'alt="{html.escape(alt, quote=True)}" loading="lazy"></figure>'
    )
