# The two commands in the README: `make serve` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# npm packages vendored into the site (Pyodide, CodeMirror, ts-fsrs) and esbuild.
NODE_STAMP := node_modules/.installed
PORT ?= 8000
# Material's end-of-life banner for MkDocs 2 on every build; we know, and pin MkDocs 1.6.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test site lint typecheck check-python clean

serve: site  ## install, build the site, serve it on http://127.0.0.1:$(PORT)
	# A static server that also sends the cross-origin isolation headers the runner's Stop
	# button works best with, and precompressed files (see src/awaited/site/serve.py).
	$(BIN)/python -m awaited.site.serve --port $(PORT) --directory site

test: $(STAMP) $(NODE_STAMP)  ## install what is missing, then run the whole suite (browser tests included)
	@scripts/ensure-chromium
	$(BIN)/ruff check src tests lessons exercises benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest -n auto --timeout=300

site: $(STAMP) $(NODE_STAMP)
	# Instant navigation needs site_url to match the origin the site is served from.
	AWAITED_SITE_URL=http://127.0.0.1:$(PORT)/ $(BIN)/mkdocs build --strict --site-dir site

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Awaited needs Python 3.11 or newer; set PYTHON=python3.x")'

$(STAMP): pyproject.toml | check-python
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[site,dev]'
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "Awaited needs Node.js and npm to build its site (https://nodejs.org)"; exit 2; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

clean:
	rm -rf site $(VENV) node_modules .cache .pytest_cache .mypy_cache .ruff_cache
