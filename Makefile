# Two entry points: `make run` (portal with demo content) and `make test` (every test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install run demo test test-fast lint messages chromium java frontend-checkers

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

demo: install
	DJANGO_SETTINGS_MODULE=portal.settings.dev $(BIN)/python manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=portal.settings.dev $(BIN)/python manage.py seed_demo

run: demo
	DJANGO_SETTINGS_MODULE=portal.settings.dev $(BIN)/python manage.py runserver 127.0.0.1:8000

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

test: install chromium frontend-checkers lint
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=portal.settings.test
	$(BIN)/pytest $(PYTEST_ARGS)

test-fast: install frontend-checkers
	$(BIN)/pytest -m "not e2e" $(PYTEST_ARGS)

messages: install
	$(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=staticfiles
	$(BIN)/python manage.py compilemessages --ignore=.venv
