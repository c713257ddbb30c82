"""Build time and page weight of the bilingual site, measured side by side in one run.

    python benchmarks/bench_build.py

Builds a throw-away copy of the project three times with one block cache:
cold (empty cache), warm (nothing changed), and after a prose-only edit of one page;
prints the times, the ratio of each to cold, the blocks run and figures rendered per build,
and the weight of every lesson page (its HTML plus the images it embeds).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from sitecheck import LESSON_PAGES, build_site, copy_project, page_weight  # noqa: E402

KB = 1024
TARGETS = {"cold": "<= 60 s", "warm": "<= 35 % of cold", "prose edit": "<= 35 % of cold"}


def _timed_build(project: Path, site: Path, cache: Path, report: Path) -> tuple[float, dict]:
    os.environ["GDCORE_BUILD_REPORT"] = str(report)
    start = time.perf_counter()
    build = build_site(site, cache=cache, config=project / "mkdocs.yml")
    seconds = time.perf_counter() - start
    if build.returncode != 0:
        raise SystemExit(f"build failed:\n{build.log[-3000:]}")
    return seconds, json.loads(report.read_text())


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        project = copy_project(work / "project")
        cache = work / "cache"
        rows = []
        cold, stats = _timed_build(project, work / "site-cold", cache, work / "r.json")
        rows.append(("cold", cold, stats))
        warm, stats = _timed_build(project, work / "site-warm", cache, work / "r.json")
        rows.append(("warm", warm, stats))
        page = project / "docs" / "vi" / "derivative.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nMột câu văn mới.\n", "utf-8")
        edit, stats = _timed_build(project, work / "site-edit", cache, work / "r.json")
        rows.append(("prose edit", edit, stats))

        print(
            f"{'build':<12}{'seconds':>9}{'× cold':>9}{'blocks run':>12}{'from cache':>12}"
            f"{'figures':>9}   target"
        )
        for name, seconds, s in rows:
            print(
                f"{name:<12}{seconds:>9.1f}{seconds / cold:>9.2f}{s['executed']:>12}"
                f"{s['cached']:>12}{s['figures']:>9}   {TARGETS[name]}"
            )

        site = work / "site-cold"
        print(f"\n{'page':<28}{'KB':>8}   (HTML + embedded images; target <= 400 KB)")
        for prefix in ("", "en/"):
            for name in LESSON_PAGES:
                weight = page_weight(site, site / prefix / name / "index.html")
                print(f"{'/' + prefix + name + '/':<28}{weight / KB:>8.0f}")
        total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        print(f"{'whole site':<28}{total / KB:>8.0f}   (target <= 15360 KB)")


if __name__ == "__main__":
    main()
