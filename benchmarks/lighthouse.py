"""Lighthouse scores of the built site, page by page, against the project's targets.

Builds the site (``mkdocs build --strict``; or reuses ``--site DIR`` / ``GDCORE_SITE_DIR``),
serves it on 127.0.0.1 under the path of ``site_url`` (as it is published), and runs
Lighthouse 12.2.3 from ``node_modules`` (``npm ci``) with Debian's ``chromium``: desktop
preset, categories performance, accessibility, best practices and SEO. Prints one row per
page, then the audits that cost points.

Usage::

    python benchmarks/lighthouse.py [--site DIR] [--check] [PATH ...]

``--check`` exits with status 1 when a score is below its target.
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

PAGES = ("", "learning-rate/", "en/", "en/learning-rate/")
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
    return json.loads(proc.stdout)


def scores(report: dict) -> dict[str, int]:
    return {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}


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
    parser.add_argument("--check", action="store_true", help="exit 1 below a target")
    parser.add_argument("paths", nargs="*", default=list(PAGES), help="pages, e.g. en/")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or support.prebuilt_site()
        if site is None:
            print("building the site (mkdocs build --strict) ...", flush=True)
            build = build_site(Path(tmp) / "site", cache=ROOT / ".cache" / "blocks")
            if build.returncode != 0:
                raise SystemExit(f"mkdocs build --strict failed:\n{build.log[-5000:]}")
            site = build.site
        results = {}
        with support.serve(site) as base:
            for path in args.paths:
                print(f"lighthouse /{path} ...", file=sys.stderr, flush=True)
                report = run_lighthouse(base + path)
                results[path] = (scores(report), lost_points(report))

    prefix = support.site_prefix()
    width = max(len(prefix + p) for p in results) + 2
    browser = (
        subprocess.run(
            [str(support.chromium()), "--version"], capture_output=True, text=True, check=False
        )
        .stdout.split(" built")[0]
        .strip()
    )
    print(f"\nLighthouse {report['lighthouseVersion']}, desktop preset, {browser}\n")
    header = f"{'page':<{width}}" + "".join(f"{HEADERS[c]:>10}" for c in CATEGORIES)
    print(header)
    print(f"{'target':<{width}}" + "".join(f"{'>= ' + str(TARGETS[c]):>10}" for c in CATEGORIES))
    print("-" * len(header))
    below = []
    for path, (score, _) in results.items():
        cells = ""
        for c in CATEGORIES:
            mark = "" if score[c] >= TARGETS[c] else " !"
            if mark:
                below.append(f"/{path} {c} {score[c]} < {TARGETS[c]}")
            cells += f"{str(score[c]) + mark:>10}"
        print(f"{prefix + path:<{width}}" + cells)
    print()
    print("all scores meet their targets" if not below else "below target: " + "; ".join(below))
    for path, (_, lost) in results.items():
        if lost:
            print(f"\npoints lost on /{path}:")
            for line in lost:
                print(f"  {line}")
    return 1 if (args.check and below) else 0


if __name__ == "__main__":
    raise SystemExit(main())
