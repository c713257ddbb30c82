"""MkDocs hooks: the site machinery, in one place (listed under ``hooks:`` in mkdocs.yml).

- runs every ``python exec="on"`` block through :mod:`sitebuild.render.execute` (cache, per-page
  sessions, failures that name the page);
- converts LaTeX to MathML (:mod:`sitebuild.render.mathml`) and cuts the math font to the
  characters the formulas draw (:mod:`sitebuild.theme.mathfont`), and the text fonts' fallback
  faces to the characters Roboto lacks (:mod:`sitebuild.theme.fallbackfont`);
- gives headings readable anchors, đ → d (:mod:`sitebuild.render.slugs`), and the theme its words
  (:mod:`sitebuild.theme.theme_text`);
- writes a notebook next to every page that has code
  (:mod:`sitebuild.notebooks.page_notebook`), opening with a cell that installs the wheel the
  site ships (:mod:`sitebuild.notebooks.wheel`);
- publishes each widget's script and style from its folder (:mod:`sitebuild.widgets`);
- splits the search index per language and folds Vietnamese diacritics into it; indexes pages
  without notebook chrome and answers, ranks lessons first, and gives Vietnamese lessons their
  English terms as keywords (:mod:`sitebuild.theme.search`);
- Material's words and the 404 page in the page's language, the root 404 Vietnamese and
  ``en/404.html`` English (:mod:`sitebuild.theme.theme_text`, ``theme/overrides/``);
- reports what each build ran, from cache or not, in ``.cache/last-build.json`` (with the
  practice notebooks' counts from :mod:`sitebuild.notebooks.jupyter`; their hooks are
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
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from markdown_exec import markdown_config  # noqa: E402
from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import Files  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402

from sitebuild import widgets  # noqa: E402
from sitebuild.notebooks import jupyter, page_notebook  # noqa: E402
from sitebuild.notebooks.jupyter import install_source  # noqa: E402
from sitebuild.notebooks.page_notebook import (  # noqa: E402
    absolute_link,
    page_to_notebook,
)
from sitebuild.notebooks.wheel import project_version  # noqa: E402
from sitebuild.render import embed, execute, mathml  # noqa: E402
from sitebuild.render.execute import fingerprint  # noqa: E402
from sitebuild.render.mathml import latex_to_mathml  # noqa: E402
from sitebuild.render.slugs import slugify  # noqa: E402
from sitebuild.theme.fallbackfont import (  # noqa: E402
    fallback_characters,
    write_fallback_fonts,
)
from sitebuild.theme.mathfont import TARGET as MATH_FONT  # noqa: E402
from sitebuild.theme.mathfont import (  # noqa: E402
    math_characters,
    text_characters,
    write_math_font,
)
from sitebuild.theme.search import (  # noqa: E402
    BOOSTS,
    add_diacritic_folding,
    glossary_terms,
    lesson_keywords,
    page_boost,
    point_search_at_language,
    prepare_index,
    split_search_index,
)
from sitebuild.theme.theme_text import localize_chrome, site_text, theme_words  # noqa: E402

log = logging.getLogger("mkdocs.plugins.sitebuild")

_runner: execute.BlockRunner | None = None
_notebooks: dict[str, str] = {}
_figures_at_start = 0
_math_characters: set[str] = set()  # what the formulas of this whole build draw
_fallback_characters: set[str] = set()  # what the text of this whole build needs beyond Roboto

#: The opening line of a page's notebook (in sitebuild/locale/<lang>/LC_MESSAGES/sitebuild.po).
NOTEBOOK_INTRO = (
    "This notebook is built from the same source as the page [{title}]({url}). "
    "Its first cell installs gdcore from the site; then run the cells in order."
)


def _reload_sources() -> None:
    """Pick up edits to gdcore and sitebuild during ``mkdocs serve`` (the process outlives them).

    gdcore is dropped and imported afresh, so its new modules see each other's new classes
    (reloading one module at a time left ``gdcore.plots.momentum`` checking for the old
    ``PhaseDiagram``). sitebuild's modules are reloaded in place, those a module imports from
    first: these hooks keep their module objects (and the state they share with the pages'
    blocks), and each module binds the new gdcore, so a ``Value`` made by a block is the
    ``Value`` the stepper expects.
    """
    names = sorted(n for n in sys.modules if n == "gdcore" or n.startswith("gdcore."))
    for name in names:
        del sys.modules[name]
    importlib.invalidate_caches()
    for name in names:
        if name not in sys.modules:
            importlib.import_module(name)
    for module in _imports_first("sitebuild"):
        importlib.reload(module)


def _imports_first(package: str) -> list[ModuleType]:
    """The loaded modules of ``package``, each after the modules of ``package`` it imports from
    (read from what its globals were defined in; an import cycle is broken where it is met)."""
    modules = {n: m for n, m in sys.modules.items() if n == package or n.startswith(package + ".")}
    ordered: list[ModuleType] = []
    seen: set[str] = set()

    def visit(name: str) -> None:
        if name in seen:
            return
        seen.add(name)
        for value in vars(modules[name]).values():
            source = (
                value.__name__ if isinstance(value, ModuleType) else getattr(value, "__module__", 0)
            )
            if isinstance(source, str) and source in modules and source != name:
                visit(source)
        ordered.append(modules[name])

    for name in sorted(modules):
        visit(name)
    return ordered


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _runner, _figures_at_start
    current = fingerprint(ROOT / "gdcore", ROOT / "sitebuild")
    if execute.loaded_fingerprint not in (None, current):
        _reload_sources()
    execute.loaded_fingerprint = current
    if _runner is None or _runner.fingerprint != current:
        cache: Path | None = None
        if os.environ.get("GDCORE_NO_CACHE") != "1":
            cache = Path(os.environ.get("GDCORE_CACHE_DIR", ROOT / ".cache" / "blocks"))
        _runner = execute.BlockRunner(cache, current)
    config.mdx_configs.setdefault("toc", {})["slugify"] = slugify  # đ → d (sitebuild.render.slugs)
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


def _english_titles(config: MkDocsConfig) -> dict[str, str]:
    """Each page's English nav title, by source: the nav and i18n's ``nav_translations``."""
    i18n = config.plugins.get("i18n")
    translations: dict[str, str] = {}
    for language in getattr(getattr(i18n, "config", None), "languages", None) or []:
        if language.locale == "en":
            translations = dict(language.nav_translations or {})
    titles: dict[str, str] = {}

    def walk(items: Any) -> None:
        for item in items or []:
            if isinstance(item, dict):
                for title, target in item.items():
                    if isinstance(target, str) and title in translations:
                        titles[target] = translations[title]
                    elif isinstance(target, list):
                        walk(target)

    walk(config.nav)
    return titles


def _rank_in_search(page: Page, config: MkDocsConfig) -> None:
    """The page's ``search`` front matter: its boost by kind, a lesson's English keywords."""
    lang = _language(page)
    src = page.file.src_uri.removeprefix(f"{lang}/")
    search = page.meta.setdefault("search", {})
    search.setdefault("boost", page_boost(src))
    keywords = _keywords(Path(config.docs_dir) / lang, _english_titles(config)).get(src)
    if keywords:
        search["keywords"] = keywords


_keywords_read: dict[tuple[Any, ...], dict[str, str]] = {}


def _keywords(folder: Path, titles: dict[str, str]) -> dict[str, str]:
    """The lessons' keywords (:func:`lesson_keywords`), read again only after an edit."""
    glossary = folder / "glossary.md"
    if not glossary.is_file():
        return {}
    lessons = sorted(p for p in folder.glob("*.md") if page_boost(p.name) == BOOSTS["lesson"])
    stamps = [(str(p), p.stat().st_mtime_ns) for p in [glossary, *lessons]]
    key = (tuple(sorted(titles.items())), *stamps)
    if key not in _keywords_read:
        _keywords_read.clear()
        terms = glossary_terms(
            glossary.read_text(encoding="utf-8"),
            {p.name: p.read_text(encoding="utf-8") for p in lessons},
            english=2 if folder.name == "vi" else 1,
        )
        _keywords_read[key] = lesson_keywords(terms, titles)
    return _keywords_read[key]


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _runner is not None
    _rank_in_search(page, config)
    _runner.start_page(f"docs/{page.file.src_uri}", _language(page))
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
        page_url = page.canonical_url or page.url or "./"
        intro = jupyter.texts(NOTEBOOK_INTRO, lang, title=title, url=page_url)
        i18n = config.plugins.get("i18n")
        default = getattr(i18n, "default_language", lang)
        root_url = str(config.site_url or "") + ("" if lang == default else f"{lang}/")
        src = page.file.src_uri.removeprefix(f"{lang}/")
        try:
            _notebooks[str(Path(page.file.dest_uri).parent / filename)] = page_to_notebook(
                markdown,
                title=title,
                intro=intro,
                install=install_source(str(config.site_url), project_version()),
                link=lambda target: absolute_link(
                    target, page=src, page_url=page_url, root_url=root_url
                ),
            )
        except page_notebook.ExportError as error:
            raise PluginError(f"docs/{page.file.src_uri}: notebook export: {error}") from error
        page.meta["notebook"] = filename
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    try:
        html = latex_to_mathml(html)
    except mathml.MathError as error:
        raise PluginError(f"docs/{page.file.src_uri}: {error}") from error
    _math_characters.update(math_characters(html))
    _math_characters.update(text_characters(html))  # what Roboto lacks, the math font draws
    html = localize_chrome(html, config.theme["language"])  # "Permanent link", "Copied!"
    _fallback_characters.update(fallback_characters(html))  # what both lack: DejaVu's cuts
    return html


_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    for dest, text in list(_notebooks.items()):
        path = Path(config.site_dir) / dest
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        del _notebooks[dest]
    i18n = config.plugins.get("i18n")
    if i18n is not None:  # each language searches its own index
        output = point_search_at_language(output, config.theme["language"], i18n.default_language)
    return _ALTERNATE.sub("", output)


_not_found: dict[str, str] = {}  # the default language's 404 page, as last rendered


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Keep a 404 page per language: the default's at the root, ``<lang>/404.html`` others.

    mkdocs-static-i18n renders ``404.html`` in every language's build, each to the root: the
    last language's would win. The default language's is kept; the others are written to their
    language's folder, their search pointed at their language's index.
    """
    i18n = config.plugins.get("i18n")
    if template_name != "404.html" or i18n is None:
        return output
    lang, default = config.theme["language"], i18n.default_language
    output = _ALTERNATE.sub("", output)
    if lang == default:
        _not_found[default] = output
        return output
    path = Path(config.site_dir) / lang / "404.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(point_search_at_language(output, lang, default), encoding="utf-8")
    return _not_found.get(default, output)


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
        _runner.stats = execute.BuildStats()
        _figures_at_start = embed.rendered
        _math_characters.clear()
        _fallback_characters.clear()


@event_priority(-200)  # after mkdocs-static-i18n (-100) built the other languages
def on_post_build(config: MkDocsConfig) -> None:
    assert _runner is not None
    widgets.publish_assets(config.site_dir)  # each widget's script and style, from its folder
    add_diacritic_folding(config.site_dir)
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        if getattr(i18n, "building", False):
            return  # a nested language build: the whole build ends in the outer call
        # i18n has just written the merged search index: one index per language instead.
        split_search_index(config.site_dir, list(i18n.build_languages), i18n.default_language)
    write_math_font(_math_characters, config.site_dir)  # the math font, cut to the formulas
    write_fallback_fonts(_fallback_characters, config.site_dir)  # text fonts' fallback faces
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


# -- Speed: what a rebuild can skip (sitebuild.cache.jinjacache, .searchcache, .pagecache) --------
from mkdocs.plugins import event_priority  # noqa: E402

from sitebuild.cache import jinjacache, pagecache, searchcache  # noqa: E402

_pages = pagecache.PageCache(directory=pagecache.cache_dir())
_search = searchcache.SearchEntryCache(searchcache.cache_dir())


def _speedups() -> bool:
    """``GDCORE_NO_SPEEDUPS=1`` builds as without this section (to compare outputs)."""
    return os.environ.get("GDCORE_NO_SPEEDUPS") != "1"


def on_startup(command: str, dirty: bool) -> None:
    """Under ``mkdocs serve``, keep rendered pages across rebuilds (:mod:`.cache.pagecache`)."""
    if command == "serve" and _speedups() and os.environ.get("GDCORE_NO_CACHE") != "1":
        _pages.enable()


def _index_info(page: Page) -> tuple[bool, str]:
    return page.file.src_uri.endswith(".ipynb"), _language(page)


@event_priority(-100)  # last: after every plugin's on_pre_page
def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    prepare_index(config.plugins, _index_info)  # what is indexed (sitebuild.theme.search)
    if not _speedups():
        return page
    jinjacache.attach_to_mkdocstrings(config.plugins)
    searchcache.speed_up(config.plugins, _search)
    _pages.install(page, config, files)
    return page


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    env.globals["site_text"] = site_text  # the theme's words, from sitebuild's catalogs
    env.globals["theme_words"] = theme_words  # Material's words (partials/language.html)
    env.globals["math_font"] = MATH_FONT.as_posix()  # the cut the build writes (main.html)
    i18n = config.plugins.get("i18n")
    default = getattr(i18n, "default_language", config.theme["language"])
    codes = list(getattr(i18n, "build_languages", None) or [default])
    env.globals["language_default"] = default
    env.globals["language_homes"] = {c: "" if c == default else f"{c}/" for c in codes}
    if _speedups():
        jinjacache.attach(env)
    if _pages.enabled:
        log.info("sitebuild: %d pages rendered, %d from the page cache", *_pages.take_counts())
    return env
