# Daily commands. `make run` sets up and starts Bob; `make test` runs every check CI runs.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
RAW ?= $(or $(BOB_RAW_DATA),$(wildcard ../shared/data))
BUNDLE ?= $(or $(BOB_BUNDLE),var/bundle.sqlite)
PORT ?= 8000
# The PostgreSQL server CI provides; the web tests run on it a second time (unit-pg).
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: install run bundle test lint typecheck contracts unit unit-pg notebooks bench clean

$(BIN)/bob: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(BIN)/bob

install: $(BIN)/bob

# Builds the data bundle from $(RAW); downloads the raw files first when none is at hand.
bundle: install
	@if [ -n "$(RAW)" ]; then \
		$(BIN)/bob data build --raw "$(RAW)" --out "$(BUNDLE)"; \
	else \
		$(BIN)/bob data fetch --to var/raw && $(BIN)/bob data build --raw var/raw --out "$(BUNDLE)"; \
	fi

# Migrates the SQLite database in var/ if needed, then serves the web app (gunicorn + WhiteNoise).
run: bundle
	BOB_BUNDLE="$(BUNDLE)" $(BIN)/bob serve --port $(PORT)

lint: install
	$(BIN)/ruff check src tests benchmarks notebooks
	$(BIN)/ruff format --check src tests benchmarks notebooks

typecheck: install
	$(BIN)/mypy

contracts: install
	$(BIN)/lint-imports

# axe-core, which the browser tests inject into the pages to check accessibility.
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund

unit: install node_modules/.package-lock.json
	$(BIN)/pytest -n 2 --dist loadgroup

# The web app's tests again, on PostgreSQL (pytest-django creates and drops test_test_gw*).
unit-pg: install node_modules/.package-lock.json
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -n 2 --dist loadgroup tests/web

notebooks: install
	$(BIN)/python notebooks/run.py

bench: install
	$(BIN)/python -m benchmarks --quick

test: lint typecheck contracts unit unit-pg notebooks bench

clean:
	rm -rf $(VENV) var node_modules .pytest_cache .mypy_cache .ruff_cache
