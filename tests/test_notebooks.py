"""Jupyter notebooks: committed sources, practice pages, the site's wheel, packaging.

- the practice notebooks are sources (no outputs), the same in both languages but for words,
  and open with the install cell for the hosted wheel;
- the build renders them with outputs in both languages, runs no cell when warm, loads nothing
  from another host, and fails naming the notebook and the cell when a cell fails;
- every English notebook a reader can download runs in a fresh virtual environment that has
  only the site's wheel (and what the registry gives for it);
- ``python -m build`` makes an sdist and a wheel that pass ``twine check``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml
from sitecheck import (
    ROOT,
    Build,
    build_with_report,
    copy_project,
    external_requests,
    notebook_parity_problems,
    notebook_source_problems,
    notebooks,
    raw_latex,
)

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
WHEEL = f"gdcore-{VERSION}-py3-none-any.whl"


def _config() -> dict[str, object]:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return dict(yaml.load(text, Loader=yaml.BaseLoader))


SITE_URL = str(_config()["site_url"])
REPO_URL = str(_config()["repo_url"])
INSTALL = f"%pip install -q {SITE_URL.rstrip('/')}/downloads/{WHEEL}"
PRACTICE = sorted(notebooks(ROOT / "docs", "en"))


def _write(path: Path, notebook: dict[str, object]) -> None:
    path.write_text(json.dumps(notebook, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _copy_docs(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    return tmp_path / "docs"


# -- sources -----------------------------------------------------------------------------------
def test_there_is_a_practice_notebook_per_exercise_group() -> None:
    assert len(PRACTICE) >= 3
    assert all(name.startswith("practice/") for name in PRACTICE)


def test_committed_notebooks_are_sources_opening_with_the_install_cell() -> None:
    assert notebook_source_problems(ROOT / "docs", INSTALL) == []


def test_source_check_notices_outputs_and_counts(tmp_path: Path) -> None:
    docs = _copy_docs(tmp_path)
    path = docs / "en" / PRACTICE[0]
    notebook = json.loads(path.read_text(encoding="utf-8"))
    code = next(cell for cell in notebook["cells"][1:] if cell["cell_type"] == "code")
    code["execution_count"] = 1
    code["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["4\n"]}]
    _write(path, notebook)
    problems = notebook_source_problems(docs, INSTALL)
    assert any("has outputs" in p for p in problems)
    assert any("execution count" in p for p in problems)


def test_source_check_notices_a_missing_install_cell(tmp_path: Path) -> None:
    docs = _copy_docs(tmp_path)
    path = docs / "vi" / PRACTICE[-1]
    notebook = json.loads(path.read_text(encoding="utf-8"))
    del notebook["cells"][0]
    _write(path, notebook)
    assert any("install cell" in p for p in notebook_source_problems(docs, INSTALL))


def test_languages_have_the_same_notebooks_cells_and_code() -> None:
    assert notebook_parity_problems(ROOT / "docs") == []


def test_notebook_parity_notices_different_code(tmp_path: Path) -> None:
    docs = _copy_docs(tmp_path)
    path = docs / "en" / "practice" / "02-gradient-descent.ipynb"
    text = path.read_text(encoding="utf-8")
    assert "x, lr = 70.0, 0.1" in text
    path.write_text(text.replace("x, lr = 70.0, 0.1", "x, lr = 70.0, 0.2", 1), encoding="utf-8")
    assert any("runs different code" in p for p in notebook_parity_problems(docs))


def test_notebook_parity_notices_a_missing_twin(tmp_path: Path) -> None:
    docs = _copy_docs(tmp_path)
    (docs / "vi" / PRACTICE[0]).unlink()
    assert f"docs/en/{PRACTICE[0]} has no Vietnamese twin docs/vi/{PRACTICE[0]}" in (
        notebook_parity_problems(docs)
    )


def test_math_in_a_notebook_heading_is_refused() -> None:
    from sitebuild.notebooks.jupyter import markdown_math_to_mathml

    with pytest.raises(ValueError, match="heading"):
        markdown_math_to_mathml("## On $(3x + 1)^2$\n\ntext")
    assert "<math" in markdown_math_to_mathml("## On (3x + 1)²\n\ntext $x$")


# -- the built site ------------------------------------------------------------------------
@pytest.fixture(scope="session")
def site(cold: tuple[Build, dict[str, int]]) -> Path:
    build, _ = cold
    assert build.returncode == 0, build.log[-5000:]
    return build.site


def _page(site: Path, lang: str, name: str) -> Path:
    return site / ("" if lang == "vi" else "en/") / name.removesuffix(".ipynb") / "index.html"


@pytest.mark.build
def test_practice_notebooks_are_pages_with_outputs_in_both_languages(site: Path) -> None:
    for lang in ("vi", "en"):
        for name in PRACTICE:
            html = _page(site, lang, name).read_text(encoding="utf-8")
            assert 'class="jupyter-wrapper"' in html, f"{lang} {name} is not a rendered notebook"
            outputs = re.findall(r'class="[^"]*\bjp-OutputArea-output\b', html)
            assert outputs, f"{lang} {name} shows no output"
            assert "%pip install" not in html, "the install cell is not shown on the page"
            notebook = html.split('<div class="jupyter-wrapper">', 1)[1]
            text = re.sub(r"<(pre|code|script|style)\b.*?</\1>", "", notebook, flags=re.DOTALL)
            assert "<math" in text and "$" not in text, f"{lang} {name}: math left as LaTeX"


@pytest.mark.build
def test_notebook_outputs_are_computed_by_gdcore(site: Path) -> None:
    """The hand-checked answers print what gdcore computes (here: two steps of x ← 0.8 x)."""
    html = _page(site, "en", "practice/02-gradient-descent.ipynb").read_text(encoding="utf-8")
    x1, x2 = 70.0 - 0.1 * 2 * 70.0, 0.0
    x2 = x1 - 0.1 * 2 * x1
    assert f"x_1 = {x1:g},  f(x_1) = {x1**2:g}" in html
    assert f"x_2 = {x2:g},  f(x_2) = {x2**2:g}" in html


@pytest.mark.build
def test_nav_titles_are_translated_and_the_switcher_links_the_twin(site: Path) -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for name in PRACTICE:
        vi_title = re.search(rf"^\s+- (.+): {re.escape(name)}$", config, re.MULTILINE)
        assert vi_title, f"{name} is not in the nav"
        en_title = re.search(rf"^\s+{re.escape(vi_title.group(1))}: (.+)$", config, re.MULTILINE)
        assert en_title, f"{vi_title.group(1)!r} has no English nav title"
        vi_html = _page(site, "vi", name).read_text(encoding="utf-8")
        en_html = _page(site, "en", name).read_text(encoding="utf-8")
        assert f"<title>{vi_title.group(1)} - " in vi_html
        assert f"<title>{en_title.group(1)} - " in en_html
        stem = name.removesuffix(".ipynb")
        assert f'href="../../en/{stem}/" hreflang="en"' in vi_html
        assert f'href="../../../{stem}/" hreflang="vi"' in en_html


@pytest.mark.build
def test_the_sitemap_lists_the_notebook_pages(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for name in PRACTICE:
        stem = name.removesuffix(".ipynb")
        assert f"<loc>{SITE_URL}{stem}/</loc>" in sitemap
        assert f'hreflang="en" href="{SITE_URL}en/{stem}/"' in sitemap


@pytest.mark.build
def test_notebook_pages_offer_the_source_and_a_colab_link(site: Path) -> None:
    repo = REPO_URL.removeprefix("https://github.com/").strip("/")
    for lang in ("vi", "en"):
        for name in PRACTICE:
            html = _page(site, lang, name).read_text(encoding="utf-8")
            filename = name.rsplit("/", 1)[-1]
            assert f'href="{filename}" download' in html
            served = _page(site, lang, name).parent / filename
            assert served.read_bytes() == (ROOT / "docs" / lang / name).read_bytes()
            colab = f"https://colab.research.google.com/github/{repo}/blob/main/docs/{lang}/{name}"
            assert f'href="{colab}"' in html


@pytest.mark.build
def test_notebook_pages_load_nothing_from_another_host(site: Path) -> None:
    assert external_requests(site) == []
    assert raw_latex(site) == []
    for lang in ("vi", "en"):
        for name in PRACTICE:
            html = _page(site, lang, name).read_text(encoding="utf-8")
            for needle in ("cdnjs", "import(", "mathjax", "MathJax", 'src=""'):
                assert needle not in html, f"{lang} {name}: {needle}"


@pytest.mark.build
def test_notebook_pages_share_one_stylesheet(site: Path) -> None:
    html = _page(site, "en", PRACTICE[0]).read_text(encoding="utf-8")
    assert "<style" not in html.split('<div class="jupyter-wrapper">', 1)[1]
    # JupyterLab's rules that the pages can use (what the cut keeps: test_browser.py)
    assert 10_000 < (site / "assets" / "gdcore" / "jupyterlab.css").stat().st_size < 100_000
    assert html.count("assets/gdcore/jupyterlab.css") == 1


@pytest.mark.build
def test_a_warm_build_runs_no_notebook_cell(
    cold: tuple[Build, dict[str, int]], warm: tuple[Build, dict[str, int]]
) -> None:
    (_, cold_stats), (warm_build, warm_stats) = cold, warm
    assert warm_build.returncode == 0, warm_build.log[-3000:]
    assert cold_stats["notebooks_run"] == 2 * len(PRACTICE)
    assert cold_stats["notebook_cells_run"] > 0
    assert warm_stats["notebook_cells_run"] == 0
    assert warm_stats["notebooks_run"] == 0
    assert warm_stats["notebooks_cached"] == 2 * len(PRACTICE)


@pytest.mark.build
def test_a_failing_cell_fails_the_build_and_names_notebook_and_cell(workdir: Path) -> None:
    copy = copy_project(workdir / "copies" / "failing-cell")
    path = copy / "docs" / "en" / "practice" / "01-derivatives.ipynb"
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["cells"].append(
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "on-purpose",
            "metadata": {},
            "outputs": [],
            "source": ["raise ZeroDivisionError('on purpose')"],
        }
    )
    _write(path, notebook)
    build, _ = build_with_report(
        workdir, "failing-cell-site", cache=workdir / "cache", config=copy / "mkdocs.yml"
    )
    assert build.returncode != 0
    number = len(notebook["cells"])
    assert f"docs/en/practice/01-derivatives.ipynb: cell {number} failed" in build.log
    assert "ZeroDivisionError: on purpose" in build.log


# -- the wheel and the downloadable notebooks ---------------------------------------------------
@pytest.mark.build
def test_the_site_ships_the_wheel_with_the_catalogs(site: Path) -> None:
    wheel = site / "downloads" / WHEEL
    names = zipfile.ZipFile(wheel).namelist()
    assert "gdcore/locale/vi/LC_MESSAGES/gdcore.po" in names
    assert "gdcore/locale/en/LC_MESSAGES/gdcore.po" in names
    assert "gdcore/plots/__init__.py" in names
    assert not any(name.startswith(("sitebuild/", "tests/", "docs/")) for name in names)


def _downloadable_english_notebooks(site: Path) -> list[Path]:
    found = sorted((site / "en").rglob("*.ipynb"))
    assert len(found) >= len(PRACTICE) + 6
    return found


@pytest.fixture(scope="session")
def wheel_venv(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the site's wheel (its dependencies from the registry)
    and a Jupyter kernel; nothing from this checkout."""
    venv = tmp_path_factory.mktemp("wheel-venv") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    for command in (
        ["-m", "pip", "install", "--quiet", str(site / "downloads" / WHEEL), "ipykernel"],
        ["-m", "ipykernel", "install", "--prefix", str(venv), "--name", "gdcore-wheel"],
    ):
        proc = subprocess.run(
            [str(python), *command], env=env, capture_output=True, text=True, check=False
        )
        assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return venv


@pytest.mark.build
def test_the_installed_wheel_speaks_both_languages(wheel_venv: Path, tmp_path: Path) -> None:
    code = "import gdcore.i18n as i; print(i.__file__); print(i.translate('converged', 'vi'))"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run(
        [str(wheel_venv / "bin" / "python"), "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    where, text = proc.stdout.splitlines()
    assert str(wheel_venv) in where
    assert text == "đã hội tụ"


@pytest.mark.build
def test_downloadable_english_notebooks_run_from_the_wheel(
    site: Path, wheel_venv: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every English notebook a reader can download runs in the fresh environment, in order,
    with its install cell skipped (that cell would fetch the wheel from the hosted site)."""
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.setenv("JUPYTER_PATH", str(wheel_venv / "share" / "jupyter"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["MPLBACKEND"] = "Agg"
    for path in _downloadable_english_notebooks(site):
        notebook = nbformat.read(path, as_version=4)
        first = notebook.cells[0]
        assert "gdcore-install" in first.metadata.get("tags", []), path
        assert first.source.startswith(f"%pip install -q {SITE_URL}downloads/{WHEEL}"), path
        notebook.cells = notebook.cells[1:]
        client = NotebookClient(
            notebook,
            kernel_name="gdcore-wheel",
            timeout=600,
            allow_errors=False,
            resources={"metadata": {"path": str(tmp_path)}},
        )
        client.execute(env=env)


# -- packaging ----------------------------------------------------------------------------------
def test_the_package_and_pyproject_agree_on_the_version() -> None:
    text = (ROOT / "gdcore" / "__init__.py").read_text(encoding="utf-8")
    assert f'__version__ = "{VERSION}"' in text


def test_python_m_build_makes_an_sdist_and_a_wheel_that_pass_twine_check(tmp_path: Path) -> None:
    """What the release workflow does, on a copy of the project (the checkout stays clean);
    ``--no-isolation`` uses the locked setuptools instead of fetching one."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(
        ROOT / "gdcore", project / "gdcore", ignore=shutil.ignore_patterns("__pycache__")
    )
    dist = tmp_path / "dist"
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(project)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    built = sorted(p.name for p in dist.iterdir())
    assert built == [WHEEL, f"gdcore-{VERSION}.tar.gz"]
    check = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, sorted(dist.iterdir()))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count("PASSED") == 2
    with tarfile.open(dist / f"gdcore-{VERSION}.tar.gz") as sdist:
        names = sdist.getnames()
    assert f"gdcore-{VERSION}/gdcore/locale/vi/LC_MESSAGES/gdcore.po" in names
