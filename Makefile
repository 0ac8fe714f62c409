# Taawun: two commands on a fresh machine.
#   make run    install, migrate, load the demo data, create an admin, serve http://127.0.0.1:$(PORT)
#   make test   install the test extras, run ruff and pytest (SQLite, then PostgreSQL)

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
export PIP_DISABLE_PIP_VERSION_CHECK = 1

.PHONY: run test install install-test assets system-deps lint pytest pytest-postgres messages bench screenshots chromium clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed | system-deps
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# System libraries from Debian's packages: Pango/HarfBuzz for the PDF briefs (WeasyPrint),
# fonts that cover Arabic and Poppler's pdftotext, which reads an uploaded Arabic PDF in reading
# order. Installed only when missing (needs root, as on the CI machine).
SYSTEM_PACKAGES = libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core poppler-utils
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing system packages: $$missing"; \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	fi

# Front-end libraries from the npm registry (package.json, locked in package-lock.json), copied
# into the static files Taawun serves itself: a closed network has no CDN.
VENDOR := src/taawun/web/static/vendor
$(VENDOR)/.built: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	mkdir -p $(VENDOR)/tom-select
	cp node_modules/tom-select/dist/js/tom-select.complete.min.js node_modules/tom-select/dist/css/tom-select.css \
		node_modules/tom-select/LICENSE $(VENDOR)/tom-select/
	touch $@

assets: $(VENDOR)/.built

install: system-deps $(VENV)/.installed assets

install-test: $(VENV)/.installed-test assets

run: install
	$(BIN)/taawun migrate --noinput
	$(BIN)/taawun demo
	$(BIN)/taawun ensureadmin
	$(BIN)/taawun collectstatic --noinput --verbosity 0
	$(BIN)/taawun worker & trap 'kill $$! 2>/dev/null' EXIT INT TERM; PORT=$(PORT) $(BIN)/taawun serve

lint: install-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports  # the import contract in pyproject.toml (docs/ARCHITECTURE.md)

# The browser tests (tests/e2e) drive Debian's Chromium; Playwright never downloads a browser. Installed
# when missing (needs root, as on the CI machine); where it cannot be, they are skipped, except under CI=true.
chromium:
	@command -v chromium >/dev/null || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-core) \
		|| { echo "no Chromium could be installed: the browser tests will be skipped"; [ "$${CI:-}" != true ]; }

pytest: install-test chromium
	$(BIN)/pytest

pytest-postgres: install-test chromium
	BIN=$(BIN) bash scripts/pytest-postgres

test: lint pytest pytest-postgres

# Recompile the translations after editing a .po file (needs GNU gettext's msgfmt).
messages: install
	command -v msgfmt >/dev/null || (apt-get update -q && apt-get install -y -q gettext)
	cd src/taawun && ../../$(BIN)/django-admin compilemessages --ignore '.venv'

# Benchmarks are never tests: run them on a quiet machine and copy the figures to docs/BENCHMARKS.md.
# wrk (Debian) drives the concurrent-load runs from a second process; without it they are skipped.
bench: install-test
	@command -v wrk >/dev/null || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk) \
		|| echo "wrk could not be installed: the load runs are skipped"
	for bench in benchmarks/*_bench.py; do $(BIN)/python $$bench || exit 1; done

# Screenshots of the main pages in Arabic and English for the README (docs/screenshots/), taken on a
# throwaway demo installation.
screenshots: install-test chromium
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) var build dist src/*.egg-info
