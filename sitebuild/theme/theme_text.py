"""Words the theme shows (button titles, names of scrolling regions), from gettext catalogs.

The catalogs are ``sitebuild/locale/<lang>/LC_MESSAGES/sitebuild.po`` (msgid = the English
text). The hooks make :func:`site_text` a global of the theme's Jinja environment, so a
template writes ``{{ site_text("Table, scrolls sideways", config.theme.language) }}``.
"""

from __future__ import annotations

from pathlib import Path

from gdcore.i18n import Catalog

__all__ = ["LOCALE_DIR", "site_text"]

#: Where the ``sitebuild`` catalogs live.
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
_CATALOG = Catalog(LOCALE_DIR, "sitebuild")


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
