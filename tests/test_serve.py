"""The author's loop: under ``mkdocs serve`` every save reaches the page, and nothing is stale.

One server runs on a throw-away copy of the project (on a free port) for the whole module; the
tests edit its files one after the other and poll the served pages until the edit shows (a
generous timeout: these are correctness tests, not timings). The copy starts from the session's
block cache, so only what an edit touches is run.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from servecheck import Served, edit, main_text, replace_once, serve
from sitecheck import Build, copy_project

pytestmark = pytest.mark.build

TIMEOUT = 900.0  # seconds; an edit to gdcore re-runs every block of the site
TOKEN = 7_000_000 + int(time.time()) % 1_000_000
BLOCK_LINE = "point = np.array([6.0, 9.0])"
DOCSTRING = '"""The derivative $f\'(x)$ of a function of one number, by finite differences.'


@pytest.fixture(scope="module")
def server(cold: tuple[Build, dict[str, int]], workdir: Path) -> Iterator[Served]:
    build, _ = cold
    assert build.returncode == 0, build.log[-3000:]
    project = copy_project(workdir / "serve-project")
    cache = workdir / "serve-cache"
    shutil.copytree(workdir / "cache", cache)
    with serve(project, cache) as served:
        served.wait_until_idle(timeout=TIMEOUT)
        time.sleep(1.0)  # the file watcher's first look at the tree
        yield served


def _shows(served: Served, path: str, *texts: str, absent: tuple[str, ...] = ()) -> None:
    """Poll ``path`` until its article has every text and none of ``absent``; then re-check
    once the server is idle (a later rebuild must not bring an older version back)."""

    def ok(page: str) -> bool:
        article = main_text(page)
        return all(t in article for t in texts) and not any(a in article for a in absent)

    served.wait_for(path, ok, timeout=TIMEOUT)
    served.wait_until_idle(timeout=TIMEOUT)
    page = served.page(path)
    assert page is not None and ok(page), f"{path}: stale after the rebuilds settled"


def _article(served: Served, path: str) -> str:
    page = served.page(path)
    assert page is not None, path
    # The notebook link and livereload script carry nothing the author wrote.
    return re.sub(r"livereload\(\d+, \d+\)", "", main_text(page))


def test_a_prose_edit_shows_and_leaves_the_other_pages_alone(server: Served) -> None:
    before = {p: _article(server, p) for p in ("en/derivative/", "api/", "learning-rate/")}
    sentence = f"Một câu văn mới số {TOKEN}."
    edit(server.project / "docs/vi/derivative.md", lambda t: t + f"\n{sentence}\n")
    _shows(server, "derivative/", sentence)
    after = {p: _article(server, p) for p in before}
    assert after == before
    index = server.page("search/search_index.json")
    assert index is not None
    assert any(sentence in doc["text"] for doc in json.loads(index)["docs"])


def test_two_quick_saves_show_the_last_one(server: Served) -> None:
    page = server.project / "docs/vi/learning-rate.md"
    first, last = f"Lần lưu thứ nhất {TOKEN}.", f"Lần lưu thứ hai {TOKEN}."
    edit(page, lambda t: t + f"\n{first}\n")
    time.sleep(0.3)  # inside the server's rebuild of the first save, or just before it
    edit(page, replace_once(first, last))
    _shows(server, "learning-rate/", last, absent=(first,))


def test_a_block_edit_runs_the_block_and_drops_its_old_output(server: Served) -> None:
    page = server.project / "docs/vi/derivative.md"
    edit(page, replace_once(BLOCK_LINE, f"{BLOCK_LINE}\nprint(6 * {TOKEN})"))
    _shows(server, "derivative/", str(6 * TOKEN))
    edit(page, replace_once(f"print(6 * {TOKEN})", f"print(7 * {TOKEN})"))
    _shows(server, "derivative/", str(7 * TOKEN), absent=(str(6 * TOKEN),))


def test_an_english_edit_shows_on_the_english_page_only(server: Served) -> None:
    sentence = f"A new English sentence {TOKEN}."
    edit(server.project / "docs/en/derivative.md", lambda t: t + f"\n{sentence}\n")
    _shows(server, "en/derivative/", sentence)
    assert sentence not in _article(server, "derivative/")


def test_a_gdcore_edit_reaches_both_api_pages_and_the_output_of_an_unchanged_page(
    server: Served,
) -> None:
    # One save to gdcore changes a docstring (the API pages) and a value a block prints.
    page = server.project / "docs/en/learning-rate.md"
    edit(
        page,
        lambda t: (
            t + '\n```python exec="on"\nimport gdcore as gd\n'
            'print(getattr(gd.calculus, "SERVE_PROBE", "no probe yet"))\n```\n'
        ),
    )
    _shows(server, "en/learning-rate/", "no probe yet")
    probe = f"(docstring probe {TOKEN})"
    edit(
        server.project / "gdcore/calculus.py",
        lambda t: (
            replace_once(DOCSTRING, DOCSTRING.replace("differences.", f"differences {probe}."))(t)
            + f'\nSERVE_PROBE = "probe {TOKEN}"\n'
        ),
    )
    _shows(server, "en/learning-rate/", f"probe {TOKEN}", absent=("no probe yet",))
    _shows(server, "api/", probe)
    _shows(server, "en/api/", probe)
    # Every page was re-rendered with the new gdcore, and earlier edits are all still there.
    _shows(server, "derivative/", f"Một câu văn mới số {TOKEN}.", str(7 * TOKEN))
    _shows(server, "en/derivative/", f"A new English sentence {TOKEN}.")


def test_a_sitebuild_edit_re_renders_every_page(server: Served) -> None:
    # Two saves, one right after the other: a template and a module of the machinery.
    log_size = len(server.tail(10**9))
    edit(server.project / "sitebuild/render/embed.py", lambda t: t + "\n# an edit to sitebuild\n")
    template = server.project / "sitebuild/theme/overrides/main.html"
    marker = f"<!-- template probe {TOKEN} -->"
    edit(template, replace_once("{% block content %}", "{% block content %}\n  " + marker))
    for path in ("", "derivative/", "api/", "en/", "en/chain-rule/", "en/api/"):
        _shows(server, path, marker)
    counts = re.findall(
        r"(\d+) pages rendered, (\d+) from the page cache", server.tail(10**9)[log_size:]
    )
    # Both languages re-rendered every page: nothing came from the page cache.
    assert len(counts) >= 2 and all(cached == "0" and int(n) > 5 for n, cached in counts[-2:]), (
        counts
    )
