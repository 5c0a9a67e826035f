# Two entry points: `make run` (portal with demo content) and `make test` (every test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install run demo test test-fast lint messages chromium java frontend-checkers pdf-tools

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

demo: install pdf-tools
	DJANGO_SETTINGS_MODULE=portal.settings.dev $(BIN)/python manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=portal.settings.dev $(BIN)/python manage.py seed_demo

# The worker (emails, DECP imports, reminders) runs beside the development server and stops with it.
run: demo
	export DJANGO_SETTINGS_MODULE=portal.settings.dev; \
	$(BIN)/python manage.py run_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# WeasyPrint (the self-assessment's tagged PDF) draws text with Pango; the tests read the PDFs
# with poppler-utils (pdfinfo, pdftotext).
pdf-tools:
	@{ command -v pdfinfo >/dev/null 2>&1 && ldconfig -p | grep -q libpangoft2-1.0; } || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    poppler-utils libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null; }

# Debian's Chromium drives the browser journeys (Playwright's own browser download is not used).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Java runs the Nu Html Checker (vnu.jar) in the HTML validity test.
java:
	@command -v java >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq default-jre-headless >/dev/null; }

# Front-end checkers pinned in package-lock.json: axe-core (accessibility) and vnu-jar (HTML
# validity). --ignore-scripts: vnu-jar's install script would download a JDK; the system Java runs it.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts

frontend-checkers: java node_modules/.package-lock.json

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The suite runs in one process per core (pytest-xdist, at most 4: each takes two Redis databases
# when REDIS_URL is set), then the browser journeys one at a time (each drives Chromium against a
# live server). Exit status 5 is "no test selected", e.g. PYTEST_ARGS=tests/diagnostic for the second.
PARALLEL := -n auto --maxprocesses=4
test: install chromium frontend-checkers pdf-tools lint
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=portal.settings.test
	$(BIN)/pytest -m "not e2e" $(PARALLEL) $(PYTEST_ARGS) || [ $$? -eq 5 ]
	$(BIN)/pytest -m e2e $(PYTEST_ARGS) || [ $$? -eq 5 ]

test-fast: install frontend-checkers pdf-tools
	$(BIN)/pytest -m "not e2e" $(PARALLEL) $(PYTEST_ARGS) || [ $$? -eq 5 ]

# French is the source language; its catalogue gives it French plurals (0 and 1 singular): new
# strings are copied as their own translation (msgen), the few reworded ones are kept.
messages: install
	$(BIN)/python manage.py makemessages -l fr -l en --ignore=.venv --ignore=staticfiles \
	  --ignore=node_modules --ignore=var --ignore=tests --ignore=benchmarks
	msgattrib --no-wrap --clear-fuzzy --empty --no-obsolete locale/fr/LC_MESSAGES/django.po \
	  -o locale/fr/LC_MESSAGES/django.po
	msgen --no-wrap locale/fr/LC_MESSAGES/django.po -o locale/fr/LC_MESSAGES/django.po
	$(BIN)/python manage.py compilemessages --ignore=.venv
