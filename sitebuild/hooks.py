"""MkDocs hooks: the site machinery, in one place (listed under ``hooks:`` in mkdocs.yml).

- runs every ``python exec="on"`` block through :mod:`sitebuild.execute` (cache, per-page
  sessions, failures that name the page);
- converts LaTeX to MathML (:mod:`sitebuild.mathml`);
- writes a notebook next to every page that has code (:mod:`sitebuild.notebooks`), opening
  with a cell that installs the wheel the site ships (:mod:`sitebuild.wheel`);
- folds Vietnamese diacritics into the search index (:mod:`sitebuild.search`);
- reports what each build ran, from cache or not, in ``.cache/last-build.json`` (with the
  practice notebooks' counts from :mod:`sitebuild.jupyter`; their hooks are
  ``sitebuild/notebook_hooks.py``).

Environment: ``GDCORE_CACHE_DIR`` moves the block cache; ``GDCORE_NO_CACHE=1`` turns it off;
``GDCORE_BUILD_REPORT`` moves the build report.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from markdown_exec import markdown_config  # noqa: E402
from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import Files  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402

from sitebuild import embed, execute, jupyter  # noqa: E402
from sitebuild.execute import BlockRunner, BuildStats, fingerprint  # noqa: E402
from sitebuild.jupyter import install_source  # noqa: E402
from sitebuild.mathml import MathError, latex_to_mathml  # noqa: E402
from sitebuild.notebooks import page_to_notebook  # noqa: E402
from sitebuild.search import add_diacritic_folding  # noqa: E402
from sitebuild.wheel import project_version  # noqa: E402

log = logging.getLogger("mkdocs.plugins.sitebuild")

_runner: BlockRunner | None = None
_notebooks: dict[str, str] = {}
_figures_at_start = 0

#: The opening line of a page's notebook (in sitebuild/locale/<lang>/LC_MESSAGES/sitebuild.po).
NOTEBOOK_INTRO = (
    "This notebook is built from the same source as the page [{title}]({url}). "
    "Its first cell installs gdcore from the site; then run the cells in order."
)


def _reload_gdcore() -> None:
    """Pick up edits to gdcore during ``mkdocs serve`` (the process outlives the edit)."""
    names = sorted(
        (n for n in sys.modules if n == "gdcore" or n.startswith("gdcore.")),
        key=lambda n: -n.count("."),
    )
    for name in names:
        importlib.reload(sys.modules[name])


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _runner, _figures_at_start
    current = fingerprint(ROOT / "gdcore", ROOT / "sitebuild")
    if execute.loaded_fingerprint not in (None, current):
        _reload_gdcore()
    execute.loaded_fingerprint = current
    if _runner is None or _runner.fingerprint != current:
        cache: Path | None = None
        if os.environ.get("GDCORE_NO_CACHE") != "1":
            cache = Path(os.environ.get("GDCORE_CACHE_DIR", ROOT / ".cache" / "blocks"))
        _runner = BlockRunner(cache, current)
    fences = config.mdx_configs.get("pymdownx.superfences", {}).get("custom_fences", [])
    python = [fence for fence in fences if fence.get("name") == "python"]
    if not python:
        raise PluginError("sitebuild: list the markdown-exec plugin before the hooks")
    for fence in python:
        fence["format"] = _runner.formatter
    markdown_config.save(config.markdown_extensions, config.mdx_configs)
    return config


def _language(page: Page) -> str:
    return page.file.src_uri.split("/", 1)[0] if "/" in page.file.src_uri else "vi"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _runner is not None
    _runner.start_page(f"docs/{page.file.src_uri}")
    if 'exec="on"' in markdown:
        lang = _language(page)
        stem = (
            page.file.name
            if page.file.name != "index"
            else (
                page.file.src_uri.rsplit("/", 2)[-2]
                if page.file.src_uri.count("/") > 1
                else "index"
            )
        )
        filename = f"gdcore-{stem}.ipynb"
        title = page.title or stem
        intro = jupyter.texts(
            NOTEBOOK_INTRO, lang, title=title, url=page.canonical_url or page.url or "./"
        )
        _notebooks[str(Path(page.file.dest_uri).parent / filename)] = page_to_notebook(
            markdown,
            title=title,
            intro=intro,
            install=install_source(str(config.site_url), project_version()),
        )
        page.meta["notebook"] = filename
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    try:
        return latex_to_mathml(html)
    except MathError as error:
        raise PluginError(f"docs/{page.file.src_uri}: {error}") from error


_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    for dest, text in list(_notebooks.items()):
        path = Path(config.site_dir) / dest
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        del _notebooks[dest]
    return _ALTERNATE.sub("", output)


def _languages_built(config: MkDocsConfig) -> tuple[bool, bool]:
    """(first, last): is this the first / the last language of a whole build?

    mkdocs-static-i18n builds the default language, then each other language in a nested
    build started from its own (lowest-priority) ``on_post_build``.
    """
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return True, True
    current = i18n.current_language
    return current == i18n.default_language, current == i18n.build_languages[-1]


def on_pre_build(config: MkDocsConfig) -> None:
    """At the start of a whole build (both languages; every ``mkdocs serve`` rebuild)."""
    global _figures_at_start
    assert _runner is not None
    if _languages_built(config)[0]:
        _runner.stats = BuildStats()
        _figures_at_start = embed.rendered


def on_post_build(config: MkDocsConfig) -> None:
    assert _runner is not None
    add_diacritic_folding(config.site_dir)
    if not _languages_built(config)[1]:
        return
    stats: dict[str, Any] = _runner.stats.as_dict()
    stats["figures"] = embed.rendered - _figures_at_start
    stats.update(jupyter.build_stats())
    report = Path(os.environ.get("GDCORE_BUILD_REPORT", ROOT / ".cache" / "last-build.json"))
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(json.dumps(stats) + "\n", encoding="utf-8")
    log.info(
        "sitebuild: %(executed)d blocks run, %(cached)d from cache, %(figures)d figures rendered",
        stats,
    )
