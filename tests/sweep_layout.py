"""Sweep checks of the page's frame: nothing wider than the window at any width."""

from __future__ import annotations

from typing import Any

from page_sweep import Check, Seen


def _page_fits(page: Any, seen: Seen) -> list[str]:
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    inner = page.evaluate("() => document.documentElement.clientWidth")
    return [f"the page is {wide} px wide in a {inner} px window"] if wide > inner else []


CHECKS = [Check("page-fits-the-window", _page_fits)]
