"""Helpers for the site tests: build the site, compare languages, check the built HTML.

Kept apart from the tests so each check is a small function a test can also run on a broken
copy of the docs (to prove the check fails when it should).
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("vi", "en")
#: The pages that teach (each has figures, computed tables and a notebook).
LESSON_PAGES = (
    "derivative",
    "gradient-descent",
    "learning-rate",
    "loss-functions",
    "gradient-descent-2d",
    "momentum",
    "stochastic-gradient-descent",
    "feature-scaling-and-adam",
    "chain-rule",
)
#: A fixed build date, so two builds can be compared byte for byte.
SOURCE_DATE_EPOCH = "1767225600"  # 2026-01-01


@dataclass(frozen=True)
class Build:
    """One ``mkdocs build --strict``: its exit code, its log, where it wrote."""

    returncode: int
    log: str
    site: Path

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.log.splitlines() if line.startswith(("WARNING", "ERROR"))]


def build_site(site: Path, *, cache: Path | None, config: Path = ROOT / "mkdocs.yml") -> Build:
    """Run ``mkdocs build --strict`` (not ``-v``: it skips anchor checks) into ``site``."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, NO_MKDOCS_2_WARNING="1")
    env.pop("GDCORE_NO_CACHE", None)
    if cache is None:
        env["GDCORE_NO_CACHE"] = "1"
    else:
        env["GDCORE_CACHE_DIR"] = str(cache)
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
        cwd=config.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, site)


def copy_project(target: Path) -> Path:
    """Copy what a build reads (docs, config, machinery, gdcore and what its wheel is built
    from) to ``target``, to change freely."""
    for part in ("docs", "sitebuild", "gdcore"):
        shutil.copytree(ROOT / part, target / part, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, target / name)
    return target


def build_with_report(
    workdir: Path, name: str, *, cache: Path | None, config: Path = ROOT / "mkdocs.yml"
) -> tuple[Build, dict[str, int]]:
    """Build into ``workdir/name``; also return the build's report (blocks run, cached, figures)."""
    report = workdir / f"{name}.json"
    os.environ["GDCORE_BUILD_REPORT"] = str(report)
    try:
        build = build_site(workdir / name, cache=cache, config=config)
    finally:
        del os.environ["GDCORE_BUILD_REPORT"]
    stats = json.loads(report.read_text()) if report.exists() else {}
    return build, stats


def tree_digest(site: Path) -> dict[str, str]:
    """Map every file of a built tree to the SHA-256 of its bytes."""
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


# -- parity between languages -------------------------------------------------------------
_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")


def pages(docs: Path, lang: str) -> set[str]:
    return {p.relative_to(docs / lang).as_posix() for p in (docs / lang).rglob("*.md")}


def split_page(text: str) -> tuple[list[int], list[tuple[str, str]]]:
    """Heading levels outside code, and the (options, code) of every executed Python block."""
    levels: list[int] = []
    blocks: list[tuple[str, str]] = []
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":  # front matter
        end = lines.index("---", 1)
        lines = lines[end + 1 :]
    i = 0
    while i < len(lines):
        fence = _FENCE.match(lines[i])
        if fence:
            indent, marker, info = fence.groups()
            body = []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith(marker):
                body.append(lines[i][len(indent) :])
                i += 1
            if info.strip().startswith("python") and 'exec="on"' in info:
                blocks.append((info.strip(), "\n".join(body)))
        elif match := re.match(r"^(#{1,6})\s", lines[i]):
            levels.append(len(match.group(1)))
        i += 1
    return levels, blocks


class _MaskStrings(ast.NodeTransformer):
    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        if isinstance(node.value, str):
            return ast.copy_location(ast.Constant(value="<str>"), node)
        return node

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.AST:
        # f-strings: keep the expressions they format, mask their text.
        values = [self.visit(v) for v in node.values if isinstance(v, ast.FormattedValue)]
        return ast.copy_location(ast.JoinedStr(values=values), node)


def code_shape(code: str) -> str:
    """The code's AST with comments gone and every string literal masked."""
    return ast.dump(_MaskStrings().visit(ast.parse(code)))


def parity_problems(docs: Path) -> list[str]:
    """Everything that differs in structure or logic between docs/vi and docs/en."""
    problems = []
    vi, en = pages(docs, "vi"), pages(docs, "en")
    problems += [f"docs/vi/{p} has no English twin docs/en/{p}" for p in sorted(vi - en)]
    problems += [f"docs/en/{p} has no Vietnamese twin docs/vi/{p}" for p in sorted(en - vi)]
    for page in sorted(vi & en):
        vi_levels, vi_blocks = split_page((docs / "vi" / page).read_text(encoding="utf-8"))
        en_levels, en_blocks = split_page((docs / "en" / page).read_text(encoding="utf-8"))
        if vi_levels != en_levels:
            problems.append(f"{page}: heading levels differ: vi {vi_levels} / en {en_levels}")
        if len(vi_blocks) != len(en_blocks):
            problems.append(
                f"{page}: {len(vi_blocks)} executed blocks in vi, {len(en_blocks)} in en"
            )
            continue
        for n, ((vi_opts, vi_code), (en_opts, en_code)) in enumerate(
            zip(vi_blocks, en_blocks, strict=True), start=1
        ):
            if re.sub(r'title="[^"]*"', "", vi_opts) != re.sub(r'title="[^"]*"', "", en_opts):
                problems.append(f"{page}: block {n} options differ: {vi_opts!r} / {en_opts!r}")
            if code_shape(vi_code) != code_shape(en_code):
                problems.append(f"{page}: block {n} runs different code in vi and en")
    return problems + notebook_parity_problems(docs)


# -- notebooks (docs/<lang>/**/*.ipynb) ------------------------------------------------------
INSTALL_TAG = "gdcore-install"


def notebooks(docs: Path, lang: str) -> set[str]:
    return {p.relative_to(docs / lang).as_posix() for p in (docs / lang).rglob("*.ipynb")}


def _is_install(cell: dict[str, Any]) -> bool:
    return cell["cell_type"] == "code" and INSTALL_TAG in cell.get("metadata", {}).get("tags", [])


def _source(cell: dict[str, Any]) -> str:
    source = cell["source"]
    return "".join(source) if isinstance(source, list) else str(source)


def split_notebook(path: Path) -> tuple[list[str], list[int], list[str]]:
    """Cell types, heading levels of the Markdown cells, and each code cell's code shape."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    kinds = [cell["cell_type"] for cell in cells]
    levels: list[int] = []
    shapes: list[str] = []
    for cell in cells:
        if cell["cell_type"] == "markdown":
            levels += split_page(_source(cell))[0]
        elif _is_install(cell):
            shapes.append("install: " + _source(cell))
        elif cell["cell_type"] == "code":
            shapes.append(code_shape(_source(cell)))
    return kinds, levels, shapes


def notebook_parity_problems(docs: Path) -> list[str]:
    """Notebooks whose twin is missing, or whose cells, headings or code differ by language."""
    problems = []
    vi, en = notebooks(docs, "vi"), notebooks(docs, "en")
    problems += [f"docs/vi/{p} has no English twin docs/en/{p}" for p in sorted(vi - en)]
    problems += [f"docs/en/{p} has no Vietnamese twin docs/vi/{p}" for p in sorted(en - vi)]
    for name in sorted(vi & en):
        vi_kinds, vi_levels, vi_code = split_notebook(docs / "vi" / name)
        en_kinds, en_levels, en_code = split_notebook(docs / "en" / name)
        if vi_kinds != en_kinds:
            problems.append(f"{name}: the cells differ: vi {vi_kinds} / en {en_kinds}")
        if vi_levels != en_levels:
            problems.append(f"{name}: heading levels differ: vi {vi_levels} / en {en_levels}")
        for n, (a, b) in enumerate(zip(vi_code, en_code, strict=False), start=1):
            if a != b:
                problems.append(f"{name}: code cell {n} runs different code in vi and en")
    return problems


def notebook_source_problems(docs: Path, install: str) -> list[str]:
    """Committed notebooks that carry outputs or execution counts, lack a description, or do
    not open with exactly one install cell whose code is ``install``."""
    problems = []
    for path in sorted(docs.rglob("*.ipynb")):
        name = path.relative_to(docs.parent).as_posix()
        notebook = json.loads(path.read_text(encoding="utf-8"))
        cells = notebook["cells"]
        for number, cell in enumerate(cells, start=1):
            if cell["cell_type"] != "code":
                continue
            if cell.get("outputs"):
                problems.append(f"{name}: cell {number} has outputs")
            if cell.get("execution_count") is not None:
                problems.append(f"{name}: cell {number} has an execution count")
        installs = [n for n, cell in enumerate(cells) if _is_install(cell)]
        if installs != [0] or _source(cells[0]) != install:
            problems.append(f"{name}: must open with one install cell: {install}")
        if not str(notebook["metadata"].get("gdcore", {}).get("description", "")).strip():
            problems.append(f"{name}: metadata.gdcore.description is missing")
    return problems


def front_matter_problems(docs: Path) -> list[str]:
    """Pages whose YAML front matter is missing, invalid, or lacks a description.

    MkDocs does not warn about invalid front matter (it renders it as text), so check here.
    """
    problems = []
    for page in sorted(docs.rglob("*.md")):
        name = page.relative_to(docs.parent).as_posix()
        lines = page.read_text(encoding="utf-8").splitlines()
        if not lines or lines[0] != "---" or "---" not in lines[1:]:
            problems.append(f"{name}: no front matter")
            continue
        try:
            meta = yaml.safe_load("\n".join(lines[1 : lines.index("---", 1)]))
        except yaml.YAMLError as error:
            problems.append(f"{name}: invalid front matter: {error}")
            continue
        if not isinstance(meta, dict) or not str(meta.get("description") or "").strip():
            problems.append(f"{name}: front matter has no description")
    return problems


# -- serving the built site ----------------------------------------------------------------
def site_prefix(config: Path = ROOT / "mkdocs.yml") -> str:
    """The path the hosted site lives under (from ``site_url``), e.g. ``/gdcore/``."""
    match = re.search(r"^site_url:\s*(\S+)", config.read_text(encoding="utf-8"), re.MULTILINE)
    path = urlsplit(match.group(1)).path if match else "/"
    return path if path.endswith("/") else path + "/"


@contextlib.contextmanager
def serve(site: Path, prefix: str | None = None) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 under ``prefix`` (as the hosted site is); yield its URL.

    The prefix matters: MkDocs and the i18n plugin write some absolute links from
    ``site_url`` (the language alternates), which only resolve under the same path.
    """
    prefix = site_prefix() if prefix is None else prefix

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(site), **kwargs)

        def translate_path(self, path: str) -> str:
            if not path.startswith(prefix):
                return str(site / "__outside_the_site__")
            return super().translate_path("/" + path[len(prefix) :])

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def end_headers(self) -> None:
            # LinkChecker keeps to 10 requests a second per host unless the host answers with
            # this header; this local server can take more (tests/test_site.py sets the rate).
            self.send_header("LinkChecker", "a local test server")
            super().end_headers()

    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request: Any, client_address: Any) -> None:
            if not isinstance(sys.exc_info()[1], ConnectionError):  # a client that hung up
                super().handle_error(request, client_address)

    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


# -- the built HTML -----------------------------------------------------------------------
class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key) and (key == "id" or tag == "a"):
                self.ids.add(values[key] or "")
        for key in ("href", "src", "data", "poster"):
            if values.get(key):
                self.refs.append((tag, key, values[key] or ""))
        srcset = values.get("srcset") or ""
        if srcset.startswith("data:"):  # one inline image: its commas are not separators
            self.refs.append((tag, "srcset", srcset.split()[0]))
        elif srcset:
            for part in srcset.split(","):
                if part.strip():
                    self.refs.append((tag, "srcset", part.split()[0]))


def parse_html(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def external_requests(site: Path) -> list[str]:
    """Resources a built page would load from another host (links to follow are fine)."""
    found = []
    for page in sorted(site.rglob("*.html")):
        for tag, attribute, url in parse_html(page).refs:
            loads = tag in ("script", "img", "iframe", "source", "video", "audio", "embed") or (
                tag == "link" and attribute == "href"
            )
            if (loads and urlsplit(url).scheme in ("http", "https")) or url.startswith("//"):
                if tag == "link" and not _is_loading_link(page, url):
                    continue
                found.append(f"{page.relative_to(site)}: <{tag} {attribute}={url}>")
    for sheet in sorted(site.rglob("*.css")):
        for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", sheet.read_text("utf-8")):
            found.append(f"{sheet.relative_to(site)}: url({url})")
        for url in re.findall(
            r"@import\s+(?:url\()?['\"]?((?:https?:)?//[^'\")]+)", sheet.read_text("utf-8")
        ):
            found.append(f"{sheet.relative_to(site)}: @import {url}")
    return found


def _is_loading_link(page: Path, url: str) -> bool:
    """A <link> that fetches something (stylesheet, preload, icon, manifest), not a canonical."""
    text = page.read_text(encoding="utf-8")
    for match in re.finditer(r"<link\b[^>]*>", text):
        tag = match.group(0)
        if url in tag:
            rel = re.search(r'rel="([^"]*)"', tag)
            rels = set((rel.group(1) if rel else "").split())
            if rels & {
                "stylesheet",
                "preload",
                "prefetch",
                "icon",
                "manifest",
                "modulepreload",
                "preconnect",
                "dns-prefetch",
                "apple-touch-icon",
            }:
                return True
    return False


def broken_anchors(site: Path, prefix: str = "/") -> list[str]:
    """Links to ``page#anchor`` inside the site whose target page has no such id.

    Covers every ``href`` of every built page, so also links in HTML that blocks print.
    (LinkChecker checks that the pages themselves exist; this checks the anchors, which
    LinkChecker's AnchorCheck does one download per anchor, minutes for this site.)
    """
    ids: dict[Path, set[str]] = {}

    def ids_of(page: Path) -> set[str]:
        if page not in ids:
            ids[page] = parse_html(page).ids
        return ids[page]

    found = []
    for page in sorted(site.rglob("*.html")):
        for tag, attribute, url in parse_html(page).refs:
            parts = urlsplit(url)
            if attribute != "href" or not parts.fragment or parts.scheme or parts.netloc:
                continue
            if parts.path.startswith("/"):
                if not parts.path.startswith(prefix):
                    continue
                target = site / unquote(parts.path[len(prefix) :])
            else:
                target = page.parent / unquote(parts.path) if parts.path else page
            if target.is_dir() or not target.suffix:
                target = target / "index.html"
            target = target.resolve()
            if not target.is_file() or target.suffix != ".html":
                continue  # a missing page is LinkChecker's to report
            if unquote(parts.fragment) not in ids_of(target):
                found.append(f"{page.relative_to(site)}: <{tag} href={url}>")
    return found


def raw_latex(site: Path) -> list[str]:
    """Pages whose text still shows LaTeX delimiters that were not converted to MathML."""
    found = []
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        text = re.sub(r"<(script|style|code|pre)\b.*?</\1>", "", text, flags=re.DOTALL)
        if "arithmatex" in text or re.search(r"\\\(|\\\[|\$\$|\\frac|\\text\{", text):
            found.append(str(page.relative_to(site)))
    return found


def page_weight(site: Path, page: Path) -> int:
    """Bytes of a page's HTML plus the files it embeds from outside the theme's assets."""
    total = page.stat().st_size
    for tag, _attribute, url in parse_html(page).refs:
        if tag not in ("img", "source", "video", "audio") and not (
            tag == "a" and url.endswith(".gif")
        ):
            continue
        parts = urlsplit(url)
        if parts.scheme or not parts.path:
            continue
        target = (page.parent / unquote(parts.path)).resolve()
        if target.is_file() and site.resolve() in target.parents:
            total += target.stat().st_size
    return total
