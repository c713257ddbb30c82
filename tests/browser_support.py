"""Helpers for the browser tests and the Lighthouse benchmark: build, serve, find Chromium.

The site is served exactly as a static host would serve it (``http.server`` on 127.0.0.1, a
free port, one thread per request); Chromium is Debian's ``chromium`` package, driven by
Playwright with ``executable_path`` (no browser download).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitecheck import ROOT, serve, site_prefix

__all__ = ["Visit", "serve", "site_prefix"]  # re-exported for the browser tests and the benchmark
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

#: Flags for headless Chromium as root, with nothing phoning home.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)

#: Set to 1 (CI does) to turn "no browser here" from a skip into a failure.
REQUIRE_ENV = "GDCORE_REQUIRE_BROWSER"
#: Set to a built site to test it instead of building one.
SITE_ENV = "GDCORE_SITE_DIR"


def chromium() -> str | None:
    """The browser to drive: ``GDCORE_CHROMIUM`` if set, else Debian's ``chromium`` (or the
    ``chromium-browser`` / ``google-chrome`` a hosted CI runner ships), else ``None``."""
    explicit = os.environ.get("GDCORE_CHROMIUM")
    if explicit:
        return explicit
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def missing_for_browser_tests() -> str | None:
    """Why the browser tests cannot run here, or ``None`` when everything is present."""
    if chromium() is None:
        return "Debian's chromium is not installed (apt-get install -y chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (make test installs it)"
    if not AXE.is_file():
        return "node_modules/axe-core is missing (npm ci installs it)"
    return None


def browser_required() -> bool:
    return os.environ.get(REQUIRE_ENV) == "1"


def prebuilt_site() -> Path | None:
    """The site named by ``GDCORE_SITE_DIR``, if set (it must exist)."""
    value = os.environ.get(SITE_ENV)
    if not value:
        return None
    site = Path(value)
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{SITE_ENV}={value} has no index.html: build the site first")
    return site


def page_paths(docs: Path = ROOT / "docs") -> list[tuple[str, str]]:
    """Every page as ``(lang, url path)``, from the sources: ``("vi", "learning-rate/")``,
    ``("en", "en/learning-rate/")``, ``("vi", "")`` for the home page."""
    found = []
    for lang in LANGUAGES:
        sources = [*(docs / lang).rglob("*.md"), *(docs / lang).rglob("*.ipynb")]  # notebooks too
        for md in sorted(sources):
            rel = md.relative_to(docs / lang).with_suffix("")
            parts = list(rel.parts)
            if parts[-1] == "index":
                parts.pop()
            path = "".join(f"{p}/" for p in parts)
            prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
            found.append((lang, prefix + path))
    return found


def twin(lang: str, path: str) -> tuple[str, str]:
    """The same page in the other language: ``("vi", "x/")`` <-> ``("en", "en/x/")``."""
    if lang == DEFAULT_LANGUAGE:
        other = next(code for code in LANGUAGES if code != lang)
        return other, f"{other}/{path}"
    return DEFAULT_LANGUAGE, path.removeprefix(f"{lang}/")


@dataclass
class Visit:
    """One page opened in a fresh browser context, with what happened on the network."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


def record_visit(context: Any, page: Any, origin: str) -> Visit:
    """Block every host but ``origin`` in ``context`` and record, on ``page``, console errors,
    uncaught exceptions, failed requests and what was blocked (before the page is loaded)."""
    record = Visit(page)

    def block(route: Any) -> None:
        record.blocked.append(route.request.url)
        route.abort("blockedbyclient")

    context.route(
        lambda url: not url.startswith(origin + "/") and not url.startswith("data:"), block
    )
    page.on(
        "console",
        lambda m: (
            m.type == "error"
            and record.console_errors.append(f"{m.text} ({m.location.get('url', '')})")
        ),
    )
    page.on("pageerror", lambda e: record.console_errors.append(f"uncaught: {e}"))
    page.on(
        "requestfailed",
        lambda r: r.url not in record.blocked and record.failed.append(f"{r.url}: {r.failure}"),
    )
    page.on(
        "response",
        lambda r: r.status >= 400 and record.failed.append(f"{r.url}: HTTP {r.status}"),
    )
    return record


_shared: dict[str, Any] = {"users": 0}


@contextlib.contextmanager
def shared_chromium() -> Iterator[Any]:
    """One headless Chromium (and one Playwright) for every test module of a session.

    Playwright's sync API runs one event loop per process: a second ``sync_playwright()``
    while the first is open fails, so the modules' session fixtures share this one; it closes
    when the last of them is torn down.
    """
    if _shared["users"] == 0:
        from playwright.sync_api import sync_playwright

        manager = sync_playwright()
        playwright = manager.__enter__()
        _shared["manager"] = manager
        # Without Playwright's default --hide-scrollbars: pages are seen with the classic
        # scroll bars of Windows and most Linux desktops (a box that scrolls by 3 px shows one).
        _shared["browser"] = playwright.chromium.launch(
            executable_path=chromium(),
            headless=True,
            args=list(CHROMIUM_ARGS),
            ignore_default_args=["--hide-scrollbars"],
        )
    _shared["users"] += 1
    try:
        yield _shared["browser"]
    finally:
        _shared["users"] -= 1
        if _shared["users"] == 0:
            _shared.pop("browser").close()
            _shared.pop("manager").__exit__(None, None, None)
