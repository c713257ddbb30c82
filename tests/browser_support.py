"""Helpers for the browser tests and the Lighthouse benchmark: build, serve, find Chromium.

The site is served exactly as a static host would serve it (``http.server`` on 127.0.0.1, a
free port, one thread per request); Chromium is Debian's ``chromium`` package, driven by
Playwright with ``executable_path`` (no browser download).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
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
    """The path of Debian's ``chromium``, or ``None``."""
    return shutil.which("chromium")


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


def build_site(dest: Path) -> Path:
    """``mkdocs build --strict`` into ``dest``; raise with the log if it fails."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"mkdocs build --strict failed:\n{proc.stdout}{proc.stderr}")
    return dest


def prebuilt_site() -> Path | None:
    """The site named by ``GDCORE_SITE_DIR``, if set (it must exist)."""
    value = os.environ.get(SITE_ENV)
    if not value:
        return None
    site = Path(value)
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{SITE_ENV}={value} has no index.html: build the site first")
    return site


def site_prefix(config: Path = ROOT / "mkdocs.yml") -> str:
    """The path the site is published under (from ``site_url``), e.g. ``/gdcore/``.

    The local server mounts the site there too, as ``mkdocs serve`` and the hosted site do,
    so links that the build writes as absolute paths resolve as they will when published.
    """
    match = re.search(
        r"^site_url:\s*['\"]?([^'\"\s#]+)", config.read_text(encoding="utf-8"), re.MULTILINE
    )
    path = urlsplit(match.group(1)).path if match else "/"
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path, prefix: str | None = None) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (a free port) under ``prefix`` (default: the path of
    ``site_url``) and yield its base URL, ending in ``/``."""
    mount = site_prefix() if prefix is None else prefix
    handler_class = type("Handler", (_QuietHandler,), {"prefix": mount})
    handler = functools.partial(handler_class, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{mount}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def page_paths(docs: Path = ROOT / "docs") -> list[tuple[str, str]]:
    """Every page as ``(lang, url path)``, from the sources: ``("vi", "learning-rate/")``,
    ``("en", "en/learning-rate/")``, ``("vi", "")`` for the home page."""
    found = []
    for lang in LANGUAGES:
        for md in sorted((docs / lang).rglob("*.md")):
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
