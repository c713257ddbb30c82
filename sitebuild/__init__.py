"""Site machinery for the gdcore lesson, apart from the library (gdcore never imports it).

- ``hooks.py``, ``notebook_hooks.py``: the MkDocs hooks (``hooks:`` in mkdocs.yml), the only
  entry points; they call the packages below.
- ``render/``: what turns a page's Markdown into HTML: running the blocks (``execute``),
  figures (``embed``), the table helpers for hidden lines (``present``, re-exported from
  ``gdcore.present`` so page notebooks, which install only gdcore, show the same tables),
  LaTeX → MathML (``mathml``), heading anchors (``slugs``).
- ``theme/``: the Material theme's overrides (``overrides/``: templates, site-wide scripts, CSS,
  fonts), its words (``theme_text``), the math font cut (``mathfont``), the text fonts'
  fallback cuts (``fallbackfont``), search (``search``).
- ``widgets/``: one folder per interactive widget with its Python, template, script and style.
- ``notebooks/``: the pages' downloadable notebooks, the practice notebooks' execution, the wheel.
- ``cache/``: what a rebuild can skip (rendered pages, search entries, Jinja bytecode).
- ``locale/``: the site's catalogs (``sitebuild.po``), one per language.
"""
