"""Presentation helpers for lesson blocks: Markdown tables, subscripts, vectors.

They live in :mod:`gdcore.present` (a downloadable page notebook installs only gdcore and must
show the same tables); this module names them for the site machinery. Pages import them from
``gdcore.present`` on hidden lines (``# markdown-exec: hide``), so a reader sees the
computation and the table, not the f-strings that glue them together.

Examples:
    >>> print(markdown_table(["k", "x_k"], [[0, 70.0]]).strip())
    | k | x_k |
    |---|---|
    | 0 | 70 |
"""

from __future__ import annotations

from gdcore.present import cell, markdown_table, subscript, vector

__all__ = ["cell", "markdown_table", "subscript", "vector"]
