"""What a rebuild skips (Jinja bytecode, search entries, rendered pages) never changes the site."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
import pytest
from material.plugins.search.plugin import Parser
from sitecheck import Build, build_with_report, tree_digest

from sitebuild.cache import jinjacache
from sitebuild.cache.searchcache import SearchEntryCache, without_figure_svg


# -- Jinja bytecode ----------------------------------------------------------------------
def _env(cache_dir: Path, upper: Any) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader({"t.html": "{{ 'ok' | shout }}"}))
    env.filters["shout"] = upper
    jinjacache.attach(env, cache_dir)
    return env


def _plain(value: str) -> str:
    return value.upper()


@jinja2.pass_context
def _with_context(context: Any, value: str) -> str:
    return value.upper() + "!"


def test_bytecode_is_reused_across_environments(tmp_path: Path, monkeypatch: Any) -> None:
    compiled: list[str] = []
    original = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: Any, name: Any = None, *a: Any, **k: Any) -> Any:
        compiled.append(str(name))
        return original(self, source, name, *a, **k)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    assert _env(tmp_path, _plain).get_template("t.html").render() == "OK"
    assert _env(tmp_path, _plain).get_template("t.html").render() == "OK"
    assert compiled == ["t.html"]


def test_bytecode_is_not_shared_by_environments_that_compile_differently(tmp_path: Path) -> None:
    # A filter that takes the context compiles to a different call: the cached code of the
    # plain filter must not be reused (Jinja's own cache would reuse it, see the last line).
    assert _env(tmp_path, _plain).get_template("t.html").render() == "OK"
    assert _env(tmp_path, _with_context).get_template("t.html").render() == "OK!"
    plain = jinja2.FileSystemBytecodeCache(str(tmp_path / "plain"))
    (tmp_path / "plain").mkdir()
    first = _env(tmp_path / "unused", _plain)
    first.bytecode_cache = plain
    assert first.get_template("t.html").render() == "OK"
    second = _env(tmp_path / "unused", _with_context)
    second.bytecode_cache = plain
    assert second.get_template("t.html").render() != "OK!"  # stale code: why the key has more


def test_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    templates = {"t.html": "one"}
    for expected in ("one", "two"):
        templates["t.html"] = expected
        env = jinja2.Environment(loader=jinja2.DictLoader(dict(templates)))
        jinjacache.attach(env, tmp_path)
        assert env.get_template("t.html").render() == expected


# -- search entries ----------------------------------------------------------------------
FIGURE = '<figure class="gd-figure" data-search-exclude>{}</figure>'
SVG = '<svg role="img" aria-label="x"><style>*{{a:b}}</style><g><path d="M0 0"/></g></svg>'


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (FIGURE.format(SVG.format()), FIGURE.format("")),
        (FIGURE.format(SVG.format() + "\n"), FIGURE.format("\n")),  # whitespace before </figure>
        (FIGURE.format("<svg><svg></svg></svg>"), None),  # nested: left alone
        (FIGURE.format(SVG.format() + "<p>caption</p>"), None),  # more than the SVG: left alone
        ("<figure>" + SVG.format() + "</figure>", None),  # not excluded: left alone
        (FIGURE.format("<svg>never closed"), None),
    ],
)
def test_only_the_svg_of_excluded_figures_is_left_out(html: str, expected: str | None) -> None:
    assert without_figure_svg(html) == (html if expected is None else expected)


def _sections(html: str) -> list[tuple[Any, ...]]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.el.tag, s.id, s.title, s.text, s.is_excluded()) for s in parser.data]


def test_search_cache_key_follows_what_the_indexer_reads() -> None:
    cache = SearchEntryCache(None)
    index = SimpleNamespace(config={"lang": ["vi"]})
    page = SimpleNamespace(url="a/", title="A", meta={}, toc=[], content="<p>x</p>")
    key = cache.key(page, index)
    for field, value in (("url", "b/"), ("title", "B"), ("meta", {"search": {"boost": 2}})):
        changed = SimpleNamespace(**{**vars(page), field: value})
        assert cache.key(changed, index) != key, field
    assert cache.key(SimpleNamespace(**{**vars(page), "content": "<p>y</p>"}), index) != key
    assert cache.key(page, SimpleNamespace(config={"lang": ["en"]})) != key
    assert cache.key(SimpleNamespace(**vars(page)), index) == key


@pytest.mark.build
def test_leaving_figures_out_does_not_change_what_the_indexer_sees(
    cold: tuple[Build, dict[str, int]],
) -> None:
    build, _ = cold
    assert build.returncode == 0, build.log[-3000:]
    pages = sorted(build.site.rglob("*.html"))
    stripped = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        lighter = without_figure_svg(html)
        stripped += lighter != html
        assert _sections(lighter) == _sections(html), page
    assert stripped >= 10, "the lesson pages have figures to leave out"


@pytest.mark.build
def test_speedups_leave_the_built_site_byte_identical(
    cold: tuple[Build, dict[str, int]], workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The cold build filled the Jinja and search caches; this one uses them.
    fast, _ = build_with_report(workdir, "speed-on", cache=workdir / "cache")
    monkeypatch.setenv("GDCORE_NO_SPEEDUPS", "1")
    slow, _ = build_with_report(workdir, "speed-off", cache=workdir / "cache")
    assert fast.returncode == 0 and slow.returncode == 0, fast.log[-2000:] + slow.log[-2000:]
    assert tree_digest(fast.site) == tree_digest(slow.site) == tree_digest(cold[0].site)


# -- rendered pages (the page cache, as mkdocs serve uses it) ------------------------------
HOOKS = """
import os
from pathlib import Path

from sitebuild.cache.pagecache import PageCache

DISK = os.environ.get("TINY_PAGES")
CACHE = PageCache(directory=Path(DISK) if DISK else None)
if not DISK:
    CACHE.enable()


def on_pre_page(page, config, files):
    CACHE.install(page, config, files)
    return page
"""


def _tiny_project(root: Path) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "lib").mkdir()
    (root / "lib" / "data.txt").write_text("one", encoding="utf-8")
    (root / "docs" / "index.md").write_text(
        "# Home\n\nSee [the part](other.md#other-part) and [Other][other-part].\n", encoding="utf-8"
    )
    (root / "docs" / "other.md").write_text("# Other\n\n## Part { #other-part }\n", "utf-8")
    (root / "hooks.py").write_text(HOOKS, encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: tiny\nwatch: [lib]\nhooks: [hooks.py]\nplugins: [autorefs]\n"
        "markdown_extensions: [attr_list, toc]\nvalidation: {anchors: warn}\n",
        encoding="utf-8",
    )
    return root / "mkdocs.yml"


def _build(config_file: Path, site: Path) -> tuple[Any, dict[str, str]]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    return config, tree_digest(site)


def test_page_cache_gives_back_the_same_site_and_reruns_only_what_changed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # the theme prints the build date
    config_file = _tiny_project(tmp_path / "tiny")
    first, site = _build(config_file, tmp_path / "site1")
    hooks = sys.modules["hooks.py"]
    cache = hooks.CACHE
    assert (cache.misses, cache.hits) == (2, 0)
    anchors = dict(first.plugins["autorefs"]._primary_url_map)
    assert anchors["other-part"] == ["other/#other-part"]

    again, site2 = _build(config_file, tmp_path / "site2")
    assert (cache.misses, cache.hits) == (2, 2)
    assert site2 == site  # same bytes, cross-reference resolved from the replayed anchors
    assert dict(again.plugins["autorefs"]._primary_url_map) == anchors
    resolved = 'class="autorefs autorefs-internal" title="Part" href="other/#other-part"'
    assert resolved in (tmp_path / "site2/index.html").read_text("utf-8")

    other = tmp_path / "tiny/docs/other.md"
    other.write_text(other.read_text("utf-8") + "\nNew line.\n", encoding="utf-8")
    _build(config_file, tmp_path / "site3")
    assert (cache.misses, cache.hits) == (3, 3)  # only the edited page
    assert "New line." in (tmp_path / "site3/other/index.html").read_text("utf-8")

    (tmp_path / "tiny/lib/data.txt").write_text("two", encoding="utf-8")  # a watched folder
    _build(config_file, tmp_path / "site4")
    assert (cache.misses, cache.hits) == (5, 3)

    # A broken anchor is reported after rendering: the cached page reports it again.
    index = tmp_path / "tiny/docs/index.md"
    index.write_text(index.read_text("utf-8") + "\n[gone](other.md#nowhere)\n", "utf-8")
    with caplog.at_level(logging.WARNING):
        _build(config_file, tmp_path / "site5")
        _build(config_file, tmp_path / "site6")
    assert (cache.misses, cache.hits) == (6, 6)
    assert sum("#nowhere" in r.getMessage() for r in caplog.records) == 2
    caplog.clear()

    # A page whose rendering warns is never kept: the warning shows on every rebuild.
    index.write_text(index.read_text("utf-8") + "\n[lost](missing.md)\n", "utf-8")
    with caplog.at_level(logging.WARNING):
        _build(config_file, tmp_path / "site7")
        _build(config_file, tmp_path / "site8")
    assert (cache.misses, cache.hits) == (8, 8)
    assert sum("missing.md" in r.getMessage() for r in caplog.records) == 2


def test_pages_that_run_no_code_are_kept_on_disk_for_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.setenv("TINY_PAGES", str(tmp_path / "pages"))
    config_file = _tiny_project(tmp_path / "tiny")
    (tmp_path / "tiny/docs/code.md").write_text(
        '# Code\n\n```python exec="on"\nprint(1)\n```\n', encoding="utf-8"
    )
    _, site = _build(config_file, tmp_path / "site1")
    first = sys.modules["hooks.py"].CACHE
    assert (first.misses, first.hits) == (3, 0)
    assert len(list((tmp_path / "pages").glob("*.pickle"))) == 2  # not the page with code
    # A new process (here: a fresh cache object) reads them back; the site is the same.
    sys.modules["hooks.py"].CACHE = second = type(first)(directory=tmp_path / "pages")
    _, site2 = _build(config_file, tmp_path / "site2")
    assert (second.misses, second.hits) == (1, 2)
    assert site2 == site
