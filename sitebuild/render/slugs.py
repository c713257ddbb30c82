"""Heading anchors that stay readable in Vietnamese: "Tốc độ học" → ``toc-do-hoc``.

Python-Markdown's default slugify drops every letter without an ASCII decomposition, and đ
has none: "Đạo hàm là gì?" became ``ao-ham-la-gi``. :func:`slugify` maps đ/Đ to d first and
then folds the other diacritics exactly as the default does, so English anchors are unchanged.

The hooks hand it to the ``toc`` extension (``mdx_configs["toc"]["slugify"]``): the table of
contents, the permalinks and every heading id of both languages use it.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["slugify"]

_D = str.maketrans({"đ": "d", "Đ": "D"})


def slugify(value: str, separator: str) -> str:
    """A heading's anchor: diacritics folded, đ → d, lower case, words joined by ``separator``.

    Args:
        value: The heading's text.
        separator: What joins the words (``"-"`` for the toc extension).

    Returns:
        The anchor, ASCII only.

    Raises:
        TypeError: ``value`` or ``separator`` is not a string.

    Example:
        >>> slugify("Tốc độ học", "-"), slugify("Đạo hàm là gì?", "-")
        ('toc-do-hoc', 'dao-ham-la-gi')
        >>> slugify("Learning rate η, step by step", "-")
        'learning-rate-step-by-step'
    """
    if not isinstance(value, str) or not isinstance(separator, str):
        raise TypeError(
            f"slugify needs two strings, got {type(value).__name__} and {type(separator).__name__}"
        )
    # As Python-Markdown's own slugify, after đ → d.
    ascii_text = unicodedata.normalize("NFKD", value.translate(_D)).encode("ascii", "ignore")
    words = re.sub(r"[^\w\s-]", "", ascii_text.decode("ascii")).strip().lower()
    return re.sub(rf"[{re.escape(separator)}\s]+", separator, words)
