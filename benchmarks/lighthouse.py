"""Lighthouse scores of the built site, page by page, against the project's targets.

Builds the site (``mkdocs build --strict``; or reuses ``--site DIR`` / ``GDCORE_SITE_DIR``),
serves it on 127.0.0.1 under the path of ``site_url`` (as it is published), and runs
Lighthouse 12.2.3 from ``node_modules`` (``npm ci``) with Debian's ``chromium``: desktop
preset, categories performance, accessibility, best practices and SEO. Prints one row per
page, then the audits that cost points. Each page is run ``--runs`` times (3 by default) and
the run with the median performance score is reported, as Lighthouse's documentation advises
for a noisy machine; a page Lighthouse cannot load is reported and the others still run.

Usage::

    python benchmarks/lighthouse.py [--site DIR] [--runs N] [--check] [PATH ...]

``--check`` exits with status 1 when a score is below its target or a page failed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import browser_support as support  # noqa: E402
from sitecheck import build_site  # noqa: E402

PAGES = (
    "",
    "learning-rate/",
    "stochastic-gradient-descent/",
    "feature-scaling-and-adam/",
    "en/",
    "en/learning-rate/",
    "en/stochastic-gradient-descent/",
    "en/feature-scaling-and-adam/",
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 95, "best-practices": 95, "seo": 90}
HEADERS = {
    "performance": "perf",
    "accessibility": "a11y",
    "best-practices": "best-pr.",
    "seo": "SEO",
}


def run_lighthouse(url: str) -> dict:
    """One Lighthouse run on ``url``; returns the JSON report (Lighthouse's ``lhr``)."""
    chromium = support.chromium()
    if chromium is None:
        raise SystemExit("Debian's chromium is needed: apt-get install -y chromium")
    if not support.LIGHTHOUSE.exists():
        raise SystemExit("node_modules/.bin/lighthouse is missing: run npm ci")
    flags = " ".join(("--headless=new", *support.CHROMIUM_ARGS))
    command = [
        str(support.LIGHTHOUSE),
        url,
        "--preset=desktop",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--chrome-flags={flags}",
    ]
    env = dict(os.environ, CHROME_PATH=chromium)
    proc = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}:\n{proc.stderr[-3000:]}")
    report = json.loads(proc.stdout)
    error = report.get("runtimeError")
    if error:
        raise RuntimeError(f"lighthouse could not load {url}: {error.get('message', error)}")
    return report


def median_run(reports: list[dict]) -> dict:
    """The run whose performance score is the median of the runs (the lower middle one)."""
    ranked = sorted(reports, key=lambda r: r["categories"]["performance"]["score"] or 0)
    return ranked[(len(ranked) - 1) // 2]


def scores(report: dict) -> dict[str, int]:
    return {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}


#: The metrics behind the performance score, shown beside it: Lighthouse's audit ids and units.
METRICS = {
    "FCP s": ("first-contentful-paint", 1000),
    "LCP s": ("largest-contentful-paint", 1000),
    "TBT ms": ("total-blocking-time", 1),
    "CLS": ("cumulative-layout-shift", 1),
}


def metrics(report: dict) -> dict[str, str]:
    """FCP, LCP (seconds), TBT (ms) and CLS of a run, formatted for the table."""
    shown = {}
    for name, (audit, scale) in METRICS.items():
        value = report["audits"][audit].get("numericValue")
        if value is None:
            shown[name] = "-"
        elif name == "CLS":
            shown[name] = f"{value:.3f}"
        elif scale == 1:
            shown[name] = f"{value:.0f}"
        else:
            shown[name] = f"{value / scale:.1f}"
    return shown


def lost_points(report: dict) -> list[str]:
    """The weighted audits that did not pass, as "category: audit id (score)"."""
    lines = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            score = audit.get("score")
            if ref.get("weight", 0) > 0 and score is not None and score < 1:
                value = audit.get("displayValue", "")
                lines.append(f"{category}: {ref['id']} ({score:.2f}) {value}".rstrip())
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page (median reported)")
    parser.add_argument("--check", action="store_true", help="exit 1 below a target")
    parser.add_argument("paths", nargs="*", default=list(PAGES), help="pages, e.g. en/")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or support.prebuilt_site()
        if site is None:
            print("building the site (mkdocs build --strict) ...", flush=True)
            build = build_site(Path(tmp) / "site", cache=ROOT / ".cache" / "blocks")
            if build.returncode != 0:
                raise SystemExit(f"mkdocs build --strict failed:\n{build.log[-5000:]}")
            site = build.site
        results = {}
        failed = {}
        with support.serve(site) as base:
            for path in args.paths:
                print(f"lighthouse /{path} x{args.runs} ...", file=sys.stderr, flush=True)
                try:
                    runs = [run_lighthouse(base + path) for _ in range(args.runs)]
                except RuntimeError as error:
                    failed[path] = str(error).splitlines()[0]
                    continue
                report = median_run(runs)
                results[path] = (scores(report), lost_points(report), metrics(report))

    prefix = support.site_prefix()
    width = max(len(prefix + p) for p in args.paths) + 2
    browser = (
        subprocess.run(
            [str(support.chromium()), "--version"], capture_output=True, text=True, check=False
        )
        .stdout.split(" built")[0]
        .strip()
    )
    version = report["lighthouseVersion"] if results else "?"
    print(f"\nLighthouse {version}, desktop preset, {browser}, median of {args.runs} runs\n")
    header = (
        f"{'page':<{width}}"
        + "".join(f"{HEADERS[c]:>10}" for c in CATEGORIES)
        + "".join(f"{m:>8}" for m in METRICS)
    )
    print(header)
    print(f"{'target':<{width}}" + "".join(f"{'>= ' + str(TARGETS[c]):>10}" for c in CATEGORIES))
    print("-" * len(header))
    below = []
    for path, (score, _, shown) in results.items():
        cells = ""
        for c in CATEGORIES:
            mark = "" if score[c] >= TARGETS[c] else " !"
            if mark:
                below.append(f"/{path} {c} {score[c]} < {TARGETS[c]}")
            cells += f"{str(score[c]) + mark:>10}"
        cells += "".join(f"{shown[m]:>8}" for m in METRICS)
        print(f"{prefix + path:<{width}}" + cells)
    for path, error in failed.items():
        print(f"{prefix + path:<{width}}  failed: {error}")
    print()
    if failed:
        print(f"{len(failed)} page(s) failed")
    print("all scores meet their targets" if not below else "below target: " + "; ".join(below))
    for path, (_, lost, _) in results.items():
        if lost:
            print(f"\npoints lost on /{path}:")
            for line in lost:
                print(f"  {line}")
    return 1 if (args.check and (below or failed)) else 0


if __name__ == "__main__":
    raise SystemExit(main())
