"""The block runner behind every executed block: cache hits, invalidation, sessions, errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from markdown_exec import ExecutionError
from sitecheck import ROOT

from sitebuild.render.execute import BlockRunner, fingerprint


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def test_a_block_runs_once_then_comes_from_the_cache(cache: Path) -> None:
    first = BlockRunner(cache, "fp")
    first.start_page("docs/vi/x.md")
    assert first.run("print(6 * 7)") == "42\n"
    assert (first.stats.executed, first.stats.cached) == (1, 0)

    later = BlockRunner(cache, "fp")  # a later build: new process state, same disk cache
    later.start_page("docs/en/x.md")  # another language: same code, same output
    assert later.run("print(6 * 7)") == "42\n"
    assert (later.stats.executed, later.stats.cached) == (0, 1)


def test_a_new_fingerprint_invalidates_every_block(cache: Path) -> None:
    BlockRunner(cache, "gdcore v1").run("print(1)")
    runner = BlockRunner(cache, "gdcore v2")
    runner.run("print(1)")
    assert (runner.stats.executed, runner.stats.cached) == (1, 0)


def test_changing_gdcore_changes_the_fingerprint(tmp_path: Path) -> None:
    copy = tmp_path / "gdcore"
    shutil.copytree(ROOT / "gdcore", copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = fingerprint(copy)
    assert fingerprint(copy) == before
    with (copy / "descent.py").open("a", encoding="utf-8") as source:
        source.write("\n# an edit\n")
    assert fingerprint(copy) != before


@pytest.mark.parametrize(
    "edited",
    ["render/embed.py", "theme/overrides/main.html", "locale/vi/LC_MESSAGES/sitebuild.po"],
)
def test_changing_the_site_machinery_changes_the_fingerprint(tmp_path: Path, edited: str) -> None:
    # Its modules, templates and catalogs shape what blocks print (mkdocs serve re-runs them).
    copy = tmp_path / "sitebuild"
    shutil.copytree(ROOT / "sitebuild", copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = fingerprint(copy)
    with (copy / edited).open("a", encoding="utf-8") as source:
        source.write("\n")
    assert fingerprint(copy) != before


def test_a_session_block_sees_earlier_blocks_even_when_they_came_from_the_cache(
    cache: Path,
) -> None:
    warm = BlockRunner(cache, "fp")
    warm.start_page("docs/vi/p.md")
    warm.run("x = 20", session="s")
    warm.run("print(x + 1)", session="s")

    runner = BlockRunner(cache, "fp")
    runner.start_page("docs/vi/p.md")
    assert runner.run("x = 20", session="s") == ""  # from the cache: not executed
    assert runner.run("print(x * 2)", session="s") == "40\n"  # new: replays x = 20 first
    assert runner.stats.cached == 1


def test_sessions_do_not_leak_between_pages(cache: Path) -> None:
    runner = BlockRunner(None, "fp")
    runner.start_page("docs/vi/a.md")
    runner.run("secret = 1", session="s")
    runner.start_page("docs/en/a.md")
    with pytest.raises(ExecutionError):
        runner.run("print(secret)", session="s")


def test_a_failing_block_names_its_page(caplog: pytest.LogCaptureFixture) -> None:
    runner = BlockRunner(None, "fp")
    runner.start_page("docs/en/derivative.md")
    with pytest.raises(ExecutionError, match="ZeroDivisionError"):
        runner.run("1 / 0")
    assert "docs/en/derivative.md: code block 1 failed" in caplog.text


def test_a_failing_block_is_not_cached(cache: Path) -> None:
    runner = BlockRunner(cache, "fp")
    for _ in range(2):
        with pytest.raises(ExecutionError):
            runner.run("raise ValueError('no')")
    assert runner.stats.executed == 2
