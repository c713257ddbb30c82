"""Show the lesson's results as the page shows them: Markdown tables and formula pieces.

A lesson block computes with gdcore; turning its numbers into a table is not the lesson. The
site calls these helpers on hidden lines and prints the Markdown; a downloadable notebook, which
installs only gdcore, shows the same text with ``display(Markdown(...))``. One implementation
serves both, so the page and its notebook cannot drift apart.

Examples:
    >>> print(markdown_table(["k", "x_k"], [[0, 70.0], [1, 56.0]]))
    <BLANKLINE>
    | k | x_k |
    |---|---|
    | 0 | 70 |
    | 1 | 56 |
    <BLANKLINE>
    >>> subscript("x", 11), vector([4.800000000000001, 7.2])
    ('x₁₁', '(4.8, 7.2)')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from numbers import Integral, Real
from typing import Final

__all__ = ["cell", "markdown_table", "subscript", "vector"]

_SUBSCRIPT_DIGITS: Final = str.maketrans("0123456789-+", "₀₁₂₃₄₅₆₇₈₉₋₊")
_ALIGN: Final = {"l": ":---", "r": "---:", "c": ":---:", "-": "---"}


def subscript(name: str, index: int) -> str:
    """Write ``name`` with ``index`` in subscript digits, as in x₁₁.

    Raises:
        TypeError: ``index`` is not an ``int``.

    Examples:
        >>> subscript("x", 3), subscript("η", 10)
        ('x₃', 'η₁₀')
    """
    if not isinstance(index, int) or isinstance(index, bool):
        raise TypeError(f"index must be an int, not {type(index).__name__}")
    return name + str(index).translate(_SUBSCRIPT_DIGITS)


def vector(values: Iterable[object], digits: int = 6) -> str:
    """A point or vector written as ``(a, b, …)``, each number with ``digits`` significant digits.

    Raises:
        TypeError: an entry is not a real number.

    Examples:
        >>> vector([6.0, 9.0]), vector((1 / 3, -2.0), digits=3)
        ('(6, 9)', '(0.333, -2)')
    """
    parts = []
    for value in values:
        if not isinstance(value, Real) or isinstance(value, bool):
            raise TypeError(f"vector entries must be real numbers, not {type(value).__name__}")
        parts.append(f"{float(value):.{digits}g}")
    return "(" + ", ".join(parts) + ")"


def cell(value: object, digits: int = 6) -> str:
    """One table cell: floats with ``digits`` significant digits, a true minus sign, whole
    numbers from 10,000 up grouped by thousands with a narrow space (1000 stays whole), and
    ``|`` and ``*`` escaped so they are shown as written (not read as the end of a cell or
    emphasis).

    Examples:
        >>> cell(-4.800000000000001), cell(70.0), cell("|x|"), cell(True)
        ('−4.8', '70', '\\\\|x\\\\|', 'True')
        >>> cell(2_000_000) == "2\u202f000\u202f000", cell(1000), cell("(η*, β*)")
        (True, '1000', '(η\\\\*, β\\\\*)')
    """
    if isinstance(value, float):
        text = f"{value:.{digits}g}".replace("-", "−")
    elif isinstance(value, Integral) and not isinstance(value, bool) and abs(int(value)) >= 10_000:
        text = f"{int(value):,}".replace(",", "\u202f").replace("-", "−")
    else:
        text = str(value)
    for mark in "|*":
        text = text.replace("\\" + mark, mark).replace(mark, "\\" + mark)
    return text


def markdown_table(
    header: Sequence[object],
    rows: Iterable[Sequence[object]],
    *,
    align: str | None = None,
    digits: int = 6,
) -> str:
    """A Markdown table, with a blank line before and after (ready to ``print``).

    In a notebook, ``display(Markdown(markdown_table(...)))`` shows it as the page does.

    Args:
        header: The column titles.
        rows: The rows; each must have one value per column. Values go through `cell()`.
        align: One letter per column, ``l``, ``r``, ``c`` or ``-`` (default: ``-`` each).
        digits: Significant digits for floats.

    Raises:
        ValueError: a row or ``align`` does not have one entry per column, or ``align`` has
            a letter other than ``l``, ``r``, ``c``, ``-``.

    Examples:
        >>> print(markdown_table(["η", "1 − 2η"], [[0.1, 0.8]], align="rr").strip())
        | η | 1 − 2η |
        |---:|---:|
        | 0.1 | 0.8 |
    """
    columns = len(header)
    align = align if align is not None else "-" * columns
    if len(align) != columns or any(a not in _ALIGN for a in align):
        raise ValueError(f"align must have one of l, r, c, - per column ({columns}), not {align!r}")
    lines = [
        "| " + " | ".join(cell(h, digits) for h in header) + " |",
        "|" + "|".join(_ALIGN[a] for a in align) + "|",
    ]
    for n, row in enumerate(rows, start=1):
        if len(row) != columns:
            raise ValueError(f"row {n} has {len(row)} cells; the header has {columns}")
        lines.append("| " + " | ".join(cell(v, digits) for v in row) + " |")
    return "\n" + "\n".join(lines) + "\n"
