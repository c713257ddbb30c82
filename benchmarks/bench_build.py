"""Build time, the author's loop under ``mkdocs serve``, and page weight, side by side in one run.

    python benchmarks/bench_build.py            # builds, then mkdocs serve
    python benchmarks/bench_build.py --serve    # mkdocs serve only

Builds a throw-away copy of the project three times with one block cache:
cold (empty cache), warm (nothing changed), and after a prose-only edit of one page;
prints the times, the ratio of each to cold, the blocks run and figures rendered per build,
and the weight of every lesson page (its HTML plus the images it embeds).

Then the author's loop: ``mkdocs serve --livereload`` on another fresh copy with an empty
cache. The cold start runs from launching the server to the first page served; then three
saved edits, each timed from the save until the served page shows it (the page is polled;
the server holds requests while it rebuilds, so what is fetched is the finished rebuild):
a prose line on a Vietnamese page, one block's code (its new output is looked for), and a
prose line on the English twin. Each is printed with its share of the cold start.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from servecheck import edit, main_text, replace_once, serve  # noqa: E402
from sitecheck import LESSON_PAGES, build_site, copy_project, page_weight  # noqa: E402

KB = 1024
TARGETS = {"cold": "<= 60 s", "warm": "<= 35 % of cold", "prose edit": "<= 35 % of cold"}
SERVE_TARGET = "<= 15 % of cold start"
#: A block of the Vietnamese derivative page; the benchmark adds a line to its code.
BLOCK_LINE = "point = np.array([6.0, 9.0])"


def _timed_build(project: Path, site: Path, cache: Path, report: Path) -> tuple[float, dict]:
    os.environ["GDCORE_BUILD_REPORT"] = str(report)
    start = time.perf_counter()
    build = build_site(site, cache=cache, config=project / "mkdocs.yml")
    seconds = time.perf_counter() - start
    if build.returncode != 0:
        raise SystemExit(f"build failed:\n{build.log[-3000:]}")
    return seconds, json.loads(report.read_text())


def measure_serve(work: Path) -> list[tuple[str, float]]:
    """Cold start of ``mkdocs serve`` on a fresh copy, then the latency of three edits."""
    project = copy_project(work / "serve-project")
    token = 7_000_000 + int(time.time()) % 1_000_000  # the block's new output: 6 × token
    vi, en = project / "docs" / "vi" / "derivative.md", project / "docs" / "en" / "derivative.md"
    edits = [
        ("prose edit (vi page)", vi, "derivative/", f"Một câu văn mới số {token}."),
        ("block code edit", vi, "derivative/", str(6 * token)),
        ("English twin edit", en, "en/derivative/", f"A new sentence number {token}."),
    ]
    changes = [
        lambda text: text + f"\n{edits[0][3]}\n",
        replace_once(BLOCK_LINE, f"{BLOCK_LINE}\nprint(6 * {token})"),
        lambda text: text + f"\n{edits[2][3]}\n",
    ]
    rows = []
    with serve(project, work / "serve-cache") as served:
        rows.append(("cold start", time.perf_counter() - served.started))
        served.wait_until_idle(timeout=60)
        time.sleep(1.0)  # let the file watcher take its first look at the tree
        for (name, path, page, marker), change in zip(edits, changes, strict=True):
            saved = time.perf_counter()
            edit(path, change)
            shown = served.wait_for(page, lambda html, m=marker: m in main_text(html), timeout=600)
            rows.append((name, shown - saved))
            served.wait_until_idle(timeout=120)
    return rows


def print_serve(rows: list[tuple[str, float]]) -> None:
    cold = rows[0][1]
    print(f"\n{'mkdocs serve':<24}{'seconds':>9}{'× cold start':>14}   target")
    for name, seconds in rows:
        target = "" if name == "cold start" else SERVE_TARGET
        print(f"{name:<24}{seconds:>9.1f}{seconds / cold:>14.2f}   {target}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serve", action="store_true", help="measure mkdocs serve only")
    args = parser.parse_args(argv)
    if args.serve:
        with tempfile.TemporaryDirectory() as tmp:
            print_serve(measure_serve(Path(tmp)))
        return
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
        names = [f"/{prefix}{name}/" for prefix in ("", "en/") for name in LESSON_PAGES]
        width = max(len(n) for n in names) + 2
        print(f"\n{'page':<{width}}{'KB':>8}   (HTML + embedded images; target <= 400 KB)")
        for name in names:
            weight = page_weight(site, site / name.strip("/") / "index.html")
            print(f"{name:<{width}}{weight / KB:>8.0f}")
        total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        print(f"{'whole site':<{width}}{total / KB:>8.0f}   (target <= 15360 KB)")

        print_serve(measure_serve(work))


if __name__ == "__main__":
    main()
