"""Search per language, and Vietnamese search without diacritics: "dao ham" finds "đạo hàm".

**One index per language.** mkdocs-static-i18n merges the pages of both languages into one
``search/search_index.json`` (i18n issues #33 and #271), so a Vietnamese reader searching
"gradient" got English pages. Material's search worker fetches ``search/search_index.json``
relative to the ``base`` in the page's ``__config`` and builds each result's link from that
same ``base``. :func:`split_search_index` (after the last language is built) moves the pages
under ``en/`` into ``en/search/search_index.json``, their locations made relative to ``en/``,
and :func:`point_search_at_language` (on every English page) sets that page's ``base`` to
the ``en/`` folder. Vietnamese pages keep the root index, now holding only Vietnamese pages.

**Diacritic folding.**

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

import json
import re
import unicodedata
from pathlib import Path

__all__ = [
    "FOLDING_JS",
    "MARKER",
    "add_diacritic_folding",
    "fold",
    "point_search_at_language",
    "split_search_index",
]

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


_INDEX = Path("search/search_index.json")
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


def split_search_index(site_dir: str | Path, languages: list[str], default: str) -> dict[str, int]:
    """Give every language but ``default`` its own index, in ``<lang>/search/``.

    The pages whose location starts with ``<lang>/`` leave the merged root index for
    ``<lang>/search/search_index.json``, with that prefix removed (their pages' ``base`` is
    ``<lang>/``, see :func:`point_search_at_language`). Running it again changes nothing.

    Args:
        site_dir: The built site (both languages).
        languages: The site's languages, e.g. ``["vi", "en"]``. Each other language's index
            is searched with that language's lunr pipeline alone; the root index keeps the
            merged one's (Vietnamese pages quote English terms).
        default: The language served at the root.

    Returns:
        How many index entries each language's index holds.

    Raises:
        FileNotFoundError: the site has no ``search/search_index.json``.
        ValueError: ``default`` is not among ``languages``.

    Example:
        >>> import tempfile
        >>> docs = [{"location": "", "title": "Trang chủ", "text": ""},
        ...         {"location": "en/", "title": "Home", "text": ""},
        ...         {"location": "en/derivative/#h", "title": "h", "text": ""}]
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     (Path(tmp) / "search").mkdir()
        ...     index = Path(tmp) / _INDEX
        ...     _ = index.write_text(json.dumps({"config": {"lang": ["vi", "en"]}, "docs": docs}))
        ...     counts = split_search_index(tmp, ["vi", "en"], "vi")
        ...     again = split_search_index(tmp, ["vi", "en"], "vi")
        ...     en = json.loads((Path(tmp) / "en" / _INDEX).read_text())
        >>> counts, again, [d["location"] for d in en["docs"]], en["config"]["lang"]
        ({'vi': 1, 'en': 2}, {'vi': 1, 'en': 2}, ['', 'derivative/#h'], ['en'])
    """
    if default not in languages:
        raise ValueError(f"default language {default!r} is not among {sorted(languages)}")
    root = Path(site_dir)
    merged_path = root / _INDEX
    if not merged_path.is_file():
        raise FileNotFoundError(f"no {_INDEX} in {root}: is the search plugin on?")
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    counts: dict[str, int] = {}
    kept = merged["docs"]
    for lang in languages:
        if lang == default:
            continue
        prefix = f"{lang}/"
        mine = [d for d in kept if d["location"].startswith(prefix)]
        kept = [d for d in kept if not d["location"].startswith(prefix)]
        path = root / lang / _INDEX
        if not mine and path.is_file():  # split before: leave it as it is
            counts[lang] = len(json.loads(path.read_text(encoding="utf-8"))["docs"])
            continue
        for doc in mine:
            doc["location"] = doc["location"].removeprefix(prefix)
        index = {"config": {**merged["config"], "lang": [lang]}, "docs": mine}
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
        counts[lang] = len(mine)
    merged["docs"] = kept
    merged_path.write_text(json.dumps(merged, ensure_ascii=False), encoding="utf-8")
    counts[default] = len(kept)
    return {lang: counts[lang] for lang in languages}


def point_search_at_language(page_html: str, lang: str, default: str) -> str:
    """Make a page of ``lang`` search its own language's index (``<lang>/search/``).

    Appends ``/<lang>`` to the ``base`` of Material's ``__config`` (which Material also uses
    to build the links of search results); pages of the ``default`` language are returned
    unchanged.

    Args:
        page_html: A page as Material wrote it.
        lang: The page's language.
        default: The language served at the root.

    Returns:
        The page, its search pointed at its language's index.

    Raises:
        ValueError: a page of another language than ``default`` has no ``__config``.

    Example:
        >>> page = '<script id="__config" type="application/json">{"base": "../.."}</script>'
        >>> point_search_at_language(page, "en", "vi")
        '<script id="__config" type="application/json">{"base": "../../en/"}</script>'
    """
    if lang == default:
        return page_html
    match = _CONFIG.search(page_html)
    if match is None:
        raise ValueError(f"a {lang!r} page without Material's __config: cannot point its search")
    config = json.loads(match.group(2))
    # A trailing slash, as the URL ".." resolves to: URLs are resolved against a folder.
    config["base"] = f"{config['base'].rstrip('/')}/{lang}/"
    text = json.dumps(config, ensure_ascii=False).replace("</", "<\\/")
    return page_html[: match.start(2)] + text + page_html[match.end(2) :]
