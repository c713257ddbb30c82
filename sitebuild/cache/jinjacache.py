"""Compile each Jinja template once, not on every build: a bytecode cache on disk.

A build renders the theme's templates and mkdocstrings' templates (the API pages) through Jinja
environments that MkDocs and mkdocstrings create afresh for each language and for every
``mkdocs serve`` rebuild, so every template used to be compiled again each time (168 of them
per build). :class:`TemplateBytecodeCache` keeps the compiled code in
``<block cache>/jinja/``; :func:`attach` gives it to an environment.

Why it is safe: the rendered output is the same, only compilation is skipped. Jinja reuses a
cached entry only while the template's source is unchanged (its checksum is stored with the
code), for the same Jinja version and the same Python minor version; the key of an entry also
names everything that changes the code Jinja compiles from that source (delimiters, whitespace
options, autoescaping, extensions, the kind of every filter and test, ``finalize``), so two
environments that compile the same file differently never share an entry.

Environment: ``GDCORE_NO_CACHE=1`` turns it off; ``GDCORE_CACHE_DIR`` moves it along with the
block cache.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache

__all__ = ["TemplateBytecodeCache", "attach", "attach_to_mkdocstrings", "cache_dir", "profile"]

#: The block cache's default place (see :mod:`sitebuild.hooks`); the Jinja cache sits inside.
_DEFAULT_BLOCK_CACHE = Path(__file__).resolve().parents[2] / ".cache" / "blocks"


def cache_dir(environ: Mapping[str, str] = os.environ) -> Path | None:
    """Where compiled templates are kept: ``jinja/`` inside the block cache, or None if off.

    Args:
        environ: The environment variables to read (default: this process's).

    Returns:
        ``$GDCORE_CACHE_DIR/jinja`` (default ``.cache/blocks/jinja``), or None when
        ``GDCORE_NO_CACHE=1``.

    Example:
        >>> cache_dir({"GDCORE_CACHE_DIR": "/tmp/blocks"}).as_posix()
        '/tmp/blocks/jinja'
        >>> cache_dir({"GDCORE_NO_CACHE": "1"}) is None
        True
    """
    if environ.get("GDCORE_NO_CACHE") == "1":
        return None
    return Path(environ.get("GDCORE_CACHE_DIR", _DEFAULT_BLOCK_CACHE)) / "jinja"


def _kinds(functions: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Each filter's or test's name and what Jinja passes it (context, environment...)."""
    return sorted((name, str(getattr(f, "jinja_pass_arg", ""))) for name, f in functions.items())


def profile(environment: jinja2.Environment, name: str) -> str:
    """Describe what, besides its source, decides the code Jinja compiles for template ``name``.

    Args:
        environment: The environment that compiles the template.
        name: The template's name (autoescaping may depend on it).

    Returns:
        A text that differs whenever the compiled code may differ.

    Example:
        >>> plain, trimmed = jinja2.Environment(), jinja2.Environment(trim_blocks=True)
        >>> profile(plain, "a.html") == profile(jinja2.Environment(), "a.html")
        True
        >>> profile(plain, "a.html") == profile(trimmed, "a.html")
        False
    """
    env = environment
    autoescape = env.autoescape(name) if callable(env.autoescape) else env.autoescape
    finalize = getattr(env.finalize, "jinja_pass_arg", None) if env.finalize else None
    return repr(
        (
            jinja2.__version__,
            sys.version,
            type(env).__qualname__,
            f"{env.code_generator_class.__module__}.{env.code_generator_class.__qualname__}",
            env.block_start_string,
            env.block_end_string,
            env.variable_start_string,
            env.variable_end_string,
            env.comment_start_string,
            env.comment_end_string,
            env.line_statement_prefix,
            env.line_comment_prefix,
            env.trim_blocks,
            env.lstrip_blocks,
            env.newline_sequence,
            env.keep_trailing_newline,
            env.optimized,
            env.is_async,
            bool(autoescape),
            env.finalize is not None,
            str(finalize),
            sorted(env.extensions),
            _kinds(env.filters),
            _kinds(env.tests),
        )
    )


class TemplateBytecodeCache(FileSystemBytecodeCache):
    """Jinja's file-system bytecode cache, keyed also on the compiling environment's profile.

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     loader = jinja2.DictLoader({"t.html": "{{ x | upper }}"})
        ...     first = jinja2.Environment(loader=loader)
        ...     attach(first, Path(tmp))
        ...     a = first.get_template("t.html").render(x="ok")
        ...     second = jinja2.Environment(loader=loader)
        ...     attach(second, Path(tmp))
        ...     b = second.get_template("t.html").render(x="ok")
        ...     a, b, len(list(Path(tmp).glob("*.jinja")))
        ('OK', 'OK', 1)
    """

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        super().__init__(str(directory), "%s.jinja")

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        """The bucket for ``name``: its key names the template and the environment's profile."""
        key = hashlib.sha256(
            f"{profile(environment, name)}\0{name}\0{filename}".encode()
        ).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket


_caches: dict[Path, TemplateBytecodeCache] = {}


def attach(environment: jinja2.Environment, directory: Path | None = None) -> None:
    """Give ``environment`` the bytecode cache (in ``directory``, default :func:`cache_dir`).

    Does nothing when the cache is off or the environment already has a bytecode cache.

    Args:
        environment: A Jinja environment, before it loads the templates to be cached.
        directory: Where to keep compiled templates.
    """
    directory = directory if directory is not None else cache_dir()
    if directory is None or environment.bytecode_cache is not None:
        return
    if directory not in _caches:
        _caches[directory] = TemplateBytecodeCache(directory)
    environment.bytecode_cache = _caches[directory]


def attach_to_mkdocstrings(plugins: Mapping[str, Any]) -> None:
    """Give the bytecode cache to the Jinja environment of every mkdocstrings handler.

    mkdocstrings creates its handlers in its ``on_config`` (they render the API pages); call
    this after it, before pages are rendered. Without mkdocstrings it does nothing.

    Args:
        plugins: The build's plugins (``config.plugins``).
    """
    plugin = plugins.get("mkdocstrings")
    handlers = getattr(plugin, "_handlers", None)
    seen: Iterable[Any] = getattr(handlers, "seen_handlers", ()) if handlers else ()
    for handler in seen:
        environment = getattr(handler, "env", None)
        if isinstance(environment, jinja2.Environment):
            attach(environment)
