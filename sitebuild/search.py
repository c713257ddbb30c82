"""Vietnamese search without diacritics: "dao ham" finds "đạo hàm".

Material's search runs lunr.js in a web worker. For the Vietnamese index it loads
``assets/javascripts/lunr/min/lunr.vi.min.js`` (from lunr-languages), whose pipeline keeps
words exactly as written, so a reader who types without diacritics finds nothing.

:func:`add_diacritic_folding` runs after the build and appends a small extension to that file
in the built site: lunr.vi's stop-word filter is wrapped so that every Vietnamese word is
indexed twice, as written *and* folded (:func:`fold`: marks removed, đ → d). Both go to the
index with the same position, so:

- "dao ham" matches the folded entries, "đạo hàm" the exact ones (a query typed with
  diacritics stays exact: only the index is expanded, the query is not folded);
- results are highlighted on the original words (Material highlights by position) and their
  snippets show the page's own text: nothing folded is ever displayed;
- the English index is untouched (lunr.vi is loaded only for the ``vi`` language).

Material keeps the stop-word filter in its pipeline by default (``plugins.search.pipeline``);
removing ``stopWordFilter`` from that option would also remove the folding.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

__all__ = ["FOLDING_JS", "MARKER", "add_diacritic_folding", "fold"]

#: The first line of the extension; present means the file was already extended.
MARKER = "/* gdcore: diacritic folding for Vietnamese search */"

#: Appended to Material's lunr.vi.min.js (runs inside the search worker, after lunr.vi).
FOLDING_JS = (
    MARKER
    + r"""
(function (lunr) {
  "use strict";
  if (!lunr || !lunr.vi || lunr.vi.foldDiacritics) return;
  function fold(word) {
    return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/\u0111/g, "d").replace(/\u0110/g, "D");
  }
  var filter = lunr.vi.stopWordFilter;
  var folding = function (token, i, tokens) {
    var kept = filter(token, i, tokens);
    if (!kept) return kept;
    var bare = fold(kept.toString());
    if (bare === kept.toString()) return kept;
    return [kept, kept.clone(function () { return bare; })];
  };
  lunr.Pipeline.registerFunction(folding, "stopWordFilter-vi-folding");
  lunr.vi.stopWordFilter = folding;
  lunr.vi.foldDiacritics = fold;
})(typeof self !== "undefined" ? self.lunr : this.lunr);
"""
)

_LUNR_VI = Path("assets/javascripts/lunr/min/lunr.vi.min.js")


def fold(text: str) -> str:
    """Remove Vietnamese diacritics, as the search index does: marks dropped, đ → d.

    Args:
        text: Any text.

    Returns:
        The text without combining marks, with đ/Đ replaced by d/D.

    Example:
        >>> fold("Đạo hàm, hạ gradient, tốc độ học")
        'Dao ham, ha gradient, toc do hoc'
    """
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return bare.replace("đ", "d").replace("Đ", "D")


def add_diacritic_folding(site_dir: str | Path) -> list[Path]:
    """Extend every ``lunr.vi.min.js`` under ``site_dir`` with the diacritic folding.

    Idempotent: a file that already has the extension is left alone, so running it after
    each language build (or each ``mkdocs serve`` rebuild) is safe.

    Args:
        site_dir: The built site.

    Returns:
        The files extended by this call.

    Raises:
        FileNotFoundError: ``site_dir`` has no ``lunr.vi.min.js`` (is the search plugin on,
            with Vietnamese among its languages?).

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     file = Path(tmp) / _LUNR_VI
        ...     file.parent.mkdir(parents=True)
        ...     _ = file.write_text("/* lunr.vi */")
        ...     first, again = add_diacritic_folding(tmp), add_diacritic_folding(tmp)
        ...     len(first), len(again), file.read_text().count(MARKER)
        (1, 0, 1)
    """
    root = Path(site_dir)
    files = sorted(root.rglob(_LUNR_VI.name))
    files = [f for f in files if f.as_posix().endswith(_LUNR_VI.as_posix())]
    if not files:
        raise FileNotFoundError(
            f"no {_LUNR_VI} in {root}: diacritic-free Vietnamese search needs Material's "
            "search plugin with 'vi' among its languages"
        )
    changed = []
    for file in files:
        text = file.read_text(encoding="utf-8")
        if MARKER in text:
            continue
        file.write_text(text.rstrip("\n") + "\n" + FOLDING_JS, encoding="utf-8")
        changed.append(file)
    return changed
