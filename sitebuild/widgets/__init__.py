"""The lesson's interactive widgets, one folder each: its Python, template, script and style.

- ``explorer/``: the learning-rate explorers (1-D and 2-D), ``descent-core.js`` (gdcore's
  descent loops, line by line), ``explorer.js`` (drawing, controls), ``explorer.css`` and the
  two ``gd-explorer-*.html`` templates;
- ``quiz/``: the self-check questions, their texts in ``questions/<lang>.yml``, ``quiz.js``;
- ``backprop/``: the step-by-step backpropagation widget, ``backprop.js``.

The scripts and stylesheets are published under ``assets/gdcore/`` (where ``mkdocs.yml``'s
``extra_javascript`` and ``extra_css`` name them) by :func:`publish_assets`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

__all__ = ["ASSET_DIR", "asset_sources", "publish_assets"]

_HERE = Path(__file__).resolve().parent

#: Where the widgets' scripts and stylesheets are served from, relative to the site.
ASSET_DIR = Path("assets/gdcore")


def asset_sources() -> list[Path]:
    """Every widget script and stylesheet, sorted by name.

    Example:
        >>> sorted(path.name for path in asset_sources())[:3]
        ['backprop.css', 'backprop.js', 'descent-core.js']
    """
    paths = [p for p in _HERE.glob("*/*") if p.suffix in {".js", ".css"}]
    names = [p.name for p in paths]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ValueError(f"two widgets publish the same asset name: {', '.join(duplicates)}")
    return sorted(paths, key=lambda p: p.name)


def publish_assets(site_dir: str | Path) -> list[Path]:
    """Copy every widget's script and stylesheet to ``site_dir/assets/gdcore/``.

    Returns:
        The written files.
    """
    target = Path(site_dir) / ASSET_DIR
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for source in asset_sources():
        shutil.copyfile(source, target / source.name)
        written.append(target / source.name)
    return written
