"""Session fixtures shared by the site tests and the browser tests: one cold build of the site."""

from __future__ import annotations

from pathlib import Path

import pytest
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
