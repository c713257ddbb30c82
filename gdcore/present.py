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

How a run ended, in the page's language, for a result ``r`` of any descent function:
``outcome(r, "vi")`` ("đã hội tụ sau 105 bước") and ``reason(r, "vi")`` (the full sentence).
A lesson block binds the language once on a hidden line,
``outcome = gd.present.in_language("vi").outcome``, so its visible code reads
``print(outcome(r))``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from numbers import Integral, Real
from typing import Final, NamedTuple

import numpy as np

from gdcore.descent import DescentResult
from gdcore.i18n import N_, check_lang, translate
from gdcore.stochastic import SGDResult

__all__ = [
    "Words",
    "cell",
    "in_language",
    "markdown_table",
    "outcome",
    "reason",
    "subscript",
    "vector",
    "yes_no",
]

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


#: How a run ended, by status, with the number of updates ``{n}`` (plural entries).
_OUTCOMES: Final = {
    "converged": N_("converged after {n} step"),
    "max_steps": N_("not converged in {n} step"),
    "diverged": N_("diverged at step {n}"),
}
_SGD_RAN_EVERY_EPOCH: Final = N_("ran every epoch: {n} update")


def outcome(result: DescentResult, lang: str = "en") -> str:
    """How a run ended and after how many updates, in ``lang``: "converged after 105 steps".

    A mini-batch run (`gdcore.sgd()`) that ran all its epochs says so: "ran every epoch:
    120 updates".

    Args:
        result: What `gdcore.gradient_descent()` (or `sgd()`, `adam()`, …) returned.
        lang: ``"en"`` or ``"vi"``.

    Raises:
        TypeError: ``result`` is not a `DescentResult`.
        ValueError: ``lang`` is not a language gdcore speaks.

    Examples:
        >>> import gdcore as gd
        >>> r = gd.gradient_descent(gd.landscapes.parabola, 70.0, lr=0.5)
        >>> outcome(r), outcome(r, "vi")
        ('converged after 1 step', 'đã hội tụ sau 1 bước')
        >>> outcome(gd.gradient_descent(gd.landscapes.parabola, 70.0, lr=1.0), "vi")
        'hết 1000 bước mà chưa hội tụ'
    """
    _check_result(result)
    msgid = _OUTCOMES[result.status]
    if result.status == "max_steps" and isinstance(result, SGDResult):
        msgid = _SGD_RAN_EVERY_EPOCH
    return translate.plural(msgid, result.nit, lang)


def reason(result: DescentResult, lang: str = "en") -> str:
    """Why a run stopped, as one sentence in ``lang``, with its numbers.

    Raises:
        TypeError: ``result`` is not a `DescentResult`.
        ValueError: ``lang`` is not a language gdcore speaks.

    Examples:
        >>> import gdcore as gd
        >>> r = gd.gradient_descent(gd.landscapes.parabola, 70.0, lr=1.0, max_steps=4)
        >>> reason(r, "vi").split(":")[0]
        'Đã hết 4 bước cho phép (max_steps) mà chưa hội tụ'
    """
    _check_result(result)
    return result.explain(lang)


def yes_no(answer: bool, lang: str = "en") -> str:
    """A yes-or-no answer as a word of ``lang``: "yes"/"no", "có"/"không".

    Raises:
        TypeError: ``answer`` is not a ``bool`` (numpy's ``bool_`` counts).
        ValueError: ``lang`` is not a language gdcore speaks.

    Examples:
        >>> yes_no(True), yes_no(False, "vi")
        ('yes', 'không')
    """
    if not isinstance(answer, (bool, np.bool_)):
        raise TypeError(f"answer must be True or False, not {type(answer).__name__}")
    return translate("yes", lang) if answer else translate("no", lang)


class Words(NamedTuple):
    """`outcome()`, `reason()` and `yes_no()` with the language already chosen."""

    outcome: Callable[[DescentResult], str]
    reason: Callable[[DescentResult], str]
    yes_no: Callable[[bool], str]


def in_language(lang: str) -> Words:
    """The wording helpers of this module, bound to ``lang`` (checked now, not at first use).

    Raises:
        TypeError: ``lang`` is not a string.
        ValueError: ``lang`` is not a language gdcore speaks.

    Examples:
        >>> import gdcore as gd
        >>> outcome = in_language("vi").outcome
        >>> outcome(gd.gradient_descent(gd.landscapes.parabola, 70.0, lr=0.1))
        'đã hội tụ sau 105 bước'
    """
    lang = check_lang(lang)
    return Words(
        partial(outcome, lang=lang), partial(reason, lang=lang), partial(yes_no, lang=lang)
    )


def _check_result(result: object) -> None:
    if not isinstance(result, DescentResult):
        raise TypeError(
            "result must be what a descent function returns (a DescentResult), "
            f"not {type(result).__name__}"
        )
