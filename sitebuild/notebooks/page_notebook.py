"""Make a Jupyter notebook from a lesson page: its prose as Markdown cells, its blocks as code.

The notebook is built from the same Markdown the page is built from, so the two cannot drift.
Its first cell installs gdcore from the wheel the site ships, so it runs in any Jupyter or Colab.
Plumbing lines (``# markdown-exec: hide``) are dropped, except that embedding a figure becomes
displaying it, and blocks that only feed the site's widgets are left out.
"""

from __future__ import annotations

import re

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from sitebuild.notebooks.jupyter import install_cell

_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_ADMONITION = re.compile(
    r'^(?P<indent>\s*)(?:!!!|\?\?\?\+?)\s+(?P<kind>[\w-]+)(?:\s+"(?P<title>[^"]*)")?'
)
_HEADING_ATTRS = re.compile(r"\s*\{[^}]*\}\s*$")
_SVG = re.compile(r"^\s*print\(svg_figure\((?P<fig>\w+)\)\)")
_GIF = re.compile(r"^\s*print\(gif_figure\((?P<data>\w+)\s*,")


def _code_cell_source(code: str) -> str | None:
    """The reader's version of a block, or None if the block is only site plumbing."""
    if any("sitebuild" in line and "markdown-exec: hide" not in line for line in code.splitlines()):
        return None
    lines = []
    for line in code.splitlines():
        if "markdown-exec: hide" not in line:
            lines.append(line)
        elif match := _SVG.match(line):
            lines.append(match["fig"])
        elif match := _GIF.match(line):
            lines += ["from IPython.display import Image", f"Image({match['data']})"]
    return "\n".join(lines).strip() or None


def page_to_notebook(markdown: str, *, title: str, intro: str, install: str) -> str:
    """Return the notebook (JSON text) for a page's Markdown.

    ``install`` is the code of the first cell (it installs gdcore); ``intro`` comes next.
    """
    cells: list[nbformat.NotebookNode] = [install_cell(install)]
    prose: list[str] = [f"*{intro}*", ""]
    depth = 0  # admonition nesting, each level indented by 4 spaces
    lines = markdown.splitlines()
    i = 0

    def flush() -> None:
        text = "\n".join(prose).strip()
        if text:
            cells.append(new_markdown_cell(text, id=f"cell-{len(cells)}"))
        prose.clear()

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
                source = _code_cell_source("\n".join(body))
                if source:
                    flush()
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
            prose.append(_HEADING_ATTRS.sub("", text) if text.startswith("#") else text)
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
