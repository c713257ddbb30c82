"""Read each page once for the search index, not on every build.

Material's search plugin reads every page's final HTML with Python's ``html.parser`` to cut it
into sections (``SearchIndex.add_entry_from_context``): a fifth of a warm build, and as much on
every ``mkdocs serve`` rebuild, although an edit changes one page. :func:`speed_up` wraps the
build's search index so that:

- the entries a page gives are kept (in memory, and as JSON in ``<block cache>/search/``) under
  a key made of everything the plugin reads from the page — its HTML, table of contents, URL,
  title and front matter — plus the plugin's version and options; a page whose key is known
  gets its entries back without being parsed;
- the key also holds a digest of :mod:`sitebuild.theme.search`, whose ``prepare_index`` decides
  what of a page is indexed and adds its ``keywords`` (from the front matter, in the key): a
  change there is never answered with stale entries;
- when a page must be parsed, the SVG inside its gdcore figures is left out
  (:func:`without_figure_svg`): those figures are marked ``data-search-exclude`` (see
  :mod:`sitebuild.render.embed`), so the indexer drops everything inside them anyway.

Why the index is unchanged: the entries are a function of the key's parts only (the plugin's
code is fixed by its version). Inside an element marked ``data-search-exclude`` the indexer
keeps no text and no markup, and a matplotlib SVG is well-formed XML (every element closed), so
after its ``</svg>`` the indexer is in the same state as after an empty figure; only figures
with exactly that markup are touched, and the page's HTML is put back before anything else
reads it. The tests build the site with and without this and compare every byte, index included.

Environment: ``GDCORE_NO_CACHE=1`` keeps nothing on disk; ``GDCORE_CACHE_DIR`` moves it along
with the block cache.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
import re
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

__all__ = ["SearchEntryCache", "cache_dir", "speed_up", "without_figure_svg"]

_DEFAULT_BLOCK_CACHE = Path(__file__).resolve().parents[2] / ".cache" / "blocks"
#: What of a page the index reads is decided there (``prepare_index``): part of every key.
_PREPARE_SOURCE = Path(__file__).resolve().parents[1] / "theme" / "search.py"

#: The start of a figure from :func:`sitebuild.render.embed.svg_figure`, up to its ``<svg``.
_FIGURE_START = re.compile(r'<figure class="gd-figure[^"]*" data-search-exclude>\s*(?=<svg\b)')
_FIGURE_END = re.compile(r"\s*</figure>")
_SVG_START = re.compile(r"\s*<svg\b")
_WRAPPED = "_gdcore_search_cache"


def cache_dir(environ: Mapping[str, str] = os.environ) -> Path | None:
    """Where search entries are kept: ``search/`` inside the block cache, or None if off.

    Args:
        environ: The environment variables to read (default: this process's).

    Returns:
        ``$GDCORE_CACHE_DIR/search`` (default ``.cache/blocks/search``), or None when
        ``GDCORE_NO_CACHE=1``.

    Example:
        >>> cache_dir({"GDCORE_CACHE_DIR": "/tmp/blocks"}).as_posix()
        '/tmp/blocks/search'
        >>> cache_dir({"GDCORE_NO_CACHE": "1"}) is None
        True
    """
    if environ.get("GDCORE_NO_CACHE") == "1":
        return None
    return Path(environ.get("GDCORE_CACHE_DIR", _DEFAULT_BLOCK_CACHE)) / "search"


def without_figure_svg(html: str) -> str:
    """Return ``html`` with the SVG inside every search-excluded gdcore figure removed.

    A figure is emptied only if it holds nothing but SVGs (one per layout, desktop and phone),
    none nested, and closes right after them.

    Args:
        html: A page's HTML.

    Returns:
        The same HTML where each ``<figure class="gd-figure..." data-search-exclude><svg ...>
        ...</svg></figure>`` has become an empty figure.

    Example:
        >>> page = (
        ...     '<p>a</p><figure class="gd-figure" data-search-exclude>'
        ...     '<svg role="img"><path d="M0 0"/></svg></figure><p>b</p>'
        ... )
        >>> without_figure_svg(page)
        '<p>a</p><figure class="gd-figure" data-search-exclude></figure><p>b</p>'
        >>> without_figure_svg(
        ...     '<figure class="gd-figure" data-search-exclude><svg class="d"></svg> '
        ...     '<svg class="p"></svg></figure>'
        ... )
        '<figure class="gd-figure" data-search-exclude></figure>'
        >>> without_figure_svg("<figure><svg></svg></figure>")  # not excluded: kept
        '<figure><svg></svg></figure>'
    """
    parts: list[str] = []
    done = 0
    for start in _FIGURE_START.finditer(html):
        svg = start.end()
        if svg < done:
            continue
        end = svg
        while (opening := _SVG_START.match(html, end)) is not None:  # each layout's SVG
            close = html.find("</svg>", opening.end())
            if close < 0 or html.find("<svg", opening.end(), close) >= 0:
                end = svg  # unclosed or nested: leave this figure as it is
                break
            end = close + len("</svg>")
        if end == svg or not _FIGURE_END.match(html, end):
            continue
        parts.append(html[done:svg])
        done = end
    parts.append(html[done:])
    return "".join(parts)


def _toc(items: Any) -> list[Any]:
    return [
        [item.id, item.url, item.title, item.level, _toc(item.children)] for item in items or ()
    ]


class SearchEntryCache:
    """The search entries of pages, by what Material's search plugin reads from each page.

    Args:
        directory: Where to keep entries between builds; None keeps them in memory only.

    Example:
        >>> cache = SearchEntryCache(None)
        >>> cache.hits, cache.misses
        (0, 0)
    """

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self.hits = 0
        self.misses = 0
        self._memory: dict[str, list[dict[str, Any]]] = {}
        try:
            version = importlib.metadata.version("mkdocs-material")
        except importlib.metadata.PackageNotFoundError:
            version = "?"
        self._version = version
        self._prepare = hashlib.sha256(_PREPARE_SOURCE.read_bytes()).hexdigest()
        # Material segments Chinese text when jieba can be imported.
        self._jieba = importlib.util.find_spec("jieba") is not None

    def key(self, page: Any, search_index: Any) -> str:
        """The key of ``page``'s entries: its HTML, toc, URL, title, front matter; the plugin.

        Args:
            page: The page, as the search plugin sees it in ``on_page_context``.
            search_index: The build's ``SearchIndex`` (its options are part of the key).

        Returns:
            A hex SHA-256.
        """
        digest = hashlib.sha256()
        context = {
            "material": self._version,
            "prepare": self._prepare,
            "jieba": self._jieba,
            "options": getattr(search_index, "config", None),
            "url": page.url,
            "title": page.title,
            "meta": page.meta,
            "toc": _toc(page.toc),
        }
        digest.update(json.dumps(context, sort_keys=True, default=repr).encode())
        digest.update(b"\0" + (page.content or "").encode())
        return digest.hexdigest()

    def _load(self, key: str) -> list[dict[str, Any]] | None:
        if key in self._memory:
            return self._memory[key]
        if self.directory is None:
            return None
        try:
            entries = json.loads((self.directory / f"{key}.json").read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(entries, list):
            return None
        self._memory[key] = entries
        return entries

    def _save(self, key: str, entries: list[dict[str, Any]]) -> None:
        text = json.dumps(entries, ensure_ascii=False)
        if json.loads(text) != entries:  # something JSON cannot give back as it was
            return
        self._memory[key] = json.loads(text)
        if self.directory is None:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=self.directory, suffix=".tmp", delete=False
        ) as tmp:
            tmp.write(text)
        os.replace(tmp.name, self.directory / f"{key}.json")

    def wrap(self, search_index: Any) -> None:
        """Route ``search_index.add_entry_from_context`` through this cache (idempotent).

        Args:
            search_index: Material's ``SearchIndex`` of this build.

        Raises:
            TypeError: ``search_index`` is not a search index with an ``entries`` list.
        """
        add: Callable[[Any], Any] | None = getattr(search_index, "add_entry_from_context", None)
        if not callable(add) or not isinstance(getattr(search_index, "entries", None), list):
            raise TypeError(f"expected Material's SearchIndex, got {type(search_index).__name__}")
        if getattr(add, _WRAPPED, None) is self:
            return

        def add_entry_from_context(page: Any) -> Any:
            key = self.key(page, search_index)
            cached = self._load(key)
            if cached is not None:
                self.hits += 1
                search_index.entries.extend(json.loads(json.dumps(cached)))
                return None
            self.misses += 1
            first = len(search_index.entries)
            original = page.content
            if original and "data-search-exclude" in original:
                page.content = without_figure_svg(original)
            try:
                result = add(page)
            finally:
                page.content = original
            self._save(key, search_index.entries[first:])
            return result

        setattr(add_entry_from_context, _WRAPPED, self)
        search_index.add_entry_from_context = add_entry_from_context


def speed_up(plugins: Mapping[str, Any], cache: SearchEntryCache) -> None:
    """Wrap the search index of Material's search plugin with ``cache``, if search is on.

    Args:
        plugins: The build's plugins (``config.plugins``).
        cache: The entry cache to use.
    """
    for name in ("material/search", "search"):
        search_index = getattr(plugins.get(name), "search_index", None)
        if search_index is not None:
            cache.wrap(search_index)
