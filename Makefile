# The two commands in the README: `make serve` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
# Material's end-of-life banner for MkDocs 2 on every build; we know, and pin MkDocs 1.6.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test site lint typecheck check-python clean

serve: site  ## install, build the site, serve it on http://127.0.0.1:$(PORT)
	@echo "Serving the course on http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory site

test: $(STAMP)  ## install what is missing, then run the whole suite (browser tests included)
	@scripts/ensure-chromium
	@scripts/ensure-postgresql
	$(BIN)/ruff check src tests lessons exercises benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest -n auto --timeout=300

site: $(STAMP)
	# Instant navigation needs site_url to match the origin the site is served from.
	AWAITED_SITE_URL=http://127.0.0.1:$(PORT)/ $(BIN)/mkdocs build --strict --site-dir site

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Awaited needs Python 3.11 or newer; set PYTHON=python3.x")'

$(STAMP): pyproject.toml | check-python
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[site,dev]'
	touch $(STAMP)

clean:
	rm -rf site $(VENV) .pytest_cache .mypy_cache .ruff_cache
