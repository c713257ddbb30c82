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

**What is indexed, and how pages rank.** :func:`prepare_index` wraps the search index of the
build so that each page is read without what is not the lesson's text (:func:`for_the_index`:
notebook prompts "In [2]:", copy buttons and their "Copied!", the practice notebooks' folded
answers and their checking cells, the quizzes' solutions and buttons), and each page's entries
get their ``boost`` by kind (:func:`page_boost`: lessons above the home, glossary and summary,
which are above the API reference and the practice notebooks). A Vietnamese lesson's own entry
also gets a ``keywords`` field with the English names of its subject (:func:`lesson_keywords`:
the English terms of the glossary rows that point to it, and its English title), so a reader
who types "learning rate" or "momentum" on the Vietnamese site finds Tốc độ học or Động lượng
first. ``plugins.search.fields`` in mkdocs.yml gives that field its weight.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

__all__ = [
    "FOLDING_JS",
    "MARKER",
    "add_diacritic_folding",
    "fold",
    "for_the_index",
    "glossary_terms",
    "lesson_keywords",
    "page_boost",
    "point_search_at_language",
    "prepare_index",
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


# -- what is indexed, and how pages rank --------------------------------------------------------
#: Elements left out of the index wherever they are (by class): notebook prompts and copy
#: buttons (with the copy of the code they hold), notebook heading anchors ("¶"), the quizzes'
#: solutions, the notebooks' cells that check an answer, the labels of tabs (the "Source /
#: Result" of an executed block: in a snippet they read "ResultSource").
_LEFT_OUT_CLASSES = frozenset(
    {
        "jp-InputPrompt",
        "jp-OutputPrompt",
        "zeroclipboard-container",
        "clipboard-copy-txt",
        "anchor-link",
        "gd-quiz__solution",
        "gd-answer-check",
        "tabbed-labels",
    }
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)


class _LeftOut(HTMLParser):
    """The spans ``(start, end)`` of ``html`` that :func:`for_the_index` removes."""

    def __init__(self, html: str, drop_details: bool) -> None:
        super().__init__(convert_charrefs=False)
        self.html = html
        self.drop_details = drop_details
        self.lines = [0]
        for line in html.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.open: list[str] = []
        self.dropping: tuple[int, int] | None = None  # (depth, start) of the element dropped
        self.spans: list[tuple[int, int]] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def _left_out(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        values = dict(attrs)
        if "data-search-exclude" in values or tag == "button":
            return True
        if tag == "details" and self.drop_details:
            return True
        return not _LEFT_OUT_CLASSES.isdisjoint((values.get("class") or "").split())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        if self.dropping is None and self._left_out(tag, attrs):
            self.dropping = (len(self.open), self._offset())
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.open:
            return  # a stray end tag: the browser ignores it too
        while self.open:
            closed = self.open.pop()
            if self.dropping is not None and len(self.open) == self.dropping[0]:
                end = self.html.index(">", self._offset()) + 1
                self.spans.append((self.dropping[1], end))
                self.dropping = None
            if closed == tag:
                break


def for_the_index(html: str, *, notebook: bool = False) -> str:
    """A page's HTML without what search must not show: chrome, answers, solutions.

    Left out with everything inside them: elements marked ``data-search-exclude`` (Material's
    own parser mishandles them when nested), buttons, notebook prompts ("In [2]:"), copy
    buttons and their "Copied!", notebook heading anchors, tab labels, quiz solutions, the
    cells that check an answer and, on a notebook page (``notebook=True``), every folded
    ``<details>`` (the exercises' answers).

    Args:
        html: A page's content.
        notebook: Whether the page is a practice notebook.

    Returns:
        The HTML to index.

    Example:
        >>> page = ('<h2>Bài 1</h2><div class="jp-InputPrompt">In [2]:</div><pre>x = 1</pre>'
        ...         '<details><summary>Đáp án</summary><p>56</p></details>')
        >>> for_the_index(page, notebook=True)
        '<h2>Bài 1</h2><pre>x = 1</pre>'
        >>> for_the_index('<p>Hỏi <button>Kiểm tra</button></p><br><p>tiếp</p>')
        '<p>Hỏi </p><br><p>tiếp</p>'
    """
    parser = _LeftOut(html, notebook)
    parser.feed(html)
    parser.close()
    if parser.dropping is not None:  # an element never closed: drop to the end
        parser.spans.append((parser.dropping[1], len(html)))
    kept, done = [], 0
    for start, end in parser.spans:
        kept.append(html[done:start])
        done = end
    kept.append(html[done:])
    return "".join(kept)


#: ``boost`` of a page's index entries by kind (lunr multiplies the page's score by it).
BOOSTS = {"lesson": 2.0, "other": 1.0, "reference": 0.5}
#: Pages that are not lessons (by source path without the language folder).
_NOT_LESSONS = ("index.md", "glossary.md", "summary.md", "practice/index.md")


def page_boost(src: str) -> float:
    """The search ``boost`` of the page whose source (without its language folder) is ``src``.

    Lessons rank first; the home, practice index, glossary and summary next; the API reference
    and the practice notebooks last.

    Args:
        src: The page's source path inside its language folder, e.g. ``"momentum.md"``.

    Returns:
        One of :data:`BOOSTS`' values.

    Example:
        >>> page_boost("momentum.md"), page_boost("glossary.md"), page_boost("api/index.md")
        (2.0, 1.0, 0.5)
        >>> page_boost("practice/02-gradient-descent.ipynb")
        0.5
    """
    if src.startswith("api/") or src.endswith(".ipynb"):
        return BOOSTS["reference"]
    if src in _NOT_LESSONS:
        return BOOSTS["other"]
    return BOOSTS["lesson"]


_ROW = re.compile(r"^\|([^|\n]*)\|([^|\n]*)\|(.*)\|\s*$", re.MULTILINE)
_LINK = re.compile(r"\]\(([\w\-/]+\.md)(?:#[^)]*)?\)")


def _variants(cell: str) -> list[str]:
    """The terms of a glossary cell: "a / b (c)" → ["a", "b", "c"]; commas separate too."""
    return [t.strip() for t in re.split(r"[/(),]", cell) if t.strip()]


def glossary_terms(
    glossary: str, lessons: Mapping[str, str] | None = None, least: int = 3, english: int = 2
) -> dict[str, dict[str, bool]]:
    r"""The English terms of the glossary, by the lesson each row belongs to.

    The glossary's table (before its first ``##`` section) has the term in the page's language,
    its translation and an explanation; a cell may hold several terms ("/", ",") and an
    abbreviation in parentheses. A row belongs to the pages its explanation links to
    ("Xem [..](x.md)"); a row without a link, to the lesson whose Markdown uses the row's terms
    (first column) most often (at least ``least`` times).

    Args:
        glossary: A glossary's Markdown (Vietnamese or English).
        lessons: ``{page source: Markdown}`` of the lessons in that language (None: links only).
        least: How many uses make a row without a link belong to a lesson.
        english: The column of the English terms: 2 in the Vietnamese glossary, 1 in the
            English one.

    Returns:
        ``{page source: {English term: whether the row links to the page}}``, in the
        glossary's order.

    Example:
        >>> table = ("| Tiếng Việt | English | Giải thích |\n|---|---|---|\n"
        ...          "| tốc độ học | learning rate | Xem [Tốc độ học](learning-rate.md). |\n"
        ...          "| chuẩn hóa đặc trưng | feature scaling (standardization) | Xem "
        ...          "[Chuẩn hóa](feature-scaling-and-adam.md). |\n"
        ...          "| vòng lặp / epoch | iteration / epoch | Một lượt. |\n")
        >>> glossary_terms(table)["feature-scaling-and-adam.md"]
        {'feature scaling': True, 'standardization': True}
        >>> lessons = {"sgd.md": "Mỗi epoch ... một epoch ... hai epoch", "x.md": "một epoch"}
        >>> glossary_terms(table, lessons)["sgd.md"]
        {'iteration': False, 'epoch': False}
    """
    found: dict[str, dict[str, bool]] = {}
    table = glossary.split("\n## ", 1)[0]  # the glossary's table, not the sections after it
    for row in _ROW.finditer(table):
        if set(row.group(1).strip()) <= set("-: "):
            continue  # the row under the header
        vietnamese, english_terms = _variants(row.group(1)), _variants(row.group(english))
        targets = _LINK.findall(row.group(3))
        linked = bool(targets)
        if not targets and lessons:
            uses = {
                src: sum(
                    len(re.findall(rf"(?<!\w){re.escape(term.lower())}(?!\w)", text.lower()))
                    for term in vietnamese
                )
                for src, text in sorted(lessons.items())
            }
            best = max(uses, key=lambda src: uses[src])
            targets = [best] if uses[best] >= least else []
        for target in targets:
            kept = found.setdefault(target, {})
            for term in english_terms:
                kept[term] = kept.get(term, False) or linked
    return found


def _words(term: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", term.lower()))


def lesson_keywords(
    glossary: Mapping[str, Mapping[str, bool]], english_titles: Mapping[str, str]
) -> dict[str, str]:
    """The ``keywords`` of each lesson's index entry: its subject's English names.

    A lesson's terms are its English title and its glossary terms (:func:`glossary_terms`). A
    term is left out where it would send a reader to the wrong lesson: a term whose words
    include all of another lesson's term ("stochastic gradient descent" is not a keyword of
    the SGD page, since "gradient descent" is the gradient descent page's), and a term of a
    glossary row that links nowhere whose words are all in another lesson's term ("gradient").

    Args:
        glossary: :func:`glossary_terms` of the glossary in the lessons' language.
        english_titles: ``{page source: English title}`` of the lessons (their nav titles).

    Returns:
        ``{page source: the terms' words, each once}`` for the lessons that have any.

    Example:
        >>> lesson_keywords(
        ...     {"gd.md": {"gradient descent": True}, "sgd.md": {"epoch": False},
        ...      "2d.md": {"gradient": False, "saddle point": True}},
        ...     {"gd.md": "Gradient descent", "sgd.md": "Stochastic gradient descent",
        ...      "api/index.md": "API"})
        {'gd.md': 'gradient descent', 'sgd.md': 'epoch', '2d.md': 'saddle point'}
    """
    terms: dict[str, dict[str, bool]] = {}
    for src in [*english_titles, *glossary]:
        if page_boost(src) != BOOSTS["lesson"] or src in terms:
            continue
        mine: dict[str, bool] = {}
        title = english_titles.get(src)
        for term, linked in [*([(title, True)] if title else []), *glossary.get(src, {}).items()]:
            if term.lower() not in {t.lower() for t in mine}:
                mine[term] = linked
        terms[src] = mine

    def others(src: str, pages: Mapping[str, Mapping[str, bool]]) -> list[frozenset[str]]:
        return [_words(t) for other, theirs in pages.items() if other != src for t in theirs]

    # First the terms of rows that link nowhere and say less than another lesson's term...
    specific = {
        src: {
            term: linked
            for term, linked in mine.items()
            if linked or not any(_words(term) <= o for o in others(src, terms))
        }
        for src, mine in terms.items()
    }
    # ...then the terms that say more than another lesson's term.
    found = {}
    for src, mine in specific.items():
        kept = [t for t in mine if not any(o < _words(t) for o in others(src, specific))]
        # Each word once: a word repeated ("minimum, local minimum") would weigh more.
        words = dict.fromkeys(w for t in kept for w in re.findall(r"[\w-]+", t.lower()))
        if words:
            found[src] = " ".join(words)
    return found


_PREPARED = "_gdcore_prepared"


def prepare_index(plugins: Mapping[str, Any], page_info: Callable[[Any], tuple[bool, str]]) -> None:
    """Make the build's search index read pages :func:`for_the_index`, with boost and keywords.

    Each page's entries get ``boost`` from its front matter (``search.boost``, which the hooks
    set with :func:`page_boost`); its own entry (the one at the page's URL) gets
    ``keywords`` from its front matter (``search.keywords``), if any. Idempotent; call it
    before :func:`sitebuild.cache.searchcache.speed_up`, so that cached entries are the
    prepared ones.

    Args:
        plugins: The build's plugins (``config.plugins``).
        page_info: ``page -> (is a notebook, language)``.
    """
    for name in ("material/search", "search"):
        index = getattr(plugins.get(name), "search_index", None)
        if index is None or getattr(index, _PREPARED, False):
            continue
        add = index.add_entry_from_context

        def add_entry_from_context(page: Any, index: Any = index, add: Any = add) -> Any:
            notebook, _ = page_info(page)
            first = len(index.entries)
            original = page.content
            if original:
                page.content = for_the_index(original, notebook=notebook)
            try:
                result = add(page)
            finally:
                page.content = original
            keywords = ((page.meta or {}).get("search") or {}).get("keywords")
            if keywords:
                for entry in index.entries[first:]:
                    if entry["location"] == page.url:
                        entry["keywords"] = keywords
            return result

        index.add_entry_from_context = add_entry_from_context
        setattr(index, _PREPARED, True)
