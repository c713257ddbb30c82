"""Run ``mkdocs serve`` on a throw-away copy of the project, edit files, watch the served pages.

Shared by the serve tests (correctness: an edit shows, nothing stale) and the serve benchmark
(how long an edit takes to reach the page). ``mkdocs serve`` holds every request while it
rebuilds, so a page fetched after a rebuild started is always the finished one.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sitecheck import site_prefix

#: ``mkdocs serve`` logs this after each build it serves (the browsers are told to reload).
RELOADED = "Reloading browsers"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str, timeout: float = 120.0) -> str | None:
    """The body of ``url``, or None if the server refuses or answers with an error."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


@dataclass
class Served:
    """A running ``mkdocs serve`` on ``project``: its base URL, process and log file."""

    project: Path
    url: str
    process: subprocess.Popen[bytes]
    log: Path
    started: float

    def page(self, path: str = "") -> str | None:
        """The served page at ``path`` (relative to the site, e.g. ``"en/derivative/"``)."""
        return fetch(self.url + path)

    def rebuilds(self) -> int:
        """How many builds the server has finished and served so far (the first one included)."""
        return self.log.read_text("utf-8", errors="replace").count(RELOADED)

    def wait_for(
        self, path: str, found: Callable[[str], bool], *, timeout: float, poll: float = 0.05
    ) -> float:
        """Poll ``path`` until ``found(page)``; return when it was (``time.perf_counter()``).

        Raises:
            TimeoutError: not found within ``timeout`` seconds (the server's log is quoted).
        """
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"mkdocs serve exited:\n{self.tail()}")
            page = self.page(path)
            if page is not None and found(page):
                return time.perf_counter()
            time.sleep(poll)
        raise TimeoutError(f"{self.url}{path}: not there after {timeout:.0f} s\n{self.tail()}")

    def wait_until_idle(self, *, timeout: float, quiet: float = 1.5) -> None:
        """Wait until no rebuild has started or finished for ``quiet`` seconds."""
        deadline = time.perf_counter() + timeout
        last, since = self.log.stat().st_size, time.perf_counter()
        while time.perf_counter() < deadline:
            time.sleep(0.1)
            size = self.log.stat().st_size
            if size != last:
                last, since = size, time.perf_counter()
            elif time.perf_counter() - since >= quiet and self._idle():
                return
        raise TimeoutError(f"mkdocs serve still busy after {timeout:.0f} s\n{self.tail()}")

    def _idle(self) -> bool:
        text = self.log.read_text("utf-8", errors="replace")
        return text.rfind(RELOADED) >= text.rfind("Detected file changes") or (
            "Detected file changes" not in text
        )

    def tail(self, chars: int = 3000) -> str:
        return self.log.read_text("utf-8", errors="replace")[-chars:]


@contextmanager
def serve(
    project: Path, cache: Path, *, timeout: float = 900.0, env: dict[str, str] | None = None
) -> Iterator[Served]:
    """Start ``mkdocs serve --livereload`` on ``project`` (its own block cache ``cache``).

    Yields once the first page is served; ``Served.started`` is when the process was launched,
    so ``first page time - started`` is the cold start. The process is stopped on exit.
    """
    port = free_port()
    log = project.parent / f"{project.name}-serve.log"
    variables = dict(os.environ, NO_MKDOCS_2_WARNING="1", GDCORE_CACHE_DIR=str(cache))
    variables.pop("GDCORE_NO_CACHE", None)
    variables["GDCORE_BUILD_REPORT"] = str(project.parent / f"{project.name}-report.json")
    variables.update(env or {})
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload"]
    command += ["--dev-addr", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")]
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=project,
            env=variables,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}{site_prefix(project / 'mkdocs.yml')}"
    served = Served(project, url, process, log, started)
    try:
        served.wait_for("", lambda page: "</html>" in page, timeout=timeout)
        yield served
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)


def edit(path: Path, change: Callable[[str], str]) -> None:
    """Rewrite ``path`` through ``change``, which must change it (else ValueError)."""
    text = path.read_text(encoding="utf-8")
    new = change(text)
    if new == text:
        raise ValueError(f"the edit of {path} changes nothing")
    path.write_text(new, encoding="utf-8")


def replace_once(old: str, new: str) -> Callable[[str], str]:
    """A ``change`` for :func:`edit`: replace the first ``old`` (which must be there)."""

    def change(text: str) -> str:
        if old not in text:
            raise ValueError(f"{old!r} is not in the file")
        return text.replace(old, new, 1)

    return change


def main_text(page: str) -> str:
    """The page's article (what the author wrote), without the navigation around it."""
    match = re.search(r"<article\b.*?</article>", page, re.S)
    return match.group(0) if match else page
