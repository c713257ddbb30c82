"""Jupyter notebooks as pages: run them once (cached), render them with mkdocs-jupyter, offline.

The practice notebooks (``docs/<lang>/practice/*.ipynb``) are sources: no outputs. At build time
:class:`NotebookRunner` runs their code cells in a Jupyter kernel, against this checkout's gdcore,
with the same kind of cache as the pages' blocks (:mod:`sitebuild.render.execute`): the key is the
fingerprint of gdcore + sitebuild + output-shaping versions and the notebook's code, so a warm
build runs no cell in either language (mkdocs-jupyter's own cache keeps one language only: each
language build evicts the other's entries). mkdocs-jupyter then turns the executed notebook
into HTML (:func:`render`), minus the two things it would load from another host, with the
math of the Markdown cells converted to MathML like every other page.

The first cell of every downloadable notebook installs gdcore from the wheel the site ships
(:func:`install_cell`); it is tagged :data:`INSTALL_TAG`, never run at build time, not shown on
the page.
"""

from __future__ import annotations

import copy
import html
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import joblib
import nbformat
from nbformat import NotebookNode

from gdcore.i18n import Catalog
from sitebuild.render.mathml import _TRAILING, latex_to_mathml

ROOT = Path(__file__).resolve().parents[2]

#: The site's own words (notebook intro, download and Colab links), per language.
texts = Catalog(ROOT / "sitebuild" / "locale", "sitebuild")

#: The tag of the cell that installs gdcore (skipped at build time, hidden on the page).
INSTALL_TAG = "gdcore-install"

#: The tag of a code cell that checks an exercise's answer: collapsed in Jupyter (its
#: ``jupyter.source_hidden`` / ``outputs_hidden`` metadata), folded on the page
#: (:func:`fold_answer_cells`), so the answer stays hidden until the reader asks for it.
ANSWER_TAG = "gdcore-answer"

#: How long one cell may run at build time, in seconds.
CELL_TIMEOUT = 600


class NotebookError(RuntimeError):
    """A notebook cell failed at build time; the message names the notebook and the cell."""


# -- install cell -------------------------------------------------------------------------
def wheel_filename(version: str) -> str:
    """The file name of gdcore's pure-Python wheel.

    >>> wheel_filename("0.1.0")
    'gdcore-0.1.0-py3-none-any.whl'
    """
    return f"gdcore-{version}-py3-none-any.whl"


def wheel_url(site_url: str, version: str) -> str:
    """Where the hosted site serves the wheel.

    >>> wheel_url("https://example.org/gdcore/", "0.1.0")
    'https://example.org/gdcore/downloads/gdcore-0.1.0-py3-none-any.whl'
    """
    if not site_url:
        raise ValueError("site_url is empty: the install cell needs the hosted site's address")
    return site_url.rstrip("/") + "/downloads/" + wheel_filename(version)


def install_source(site_url: str, version: str) -> str:
    """The code of the install cell.

    >>> install_source("https://example.org/gdcore/", "0.1.0")
    '%pip install -q https://example.org/gdcore/downloads/gdcore-0.1.0-py3-none-any.whl'
    """
    return f"%pip install -q {wheel_url(site_url, version)}"


def install_cell(source: str) -> NotebookNode:
    """The first cell of every downloadable notebook (``source``: :func:`install_source`)."""
    cell: NotebookNode = nbformat.v4.new_code_cell(
        source, id="install-gdcore", metadata={"tags": [INSTALL_TAG]}
    )
    return cell


def is_install_cell(cell: NotebookNode) -> bool:
    """Is ``cell`` the install cell (skipped at build time)?"""
    tags = cell.get("metadata", {}).get("tags", [])
    return bool(cell.cell_type == "code" and INSTALL_TAG in tags)


def colab_url(repo_url: str, src_path: str, branch: str = "main") -> str:
    """Open a committed notebook in Google Colab (a link; nothing is requested at build time).

    >>> colab_url("https://github.com/owner/repo", "docs/en/practice/01-derivatives.ipynb")
    'https://colab.research.google.com/github/owner/repo/blob/main/docs/en/practice/01-derivatives.ipynb'
    """
    parts = urlsplit(repo_url)
    if parts.netloc != "github.com" or parts.path.strip("/").count("/") != 1:
        raise ValueError(f"repo_url must be https://github.com/<owner>/<repo>, not {repo_url!r}")
    repo = parts.path.strip("/").removesuffix(".git")
    return f"https://colab.research.google.com/github/{repo}/blob/{branch}/{src_path}"


# -- execution ------------------------------------------------------------------------------
@dataclass
class NotebookStats:
    """What one build did with notebooks: cells run, notebooks served from the cache."""

    cells_run: int = 0
    notebooks_run: int = 0
    notebooks_cached: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "notebook_cells_run": self.cells_run,
            "notebooks_run": self.notebooks_run,
            "notebooks_cached": self.notebooks_cached,
        }


def code_only(notebook: NotebookNode) -> NotebookNode:
    """The notebook as it is run: no outputs, no execution counts, the install cell emptied.

    (An empty cell is skipped by the kernel client; keeping it keeps the cells' numbers.)
    """
    clean = copy.deepcopy(notebook)
    for cell in clean.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            if is_install_cell(cell):
                cell.source = ""
    return clean


class NotebookRunner:
    """Runs notebooks in a Jupyter kernel, with a disk cache (``joblib.Memory``)."""

    def __init__(self, cache_dir: Path | None, fingerprint: str, kernel_name: str = "") -> None:
        self.fingerprint = fingerprint
        self.kernel_name = kernel_name or "python3"
        self.stats = NotebookStats()
        self._memory = joblib.Memory(str(cache_dir), verbose=0) if cache_dir else None
        run: Any = _run_notebook
        if self._memory is not None:
            run = self._memory.cache(_run_notebook, ignore=["runner", "name"])
        self._run = run

    def run(self, notebook: NotebookNode, name: str) -> NotebookNode:
        """The notebook with the outputs of its code cells (install cell skipped, kept unrun).

        Raises:
            NotebookError: a cell raised; the message names ``name`` and the cell.
        """
        source = nbformat.writes(code_only(notebook))
        before = self.stats.notebooks_run
        executed: NotebookNode = nbformat.reads(
            self._run(self, self.fingerprint, self.kernel_name, source, name=name), as_version=4
        )
        if self.stats.notebooks_run == before:
            self.stats.notebooks_cached += 1
        return executed

    def execute(self, source: str, name: str) -> str:
        """Run every code cell of ``source`` (notebook JSON) in a fresh kernel."""
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError

        notebook = nbformat.reads(source, as_version=4)
        self.stats.notebooks_run += 1
        client = NotebookClient(
            notebook,
            timeout=CELL_TIMEOUT,
            kernel_name=self.kernel_name,
            allow_errors=False,
            record_timing=False,
            extra_arguments=["--log-level=ERROR"],
            resources={"metadata": {"path": str(ROOT)}},
        )
        env = dict(os.environ, MPLBACKEND="Agg")
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p
        )
        try:
            client.execute(env=env)
            for cell in notebook.cells:
                if cell.cell_type == "code":
                    cell.outputs = coalesce_streams(cell.outputs)
        except CellExecutionError as error:
            raise NotebookError(_describe_failure(notebook, name, error)) from None
        finally:
            self.stats.cells_run += sum(
                1
                for cell in notebook.cells
                if cell.cell_type == "code" and cell.get("execution_count") is not None
            )
        return str(nbformat.writes(notebook))


def coalesce_streams(outputs: list[Any]) -> list[Any]:
    """Join consecutive outputs of one stream: how a cell's prints arrive in pieces depends
    on timing, and two builds must give the same page.

    >>> from nbformat.v4 import new_output
    >>> parts = [new_output("stream", name="stdout", text=t) for t in ("a\\n", "b\\n")]
    >>> [o.text for o in coalesce_streams(parts)]
    ['a\\nb\\n']
    """
    joined: list[Any] = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and output.get("output_type") == "stream"
            and previous.get("output_type") == "stream"
            and previous.get("name") == output.get("name")
        ):
            previous["text"] = previous["text"] + output["text"]
        else:
            joined.append(copy.deepcopy(output))
    return joined


#: The runner of the current build (set by the notebook hooks; shared with the build report).
runner: NotebookRunner | None = None


def build_stats() -> dict[str, int]:
    """This build's notebook counts, for the build report."""
    return (runner.stats if runner is not None else NotebookStats()).as_dict()


def _run_notebook(
    runner: NotebookRunner, fingerprint: str, kernel_name: str, source: str, *, name: str
) -> str:
    """The cached unit: its result depends only on (fingerprint, kernel, code of the notebook)."""
    return runner.execute(source, name)


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _describe_failure(notebook: NotebookNode, name: str, error: Exception) -> str:
    for number, cell in enumerate(notebook.cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                first_line = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
                return (
                    f"{name}: cell {number} failed: "
                    f"{output.ename}: {_ANSI.sub('', output.evalue)}\n"
                    f"  the cell begins: {first_line}"
                )
    return f"{name}: a cell failed: {_ANSI.sub('', str(error))}"


# -- rendering -------------------------------------------------------------------------------
_CODE = re.compile(r"(```.*?```|`[^`\n]*`)", re.DOTALL)
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
_INLINE = re.compile(r"(?<![\\$])\$(?!\s)([^$\n]+?)(?<!\s)\$(?!\d)(" + _TRAILING + ")?")


def markdown_math_to_mathml(markdown: str) -> str:
    """Replace ``$…$`` and ``$$…$$`` in a Markdown cell by MathML (code spans left alone).

    Inline math and the punctuation right after it stay on one line, as on the lessons
    (:func:`~sitebuild.render.mathml.latex_to_mathml`'s ``gd-nowrap``).

    >>> markdown_math_to_mathml("a $x^2$ and `$y$`")[:30]
    'a <math xmlns="http://www.w3.o'
    >>> markdown_math_to_mathml("a $x^2$ and `$y$`")[-9:]
    'and `$y$`'
    >>> out = markdown_math_to_mathml("at $x$. Then")
    >>> out.startswith('at <span class="gd-nowrap"><math'), out.endswith('</math>.</span> Then')
    (True, True)
    """

    for line in markdown.splitlines():
        if line.lstrip().startswith("#") and "$" in line:
            raise ValueError(f"math in a heading cannot be rendered; write it as text: {line!r}")

    def convert(text: str) -> str:
        text = _DISPLAY.sub(
            lambda m: latex_to_mathml(
                f'<div class="arithmatex">\\[{html.escape(m.group(1))}\\]</div>'
            ),
            text,
        )
        return _INLINE.sub(
            lambda m: latex_to_mathml(
                f'<span class="arithmatex">\\({html.escape(m.group(1))}\\)</span>'
                + (m.group(2) or "")
            ),
            text,
        )

    pieces = _CODE.split(markdown)
    return "".join(piece if n % 2 else convert(piece) for n, piece in enumerate(pieces))


# nbconvert's template loads Mermaid from a CDN and adds a MathJax <script> (empty src here);
# the site converts math to MathML at build time and has no Mermaid diagram in a notebook.
_MERMAID = re.compile(
    r"<script type=\"module\">\s*document\.addEventListener\(\"DOMContentLoaded\".*?</script>",
    re.DOTALL,
)
_MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.DOTALL)
_REMOTE = re.compile(r"<script\b[^>]*\bsrc=|import\(\s*['\"]https?:")


def strip_remote_scripts(body: str) -> str:
    """Remove the Mermaid and MathJax loaders from mkdocs-jupyter's HTML; refuse any other.

    Raises:
        ValueError: a script that loads something is still there (a new mkdocs-jupyter?).
    """
    body = _MATHJAX.sub("", _MERMAID.sub("", body))
    leftover = _REMOTE.search(body)
    if leftover:
        start = max(0, leftover.start() - 80)
        raise ValueError(f"a notebook page would load a script: …{body[start : start + 200]}…")
    return body


_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.DOTALL)


def split_styles(body: str) -> tuple[str, str]:
    """Move the ``<style>`` blocks out of ``body``: (body without them, their CSS).

    mkdocs-jupyter inlines about 0.6 MB of JupyterLab CSS into every notebook page; the site
    serves it once, as a stylesheet every notebook page links.

    >>> split_styles("<style>a{}</style><p>x</p><style>b{}</style>")
    ('<p>x</p>', 'a{}\\nb{}\\n')
    """
    css = "".join(match.group(1).strip() + "\n" for match in _STYLE.finditer(body))
    return _STYLE.sub("", body), css


_CODE_BOX = re.compile(r'<div class="highlight-ipynb ')


def focusable_code(body: str) -> str:
    """Let keyboard users scroll wide code cells: each code box gets ``tabindex="0"``.

    >>> focusable_code('<div class="highlight-ipynb hl-python"><pre>x</pre></div>')
    '<div tabindex="0" class="highlight-ipynb hl-python"><pre>x</pre></div>'
    """
    return _CODE_BOX.sub('<div tabindex="0" class="highlight-ipynb ', body)


def is_answer_cell(cell: NotebookNode) -> bool:
    """Does ``cell`` check an exercise's answer (tagged :data:`ANSWER_TAG`)?"""
    tags = cell.get("metadata", {}).get("tags", [])
    return bool(cell.cell_type == "code" and ANSWER_TAG in tags)


_ANSWER_CELL = re.compile(rf'<div\b[^>]*\bclass="[^"]*\bcelltag_{ANSWER_TAG}\b')
_DIV = re.compile(r"<(/?)div\b")


def fold_answer_cells(body: str, expected: int, label: str) -> str:
    """Wrap each cell tagged :data:`ANSWER_TAG` (nbconvert marks it with the class
    ``celltag_gdcore-answer``) in a closed ``<details>`` whose summary is ``label``.

    >>> cell = '<div class="jp-Cell celltag_gdcore-answer"><div class="x">code</div></div>'
    >>> fold_answer_cells("<p>a</p>" + cell, 1, "Check")  # doctest: +NORMALIZE_WHITESPACE
    '<p>a</p><details class="gd-answer-check"><summary>Check</summary><div
    class="jp-Cell celltag_gdcore-answer"><div class="x">code</div></div></details>'

    Raises:
        ValueError: not ``expected`` such cells are found (a new nbconvert template?).
    """
    out, done, found = [], 0, 0
    for match in _ANSWER_CELL.finditer(body):
        if match.start() < done:
            continue  # the inner <div> of a cell already folded
        depth, end = 0, -1
        for tag in _DIV.finditer(body, match.start()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = body.index(">", tag.end()) + 1
                break
        if end < 0:
            raise ValueError("a notebook cell's <div> is not closed")
        summary = f'<details class="gd-answer-check"><summary>{html.escape(label)}</summary>'
        out += [body[done : match.start()], summary, body[match.start() : end], "</details>"]
        done, found = end, found + 1
    if found != expected:
        raise ValueError(f"{expected} answer cells expected in the page, found {found}")
    return "".join([*out, body[done:]])


_CELL_TAGS = re.compile(
    r'<div class="celltoolbar">\s*<div class="button_container tags_button_container">'
    r"(?:(?!</?div\b).)*</div>\s*</div>\s*",
    re.DOTALL,
)


def drop_cell_tags(body: str) -> str:
    """Remove the cell tags nbconvert prints above a tagged cell (machinery for Jupyter).

    >>> drop_cell_tags('<div class="celltoolbar"><div class="button_container '
    ...     'tags_button_container"><span class="cell-tag">t</span></div></div><p>x</p>')
    '<p>x</p>'
    """
    return _CELL_TAGS.sub("", body)


@dataclass
class Rendered:
    """What a notebook page shows: HTML, table-of-contents tokens, title (first h1), CSS."""

    html: str
    toc_tokens: list[Any]
    title: str | None
    css: str


def render(executed: NotebookNode, options: dict[str, Any], lang: str = "en") -> Rendered:
    """HTML of an executed notebook by mkdocs-jupyter (``options``: its plugin config), with
    the cells that check answers folded (their summary in ``lang``)."""
    from mkdocs_jupyter import convert
    from mkdocs_jupyter.plugin import _get_nb_toc_tokens

    shown = copy.deepcopy(executed)
    shown.cells = [cell for cell in shown.cells if not is_install_cell(cell)]
    for cell in shown.cells:
        if cell.cell_type == "markdown":
            cell.source = markdown_math_to_mathml(cell.source)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "notebook.ipynb"
        path.write_text(nbformat.writes(shown), encoding="utf-8")
        body = convert.nb2html(
            str(path),
            execute=False,
            kernel_name=options.get("kernel_name", ""),
            theme=options.get("theme", ""),
            allow_errors=False,
            show_input=options.get("show_input", True),
            no_input=options.get("no_input", False),
            no_prompt=options.get("no_prompt", False),
            remove_tag_config=options.get("remove_tag_config", {}),
            highlight_extra_classes=options.get("highlight_extra_classes", ""),
            include_requirejs=False,
            custom_mathjax_url="",
        )
        toc_tokens, title = _get_nb_toc_tokens(str(path), options.get("toc_depth", 6))
    answers = sum(is_answer_cell(cell) for cell in shown.cells)
    body = fold_answer_cells(body, answers, texts("The code that checks the answer", lang))
    body = drop_cell_tags(body)
    body, css = split_styles(focusable_code(strip_remote_scripts(body)))
    return Rendered(body, toc_tokens, title, css)
