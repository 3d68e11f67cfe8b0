# Daily commands. `make run` sets up and starts Bob; `make test` runs every check CI runs.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
RAW ?= $(or $(BOB_RAW_DATA),$(wildcard ../shared/data))
BUNDLE ?= $(or $(BOB_BUNDLE),var/bundle.sqlite)
PORT ?= 8000

.PHONY: install run bundle test lint typecheck contracts unit notebooks bench clean

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

run: bundle
	BOB_BUNDLE="$(BUNDLE)" $(BIN)/bob jobs serve --port $(PORT)

lint: install
	$(BIN)/ruff check src tests benchmarks notebooks
	$(BIN)/ruff format --check src tests benchmarks notebooks

typecheck: install
	$(BIN)/mypy

contracts: install
	$(BIN)/lint-imports

unit: install
	$(BIN)/pytest -n 2 --dist loadgroup

notebooks: install
	$(BIN)/python notebooks/run.py

bench: install
	$(BIN)/python -m benchmarks --quick

test: lint typecheck contracts unit notebooks bench

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
