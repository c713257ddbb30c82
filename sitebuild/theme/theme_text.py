"""Words the theme shows (button titles, names of scrolling regions, Material's own words), from
gettext catalogs.

The catalogs are ``sitebuild/locale/<lang>/LC_MESSAGES/sitebuild.po`` (msgid = the English
text). The hooks make :func:`site_text` and :func:`theme_words` globals of the theme's Jinja
environment, so a template writes
``{{ site_text("Table, scrolls sideways", config.theme.language) }}``, and the override of
``partials/language.html`` looks every key of Material's ``lang.t(key)`` up in
:func:`theme_words` before Material's own translation (whose Vietnamese leaves "Initializing
search" in English and calls "Back to top" "back to the table of contents").

:func:`localize_chrome` translates what Python-Markdown and mkdocs-jupyter write into a page's
HTML in English: the headings' "Permanent link" and the notebook cells' copy button.
"""

from __future__ import annotations

import re
from pathlib import Path

from gdcore.i18n import Catalog

__all__ = [
    "CONFIG_TEXTS",
    "LOCALE_DIR",
    "MATERIAL_KEYS",
    "localize_chrome",
    "site_text",
    "theme_words",
]

#: Where the ``sitebuild`` catalogs live.
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
_CATALOG = Catalog(LOCALE_DIR, "sitebuild")

#: Material's translation keys the site shows, with their English text (the catalogs' msgid).
MATERIAL_KEYS: dict[str, str] = {
    "action.edit": "Edit this page",
    "action.skip": "Skip to content",
    "action.view": "View source of this page",
    "clipboard.copy": "Copy to clipboard",
    "clipboard.copied": "Copied to clipboard",
    "footer": "Footer",
    "footer.next": "Next",
    "footer.previous": "Previous",
    "header": "Header",
    "nav": "Navigation",
    "search": "Search",
    "search.placeholder": "Search",
    "search.share": "Share",
    "search.reset": "Clear",
    "search.result.initializer": "Initializing search",
    "search.result.placeholder": "Type to start searching",
    "search.result.none": "No matching documents",
    "search.result.one": "1 matching document",
    "search.result.other": "# matching documents",
    "search.result.more.one": "1 more on this page",
    "search.result.more.other": "# more on this page",
    "search.result.term.missing": "Missing",
    "select.language": "Select language",
    "select.version": "Select version",
    "source": "Go to repository",
    "tabs": "Tabs",
    "toc": "Table of contents",
    "top": "Back to top",
}

#: Texts of mkdocs.yml that templates translate (``copyright``, in ``partials/copyright.html``).
CONFIG_TEXTS = ("gdcore — MIT License",)


def site_text(msgid: str, lang: str) -> str:
    """The theme's text for ``msgid`` in ``lang``.

    Args:
        msgid: The English text, as in the catalogs.
        lang: ``"vi"`` or ``"en"`` (the page's language).

    Returns:
        The translation.

    Raises:
        ValueError: ``lang`` is not a language of the site.
        LookupError: the catalog of ``lang`` lacks ``msgid``.

    Example:
        >>> site_text("Table, scrolls sideways", "vi")
        'Bảng, cuộn ngang được'
    """
    return _CATALOG(msgid, lang)


def theme_words(lang: str) -> dict[str, str]:
    """Material's words (``lang.t(key)``) in ``lang``, by Material's key, from the catalogs.

    Args:
        lang: ``"vi"`` or ``"en"``.

    Returns:
        ``{key: text}`` for every key of :data:`MATERIAL_KEYS`.

    Raises:
        ValueError: ``lang`` is not a language of the site.
        LookupError: the catalog of ``lang`` lacks one of the texts.

    Example:
        >>> words = theme_words("vi")
        >>> words["search.result.initializer"], words["top"]
        ('Đang chuẩn bị tìm kiếm', 'Về đầu trang')
    """
    return {key: site_text(msgid, lang) for key, msgid in MATERIAL_KEYS.items()}


#: A heading's permanent link (Python-Markdown writes class first, mkdocstrings href first).
_HEADERLINK = re.compile(r'<a\b[^>]*\bclass="headerlink"[^>]*>')
_NOTEBOOK_COPY = re.compile(r'(<clipboard-copy [^>]*aria-label=")Copy to Clipboard(")')
_NOTEBOOK_COPIED = '<span class="notice" hidden="">Copied!</span>'


def localize_chrome(html: str, lang: str) -> str:
    """Translate the English words Markdown and mkdocs-jupyter put into a page's content.

    The title of each heading's permanent link (Python-Markdown's ``toc``) and the label and
    "Copied!" notice of each notebook cell's copy button (mkdocs-jupyter).

    Args:
        html: A page's content.
        lang: The page's language.

    Returns:
        The content with those words in ``lang``.

    Example:
        >>> localize_chrome('<a class="headerlink" href="#a" title="Permanent link">¶</a>', "vi")
        '<a class="headerlink" href="#a" title="Liên kết cố định">¶</a>'
        >>> localize_chrome('<a href="#f" class="headerlink" title="Permanent link">¶</a>', "vi")
        '<a href="#f" class="headerlink" title="Liên kết cố định">¶</a>'
    """
    permalink = site_text("Permanent link", lang).replace('"', "&quot;")
    html = _HEADERLINK.sub(
        lambda m: m.group(0).replace('title="Permanent link"', f'title="{permalink}"'), html
    )
    if "<clipboard-copy" in html:
        copy = site_text("Copy to clipboard", lang).replace('"', "&quot;")
        html = _NOTEBOOK_COPY.sub(lambda m: m.group(1) + copy + m.group(2), html)
        copied = site_text("Copied!", lang)
        html = html.replace(_NOTEBOOK_COPIED, _NOTEBOOK_COPIED.replace("Copied!", copied))
    return html
