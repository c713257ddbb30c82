"""The downloadable page notebooks show what their page shows, and lesson code shows the idea.

- the export turns a block's hidden lines into notebook code that shows the same tables,
  formulas and figures (``display(Markdown(...))``), and leaves out what only the site uses;
- no visible lesson code builds LaTeX or Markdown in strings, ends in a ``def`` whose output
  comes from hidden lines, reads labels out of ``{True: …, False: …}`` dictionaries or
  ``"có" if … else "không"``, words a result itself (``status_text``, ``explain``,
  ``capitalize``: the page binds ``gdcore.present.in_language`` on a hidden line), shows
  machinery such as ``p0.nbytes``, or formats numbers into table rows by hand (``f"1e-{n:02d}"``);
- every link of a page notebook is an absolute address of the hosted site (or another host),
  and the page it names exists in the build, anchor included;
- each page notebook, run in a fresh kernel without its install cell (this checkout's gdcore
  importable), shows every number of its page: the numbers of the page's article text (prose,
  tables, block outputs; not the code listings, figures and widgets) are all among the numbers
  of the notebook's Markdown cells and outputs. Both languages are run: their code differs in
  words (labels, ``lang=``), so one language cannot stand for the other.
"""

from __future__ import annotations

import ast
import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from browser_support import prebuilt_site
from bs4 import BeautifulSoup
from sitecheck import LANGUAGES, LESSON_PAGES, ROOT, Build

from sitebuild.notebooks.page_notebook import (
    DISPLAY_IMPORTS,
    ExportError,
    _code_cell_source,
    page_to_notebook,
)

HIDE = "  # markdown-exec: hide"
SITE_URL = "https://gdcore-lesson.github.io/gdcore/"
_EXEC = re.compile(r'^(?P<indent>\s*)```python (?P<info>[^\n]*exec="on"[^\n]*)$')
#: A number as a reader sees it: digits, a decimal part, an exponent (either minus sign).
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:e[−+-]?\d+)?")
#: Markup that belongs in hidden presentation lines, never in the strings a reader reads.
_MARKUP = re.compile(r"\$|\\[A-Za-z]+|\|\s*:?-{3}|\*\*|\\\*|</?[a-z]+[ >/]")
#: Methods that word a result for people (status names, sentences, capitals): a page words its
#: results on hidden lines, ``outcome = gd.present.in_language("vi").outcome``.
_WORDING = {"status_text", "explain", "capitalize", "title"}
#: Attributes of the machinery, not of the idea (``p0.nbytes``: write ``8 * n``, as the prose).
_MACHINERY = {"nbytes", "itemsize", "dtype"}


# -- the export of hidden lines ------------------------------------------------------------------
def test_hidden_markdown_becomes_a_display_and_site_plumbing_is_left_out() -> None:
    block = "\n".join(
        [
            "rows = [(1, 2.0)]",
            "from gdcore.present import markdown_table" + HIDE,
            "lr = 0.1" + HIDE,
            'print(f"$$x = {lr}$$")' + HIDE,
            "print()" + HIDE,
            'print(markdown_table(["k", "x"],' + HIDE,
            "                     rows))" + HIDE,
            "from sitebuild.render.embed import svg_figure" + HIDE,
            "print(svg_figure(fig))" + HIDE,
        ]
    )
    assert _code_cell_source(block) == "\n".join(
        [
            "rows = [(1, 2.0)]",
            "from gdcore.present import markdown_table",
            "lr = 0.1",
            'display(Markdown(f"$$x = {lr}$$"))',
            'display(Markdown(markdown_table(["k", "x"],\n                     rows)))',
            "fig",
        ]
    )


def test_text_results_keep_their_prints_and_widgets_are_dropped() -> None:
    block = "\n".join(
        [
            "loss = 1.0",
            'print(f"x = {loss}")' + HIDE,
            "from sitebuild.widgets.backprop import stepper_html" + HIDE,
            'print(stepper_html(loss, lang="vi"))' + HIDE,
        ]
    )
    assert _code_cell_source(block, text_result=True) == 'loss = 1.0\nprint(f"x = {loss}")'
    assert _code_cell_source("from sitebuild.widgets.quiz import quiz_html\nprint(1)") is None


def test_hidden_lines_that_are_not_whole_statements_are_refused() -> None:
    with pytest.raises(ExportError, match="hidden lines are not whole statements"):
        _code_cell_source("print(1,  # markdown-exec: hide\n      2)")


def test_the_display_imports_come_before_the_first_code_and_links_are_rewritten() -> None:
    page = '# T\n\nSee [next](next.md#part).\n\n```python exec="on"\nprint(1)\n```\n'
    notebook = json.loads(
        page_to_notebook(
            page, title="T", intro="intro", install="%pip x", link=lambda t: "https://h/" + t
        )
    )
    sources = ["".join(cell["source"]) for cell in notebook["cells"]]
    assert sources[0] == "%pip x"
    assert "See [next](https://h/next.md#part)." in sources[1]
    assert sources[2:] == [DISPLAY_IMPORTS, "print(1)"]


# -- visible lesson code ------------------------------------------------------------------------
def _blocks(lang: str) -> Iterator[tuple[str, int, str]]:
    """(page, line, visible code) of every executed block of the lesson pages."""
    for name in LESSON_PAGES:
        lines = (ROOT / "docs" / lang / f"{name}.md").read_text(encoding="utf-8").splitlines()
        i = 0
        while i < len(lines):
            match = _EXEC.match(lines[i])
            i += 1
            if not match:
                continue
            start, body = i, []
            while lines[i].strip() != "```":
                body.append(lines[i][len(match["indent"]) :])
                i += 1
            visible = [line for line in body if not line.rstrip().endswith(HIDE.strip())]
            if not any("sitebuild" in line for line in visible):  # a widget: no lesson code
                yield f"{lang}/{name}.md", start, "\n".join(visible)


def _strings(tree: ast.AST) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


def machinery_problems(lang: str) -> list[str]:
    """What visible lesson code shows that belongs in hidden presentation lines."""
    problems = []
    for page, line, code in _blocks(lang):
        where = f"{page}:{line}"
        try:
            tree = ast.parse(code)
        except SyntaxError as error:
            problems.append(f"{where}: the visible code alone is not Python ({error})")
            continue
        problems += [f"{where}: markup in {s!r}" for s in _strings(tree) if _MARKUP.search(s)]
        if tree.body and isinstance(tree.body[-1], ast.FunctionDef):
            problems.append(f"{where}: ends in def {tree.body[-1].name}()")
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict) and any(
                isinstance(key, ast.Constant) and isinstance(key.value, bool) for key in node.keys
            ):
                problems.append(f"{where}: a label dictionary keyed by True/False")
            if isinstance(node, ast.IfExp) and all(
                isinstance(b, ast.Constant) and isinstance(b.value, str)
                for b in (node.body, node.orelse)
            ):
                problems.append(f"{where}: a label chosen by if/else ({ast.unparse(node)})")
            func = node.func if isinstance(node, ast.Call) else None
            if isinstance(func, ast.Attribute) and func.attr in _WORDING:
                problems.append(f"{where}: wording call .{func.attr}()")
            if isinstance(node, ast.Attribute) and node.attr in _MACHINERY:
                problems.append(f"{where}: machinery .{node.attr}")
            if isinstance(node, (ast.Tuple, ast.List)):
                for item in node.elts:
                    if isinstance(item, ast.JoinedStr) and any(
                        isinstance(v, ast.FormattedValue) and v.format_spec for v in item.values
                    ):
                        problems.append(
                            f"{where}: a number formatted by hand into a row "
                            f"({ast.unparse(item)}): give the number to the table helper"
                        )
    return problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_visible_lesson_code_shows_no_presentation_machinery(lang: str) -> None:
    assert machinery_problems(lang) == []


def test_the_machinery_check_notices_markup_trailing_defs_and_label_dicts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bad = [
        ("p.md", 1, 'print(f"$$x_1 = {x}$$")'),
        ("p.md", 2, 'print("|---|---:|")'),
        ("p.md", 3, "def show(p):\n    return p"),
        ("p.md", 4, 'sign = {True: "up", False: "down"}'),
        ("p.md", 5, 'rows.append((x, "a **bold** claim"))'),
        ("p.md", 6, 'print(f"x = {x:g} − 0.1·{g:g}")'),
        ("p.md", 7, "print(r.status_text('vi'), r.nit)"),
        ("p.md", 8, 'print(r.explain("vi"))'),
        ("p.md", 9, "print(f\"{r.status_text('vi').capitalize()} sau {r.nit} bước\")"),
        ("p.md", 10, "rows.append((n, p0.nbytes))"),
        ("p.md", 11, 'rows.append((f"1e-{n:02d}", f"{err:.1e}"))'),
        ("p.md", 12, 'print("same:", "có" if same else "không")'),
        ("p.md", 13, "print(outcome(r), yes_no(same), 8 * n)"),
        ("p.md", 14, 'rows.append((f"{name}", h, err))'),
    ]
    monkeypatch.setattr(sys.modules[__name__], "_blocks", lambda lang: iter(bad))
    problems = machinery_problems("vi")
    assert sorted({int(p.split(":")[1]) for p in problems}) == [1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12]


# -- the built notebooks --------------------------------------------------------------------------
@pytest.fixture(scope="session")
def built(request: pytest.FixtureRequest) -> Path:
    """``GDCORE_SITE_DIR`` if set, else the session's cold build."""
    prebuilt = prebuilt_site()
    if prebuilt is not None:
        return prebuilt
    build: Build = request.getfixturevalue("cold")[0]
    assert build.returncode == 0, build.log[-5000:]
    return build.site


def _page_dir(site: Path, lang: str, name: str) -> Path:
    return site / ("" if lang == "vi" else "en") / name


def _notebook(site: Path, lang: str, name: str) -> dict[str, Any]:
    path = _page_dir(site, lang, name) / f"gdcore-{name}.ipynb"
    return dict(json.loads(path.read_text(encoding="utf-8")))


def _markdown_links(notebook: dict[str, Any]) -> list[str]:
    links = []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            text = "".join(cell["source"])
            links += re.findall(r"\]\(([^)\s]+)", text) + re.findall(r'href="([^"]+)"', text)
    return links


@pytest.mark.build
def test_notebook_links_are_absolute_and_lead_to_built_pages(built: Path) -> None:
    problems = []
    for lang in LANGUAGES:
        for name in LESSON_PAGES:
            for url in _markdown_links(_notebook(built, lang, name)):
                parts = urlsplit(url)
                if parts.scheme != "https":
                    problems.append(f"{lang}/{name}: {url}")
                    continue
                if not url.startswith(SITE_URL):
                    continue  # another host
                path = built / parts.path.removeprefix(urlsplit(SITE_URL).path)
                page = path / "index.html" if parts.path.endswith("/") else path
                if not page.is_file():
                    problems.append(f"{lang}/{name}: {url} (no such page)")
                elif parts.fragment and f'id="{parts.fragment}"' not in page.read_text("utf-8"):
                    problems.append(f"{lang}/{name}: {url} (no such anchor)")
    assert problems == []


def article_text(html: str) -> str:
    """What a reader reads in a page's article: prose, tables, formulas and block outputs;
    not the code listings, the figures, the widgets (quiz, explorers, backprop stepper)."""
    article = BeautifulSoup(html, "html.parser").select_one("article")
    assert article is not None
    for element in article.select(
        "svg, img, script, style, .gd-quiz, .gd-explorer, .gd-backprop, .md-source-file, "
        "a.md-content__button"
    ):
        element.decompose()
    for listing in article.select("div.highlight"):
        if listing.select("code span[class]"):  # highlighted Python: a code listing
            listing.decompose()
    return " ".join(article.get_text(" ").split())


def page_numbers(html: str) -> set[str]:
    """The numbers of `article_text()`."""
    return set(_NUMBER.findall(article_text(html)))


def notebook_numbers(notebook: dict[str, Any]) -> set[str]:
    """The numbers of a notebook's Markdown cells and of its outputs (not of its code)."""
    texts = []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            texts.append("".join(cell["source"]))
            continue
        for output in cell.get("outputs", []):
            if output["output_type"] == "stream":
                texts.append("".join(output["text"]))
            data = output.get("data", {})
            for kind in ("text/markdown", "text/latex", "text/html"):
                texts.append("".join(data.get(kind, "")))
            if set(data) == {"text/plain"}:
                texts.append("".join(data["text/plain"]))
    return set(_NUMBER.findall(" ".join(texts)))


@pytest.fixture(scope="session")
def executed(built: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every page notebook of both languages, run once without its install cell."""
    import nbformat
    from nbclient import NotebookClient

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("MPLBACKEND", None)
    workdir = tmp_path_factory.mktemp("page-notebooks")
    runs = {}
    for lang in LANGUAGES:
        for name in LESSON_PAGES:
            notebook = nbformat.reads(
                json.dumps(_notebook(built, lang, name)), as_version=nbformat.NO_CONVERT
            )
            assert "gdcore-install" in notebook.cells[0].metadata["tags"]
            notebook.cells = notebook.cells[1:]
            NotebookClient(
                notebook,
                timeout=600,
                kernel_name="python3",
                resources={"metadata": {"path": str(workdir)}},
            ).execute(env=env)
            runs[f"{lang}/{name}"] = json.loads(nbformat.writes(notebook))
    return runs


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", LESSON_PAGES)
def test_a_page_notebook_shows_every_number_of_its_page(
    built: Path, executed: dict[str, Any], lang: str, name: str
) -> None:
    html = (_page_dir(built, lang, name) / "index.html").read_text(encoding="utf-8")
    missing = page_numbers(html) - notebook_numbers(executed[f"{lang}/{name}"])
    assert sorted(missing) == []


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", LESSON_PAGES)
def test_tables_formulas_and_figures_are_shown_rendered(
    executed: dict[str, Any], lang: str, name: str
) -> None:
    """No raw Markdown table or $$ formula printed as text; every figure is an image."""
    problems = []
    for n, cell in enumerate(executed[f"{lang}/{name}"]["cells"]):
        for output in cell.get("outputs", []):
            text = "".join(output.get("text", "")) + "".join(
                output.get("data", {}).get("text/plain", "")
            )
            if re.search(r"\|\s*:?-{3}|\$\$", text):
                problems.append(f"cell {n}: raw markup {text[:80]!r}")
            if "<Figure size" in text and "image/png" not in output.get("data", {}):
                problems.append(f"cell {n}: a figure shown as text")
    assert problems == []
