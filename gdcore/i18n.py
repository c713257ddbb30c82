"""The words gdcore writes for people, in English and Vietnamese.

Every sentence, label and alt text that gdcore (or the site machinery, ``sitebuild``) shows a
person lives in one gettext catalog per language, a ``.po`` file translators already know:
``gdcore/locale/<lang>/LC_MESSAGES/gdcore.po``. The ``msgid`` is the English source text; the
English catalog repeats it (so English wording is edited in one place too), the Vietnamese
catalog translates it. Placeholders are ``str.format`` fields (``{k}``), flagged
``python-brace-format``.

The language is always chosen explicitly with ``lang=``; English is the default. A text missing
from a catalog is an error, never a silent fallback to English.

A sentence gdcore computes (why gradient descent stopped, for instance) is kept as a `Message`:
its msgid and its fields (numbers stay numbers), so the same result can be written in any
language later, ``message.render("vi")``. Every msgid appears in the code as a string literal,
either in a ``translate("...")`` / ``Message("...")`` call or marked with `N_` where it is chosen
at run time, so a test can list them all and check both catalogs hold each one.

Examples:
    >>> from gdcore.i18n import translate
    >>> translate("converged", "vi")
    'đã hội tụ'
    >>> translate("converged")
    'converged'
    >>> translate("converged", "fr")
    Traceback (most recent call last):
    ...
    ValueError: lang must be one of 'en', 'vi', not 'fr'
"""

from __future__ import annotations

import functools
import gettext
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Final, Literal

from babel.messages.pofile import read_po

Lang = Literal["en", "vi"]
LANGUAGES: Final[tuple[Lang, ...]] = ("en", "vi")
DEFAULT_LANG: Final[Lang] = "en"
LOCALE_DIR: Final[Path] = Path(__file__).resolve().parent / "locale"


def check_lang(lang: object) -> Lang:
    """Return ``lang`` if it is a language gdcore speaks; raise otherwise.

    Raises:
        TypeError: ``lang`` is not a string.
        ValueError: ``lang`` is not ``"en"`` or ``"vi"``.

    Examples:
        >>> check_lang("vi")
        'vi'
    """
    if not isinstance(lang, str):
        raise TypeError(f"lang must be a string such as 'en' or 'vi', not {type(lang).__name__}")
    if lang not in LANGUAGES:
        choices = ", ".join(repr(code) for code in LANGUAGES)
        raise ValueError(f"lang must be one of {choices}, not {lang!r}")
    return lang


@functools.cache
def load_catalog(locale_dir: Path, domain: str, lang: Lang) -> dict[str, str]:
    """Read ``<locale_dir>/<lang>/LC_MESSAGES/<domain>.po`` into ``{msgid: text}``.

    Untranslated entries (empty ``msgstr``) and fuzzy ones are left out, so that looking them
    up fails loudly.

    Raises:
        FileNotFoundError: the catalog file does not exist.
    """
    path = locale_dir / lang / "LC_MESSAGES" / f"{domain}.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    texts: dict[str, str] = {}
    for message in catalog:
        if not message.id or message.fuzzy or not isinstance(message.id, str):
            continue
        if isinstance(message.string, str) and message.string:
            texts[message.id] = message.string
    return texts


#: What a gettext plural rule may contain (``n``, numbers, comparisons, ``?:``, parentheses).
_PLURAL_RULE = re.compile(r"[n0-9\s()!=<>&|?:%+-]+")


@functools.cache
def load_plurals(
    locale_dir: Path, domain: str, lang: Lang
) -> tuple[str, dict[str, tuple[str, ...]]]:
    """The plural rule of ``lang``'s catalog (the C expression in ``n`` of its ``Plural-Forms``
    header) and its plural entries, ``{singular msgid: (form 0, form 1, ...)}``.

    Raises:
        FileNotFoundError: the catalog file does not exist.
        ValueError: the rule is not a plain expression in ``n``, or an entry has a missing form.
    """
    path = locale_dir / lang / "LC_MESSAGES" / f"{domain}.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    rule = catalog.plural_expr
    if not _PLURAL_RULE.fullmatch(rule):
        raise ValueError(
            f"{path.name} ({lang}): the plural rule {rule!r} is not an expression in n"
        )
    forms: dict[str, tuple[str, ...]] = {}
    for message in catalog:
        if isinstance(message.id, (tuple, list)) and not message.fuzzy:
            strings = message.string if isinstance(message.string, (tuple, list)) else ()
            texts = tuple(str(t) for t in strings)
            if len(texts) != catalog.num_plurals or not all(texts):
                raise ValueError(
                    f"{path.name} ({lang}): {message.id[0]!r} needs {catalog.num_plurals} "
                    f"plural form(s), has {sum(1 for t in texts if t)}"
                )
            forms[str(message.id[0])] = texts
    return rule, forms


class Catalog:
    """The texts of one gettext domain, in every language.

    Args:
        locale_dir: the folder holding ``<lang>/LC_MESSAGES/<domain>.po``.
        domain: the catalog's name (``"gdcore"``, ``"sitebuild"``).

    Examples:
        >>> gdcore_texts = Catalog(LOCALE_DIR, "gdcore")
        >>> gdcore_texts("diverged", "vi")
        'đã phân kỳ'
    """

    def __init__(self, locale_dir: Path, domain: str) -> None:
        self.locale_dir = locale_dir
        self.domain = domain

    def texts(self, lang: Lang) -> dict[str, str]:
        """Every ``{msgid: text}`` of ``lang``'s catalog."""
        return load_catalog(self.locale_dir, self.domain, check_lang(lang))

    def __call__(self, msgid: str, lang: str = DEFAULT_LANG, /, **fields: object) -> str:
        """The text for ``msgid`` in ``lang``, with ``{field}`` placeholders filled in.

        Raises:
            ValueError: ``lang`` is not a known language.
            LookupError: ``msgid`` is missing from ``lang``'s catalog.
        """
        texts = self.texts(check_lang(lang))
        try:
            text = texts[msgid]
        except KeyError:
            path = self.locale_dir / lang / "LC_MESSAGES" / f"{self.domain}.po"
            raise LookupError(f"{path.name} ({lang}) has no translation for {msgid!r}") from None
        return text.format(**fields) if fields else text

    def plural_forms(self, msgid: str, lang: str = DEFAULT_LANG, /) -> tuple[str, tuple[str, ...]]:
        """The plural rule of ``lang`` (a C expression in ``n``, gettext's ``Plural-Forms``) and
        the forms of the plural entry whose singular msgid is ``msgid``.

        Raises:
            ValueError: ``lang`` is not a known language.
            LookupError: ``msgid`` is not a plural entry of ``lang``'s catalog.
        """
        rule, entries = load_plurals(self.locale_dir, self.domain, check_lang(lang))
        try:
            return rule, entries[msgid]
        except KeyError:
            path = self.locale_dir / lang / "LC_MESSAGES" / f"{self.domain}.po"
            raise LookupError(f"{path.name} ({lang}) has no plural entry {msgid!r}") from None

    def plural(self, msgid: str, n: int, lang: str = DEFAULT_LANG, /, **fields: object) -> str:
        """gettext's ``ngettext``: the form of ``msgid`` for the count ``n`` in ``lang``, with
        ``{n}`` and the other placeholders filled in.

        Raises:
            ValueError: ``lang`` is not a known language.
            LookupError: ``msgid`` is not a plural entry of ``lang``'s catalog.

        (The sitebuild catalog's ``"converged in {n} step"`` gives "converged in 1 step",
        "converged in 2 steps", and in Vietnamese "hội tụ sau 1 bước".)
        """
        rule, forms = self.plural_forms(msgid, lang)
        index = int(gettext.c2py(rule)(n))
        return forms[index].format(n=n, **fields)


translate: Final[Catalog] = Catalog(LOCALE_DIR, "gdcore")
"""Look up one of gdcore's own texts: ``translate(msgid, lang, **fields)``."""


def N_(msgid: str) -> str:
    """Mark ``msgid`` as a catalog text without translating it (gettext's ``gettext_noop``).

    Used where the text is chosen at run time (``translate(choice, lang)``), so that every
    msgid still appears in the code as a literal a test can find.

    Examples:
        >>> translate(N_("diverged"), "vi")
        'đã phân kỳ'
    """
    return msgid


class Message:
    """A sentence for people, kept as its msgid and fields so it can be written in any language.

    Args:
        msgid: The English text, with ``{field}`` placeholders (``str.format`` syntax, format
            specs allowed: ``{tol:g}``).
        **fields: The values of the placeholders (numbers stay numbers until rendered).

    Examples:
        >>> m = Message("Diverged at step {k}: the gradient is {value}.", k=3, value="NaN")
        >>> m.render("en")
        'Diverged at step 3: the gradient is NaN.'
        >>> m.render("vi")
        'Phân kỳ ở bước 3: gradient bằng NaN.'
        >>> str(m) == m.render("en"), m.fields["k"]
        (True, 3)
    """

    __slots__ = ("_fields", "msgid")

    def __init__(self, msgid: str, /, **fields: object) -> None:
        if not isinstance(msgid, str):
            raise TypeError(f"msgid must be a string, not {type(msgid).__name__}")
        self.msgid: Final[str] = msgid
        self._fields: Mapping[str, object] = MappingProxyType(dict(fields))

    @property
    def fields(self) -> Mapping[str, object]:
        """The placeholders' values (read-only)."""
        return self._fields

    def render(self, lang: str = DEFAULT_LANG) -> str:
        """The sentence in ``lang`` (``"en"`` or ``"vi"``).

        Raises:
            ValueError: ``lang`` is not a known language.
            LookupError: the msgid is missing from ``lang``'s catalog.
        """
        return translate(self.msgid, lang, **self._fields)

    def __str__(self) -> str:
        return self.render(DEFAULT_LANG)

    def __repr__(self) -> str:
        fields = "".join(f", {name}={value!r}" for name, value in self._fields.items())
        return f"Message({self.msgid!r}{fields})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Message):
            return NotImplemented
        return self.msgid == other.msgid and dict(self._fields) == dict(other._fields)

    def __hash__(self) -> int:
        return hash(self.msgid)
