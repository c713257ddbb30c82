"""Every page, both languages, at 390 px (touch) and 1280 px (scroll bars shown), light and
dark: every check of ``tests/sweep_*.py`` on one visit per width (see ``page_sweep``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import page_sweep
import pytest

CHECKS = page_sweep.all_checks()
CASES = [
    (lang, path, check.name)
    for lang, path in page_sweep.PAGES
    for check in CHECKS
    if check.pages(lang, path)
]


@pytest.fixture(scope="session")
def swept(chromium: Any, base_url: str) -> Callable[[str, str], dict[str, list[str]]]:
    """``swept(lang, path)``: the page's problems by check, from one visit per width (cached)."""
    cache: dict[str, dict[str, list[str]]] = {}

    def get(lang: str, path: str) -> dict[str, list[str]]:
        if path not in cache:
            cache[path] = page_sweep.sweep_page(chromium, base_url, lang, path, CHECKS)
        return cache[path]

    return get


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "path", "check"), CASES, ids=[f"{lang}:/{path}:{c}" for lang, path, c in CASES]
)
def test_what_the_reader_sees(
    swept: Callable[[str, str], dict[str, list[str]]], lang: str, path: str, check: str
) -> None:
    problems = swept(lang, path)[check]
    assert not problems, f"{check}:\n  " + "\n  ".join(problems[:40])
