"""MkDocs hooks for Jupyter notebooks as pages (listed under ``hooks:`` in mkdocs.yml).

- mkdocs-static-i18n's ``on_files`` (priority −100) rebuilds every file as a plain ``File``,
  so mkdocs-jupyter's ``NotebookFile`` is lost and an ``.ipynb`` becomes a static asset (i18n
  issue #198; ``--strict`` stays silent). :func:`on_files` runs after it and makes each
  notebook a documentation page again, with its language twin for the language switcher;
- notebooks are run by :class:`sitebuild.notebooks.jupyter.NotebookRunner` (cached like the
  blocks: a warm build runs no cell) and rendered by mkdocs-jupyter
  (:func:`sitebuild.notebooks.jupyter.render`);
- the committed notebook is served next to its page for download, with an "Open in Colab" link;
- gdcore's wheel is built into ``downloads/`` (:mod:`sitebuild.notebooks.wheel`) for the
  install cells.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import posixpath
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import mkdocs.plugins  # noqa: E402
import nbformat  # noqa: E402
from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402
from mkdocs.structure.toc import get_toc  # noqa: E402

from sitebuild.notebooks import jupyter, stylesheet, wheel  # noqa: E402
from sitebuild.notebooks.jupyter import texts  # noqa: E402
from sitebuild.render.execute import fingerprint  # noqa: E402

#: Versions that change what a notebook's cells print.
_KERNEL_PACKAGES = ("ipykernel", "nbclient", "nbformat")

_sources: dict[str, Path] = {}

#: Where JupyterLab's stylesheet goes (mkdocs-jupyter's, cut to the rules the notebook pages
#: can use by :mod:`sitebuild.notebooks.stylesheet`; one file for every notebook page); the
#: site's own adjustments are in the theme (sitebuild/theme/overrides/assets/gdcore/notebook.css).
NOTEBOOK_CSS = "assets/gdcore/jupyterlab.css"
_css: dict[str, str] = {}
#: The words of every notebook page built so far in this build (both languages).
_words: set[str] = set()


def _plugin(config: MkDocsConfig) -> Any:
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is None:
        raise PluginError("sitebuild: the notebook hooks need the mkdocs-jupyter plugin")
    return plugin


def _cache_dir() -> Path | None:
    if os.environ.get("GDCORE_NO_CACHE") == "1":
        return None
    return Path(os.environ.get("GDCORE_CACHE_DIR", ROOT / ".cache" / "blocks"))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    options = _plugin(config).config
    if options["allow_errors"]:
        raise PluginError("sitebuild: set allow_errors: false for mkdocs-jupyter (fail the build)")
    key = fingerprint(ROOT / "gdcore", ROOT / "sitebuild") + "".join(
        f";{name}=={importlib.metadata.version(name)}" for name in _KERNEL_PACKAGES
    )
    if jupyter.runner is None or jupyter.runner.fingerprint != key:
        jupyter.runner = jupyter.NotebookRunner(_cache_dir(), key, options["kernel_name"])
    return config


def _languages_built(config: MkDocsConfig) -> tuple[bool, bool]:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return True, True
    current = i18n.current_language
    return current == i18n.default_language, current == i18n.build_languages[-1]


def on_pre_build(config: MkDocsConfig) -> None:
    assert jupyter.runner is not None
    if _languages_built(config)[0]:
        jupyter.runner.stats = jupyter.NotebookStats()
        _words.clear()


# -- notebooks become pages again ------------------------------------------------------------
def _as_page(file: File, site_dir: str) -> File:
    """Make a notebook ``File`` a documentation page (``x.ipynb`` → ``x/index.html``)."""
    file.is_documentation_page = lambda: True  # type: ignore[method-assign]
    # i18n keeps the destination mkdocs-jupyter's NotebookFile gave (x/index.html); a file
    # made here from scratch (a language twin) still points at x.ipynb.
    if file.dest_uri.endswith(".ipynb"):
        stem = file.dest_uri.removesuffix(".ipynb")
        if file.use_directory_urls and posixpath.basename(stem) != "index":
            file.dest_uri = posixpath.join(stem, "index.html")
        else:
            file.dest_uri = stem + ".html"
    file.url = file._get_url()
    # i18n's files carry a wrong dest_dir and an explicit abs_dest_path: set it from site_dir.
    file.abs_dest_path = os.path.normpath(os.path.join(site_dir, file.dest_uri))
    return file


def _twin(file: File, lang: str, config: MkDocsConfig, i18n: Any) -> File | None:
    """The same notebook in ``lang`` (for the language switcher), or None."""
    from mkdocs_static_i18n import folder

    if not hasattr(file, "locale"):
        return None
    src = lang + "/" + file.src_uri.split("/", 1)[1]
    if not (Path(config.docs_dir) / src).is_file():
        return None
    twin = folder.create_i18n_file(
        File(src, config.docs_dir, config.site_dir, config.use_directory_urls),
        lang,
        i18n.default_language,
        i18n.all_languages,
        config,
    )
    return _as_page(twin, config.site_dir)


@mkdocs.plugins.event_priority(-200)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """After i18n's ``on_files`` (−100): notebooks are pages, with their language twins."""
    plugin = _plugin(config)
    i18n = config.plugins.get("i18n")
    for file in files:
        if not file.src_uri.endswith(".ipynb") or file.is_documentation_page():
            continue
        if not plugin.should_include(file):
            continue
        _as_page(file, config.site_dir)
        alternates: dict[str, File] | None = getattr(file, "alternates", None)
        if i18n is not None and alternates is not None:
            for lang in i18n.build_languages:
                if lang != getattr(file, "locale", lang) and lang not in alternates:
                    twin = _twin(file, lang, config, i18n)
                    if twin is not None:
                        alternates[lang] = twin
    if i18n is not None and hasattr(i18n, "i18n_files_per_language"):
        # i18n lists each language's pages for sitemap.xml in its own on_files: add notebooks.
        i18n.i18n_files_per_language[i18n.current_language] = files.documentation_pages()
    return files


def _is_notebook(page: Page) -> bool:
    return page.file.src_uri.endswith(".ipynb") and page.file.abs_src_path is not None


def _language(page: Page) -> str:
    return page.file.src_uri.split("/", 1)[0] if "/" in page.file.src_uri else "vi"


# -- run, render, offer for download ----------------------------------------------------------
def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    """Replace mkdocs-jupyter's rendering (uncached execution) by a cached run of the cells."""
    if not _is_notebook(page):
        return page
    options = _plugin(config).config
    name = f"docs/{page.file.src_uri}"
    source = Path(str(page.file.abs_src_path))

    def render(self: Page, config: MkDocsConfig, files: Files) -> None:
        assert jupyter.runner is not None
        notebook = nbformat.read(source, as_version=4)
        if options["execute"]:
            try:
                notebook = jupyter.runner.run(notebook, name)
            except jupyter.NotebookError as error:
                raise PluginError(str(error)) from None
        try:
            rendered = jupyter.render(notebook, options, _language(page))
        except ValueError as error:
            raise PluginError(f"{name}: {error}") from None
        self.content = rendered.html
        if _css.setdefault("css", rendered.css) != rendered.css:
            raise PluginError(f"{name}: its notebook CSS differs from the other notebooks'")
        self.toc = get_toc(rendered.toc_tokens)
        if rendered.title is not None and not options["ignore_h1_titles"]:
            self.title = rendered.title

    page.render = render.__get__(page, Page)  # type: ignore[method-assign]
    return page


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A notebook page's metadata: description, download and Colab links (for the template)."""
    if not _is_notebook(page):
        return markdown
    notebook = nbformat.read(str(page.file.abs_src_path), as_version=4)
    lang = _language(page)
    meta = notebook.metadata.get("gdcore", {})
    if not str(meta.get("description", "")).strip():
        raise PluginError(f"docs/{page.file.src_uri}: metadata.gdcore.description is missing")
    filename = posixpath.basename(page.file.src_uri)
    page.meta.update(
        description=meta["description"],
        notebook=filename,
        colab=jupyter.colab_url(str(config.repo_url), f"docs/{page.file.src_uri}"),
        colab_label=texts("Open in Colab", lang),
        notebook_css=NOTEBOOK_CSS,
    )
    _sources[posixpath.join(posixpath.dirname(page.file.dest_uri), filename)] = Path(
        str(page.file.abs_src_path)
    )
    return markdown


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if _is_notebook(page):
        _words.update(stylesheet.page_words(output))
    for dest, source in list(_sources.items()):
        target = Path(config.site_dir) / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
        del _sources[dest]
    return output


def _cut_css(css: str, cache: Path | None) -> str:
    """:func:`stylesheet.used_rules` of ``css`` for the pages' words, kept on disk (0.3 s) under
    a key of all it reads: the stylesheet, the words, the cutting code and tinycss2's version."""
    code = Path(stylesheet.__file__).read_text(encoding="utf-8")
    tinycss2 = importlib.metadata.version("tinycss2")
    key = hashlib.sha256("\n".join([code, tinycss2, css, *sorted(_words)]).encode()).hexdigest()
    kept = cache / "notebook-css" / f"{key}.css" if cache else None
    if kept is not None and kept.is_file():
        return kept.read_text(encoding="utf-8")
    cut = stylesheet.used_rules(css, _words)
    if kept is not None:
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_text(cut, encoding="utf-8")
    return cut


def on_post_build(config: MkDocsConfig) -> None:
    """Once per whole build (after the last language): write JupyterLab's stylesheet cut to
    what the notebook pages of both languages use; ship gdcore's wheel in ``downloads/``."""
    if not _languages_built(config)[1]:
        return
    cache = _cache_dir()
    if "css" in _css and _words:
        css = Path(config.site_dir) / NOTEBOOK_CSS
        css.parent.mkdir(parents=True, exist_ok=True)
        css.write_text(_cut_css(_css["css"], cache), encoding="utf-8")
    try:
        wheel.build_wheel(Path(config.site_dir) / "downloads", cache / "wheels" if cache else None)
    except RuntimeError as error:
        raise PluginError(f"sitebuild: {error}") from None
