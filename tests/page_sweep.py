"""One visit of every page per window width, shared by every check of what a reader sees.

A phone (390 px, ``is_mobile``, ``has_touch``) and a desktop (1280 px; the shared Chromium shows
classic scroll bars, as Windows and most Linux desktops do) each load every page of both
languages once; on that visit every registered check runs, in the light palette and then the
dark one. Console errors and requests are recorded from the load on (``Seen.visit``). Checks
live in ``tests/sweep_*.py`` modules, each with a ``CHECKS`` list of :class:`Check`;
``test_page_sweep.py`` turns every (page, check) pair into a test. A new check adds a module
(or an entry to one): it never adds a page load.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import browser_support as support

HERE = Path(__file__).resolve().parent

#: The phone and the desktop every page is looked at on.
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
WIDTHS = (PHONE["width"], DESKTOP["width"])
SCHEMES = ("light", "dark")

_SETTLE_JS = """() => new Promise(done =>
  requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(done))))"""


@dataclass(frozen=True)
class Seen:
    """Where a check runs: the page, its language, the window width and the palette."""

    lang: str
    path: str
    width: int
    scheme: str
    #: What happened on the network and in the console since this width's page load.
    visit: support.Visit = field(compare=False)

    @property
    def phone(self) -> bool:
        return self.width == PHONE["width"]

    def where(self) -> str:
        return f"/{self.path} at {self.width} px, {self.scheme}"


@dataclass(frozen=True)
class Check:
    """A check of a loaded page: ``run(page, seen)`` returns the problems it found (none: ``[]``).

    ``widths`` and ``schemes`` say where it runs; ``pages`` (a predicate on ``(lang, path)``)
    which pages it applies to.
    """

    name: str
    run: Callable[[Any, Seen], list[str]]
    widths: tuple[int, ...] = WIDTHS
    schemes: tuple[str, ...] = ("light",)
    pages: Callable[[str, str], bool] = lambda lang, path: True


def all_checks() -> list[Check]:
    """Every ``CHECKS`` entry of every ``tests/sweep_*.py`` module, by module then order."""
    checks: list[Check] = []
    for module in sorted(HERE.glob("sweep_*.py")):
        checks.extend(importlib.import_module(module.stem).CHECKS)
    names = [c.name for c in checks]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"two sweep checks share a name: {duplicates}")
    return checks


def _use_scheme(page: Any, scheme: str) -> None:
    """Switch Material's palette the way a reader does (its toggle), and the media query."""
    page.emulate_media(color_scheme=scheme)
    target = "slate" if scheme == "dark" else "default"
    if page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") != target:
        page.locator(f"input.md-option[data-md-color-scheme='{target}']").evaluate("i => i.click()")
        page.wait_for_function(
            "s => document.body.getAttribute('data-md-color-scheme') === s", arg=target
        )
    page.evaluate(_SETTLE_JS)


def sweep_page(
    chromium: Any, base_url: str, lang: str, path: str, checks: list[Check]
) -> dict[str, list[str]]:
    """Load ``path`` once per width and run every check that applies; problems by check name."""
    found: dict[str, list[str]] = {c.name: [] for c in checks if c.pages(lang, path)}
    origin = base_url.rstrip("/")
    for viewport in (PHONE, DESKTOP):
        width = viewport["width"]
        here = [c for c in checks if c.name in found and width in c.widths]
        if not here:
            continue
        phone = viewport is PHONE
        context = chromium.new_context(
            viewport=viewport,
            is_mobile=phone,
            has_touch=phone,
            device_scale_factor=2 if phone else 1,
            service_workers="block",
        )
        page = context.new_page()
        visit = support.record_visit(context, page, origin)
        try:
            page.goto(base_url + path, wait_until="networkidle")
            page.evaluate("document.fonts.ready")
            page.evaluate(_SETTLE_JS)
            for scheme in SCHEMES:
                now = [c for c in here if scheme in c.schemes]
                if not now:
                    continue
                _use_scheme(page, scheme)
                seen = Seen(lang, path, width, scheme, visit)
                for check in now:
                    found[check.name].extend(f"{seen.where()}: {p}" for p in check.run(page, seen))
        finally:
            context.close()
    return found


PAGES = support.page_paths()
