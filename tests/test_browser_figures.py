"""The animation under prefers-reduced-motion: a still frame and a play button that starts it."""

from __future__ import annotations

from typing import Any

import pytest

PLAY = {"gradient-descent/": "Phát hình động", "en/gradient-descent/": "Play the animation"}


def _open(chromium: Any, base_url: str, path: str, motion: str) -> tuple[Any, Any]:
    context = chromium.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        reduced_motion=motion,
        service_workers="block",
    )
    page = context.new_page()
    page.goto(base_url + path, wait_until="networkidle")
    page.locator(".gd-animation img").scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('.gd-animation img').complete")
    return context, page


_SHOWN = (
    "() => { const i = document.querySelector('.gd-animation img');"
    " return [i.currentSrc === i.src, i.naturalWidth]; }"
)


@pytest.mark.browser
@pytest.mark.parametrize("path", sorted(PLAY))
def test_reduced_motion_shows_a_still_until_the_reader_presses_play(
    chromium: Any, base_url: str, path: str
) -> None:
    context, page = _open(chromium, base_url, path, "reduce")
    try:
        animated, width = page.evaluate(_SHOWN)
        assert not animated and width > 0, "the still frame is not what is shown"
        button = page.get_by_role("button", name=PLAY[path])
        assert button.is_visible()
        button.focus()
        page.keyboard.press("Enter")
        page.wait_for_function(
            "() => { const i = document.querySelector('.gd-animation img');"
            " return i.complete && i.currentSrc === i.src; }"
        )
        assert not button.is_visible()
    finally:
        context.close()


@pytest.mark.browser
def test_without_reduced_motion_the_animation_plays_and_no_button_shows(
    chromium: Any, base_url: str
) -> None:
    context, page = _open(chromium, base_url, "gradient-descent/", "no-preference")
    try:
        animated, _ = page.evaluate(_SHOWN)
        assert animated
        assert not page.locator(".gd-animation-play").is_visible()
    finally:
        context.close()
