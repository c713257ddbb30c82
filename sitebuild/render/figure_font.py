"""The site's text font for gdcore's figures: Roboto, laid out with the metrics the reader gets.

The site ships Roboto as woff2 subsets (``theme/overrides/assets/fonts/``); matplotlib needs one
TrueType file. `register()` merges the shipped subsets of each weight into one TTF (cached in the
block cache folder, keyed on the subsets' bytes, so it is built once and is the same on every
build) and adds it to matplotlib's font manager; gdcore's figures then name "Roboto" in their SVG
and measure their text with it, and the browser draws that text with the very same files.

Examples:
    >>> sorted(SUBSETS)
    ['greek', 'latin', 'latin-ext', 'math', 'vietnamese']
"""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path
from typing import Final

FONTS: Final = Path(__file__).resolve().parents[1] / "theme" / "overrides" / "assets" / "fonts"
"""The woff2 files the site ships."""

SUBSETS: Final = ("latin", "latin-ext", "vietnamese", "greek", "math")
"""The subsets merged into the figures' font (the math subset has ², ₀, −, ×, ∇, …)."""

WEIGHTS: Final = (400, 700)
"""Regular text and the bold of the computational graph's values."""

_CACHE: Final = Path(__file__).resolve().parents[2] / ".cache" / "fonts"

_registered: list[Path] = []


def _sources(weight: int) -> list[Path]:
    paths = [FONTS / f"roboto-{subset}-{weight}-normal.woff2" for subset in SUBSETS]
    missing = [p.name for p in paths if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"the site's Roboto subsets are missing: {', '.join(missing)}")
    return paths


def merged_ttf(weight: int, cache: Path | None = None) -> Path:
    """One TrueType file of the shipped Roboto subsets of ``weight``, built once and cached.

    Args:
        weight: 400 or 700.
        cache: Where to keep the file (default ``$GDCORE_CACHE_DIR/../fonts`` or ``.cache/fonts``).

    Returns:
        The path of ``roboto-<weight>-<hash of the subsets>.ttf``.

    Raises:
        ValueError: For a weight the site does not ship.
        FileNotFoundError: When a subset file is missing.
    """
    if weight not in WEIGHTS:
        raise ValueError(f"weight must be one of {WEIGHTS}; got {weight!r}")
    sources = _sources(weight)
    digest = hashlib.sha256()
    for path in sources:
        digest.update(path.read_bytes())
    if cache is None:
        env = os.environ.get("GDCORE_CACHE_DIR")
        cache = Path(env).parent / "fonts" if env else _CACHE
    target = cache / f"roboto-{weight}-{digest.hexdigest()[:16]}.ttf"
    if target.is_file():
        return target

    from fontTools.merge import Merger, Options
    from fontTools.ttLib import TTFont

    plain = []
    for path in sources:
        font = TTFont(path, recalcTimestamp=False)
        font.flavor = None  # woff2 -> sfnt
        buffer = io.BytesIO()
        font.save(buffer)
        buffer.seek(0)
        plain.append(buffer)
    # Layout tables (kerning, ligatures) are dropped: matplotlib does not use GPOS/GSUB.
    merged = Merger(options=Options(drop_tables=["GSUB", "GPOS", "GDEF", "STAT"])).merge(plain)
    merged.recalcTimestamp = False
    cache.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    merged.save(partial)
    partial.replace(target)  # atomic: two builds at once never read half a file
    return target


def register() -> list[Path]:
    """Build (once) and add the site's Roboto to matplotlib's font manager; the files added."""
    if _registered:
        return list(_registered)
    from matplotlib import font_manager

    for weight in WEIGHTS:
        path = merged_ttf(weight)
        font_manager.fontManager.addfont(str(path))
        _registered.append(path)
    return list(_registered)
