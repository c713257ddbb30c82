"""Build gdcore's wheel for the site (``downloads/``), so notebooks can ``%pip install`` it.

The wheel is built from a copy of the package's sources (nothing is written into the checkout)
with ``python -m build --wheel --no-isolation`` (offline: setuptools comes from the lock file),
with ``SOURCE_DATE_EPOCH`` fixed so two builds give the same bytes, and cached by a hash of
what goes into it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from importlib.metadata import version as installed_version
from pathlib import Path

from sitebuild.notebooks.jupyter import wheel_filename

ROOT = Path(__file__).resolve().parents[2]

#: What the wheel is made of (the sdist adds nothing the wheel needs).
WHEEL_SOURCES = ("pyproject.toml", "README.md", "gdcore")

#: The zip timestamps when ``SOURCE_DATE_EPOCH`` is not set (1980-01-01, the zip epoch).
DEFAULT_EPOCH = "315532800"


def project_version(root: Path = ROOT) -> str:
    """The version in ``pyproject.toml``.

    >>> project_version().count(".") >= 1
    True
    """
    with (root / "pyproject.toml").open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def _source_files(root: Path) -> list[Path]:
    files = []
    for name in WHEEL_SOURCES:
        path = root / name
        if path.is_dir():
            files += [
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
            ]
        else:
            files.append(path)
    return files


def sources_digest(root: Path = ROOT) -> str:
    """Hash of the wheel's inputs, the build epoch and the setuptools version."""
    digest = hashlib.sha256(f"setuptools=={installed_version('setuptools')}".encode())
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_EPOCH).encode())
    for path in _source_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def build_wheel(target_dir: Path, cache_dir: Path | None, root: Path = ROOT) -> Path:
    """Put gdcore's wheel in ``target_dir`` (from ``cache_dir`` when its inputs are unchanged).

    Raises:
        RuntimeError: the build failed; the message holds its output.
    """
    name = wheel_filename(project_version(root))
    cached = cache_dir / sources_digest(root) / name if cache_dir else None
    target_dir.mkdir(parents=True, exist_ok=True)
    if cached is None or not cached.is_file():
        with tempfile.TemporaryDirectory() as tmp:
            source, out = Path(tmp) / "src", Path(tmp) / "dist"
            for path in _source_files(root):
                (source / path.relative_to(root)).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, source / path.relative_to(root))
            env = dict(os.environ)
            env.setdefault("SOURCE_DATE_EPOCH", DEFAULT_EPOCH)
            proc = subprocess.run(
                [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)],
                cwd=source,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            built = out / name
            if proc.returncode != 0 or not built.is_file():
                raise RuntimeError(f"building {name} failed:\n{proc.stdout}\n{proc.stderr}")
            if cached is None:
                shutil.copyfile(built, target_dir / name)
                return target_dir / name
            cached.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(built, cached)
    shutil.copyfile(cached, target_dir / name)
    return target_dir / name
