"""Run the pages' Python blocks once, cache their output, and name the page when one fails.

markdown-exec renders a block (source, tabs, output); this module replaces only the part that
*runs* the code, so the rendered HTML is exactly what markdown-exec would produce without a cache,
except for the titles of its tabs ("Source" / "Result"), which are written in the page's language
from the site catalog (``sitebuild/locale/<lang>/LC_MESSAGES/sitebuild.po``).

Cache key of a block = (fingerprint, the code already run in its session, its own code).
The fingerprint hashes the sources (and ``.po`` catalogs) of ``gdcore`` and ``sitebuild`` and
the versions of the libraries that shape an output, so editing any of them invalidates every
block. The key holds nothing about the page or its language: a block whose code is the same on
the Vietnamese and the English page is run once and shared. Blocks with ``session="name"``
share state only with earlier blocks of the same session *on the same page and language*;
sessions are cleared each time a page starts, so no state leaks between languages or between
``mkdocs serve`` rebuilds.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from io import StringIO
from pathlib import Path
from types import ModuleType
from typing import Any, Final

import joblib
from markdown_exec import ExecutionError, base_format, code_block, default_tabs

from gdcore.i18n import DEFAULT_LANG, Catalog, Lang, check_lang

log = logging.getLogger("mkdocs.plugins.sitebuild")

#: Packages whose version changes what a block prints or draws.
FINGERPRINT_PACKAGES = ("numpy", "matplotlib", "pillow", "markdown-exec", "latex2mathml")

#: The fingerprint of the gdcore code this process has imported (``mkdocs serve`` outlives edits).
loaded_fingerprint: str | None = None

#: The words of the site machinery: ``SITE_TEXT(msgid, lang)``.
SITE_TEXT: Final = Catalog(Path(__file__).resolve().parents[1] / "locale", "sitebuild")


def fingerprint(*source_dirs: Path) -> str:
    """Hash the ``*.py``, ``*.po`` and ``*.html`` files below ``source_dirs`` and the versions
    that shape outputs (a block that prints a library message changes with the catalogs, one
    that prints a widget changes with the widget's template)."""
    digest = hashlib.sha256(sys.version.encode())
    for name in FINGERPRINT_PACKAGES:
        digest.update(f"{name}=={importlib.metadata.version(name)}".encode())
    for directory in source_dirs:
        for path in sorted(p for p in directory.rglob("*") if p.suffix in (".py", ".po", ".html")):
            digest.update(path.relative_to(directory.parent).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass
class _Session:
    """A page's named session: the code asked for so far and the namespace that ran it."""

    requested: tuple[str, ...] = ()
    executed: tuple[str, ...] = ()
    namespace: dict[str, Any] = field(default_factory=dict)


@dataclass
class BuildStats:
    """What one build did: blocks run, blocks served from the cache, figures rendered."""

    executed: int = 0
    cached: int = 0
    figures: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"executed": self.executed, "cached": self.cached, "figures": self.figures}


class BlockRunner:
    """Runs Python blocks for markdown-exec, with a disk cache (``joblib.Memory``)."""

    def __init__(self, cache_dir: Path | None, fingerprint: str) -> None:
        self.fingerprint = fingerprint
        self.page = "?"
        self.lang: Lang = DEFAULT_LANG
        self.stats = BuildStats()
        self._block_number = 0
        self._sessions: dict[str, _Session] = {}
        self._memory = joblib.Memory(str(cache_dir), verbose=0) if cache_dir else None
        run: Callable[..., str] = _run_block
        if self._memory is not None:
            run = self._memory.cache(_run_block, ignore=["runner", "state"])
        self._run = run

    # -- page lifecycle -------------------------------------------------------------------
    def start_page(self, page: str, lang: str = DEFAULT_LANG) -> None:
        """Forget every session: a page never sees state left by another page or build.

        ``lang`` is the page's language, the language of the tab titles.
        """
        self.page = page
        self.lang = check_lang(lang)
        self._block_number = 0
        self._sessions.clear()

    # -- markdown-exec entry points --------------------------------------------------------
    def formatter(
        self,
        source: str,
        language: str,
        css_class: str,
        options: dict[str, Any],
        md: Any,
        classes: list[str] | None = None,
        id_value: str = "",
        attrs: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> str:
        """A SuperFences formatter: markdown-exec's rendering around our cached run.

        Tabs left at markdown-exec's default titles get them in the page's language.
        """
        if tuple(options.get("tabs", default_tabs)) == tuple(default_tabs):
            tabs = (SITE_TEXT("Source", self.lang), SITE_TEXT("Result", self.lang))
            options = {**options, "tabs": tabs}
        return str(base_format(language="python", run=self.run, code=source, md=md, **options))

    def run(
        self,
        code: str,
        returncode: int | None = None,
        session: str | None = None,
        id: str | None = None,
        **extra: Any,
    ) -> str:
        """Return what ``code`` prints, from the cache when its key is known."""
        self._block_number += 1
        state = self._sessions.setdefault(session, _Session()) if session else _Session()
        history = state.requested
        before = self.stats.executed
        output = self._run(self, self.fingerprint, history, code, state=state)
        if self.stats.executed == before:
            self.stats.cached += 1
        state.requested = (*history, code)
        return output

    # -- execution ------------------------------------------------------------------------
    def execute(self, code: str, history: tuple[str, ...], state: _Session) -> str:
        """Run ``code`` after the session's earlier blocks (re-running any the cache skipped)."""
        self.stats.executed += 1
        if state.executed != history[: len(state.executed)]:
            state.executed, state.namespace = (), {}
        for earlier in history[len(state.executed) :]:
            self._exec(earlier, state.namespace, StringIO(), replay=True)
            state.executed = (*state.executed, earlier)
        buffer = StringIO()
        self._exec(code, state.namespace, buffer, replay=False)
        state.executed = (*state.executed, code)
        return buffer.getvalue()

    def _exec(
        self, code: str, namespace: dict[str, Any], buffer: StringIO, *, replay: bool
    ) -> None:
        name = f"{self.page} block {self._block_number}"
        module_name = "_sitebuild_block_" + hashlib.sha1(name.encode()).hexdigest()[:12]
        namespace.setdefault("__name__", module_name)
        sys.modules.setdefault(namespace["__name__"], ModuleType(namespace["__name__"]))
        namespace["print"] = partial(_print_to, buffer)
        filename = f"<{name}>"
        try:
            exec(compile(code, filename, "exec"), namespace)
        except Exception as error:
            trace = traceback.TracebackException.from_exception(error)
            lines = code.splitlines()
            for frame in trace.stack:
                if frame.filename == filename and frame.lineno and frame.lineno <= len(lines):
                    frame._line = lines[frame.lineno - 1]  # type: ignore[attr-defined]
            what = "replaying an earlier block of its session for" if replay else "running"
            log.warning(
                "%s: code block %d failed while %s it: %s: %s",
                self.page,
                self._block_number,
                what,
                type(error).__name__,
                error,
            )
            raise ExecutionError(code_block("python", "".join(trace.format()))) from error


def _run_block(
    runner: BlockRunner, fingerprint: str, history: tuple[str, ...], code: str, *, state: _Session
) -> str:
    """The cached unit: its result depends only on (fingerprint, history, code)."""
    return runner.execute(code, history, state)


def _print_to(
    buffer: StringIO, *values: object, sep: str = " ", end: str = "\n", **_: object
) -> None:
    buffer.write(sep.join(str(value) for value in values) + end)
