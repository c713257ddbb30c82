"""During ``mkdocs serve``, re-render only the pages an edit touched.

Each save rebuilds the whole site, both languages. Converting a page's Markdown to HTML
(``Page.render``: Markdown extensions, markdown-exec's rendering of every block, mkdocstrings
for the API pages) is most of that time, yet an edit changes one page. :class:`PageCache`
remembers, for the life of the ``mkdocs serve`` process, what ``Page.render`` produced for each
page, and gives it back while nothing it depends on has changed.

What is cached: the result of ``Page.render`` — the HTML (before ``on_page_content`` hooks,
cross-reference resolution and templates, which all still run on every rebuild), the table of
contents, the title found in the page, its anchors and its links to other pages' anchors —
and the side effects of rendering that later steps read: anchors registered with
mkdocs-autorefs (cross-references) and items registered in mkdocstrings' inventory
(``objects.inv``). On a hit these are replayed in the same order.

The key (:meth:`PageCache.key`) is a SHA-256 of everything the rendering reads:

- the page's final Markdown (after every ``on_page_markdown`` hook), its front matter, its
  source path, destination and URL;
- the site's file list (links between pages resolve against it);
- the bytes of ``mkdocs.yml`` and the language being built;
- every file under the watched folders (``watch:`` in mkdocs.yml: ``gdcore`` and ``sitebuild``),
  so an edit to a docstring, a figure, a catalog or the site machinery re-renders every page.

What is never cached: a page whose rendering logged a warning or an error (the message must
show on every rebuild, and strict mode must see it), and a page whose rendering raised.

In memory it is on only under ``mkdocs serve`` (:meth:`PageCache.enable`). Pages that run no
code (the API pages: mkdocstrings is their whole cost) are also kept on disk, in
``<block cache>/pages/``, for ``mkdocs build`` too; the key on disk also names every installed
distribution and its version and the Python version. Pages with code blocks are never taken
from disk, so a build still runs or counts every block (its report is unchanged); a build from
an empty cache (CI) renders everything. ``GDCORE_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import importlib.metadata
import json
import logging
import os
import pickle
import re
import sys
import tempfile
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

__all__ = ["PageCache", "Rendered", "cache_dir", "tree_digest"]

_DEFAULT_BLOCK_CACHE = Path(__file__).resolve().parents[2] / ".cache" / "blocks"
#: A page that may run code (markdown-exec): never kept on disk, its blocks must be counted.
_RUNS_CODE = re.compile(r"\bexec\s*=")

log = logging.getLogger("mkdocs.plugins.sitebuild")

#: (what was called, positional arguments, keyword arguments), replayed on a cache hit.
Call = tuple[str, tuple[Any, ...], dict[str, Any]]


@dataclass(frozen=True)
class Rendered:
    """What ``Page.render`` left on a page, and the registrations it made elsewhere."""

    content: str
    toc: TableOfContents
    title: str | None
    anchors: frozenset[str]
    #: {source path of the linked page: {anchor: original link}}, or None if not collected.
    links: dict[str, dict[str, str]] | None
    calls: tuple[Call, ...]


def tree_digest(*folders: Path) -> str:
    """SHA-256 of the names and bytes of every file below ``folders`` (``__pycache__`` aside).

    Args:
        folders: Folders (or single files) to hash; missing ones count as empty.

    Returns:
        A hex digest that changes when any file is added, removed, renamed or edited.

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     root = Path(tmp)
        ...     _ = (root / "a.py").write_text("x = 1")
        ...     before = tree_digest(root)
        ...     _ = (root / "a.py").write_text("x = 2")
        ...     before == tree_digest(root)
        False
    """
    digest = hashlib.sha256()
    for folder in folders:
        files = [folder] if folder.is_file() else sorted(folder.rglob("*"))
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"{path.as_posix()}\0{path.stat().st_size}\0".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


class _Warnings(logging.Handler):
    """Counts the warnings and errors logged while a page renders."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class PageCache:
    """Rendered pages of this ``mkdocs serve`` process, keyed by what their rendering reads.

    Args:
        max_entries: How many rendered pages to keep (least recently used go first).

    Raises:
        ValueError: ``max_entries`` is less than 1.

    Example:
        >>> cache = PageCache(max_entries=64)
        >>> cache.enabled, cache.hits, cache.misses
        (False, 0, 0)
    """

    def __init__(self, max_entries: int = 256, directory: Path | None = None) -> None:
        if not isinstance(max_entries, int) or max_entries < 1:
            raise ValueError(f"max_entries must be a positive int, got {max_entries!r}")
        self.max_entries = max_entries
        self.directory = directory
        self.enabled = False
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[str, Rendered] = OrderedDict()
        self._site_keys: WeakKeyDictionary[Files, str] = WeakKeyDictionary()

    def enable(self) -> None:
        """Turn the cache on (``mkdocs serve``); until then :meth:`install` does nothing."""
        self.enabled = True

    def __len__(self) -> int:
        return len(self._entries)

    def take_counts(self) -> tuple[int, int]:
        """(pages rendered, pages from the cache) since the last call; the counts restart."""
        counts = (self.misses, self.hits)
        self.misses = self.hits = 0
        return counts

    # -- keys -----------------------------------------------------------------------------
    def _site_key(self, config: MkDocsConfig, files: Files) -> str:
        """The part of the key shared by every page of one build (one language)."""
        if files in self._site_keys:
            return self._site_keys[files]
        digest = hashlib.sha256()
        listing = sorted((f.src_uri, f.dest_uri, f.url, str(f.inclusion)) for f in files)
        digest.update(json.dumps(listing).encode())
        config_file = Path(config.config_file_path) if config.config_file_path else None
        watched = [Path(p) for p in config.watch]
        digest.update(tree_digest(*([config_file] if config_file else []), *watched).encode())
        i18n = config.plugins.get("i18n")
        language = getattr(i18n, "current_language", None) or config.theme.get("language")
        digest.update(f"\0{language}\0{config.site_url}\0{config.docs_dir}".encode())
        key = digest.hexdigest()
        self._site_keys[files] = key
        return key

    def key(self, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The cache key of ``page`` as it is about to be rendered (see the module's text).

        Args:
            page: A page whose ``markdown`` is final (after ``on_page_markdown``).
            config: The build's configuration.
            files: The build's files.

        Returns:
            A hex SHA-256.
        """
        digest = hashlib.sha256(self._site_key(config, files).encode())
        meta = json.dumps(page.meta, sort_keys=True, default=repr)
        for part in (page.file.src_uri, page.file.dest_uri, page.url, meta, page.markdown or ""):
            digest.update(b"\0" + part.encode())
        return digest.hexdigest()

    # -- rendering ------------------------------------------------------------------------
    def install(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        """Route ``page.render`` through the cache (call from ``on_pre_page``).

        Args:
            page: The page about to be read and rendered.
            config: The build's configuration.
            files: The build's files.
        """
        if not self.enabled and self.directory is None:
            return
        if page.file.src_uri.endswith(".ipynb"):
            return  # mkdocs-jupyter's render runs the notebook (cached by notebooks.jupyter) and
            # writes the notebook pages' shared stylesheet: side effects a replay would skip
        render: Callable[[MkDocsConfig, Files], None] = page.render

        def cached_render(config: MkDocsConfig, files: Files) -> None:
            key = self.key(page, config, files)
            on_disk = self.directory is not None and not _RUNS_CODE.search(page.markdown or "")
            entry = self._entries.get(key) if self.enabled else None
            if entry is None and on_disk:
                entry = self._load(key)
            if entry is not None:
                if self.enabled:
                    self._entries[key] = entry
                    self._entries.move_to_end(key)
                self.hits += 1
                self._restore(page, entry, config, files)
                return
            self.misses += 1
            with _recording(page, config) as recorder, _counting_warnings() as warnings:
                render(config, files)
            if (
                warnings.count == 0
                and not recorder.foreign
                and "<backlinks" not in (page.content or "")
            ):
                rendered = self._rendered(page, recorder.calls)
                if self.enabled:
                    self._entries[key] = rendered
                    while len(self._entries) > self.max_entries:
                        self._entries.popitem(last=False)
                if on_disk:
                    self._save(key, rendered)

        page.render = cached_render  # type: ignore[method-assign]

    # -- on disk: pages that run no code (the API pages), for ``mkdocs build`` too ---------
    def _file(self, key: str) -> Path:
        return Path(self.directory or ".") / f"{_disk_key(key)}.pickle"

    def _load(self, key: str) -> Rendered | None:
        try:
            with self._file(key).open("rb") as stream:
                entry = pickle.load(stream)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None
        return entry if isinstance(entry, Rendered) else None

    def _save(self, key: str, entry: Rendered) -> None:
        path = self._file(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as tmp:
            pickle.dump(entry, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)

    @staticmethod
    def _rendered(page: Page, calls: list[Call]) -> Rendered:
        links = page.links_to_anchors
        return Rendered(
            content=page.content or "",
            toc=copy.deepcopy(page.toc),
            title=page._title_from_render,
            anchors=frozenset(page.present_anchor_ids or ()),
            links=None
            if links is None
            else {f.src_uri: dict(anchors) for f, anchors in links.items()},
            calls=tuple(calls),
        )

    @staticmethod
    def _restore(page: Page, entry: Rendered, config: MkDocsConfig, files: Files) -> None:
        page.content = entry.content
        page.toc = copy.deepcopy(entry.toc)
        page._title_from_render = entry.title
        page.present_anchor_ids = set(entry.anchors)
        if entry.links is not None:
            page.links_to_anchors = {}
            for src_uri, anchors in entry.links.items():
                target = files.get_file_from_path(src_uri)
                if target is not None:
                    page.links_to_anchors[target] = dict(anchors)
        targets = _targets(config)
        for name, args, kwargs in entry.calls:
            if name == "register_anchor":
                targets[name](page, *args, **kwargs)
            else:
                targets[name](*args, **kwargs)


@functools.cache
def _versions() -> str:
    """Every installed distribution and its version: what a page on disk was rendered with."""
    names = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    return hashlib.sha256("\n".join([sys.version, *names]).encode()).hexdigest()


def _disk_key(key: str) -> str:
    return hashlib.sha256(f"{key}\0{_versions()}".encode()).hexdigest()


def cache_dir(environ: Mapping[str, str] = os.environ) -> Path | None:
    """Where rendered pages that run no code are kept: ``pages/`` in the block cache, or None.

    Args:
        environ: The environment variables to read (default: this process's).

    Returns:
        ``$GDCORE_CACHE_DIR/pages`` (default ``.cache/blocks/pages``), or None when
        ``GDCORE_NO_CACHE=1``.

    Example:
        >>> cache_dir({"GDCORE_CACHE_DIR": "/tmp/blocks"}).as_posix()
        '/tmp/blocks/pages'
        >>> cache_dir({"GDCORE_NO_CACHE": "1"}) is None
        True
    """
    if environ.get("GDCORE_NO_CACHE") == "1":
        return None
    return Path(environ.get("GDCORE_CACHE_DIR", _DEFAULT_BLOCK_CACHE)) / "pages"


def _targets(config: MkDocsConfig) -> dict[str, Callable[..., Any]]:
    """The registration methods whose calls a rendering makes and a cache hit replays."""
    targets: dict[str, Callable[..., Any]] = {}
    autorefs = config.plugins.get("autorefs")
    if autorefs is not None:
        targets["register_anchor"] = autorefs.register_anchor
    mkdocstrings = config.plugins.get("mkdocstrings")
    handlers = getattr(mkdocstrings, "_handlers", None)
    if handlers is not None:
        targets["inventory.register"] = handlers.inventory.register
    return targets


_MISSING = object()


class _Recorder:
    """The registration calls made while one page renders, and whether all were for it."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.calls: list[Call] = []
        self.foreign = False  # a call registered something for another page: do not cache

    def anchor(self, register: Callable[..., Any]) -> Callable[..., Any]:
        def register_anchor(page: Any, *args: Any, **kwargs: Any) -> Any:
            if page is not self.page and page != self.page.url:
                self.foreign = True
            self.calls.append(("register_anchor", args, dict(kwargs)))
            return register(page, *args, **kwargs)

        return register_anchor

    def item(self, register: Callable[..., Any]) -> Callable[..., Any]:
        def register_item(*args: Any, **kwargs: Any) -> Any:
            self.calls.append(("inventory.register", args, dict(kwargs)))
            return register(*args, **kwargs)

        return register_item


@contextmanager
def _recording(page: Page, config: MkDocsConfig) -> Iterator[_Recorder]:
    """Record the registrations (autorefs anchors, mkdocstrings items) made while rendering."""
    recorder = _Recorder(page)
    autorefs = config.plugins.get("autorefs")
    mkdocstrings = config.plugins.get("mkdocstrings")
    inventory = getattr(getattr(mkdocstrings, "_handlers", None), "inventory", None)
    wraps = [(autorefs, "register_anchor", recorder.anchor), (inventory, "register", recorder.item)]
    patched: list[tuple[Any, str, Any]] = []
    try:
        for owner, name, wrap in wraps:
            if owner is not None:
                patched.append((owner, name, vars(owner).get(name, _MISSING)))
                setattr(owner, name, wrap(getattr(owner, name)))
        yield recorder
    finally:
        for owner, name, previous in reversed(patched):
            if previous is _MISSING:
                delattr(owner, name)
            else:
                setattr(owner, name, previous)


@contextmanager
def _counting_warnings() -> Iterator[_Warnings]:
    """Count warnings and errors logged anywhere (MkDocs' own logger does not propagate)."""
    handler = _Warnings()
    loggers = [logging.getLogger(), logging.getLogger("mkdocs")]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield handler
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
