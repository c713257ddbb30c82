# Two commands do everything: `make serve` (the site, live reload) and `make test` (every test).
# Both create or refresh .venv from the pinned lock file first; nothing needs installing by hand.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build bench lock clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# axe-core (accessibility checks in the browser tests) and Lighthouse come from npm, if present.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm not found: browser accessibility checks will be skipped"; \
	fi

serve: $(STAMP)  ## the site at http://127.0.0.1:8000/gdcore/ with live reload
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

test: $(STAMP) node_modules/.installed  ## every test: unit, doctests, build, parity, links, browser, lint
	$(BIN)/python -m pytest

build: $(STAMP)  ## the site in site/
	$(BIN)/mkdocs build --strict

bench: $(STAMP) node_modules/.installed  ## print the benchmark figures recorded in the README
	$(BIN)/python benchmarks/bench_gdcore.py
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/lighthouse.py

lock: $(STAMP)  ## re-pin every dependency after editing pyproject.toml
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet -e '.[docs,test,bench]'
	.venv-lock/bin/python -m pip freeze --all --exclude-editable | grep -v -e '^-e' -e '^pip==' > requirements.lock
	rm -rf .venv-lock

clean:
	rm -rf site .cache .venv node_modules
