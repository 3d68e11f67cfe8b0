# Daily commands. `make run` sets up and starts Bob; `make test` runs every check CI runs. Each
# installs the Debian packages it needs when they are missing, and only those.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
RAW ?= $(or $(BOB_RAW_DATA),$(wildcard ../shared/data))
BUNDLE ?= $(or $(BOB_BUNDLE),var/bundle.sqlite)
PORT ?= 8000
# The PostgreSQL server CI provides; the web tests run on it a second time (unit-pg).
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: install run bundle system-deps postgresql test lint typecheck contracts unit unit-pg notebooks bench clean

# $(call debian_packages,CHECK,PACKAGES,WHAT FOR): installs PACKAGES with apt-get (as root, else
# through sudo) unless the shell command CHECK (no comma in it) succeeds. One group per call, so
# that a failure names its packages; what is already there, from Debian or not, is never asked
# for again (asking apt for Debian's nodejs over NodeSource's fails with "held broken packages").
define debian_packages
@if ! $(1) >/dev/null 2>&1; then \
	if [ "$$(id -u)" = 0 ]; then as_root=; \
	elif command -v sudo >/dev/null 2>&1; then as_root=sudo; \
	else echo "make: the Debian packages '$(2)' ($(3)) are missing: run 'apt-get install $(2)' as root (no sudo here)" >&2; exit 1; fi; \
	echo "make: installing the Debian packages '$(2)' ($(3))"; \
	install="env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(2)"; \
	$$as_root $$install >/dev/null 2>&1 || { $$as_root apt-get update -qq && $$as_root $$install; } \
		|| { echo "make: apt-get could not install '$(2)' ($(3)): see above" >&2; exit 1; }; \
fi
endef

$(BIN)/bob: pyproject.toml
	$(call debian_packages,$(PYTHON) -c 'import ensurepip',$(notdir $(PYTHON)) $(notdir $(PYTHON))-venv,Python and its venv module for $(VENV))
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

# What `make test` needs besides Python (`make run` needs none of it): Debian's Chromium for the
# browser tests (never a downloaded browser), wrk for the service benchmarks, npm for axe-core.
system-deps:
	$(call debian_packages,test -x /usr/bin/chromium,chromium,for the browser tests)
	$(call debian_packages,command -v wrk,wrk,for the service benchmarks)
	$(call debian_packages,command -v npm,nodejs npm,npm for axe-core and the accessibility checks)

# The PostgreSQL server at $(PG_URL), for the web tests' second run: a local cluster that is
# installed but down is started; a server that still does not answer stops `make` with what to do.
define PG_CONNECT
import sys, psycopg
from psycopg.conninfo import conninfo_to_dict
try:
    psycopg.connect(sys.argv[1], dbname="postgres", connect_timeout=5).close()
except psycopg.Error as error:
    info = conninfo_to_dict(sys.argv[1])
    reason = (str(error).strip() or type(error).__name__).splitlines()[0]
    sys.exit(
        f"make: the web tests need PostgreSQL at {info.get('host')}:{info.get('port', 5432)} as user"
        f" {info.get('user')} (PG_URL), which answers: {reason}. Install and start it (apt-get install postgresql;"
        " trust auth for 127.0.0.1 in pg_hba.conf) or set PG_URL=postgres://USER@HOST:PORT/DB"
    )
endef
export PG_CONNECT

postgresql: install
	@if ! $(BIN)/python -c "$$PG_CONNECT" '$(PG_URL)' >/dev/null 2>&1 && command -v pg_lsclusters >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then as_root=; elif command -v sudo >/dev/null 2>&1; then as_root=sudo; else as_root=false; fi; \
		pg_lsclusters --no-header | while read -r version cluster port status rest; do \
			if [ "$$status" = down ]; then \
				echo "make: starting PostgreSQL $$version/$$cluster (port $$port)"; \
				$$as_root pg_ctlcluster --skip-systemctl-redirect "$$version" "$$cluster" start || true; \
			fi; \
		done; \
	fi
	@$(BIN)/python -c "$$PG_CONNECT" '$(PG_URL)'

lint: install
	$(BIN)/ruff check src tests benchmarks notebooks
	$(BIN)/ruff format --check src tests benchmarks notebooks

typecheck: install
	$(BIN)/mypy

contracts: install
	$(BIN)/lint-imports

# axe-core, which the browser tests inject into the pages to check accessibility, and the
# département outlines that notebook 05 draws its map with.
node_modules/.package-lock.json: package-lock.json | system-deps
	npm ci --no-audit --no-fund

unit: install system-deps node_modules/.package-lock.json
	$(BIN)/pytest -n 2 --dist loadgroup

# The web app's tests again, on PostgreSQL (pytest-django creates and drops test_test_gw*).
unit-pg: install system-deps postgresql node_modules/.package-lock.json
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -n 2 --dist loadgroup tests/web

notebooks: install system-deps node_modules/.package-lock.json
	$(BIN)/python notebooks/run.py

bench: install system-deps
	$(BIN)/python -m benchmarks --quick

# System packages and PostgreSQL first: a missing one stops the run before the long checks.
test: system-deps postgresql lint typecheck contracts unit unit-pg notebooks bench

clean:
	rm -rf $(VENV) var node_modules .pytest_cache .mypy_cache .ruff_cache
