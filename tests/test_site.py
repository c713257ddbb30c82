"""The built site: strict, complete in both languages, cached, reproducible, offline, linked."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sitecheck import (
    LESSON_PAGES,
    ROOT,
    Build,
    broken_anchors,
    build_with_report,
    copy_project,
    external_requests,
    front_matter_problems,
    page_weight,
    pages,
    parity_problems,
    raw_latex,
    serve,
    site_prefix,
    tree_digest,
)

pytestmark = pytest.mark.build

KB = 1024


@pytest.fixture(scope="session")
def site(cold: tuple[Build, dict[str, int]]) -> Path:
    build, _ = cold
    assert build.returncode == 0, build.log[-5000:]
    return build.site


@pytest.fixture(scope="session")
def docs_copy(workdir: Path) -> Iterator[Callable[[str], Path]]:
    """Copies of the project (docs, config, machinery) to break on purpose."""

    def make(name: str) -> Path:
        return copy_project(workdir / "copies" / name)

    yield make


def test_strict_build_passes_with_zero_warnings(cold: tuple[Build, dict[str, int]]) -> None:
    build, _ = cold
    assert build.returncode == 0, build.log[-5000:]
    assert build.warnings == []


def test_every_page_is_built_in_both_languages(site: Path) -> None:
    for page in sorted(pages(ROOT / "docs", "vi") | pages(ROOT / "docs", "en")):
        stem = page.removesuffix(".md").removesuffix("index").rstrip("/")
        for prefix in ("", "en/"):
            html = site / prefix / stem / "index.html"
            assert html.is_file(), f"{page} was not built at {prefix}{stem}/"


def test_languages_have_the_same_pages_headings_and_code() -> None:
    assert parity_problems(ROOT / "docs") == []


def test_every_page_has_valid_front_matter_with_a_description() -> None:
    assert front_matter_problems(ROOT / "docs") == []


def test_front_matter_check_notices_invalid_yaml(docs_copy: Callable[[str], Path]) -> None:
    copy = docs_copy("bad-front-matter")
    page = copy / "docs" / "en" / "summary.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("description:", "description: a: b:", 1), encoding="utf-8")
    assert any(
        "summary.md: invalid front matter" in p for p in front_matter_problems(copy / "docs")
    )


def test_parity_notices_a_missing_english_page(docs_copy: Callable[[str], Path]) -> None:
    copy = docs_copy("missing-page")
    (copy / "docs" / "en" / "summary.md").unlink()
    assert parity_problems(copy / "docs") == [
        "docs/vi/summary.md has no English twin docs/en/summary.md"
    ]


def test_parity_notices_different_logic(docs_copy: Callable[[str], Path]) -> None:
    copy = docs_copy("different-logic")
    page = copy / "docs" / "en" / "gradient-descent.md"
    text = page.read_text(encoding="utf-8")
    assert "lr=0.1" in text
    page.write_text(text.replace("lr=0.1", "lr=0.2", 1), encoding="utf-8")
    assert any("runs different code" in p for p in parity_problems(copy / "docs"))


def test_warm_build_runs_no_block_and_renders_no_figure(
    cold: tuple[Build, dict[str, int]], warm: tuple[Build, dict[str, int]]
) -> None:
    (_cold_build, cold_stats), (warm_build, warm_stats) = cold, warm
    assert warm_build.returncode == 0, warm_build.log[-3000:]
    assert cold_stats["executed"] > 0 and cold_stats["figures"] > 0
    assert warm_stats["executed"] == 0
    assert warm_stats["figures"] == 0
    assert warm_stats["cached"] == cold_stats["executed"] + cold_stats["cached"]


def test_a_prose_only_edit_runs_no_block(
    cold: tuple[Build, dict[str, int]], docs_copy: Callable[[str], Path], workdir: Path
) -> None:
    copy = docs_copy("prose-edit")
    page = copy / "docs" / "vi" / "derivative.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMột câu văn mới.\n", encoding="utf-8")
    build, stats = build_with_report(
        workdir, "prose-edit-site", cache=workdir / "cache", config=copy / "mkdocs.yml"
    )
    assert build.returncode == 0, build.log[-3000:]
    assert (stats["executed"], stats["figures"]) == (0, 0)
    assert "Một câu văn mới." in (build.site / "derivative" / "index.html").read_text("utf-8")


def test_languages_share_language_neutral_blocks(cold: tuple[Build, dict[str, int]]) -> None:
    _, stats = cold
    assert stats["cached"] > 0, "identical blocks in vi and en should run once"


def test_warm_build_is_identical_to_cold_build(
    cold: tuple[Build, dict[str, int]], warm: tuple[Build, dict[str, int]]
) -> None:
    assert tree_digest(warm[0].site) == tree_digest(cold[0].site)


def test_two_clean_builds_are_byte_identical(site: Path, workdir: Path) -> None:
    again, _ = build_with_report(workdir, "clean", cache=None)
    assert again.returncode == 0, again.log[-3000:]
    first, second = tree_digest(site), tree_digest(again.site)
    assert sorted(first) == sorted(second)
    differ = sorted(name for name in first if first[name] != second[name])
    assert differ == [], differ


def test_a_failing_block_fails_the_build_and_names_the_page(
    docs_copy: Callable[[str], Path], workdir: Path
) -> None:
    copy = docs_copy("failing-block")
    page = copy / "docs" / "en" / "derivative.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + '\n```python exec="on"\nraise ZeroDivisionError("on purpose")\n```\n',
        encoding="utf-8",
    )
    build, _ = build_with_report(
        workdir, "failing-block-site", cache=workdir / "cache", config=copy / "mkdocs.yml"
    )
    assert build.returncode != 0
    assert "docs/en/derivative.md" in build.log
    assert "ZeroDivisionError" in build.log


def test_a_broken_anchor_fails_the_build(docs_copy: Callable[[str], Path], workdir: Path) -> None:
    copy = docs_copy("broken-anchor")
    page = copy / "docs" / "en" / "summary.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nSee [nowhere](derivative.md#no-such-section).\n",
        encoding="utf-8",
    )
    build, _ = build_with_report(
        workdir, "broken-anchor-site", cache=workdir / "cache", config=copy / "mkdocs.yml"
    )
    assert build.returncode != 0
    assert "no-such-section" in build.log


def test_no_page_loads_anything_from_another_host(site: Path) -> None:
    assert external_requests(site) == []


def test_all_math_is_converted_to_mathml(site: Path) -> None:
    assert raw_latex(site) == []
    assert "<math" in (site / "gradient-descent" / "index.html").read_text(encoding="utf-8")


def test_pages_preload_the_fonts_of_their_first_screen(site: Path) -> None:
    """Every page asks, with its stylesheet, for the faces its first screen draws with: Roboto
    Light (headings), Regular (text) and Bold (the site's name above the navigation, strong
    words), in Latin and, for Vietnamese pages, Vietnamese; and a page that draws a formula
    for the math font. A face fetched only when the first layout met it came after the first
    paint, and the page moved when it swapped in (formulas changed height, the site's name went
    from two lines to one). A page without a formula does not fetch the math font for nothing."""
    sheet = (site / "assets" / "gdcore" / "site.css").read_text(encoding="utf-8")
    math = re.search(r'font-family: "Noto Sans Math";[^}]*url\("\.\./fonts/([^"]+)"\)', sheet)
    assert math, "site.css declares no Noto Sans Math face"
    declared = set(re.findall(r'url\("\.\./fonts/([^"]+)"\)', sheet))
    roboto = {f"roboto-latin-{weight}-normal.woff2" for weight in (300, 400, 700)}
    prefix = site_prefix()
    wrong, with_math = [], 0
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        head, body = text[: text.index("<body")], text[text.index("<body") :]
        name = page.relative_to(site).as_posix()
        preloaded = set()
        for tag in re.findall(r"<link\b[^>]*>", head):
            if 'rel="preload"' not in tag or 'as="font"' not in tag:
                continue
            href = re.search(r'href="([^"]+)"', tag).group(1)
            base = page.parent
            if href.startswith(prefix):  # the 404 pages link from the site's root
                base, href = site, href[len(prefix) :]
            target = (base / href).resolve()
            if "crossorigin" not in tag or target.parent != (site / "assets" / "fonts").resolve():
                wrong.append(f"{name}: {tag}")
            elif not target.is_file() or target.name not in declared:
                wrong.append(f"{name}: preloads {target.name}, which no @font-face uses")
            preloaded.add(target.name)
        lang = re.search(r'<html lang="([^"]+)"', text).group(1)
        need = roboto | (
            {n.replace("latin", "vietnamese") for n in roboto} if lang == "vi" else set()
        )
        if "<math" in body:
            with_math += 1
            need.add(math.group(1))
        if preloaded != need:
            wrong.append(f"{name}: preloads {sorted(preloaded)}, needs {sorted(need)}")
    assert with_math >= 2 * len(LESSON_PAGES)
    assert wrong == [], wrong[:10]


def test_every_page_is_light(site: Path) -> None:
    """Every built page, lessons, API, notebooks and 404 alike, in both languages: ≤ 400 KB."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 2 * len(LESSON_PAGES)
    heavy = {}
    for page in pages:
        weight = page_weight(site, page)
        if weight > 400 * KB:
            heavy[page.relative_to(site).as_posix()] = weight // KB
    assert heavy == {}
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    assert total <= 15 * 1024 * KB


def test_every_lesson_page_links_its_notebook(site: Path) -> None:
    """Each lesson page offers its notebook; the notebook opens with the install cell.

    (tests/test_notebooks.py runs every English notebook against the site's wheel.)
    """
    for prefix in ("", "en/"):
        for name in LESSON_PAGES:
            html = (site / prefix / name / "index.html").read_text(encoding="utf-8")
            notebook = f"gdcore-{name}.ipynb"
            assert f'href="{notebook}"' in html, f"{prefix}{name} does not link its notebook"
            cells = json.loads((site / prefix / name / notebook).read_text("utf-8"))["cells"]
            assert "gdcore-install" in cells[0]["metadata"]["tags"]
            assert "".join(cells[0]["source"]).startswith("%pip install -q https://")
            assert any(cell["cell_type"] == "code" for cell in cells[1:])


@pytest.fixture(scope="session")
def served(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


def test_every_internal_link_and_anchor_resolves(served: str, workdir: Path) -> None:
    """LinkChecker crawls the served site (both languages), offline: every page exists."""
    config = workdir / "linkcheckerrc"
    config.write_text(
        "[checking]\nmaxrequestspersecond=200\n[filtering]\nignore=\n  ^data:\n  ^mailto:\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "linkcheck",
            "--config",
            str(config),
            "--no-status",
            "--no-warnings",
            "--threads",
            "8",
            served,
            served + "en/",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]


def test_every_anchor_resolves(site: Path) -> None:
    assert broken_anchors(site, site_prefix()) == []


def test_anchor_check_notices_a_missing_id(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/#here">ok</a><a href="a/#gone">broken</a><a href="#top">self</a>'
        '<p id="top"></p>',
        encoding="utf-8",
    )
    assert broken_anchors(tmp_path) == ["index.html: <a href=a/#gone>"]
