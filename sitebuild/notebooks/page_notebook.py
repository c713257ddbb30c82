"""Make a Jupyter notebook from a lesson page: its prose as Markdown cells, its blocks as code.

The notebook is built from the same Markdown the page is built from, so the two cannot drift.
Its first cell installs gdcore from the wheel the site ships, so it runs in any Jupyter or Colab;
the next one imports what the notebook uses to show tables and formulas.

A block's hidden lines (``# markdown-exec: hide``) become what a notebook can run and show:
printing Markdown (a table from :mod:`gdcore.present`, a formula) becomes
``display(Markdown(...))``, embedding a figure becomes displaying it, and what only feeds the
site (imports from ``sitebuild``, widgets) is left out, as are blocks that only feed the site's
widgets. Links point at the hosted pages, so they work from Jupyter or Colab.
"""

from __future__ import annotations

import ast
import posixpath
import re
import textwrap
from collections.abc import Callable

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from sitebuild.notebooks.jupyter import install_cell

_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_ADMONITION = re.compile(
    r'^(?P<indent>\s*)(?:!!!|\?\?\?\+?)\s+(?P<kind>[\w-]+)(?:\s+"(?P<title>[^"]*)")?'
)
_HEADING_ATTRS = re.compile(r"\s*\{[^}]*\}\s*$")
_HIDE = re.compile(r"\s*# markdown-exec: hide\s*$")
_LINK = re.compile(r"\]\((?P<target>[^)\s]+)(?P<title>\s+\"[^\"]*\")?\)")

#: The code cell before the first block: figures drawn inline (gdcore's figures are plain
#: matplotlib ``Figure`` objects, shown by Jupyter only once the inline backend is on), and what
#: the cells use to show tables, formulas and animations.
DISPLAY_IMPORTS = "%matplotlib inline\nfrom IPython.display import Image, Markdown, display"


class ExportError(ValueError):
    """A block's hidden lines cannot be turned into notebook code (the message says why)."""


def absolute_link(target: str, *, page: str, page_url: str, root_url: str) -> str:
    """The address a link of a page's Markdown points at on the hosted site.

    ``page`` is the page's source path inside its language folder, ``page_url`` its hosted
    address, ``root_url`` the hosted address of its language's home page.

    >>> root = "https://example.org/gdcore/en/"
    >>> kw = dict(page="derivative.md", page_url=root + "derivative/", root_url=root)
    >>> absolute_link("gradient-descent-2d.md#the-bowl", **kw)
    'https://example.org/gdcore/en/gradient-descent-2d/#the-bowl'
    >>> absolute_link("practice/index.md", **kw), absolute_link("#usage", **kw)
    ('https://example.org/gdcore/en/practice/', 'https://example.org/gdcore/en/derivative/#usage')
    >>> absolute_link("index.md", **kw), absolute_link("https://d2l.aivivn.com/", **kw)
    ('https://example.org/gdcore/en/', 'https://d2l.aivivn.com/')
    >>> absolute_link("practice/02-gradient-descent.ipynb", **kw)
    'https://example.org/gdcore/en/practice/02-gradient-descent/'
    """
    if re.match(r"^[a-z][a-z0-9+.-]*:", target):
        return target
    path, _, anchor = target.partition("#")
    suffix = f"#{anchor}" if anchor else ""
    if not path:
        return page_url + suffix
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if resolved == "index.md" or resolved.endswith("/index.md"):
        resolved = resolved[: -len("index.md")]
    elif resolved.endswith((".md", ".ipynb")):  # a notebook is a page of the site too
        resolved = resolved.rsplit(".", 1)[0] + "/"
    return root_url + resolved + suffix


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _hidden_code(hidden: list[str], *, text_result: bool, site_names: set[str]) -> list[str]:
    """Notebook code for a run of hidden lines (see the module's docstring)."""
    code = textwrap.dedent("\n".join(hidden))
    indent = hidden[0][: len(hidden[0]) - len(hidden[0].lstrip())]
    try:
        tree = ast.parse(code)
    except SyntaxError as error:
        raise ExportError(f"hidden lines are not whole statements: {code!r} ({error})") from error
    out: list[str] = []
    for statement in tree.body:
        source = ast.get_source_segment(code, statement) or ""
        if isinstance(statement, ast.ImportFrom) and (statement.module or "").startswith(
            "sitebuild"
        ):
            site_names.update(alias.asname or alias.name for alias in statement.names)
            continue
        call = statement.value if isinstance(statement, ast.Expr) else None
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Name)
            and call.func.id == "print"
        ):
            if not call.args:
                continue
            shown = call.args[0]
            inner = (
                shown.func.id
                if isinstance(shown, ast.Call) and isinstance(shown.func, ast.Name)
                else ""
            )
            if inner == "svg_figure" and isinstance(shown, ast.Call):
                out.append(ast.get_source_segment(code, shown.args[0]) or "")
            elif inner == "gif_figure" and isinstance(shown, ast.Call):
                out.append(f"Image({ast.get_source_segment(code, shown.args[0])})")
            elif _names(shown) & site_names:
                continue  # a widget: only the site shows it
            elif text_result:
                out.append(source)
            else:
                out.append(f"display(Markdown({ast.get_source_segment(code, shown)}))")
            continue
        if _names(statement) & site_names:
            continue
        out.append(source)
    return [textwrap.indent(line, indent) for line in "\n".join(out).splitlines()]


def _code_cell_source(code: str, *, text_result: bool = False) -> str | None:
    """The reader's version of a block, or None if the block is only site plumbing."""
    lines = code.splitlines()
    if any("sitebuild" in line and not _HIDE.search(line) for line in lines):
        return None
    out: list[str] = []
    hidden: list[str] = []
    site_names: set[str] = set()
    for line in [*lines, ""]:
        if _HIDE.search(line):
            hidden.append(_HIDE.sub("", line))
            continue
        if hidden:
            out += _hidden_code(hidden, text_result=text_result, site_names=site_names)
            hidden = []
        out.append(line)
    return "\n".join(out).strip() or None


def page_to_notebook(
    markdown: str,
    *,
    title: str,
    intro: str,
    install: str,
    link: Callable[[str], str] | None = None,
) -> str:
    """Return the notebook (JSON text) for a page's Markdown.

    ``install`` is the code of the first cell (it installs gdcore); ``intro`` comes next.
    ``link`` turns each link target of the prose into the address it has in the notebook
    (:func:`absolute_link`); without it, links are left as written.

    Raises:
        ExportError: a block's hidden lines cannot become notebook code.
    """
    cells: list[nbformat.NotebookNode] = [install_cell(install)]
    prose: list[str] = [f"*{intro}*", ""]
    depth = 0  # admonition nesting, each level indented by 4 spaces
    lines = markdown.splitlines()
    imports = new_code_cell(DISPLAY_IMPORTS, id="display-imports")
    i = 0

    def flush() -> None:
        text = "\n".join(prose).strip()
        if text:
            cells.append(new_markdown_cell(text, id=f"cell-{len(cells)}"))
        prose.clear()

    def relink(text: str) -> str:
        if link is None:
            return text
        return _LINK.sub(lambda m: f"]({link(m['target'])}{m['title'] or ''})", text)

    while i < len(lines):
        line = lines[i]
        if line.strip() and depth and len(line) - len(line.lstrip()) < 4 * depth:
            depth = (len(line) - len(line.lstrip())) // 4
        fence = _FENCE.match(line)
        if fence:
            indent, marker, info = fence["indent"], fence["fence"], fence["info"]
            body = []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith(marker):
                body.append(lines[i][len(indent) :] if lines[i].startswith(indent) else lines[i])
                i += 1
            i += 1
            if info.strip().startswith("python") and re.search(r'exec="(on|1|true|yes)"', info):
                source = _code_cell_source("\n".join(body), text_result='result="text"' in info)
                if source:
                    flush()
                    if imports not in cells:  # before the first code: what displays use
                        cells.append(imports)
                    cells.append(new_code_cell(source, id=f"cell-{len(cells)}"))
            else:
                prose += [f"{marker}{info.split()[0] if info.split() else ''}", *body, marker]
            continue
        admonition = _ADMONITION.match(line)
        if admonition:
            depth = len(admonition["indent"]) // 4 + 1
            prose += ["", f"**{admonition['title'] or admonition['kind'].capitalize()}**", ""]
        else:
            text = line[4 * depth :] if line.startswith(" " * (4 * depth)) else line.strip()
            prose.append(relink(_HEADING_ATTRS.sub("", text) if text.startswith("#") else text))
        i += 1
    flush()
    notebook = new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
    )
    return str(nbformat.writes(notebook)) + "\n"
