# Taawun: two commands on a fresh machine.
#   make run    install, migrate, load the demo data, create an admin, serve http://127.0.0.1:$(PORT)
#   make test   install the test extras, run ruff and pytest (SQLite, then PostgreSQL)

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
export PIP_DISABLE_PIP_VERSION_CHECK = 1

.PHONY: run test install install-test lint pytest pytest-postgres messages bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	$(BIN)/taawun migrate --noinput
	$(BIN)/taawun demo
	$(BIN)/taawun ensureadmin
	$(BIN)/taawun collectstatic --noinput --verbosity 0
	$(BIN)/taawun worker & trap 'kill $$! 2>/dev/null' EXIT INT TERM; PORT=$(PORT) $(BIN)/taawun serve

lint: install-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

pytest: install-test
	$(BIN)/pytest

pytest-postgres: install-test
	BIN=$(BIN) bash scripts/pytest-postgres

test: lint pytest pytest-postgres

# Recompile the translations after editing a .po file (needs GNU gettext's msgfmt).
messages: install
	command -v msgfmt >/dev/null || (apt-get update -q && apt-get install -y -q gettext)
	cd src/taawun && ../../$(BIN)/django-admin compilemessages --ignore '.venv'

# Benchmarks are never tests: run them on a quiet machine and copy the figures to docs/BENCHMARKS.md.
bench: install-test
	for bench in benchmarks/*_bench.py; do $(BIN)/python $$bench || exit 1; done

clean:
	rm -rf $(VENV) var build dist src/*.egg-info
