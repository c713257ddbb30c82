"""Session fixtures shared by the site tests and the browser tests: one cold build of the site,
and one browser (headless Chromium), one server and one way to open a page for every browser test
file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import browser_support as support
import pytest
from browser_support import Visit
from sitecheck import Build, build_with_report


@pytest.fixture(scope="session")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where this session's builds, their block cache and broken copies of the docs go."""
    return tmp_path_factory.mktemp("site-builds")


@pytest.fixture(scope="session")
def cold(workdir: Path) -> tuple[Build, dict[str, int]]:
    """A strict build from an empty block cache, and its report."""
    return build_with_report(workdir, "cold", cache=workdir / "cache")


@pytest.fixture(scope="session")
def warm(cold: tuple[Build, dict[str, int]], workdir: Path) -> tuple[Build, dict[str, int]]:
    """The same build again, with the cache the cold build filled."""
    return build_with_report(workdir, "warm", cache=workdir / "cache")


# ----------------------------------------------------------------------- the browser tests


@pytest.fixture(scope="session")
def browser_ready() -> None:
    """Skip (or, under GDCORE_REQUIRE_BROWSER=1, fail) when the browser tools are missing."""
    reason = support.missing_for_browser_tests()
    if reason is None:
        return
    if support.browser_required():
        pytest.fail(f"{support.REQUIRE_ENV}=1 but {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def site(browser_ready: None, request: pytest.FixtureRequest) -> Path:
    """The built site: ``GDCORE_SITE_DIR`` if set, else the session's cold build (conftest)."""
    prebuilt = support.prebuilt_site()
    if prebuilt is not None:
        return prebuilt
    build, _ = request.getfixturevalue("cold")
    assert build.returncode == 0, build.log[-5000:]
    return build.site


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    with support.serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium(browser_ready: None) -> Iterator[Any]:
    with support.shared_chromium() as launched:
        yield launched


@pytest.fixture(scope="session")
def open_page(chromium: Any, base_url: str) -> Iterator[Callable[..., Visit]]:
    """Open ``path`` in a new context: other hosts blocked, errors and failures recorded."""
    contexts: list[Any] = []
    origin = base_url.rstrip("/")

    def visit(path: str, *, color_scheme: str = "light", wait: str = "networkidle") -> Visit:
        context = chromium.new_context(
            color_scheme=color_scheme,
            viewport={"width": 1280, "height": 900},
            service_workers="block",
        )
        contexts.append(context)
        page = context.new_page()
        record = support.record_visit(context, page, origin)
        page.goto(base_url + path, wait_until=wait)
        return record

    yield visit
    for context in contexts:
        context.close()
