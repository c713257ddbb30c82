"""The catalogs: every text code asks for is in both languages, and the Vietnamese site is.

Each package (``gdcore``, ``sitebuild``) has one gettext catalog per language. The code asks for
a text by its English msgid, always as a string literal: in ``translate("...")``,
``Message("...")``, ``N_("...")`` (a text chosen at run time), or a call of a `Catalog` bound to a
module-level name (``SITE_TEXT("...")``). The tests below list those literals from the code's
syntax tree and compare them with the catalogs; the last ones read the built site.
"""

from __future__ import annotations

import ast
import re
import string
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from sitecheck import Build

from gdcore.i18n import LANGUAGES, LOCALE_DIR, Catalog, Message, check_lang, translate

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {"gdcore": ROOT / "gdcore", "sitebuild": ROOT / "sitebuild"}
LOOKUPS = {"translate", "Message", "N_"}  # functions whose first argument is a msgid


# --------------------------------------------------------------------------- the code's msgids


def catalog_names(tree: ast.Module) -> set[str]:
    """Module-level names bound to ``Catalog(...)``: calling one looks a msgid up."""
    names = set()
    for node in tree.body:
        value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
        if isinstance(value, ast.Call) and getattr(value.func, "id", None) == "Catalog":
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def msgids_in_code(package: Path) -> dict[str, list[str]]:
    """Every literal msgid the package's code looks up, with where (file:line)."""
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in package.rglob("*.py")}
    lookups = set(LOOKUPS)
    for tree in trees.values():
        lookups |= catalog_names(tree)
    found: dict[str, list[str]] = {}
    for path, tree in sorted(trees.items()):
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            first = node.args[0]
            if name in lookups and isinstance(first, ast.Constant) and isinstance(first.value, str):
                where = f"{path.relative_to(package.parent)}:{node.lineno}"
                found.setdefault(first.value, []).append(where)
    # The theme's templates look their words up with site_text("…", lang) (theme.theme_text).
    for template in sorted(package.rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        for match in re.finditer(r'site_text\("([^"]+)"', text):
            line = text.count("\n", 0, match.start()) + 1
            where = f"{template.relative_to(package.parent)}:{line}"
            found.setdefault(match.group(1), []).append(where)
    return found


def string_literals(package: Path) -> set[str]:
    """Every string constant in the package's code."""
    return {
        node.value
        for path in package.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def entries(domain: str, lang: str) -> list[tuple[str, str, bool, set[str]]]:
    """(msgid, msgstr, fuzzy, flags) of every entry of a catalog file, header left out. A plural
    entry counts by its singular msgid and its last form (``test_plural_entries`` checks every
    form)."""
    path = PACKAGES[domain] / "locale" / lang / "LC_MESSAGES" / f"{domain}.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    return [
        (
            str(m.id[0] if m.pluralizable else m.id),
            str(m.string[-1] if m.pluralizable else m.string),
            bool(m.fuzzy),
            set(m.flags) - {"fuzzy"},
        )
        for m in catalog
        if m.id
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_entries_have_every_form_of_their_language(domain: str, lang: str) -> None:
    """gettext plural entries: as many forms as the header's rule has, each with the msgid's
    placeholders; English and Vietnamese hold the same (singular, plural) pairs."""
    path = PACKAGES[domain] / "locale" / lang / "LC_MESSAGES" / f"{domain}.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    assert catalog.num_plurals == {"en": 2, "vi": 1}[lang], catalog.plural_expr
    for m in catalog:
        if m.id and m.pluralizable:
            assert len(m.string) == catalog.num_plurals and all(m.string), m.id
            for form in m.string:
                assert fields(form) == fields(m.id[0]) == fields(m.id[1]), (m.id, form)
    if domain == "sitebuild":
        site = Catalog(PACKAGES[domain] / "locale", domain)
        one, many = (site.plural("converged in {n} step", n, lang) for n in (1, 2))
        expected = {
            "en": ("converged in 1 step", "converged in 2 steps"),
            "vi": ("hội tụ sau 1 bước", "hội tụ sau 2 bước"),
        }
        assert (one, many) == expected[lang]
        with pytest.raises(LookupError, match="no plural entry"):
            site.plural("Reset", 2, lang)


def fields(text: str) -> Counter[str]:
    """The ``{placeholder:spec}`` fields of a str.format text, counted."""
    return Counter(
        f"{name}:{spec}" for _, name, spec, _ in string.Formatter().parse(text) if name is not None
    )


@pytest.fixture(scope="module", params=sorted(PACKAGES))
def domain(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_every_msgid_in_the_code_is_in_both_catalogs(domain: str) -> None:
    used = msgids_in_code(PACKAGES[domain])
    assert used, f"no lookups found in {domain}: the scan is broken"
    for lang in LANGUAGES:
        have = {msgid for msgid, *_ in entries(domain, lang)}
        missing = {msgid: where for msgid, where in used.items() if msgid not in have}
        assert not missing, f"{domain}.po ({lang}) lacks: {missing}"


def test_every_catalog_entry_is_used_by_the_code(domain: str) -> None:
    literals = string_literals(PACKAGES[domain]) | set(msgids_in_code(PACKAGES[domain]))
    stale = [msgid for msgid, *_ in entries(domain, "en") if msgid not in literals]
    assert not stale, f"{domain}.po has entries no code uses: {stale}"


def test_catalogs_hold_the_same_msgids_once_each(domain: str) -> None:
    en = [msgid for msgid, *_ in entries(domain, "en")]
    vi = [msgid for msgid, *_ in entries(domain, "vi")]
    assert len(en) == len(set(en)) and len(vi) == len(set(vi))
    assert set(en) == set(vi)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_empty_or_fuzzy_entry(domain: str, lang: str) -> None:
    bad = [msgid for msgid, text, fuzzy, _ in entries(domain, lang) if fuzzy or not text.strip()]
    assert not bad, f"{domain}.po ({lang}): empty or fuzzy: {bad}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_match_the_msgid_and_are_flagged(domain: str, lang: str) -> None:
    for msgid, text, _, flags in entries(domain, lang):
        assert fields(text) == fields(msgid), f"{domain}.po ({lang}): {msgid!r} → {text!r}"
        assert ("python-brace-format" in flags) == bool(fields(msgid)), msgid
        values = {key.split(":")[0]: 1.5 for key in fields(msgid)}
        text.format(**values)  # a stray brace would raise


#: Terms the glossary keeps as they are in Vietnamese (notes.md: gradient, epoch, vector).
KEPT_IN_VIETNAMESE = {"gradient", "epoch", "vector"}


def test_vietnamese_translates_every_text_with_words(domain: str) -> None:
    english = dict((msgid, text) for msgid, text, *_ in entries(domain, "en"))
    for msgid, text, *_ in entries(domain, "vi"):
        words = re.findall(r"[A-Za-z]{3,}", re.sub(r"\{[^}]*\}", "", msgid))
        if {word.lower() for word in words} - KEPT_IN_VIETNAMESE:
            assert text != english[msgid], f"untranslated in {domain}.po (vi): {msgid!r}"


def test_catalog_sizes() -> None:
    """The numbers in the report; each catalog has its lookups (not a silent empty file)."""
    sizes = {(d, lang): len(entries(d, lang)) for d in PACKAGES for lang in LANGUAGES}
    assert sizes[("gdcore", "en")] == sizes[("gdcore", "vi")] >= 80
    assert sizes[("sitebuild", "en")] == sizes[("sitebuild", "vi")] >= 2


def test_the_scan_sees_every_kind_of_lookup(tmp_path: Path) -> None:
    code = (
        "from gdcore.i18n import Catalog, Message, N_, translate\n"
        "TEXTS = Catalog(None, 'x')\n"
        "a = translate('one', 'vi')\n"
        "b = Message('two {k}', k=1)\n"
        "c = N_('three')\n"
        "d = TEXTS('four', 'en')\n"
        "e = other('five')\n"
    )
    (tmp_path / "m.py").write_text(code, encoding="utf-8")
    assert set(msgids_in_code(tmp_path)) == {"one", "two {k}", "three", "four"}


# --------------------------------------------------------------------------- the API


@pytest.mark.parametrize("bad", ["fr", "", "VI", "en_US", "vi "])
def test_a_bad_language_code_is_a_clear_value_error(bad: str) -> None:
    with pytest.raises(ValueError, match=r"lang must be one of 'en', 'vi', not"):
        check_lang(bad)
    with pytest.raises(ValueError, match="lang must be one of"):
        translate("converged", bad)
    with pytest.raises(ValueError, match="lang must be one of"):
        Message("converged").render(bad)
    with pytest.raises(TypeError, match="lang must be a string"):
        check_lang(1)


def test_a_missing_text_is_a_lookup_error_not_english() -> None:
    with pytest.raises(LookupError, match="no translation for 'not a msgid'"):
        translate("not a msgid", "vi")
    with pytest.raises(LookupError):
        Message("not a msgid").render("en")


def test_message_keeps_its_msgid_and_numbers() -> None:
    m = Message("Diverged at step {k}: the gradient is {value}.", k=4, value="NaN")
    assert m.msgid == "Diverged at step {k}: the gradient is {value}." and m.fields["k"] == 4
    assert m.render() == str(m) == "Diverged at step 4: the gradient is NaN."
    assert m.render("vi") == "Phân kỳ ở bước 4: gradient bằng NaN."
    assert m == Message(m.msgid, value="NaN", k=4) and m != Message(m.msgid, k=5, value="NaN")
    assert hash(m) == hash(Message(m.msgid, value="NaN", k=4))
    assert repr(m) == "Message('Diverged at step {k}: the gradient is {value}.', k=4, value='NaN')"
    with pytest.raises(TypeError):
        m.fields["k"] = 5  # type: ignore[index]
    with pytest.raises(TypeError, match="msgid must be a string"):
        Message(3)  # type: ignore[arg-type]


def test_site_catalog_words() -> None:
    site = Catalog(PACKAGES["sitebuild"] / "locale", "sitebuild")
    assert (site("Source", "vi"), site("Result", "vi")) == ("Mã", "Kết quả")
    assert (site("Source", "en"), site("Result", "en")) == ("Source", "Result")
    assert PACKAGES["gdcore"] / "locale" == LOCALE_DIR


# --------------------------------------------------------------------------- the built site

#: Words a Python value or a library sentence leaves in English; never on a Vietnamese page.
ENGLISH_VALUES = re.compile(
    r"\b(True|False|None|[Cc]onverged|[Dd]iverged|max_steps|Stopped after|nan)\b"
)
#: Pages not checked: the API reference is English on purpose (it is made from the docstrings).
#: (The root 404 page is Vietnamese, en/404.html English: sitebuild's hooks keep both.)
ENGLISH_BY_DESIGN = ("api/",)


class _Reader(HTMLParser):
    """The text a reader sees on a page: prose, printed output, figure alt text, tab titles.

    Left out: scripts and styles, source code (a ``<pre>`` that Pygments highlighted; printed
    output is a plain ``<pre>``) and inline ``<code>`` (names of the API quoted in prose).
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tab_titles: list[str] = []
        self._skip = 0  # inside script/style/inline code
        self._pre: list[str] | None = None  # text of the current <pre>
        self._pre_is_source = False
        self._in_label = False
        self._in_tab_labels = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "style") or (tag == "code" and self._pre is None):
            self._skip += 1
        elif tag == "pre":
            self._pre, self._pre_is_source = [], False
        elif tag == "span" and self._pre is not None and values.get("class"):
            self._pre_is_source = True
        elif tag == "div" and "tabbed-labels" in (values.get("class") or "").split():
            self._in_tab_labels += 1
        elif tag == "label" and self._in_tab_labels:
            self._in_label = True
            self.tab_titles.append("")
        for key in ("alt", "aria-label"):
            if values.get(key):
                self.parts.append(values[key] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") or (tag == "code" and self._pre is None):
            self._skip = max(0, self._skip - 1)
        elif tag == "pre" and self._pre is not None:
            if not self._pre_is_source:
                self.parts.append("".join(self._pre))
            self._pre = None
        elif tag == "label":
            self._in_label = False
        elif tag == "div" and self._in_tab_labels and not self._in_label:
            self._in_tab_labels = 0

    def handle_data(self, data: str) -> None:
        if self._in_label and self.tab_titles:
            self.tab_titles[-1] += data
        if self._skip:
            return
        if self._pre is not None:
            self._pre.append(data)
        else:
            self.parts.append(data)


def english_sentence_pieces() -> set[str]:
    """The literal pieces (between placeholders) of every English catalog text whose
    Vietnamese differs, long enough to be English words (two words or more)."""
    pieces = set()
    for domain in PACKAGES:
        vi = dict((msgid, text) for msgid, text, *_ in entries(domain, "vi"))
        for msgid, text, *_ in entries(domain, "en"):
            if text == vi[msgid]:
                continue
            for literal, *_ in string.Formatter().parse(text):
                for line in literal.split("\n"):
                    piece = line.strip(" ,.:;()")
                    if len(re.findall(r"[A-Za-z]{2,}", piece)) >= 2:
                        pieces.add(piece)
    return pieces


#: A notebook page keeps each code cell's raw source in a hidden box for its copy button.
_NOTEBOOK_COPY_TEXT = re.compile(r'<div class="clipboard-copy-txt"[^>]*>.*?</div>', re.DOTALL)


def english_on_vietnamese_pages(site: Path) -> list[str]:
    """Every English tab title, library sentence or Python value on the Vietnamese pages."""
    pieces = english_sentence_pieces()
    english_tabs = {"Source", "Result"}
    found = []
    for page in sorted(site.rglob("*.html")):
        name = page.relative_to(site).as_posix()
        if name.startswith(("en/", *ENGLISH_BY_DESIGN)):
            continue
        reader = _Reader()
        reader.feed(_NOTEBOOK_COPY_TEXT.sub("", page.read_text(encoding="utf-8")))
        found += [f"{name}: tab title {t!r}" for t in reader.tab_titles if t in english_tabs]
        text = " ".join(" ".join(reader.parts).split())
        found += [
            f"{name}: {m.group()!r} in {_around(text, m)}" for m in ENGLISH_VALUES.finditer(text)
        ]
        if name not in BILINGUAL_BY_DESIGN:
            prose = re.sub(r"\([^()]*\)", " ", text)  # a term in parentheses is on purpose
            found += [f"{name}: library sentence {p!r}" for p in sorted(pieces) if p in prose]
    return found


#: The glossary pairs each Vietnamese term with its English one, on purpose.
BILINGUAL_BY_DESIGN = ("glossary/index.html",)


def _around(text: str, match: re.Match[str]) -> str:
    return repr(text[max(0, match.start() - 50) : match.end() + 30])


def test_the_check_notices_english_on_a_vietnamese_page(tmp_path: Path) -> None:
    page = tmp_path / "x" / "index.html"
    page.parent.mkdir()
    page.write_text(
        '<div class="tabbed-labels"><label for="a">Result</label><label for="b">Mã</label></div>'
        '<pre><span></span><code><span class="n">ok</span> = True</code></pre>'
        "<pre><span></span><code>với mọi x? True\n"
        "message: Converged after 105 steps: the gradient norm 9e-09 &lt;= tol = 1e-08.\n"
        "</code></pre><p>Trạng thái <code>None</code></p>",
        encoding="utf-8",
    )
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "index.html").write_text("<p>Converged. True.</p>", encoding="utf-8")
    found = english_on_vietnamese_pages(tmp_path)
    assert any("tab title 'Result'" in f for f in found)
    assert any("'True' in" in f for f in found)  # printed, not the highlighted source
    assert sum("'True' in" in f for f in found) == 1
    assert any("library sentence 'Converged after'" in f for f in found)
    assert any("library sentence 'steps: the gradient norm'" in f for f in found)
    assert not any("None" in f or f.startswith("en/") for f in found)


def test_no_english_on_the_built_vietnamese_pages(site: Path) -> None:
    found = english_on_vietnamese_pages(site)
    assert not found, "\n".join(found)


def test_english_pages_keep_english_tab_titles(site: Path) -> None:
    reader = _Reader()
    reader.feed((site / "en" / "gradient-descent" / "index.html").read_text(encoding="utf-8"))
    assert {"Source", "Result"} <= set(reader.tab_titles)
    reader = _Reader()
    reader.feed((site / "gradient-descent" / "index.html").read_text(encoding="utf-8"))
    assert {"Mã", "Kết quả"} <= set(reader.tab_titles)
    assert not {"Source", "Result"} & set(reader.tab_titles)


@pytest.fixture(scope="module")
def site(cold: tuple[Build, dict[str, int]]) -> Path:
    build, _ = cold
    assert build.returncode == 0, build.log[-3000:]
    return build.site
