# Word techniekdocent: the two commands a newcomer needs are `make run` and `make test`.
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV := DJANGO_SETTINGS_MODULE=config.settings.dev
CHROMIUM := /usr/bin/chromium

help: ## Show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is nodig ($(PYTHON) niet gevonden)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project (idempotent)

setup: install ## Migrate the SQLite database, load demo content, create the dev admin
	mkdir -p var
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py load_demo_content
	$(DEV) $(BIN)/python manage.py ensure_dev_admin

# honcho -e /dev/null: honcho would otherwise load the compose stack's .env (production) over the dev settings.
run: setup ## Set up and serve the site with demo content on http://127.0.0.1:8000 (web + Celery worker with beat)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(DEV) $(BIN)/honcho -f Procfile.dev -e /dev/null start

browser: ## Install Debian's Chromium for the browser tests (root, once)
	@test -x $(CHROMIUM) || { apt-get update -qq && apt-get install -y -qq chromium; }

test: install ## Run the whole test suite (PostgreSQL, Redis, Celery, SMTP and Chromium where present)
	$(BIN)/python manage.py check --settings=config.settings.test
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=config.settings.test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	$(BIN)/lint-imports
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install ## Lint with ruff, check formatting and the apps' import rule (docs/architecture.md)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	$(BIN)/lint-imports

format: install ## Format Python (ruff format, ruff's import order) and indent templates (djhtml)
	$(BIN)/ruff check --select I --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

bench: install ## Measure throughput against a bare Django view, and the coordinators' report over 100,000 registrations (needs PostgreSQL, Redis and wrk)
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(BIN)/python -m tests.bench
	$(BIN)/python -m tests.bench_report

# The visitor-facing strings: Dutch source strings, a Dutch and an English catalogue in locale/ (docs/i18n.md). Run after
# changing a marked string, fill in the English msgstr, and commit the .po and the compiled .mo files.
MESSAGES_IGNORE := --ignore=.venv --ignore=var --ignore=node_modules --ignore=tools --ignore=tests --ignore=static
messages: install ## Update the Dutch and English catalogues (locale/) from the marked strings and compile them
	$(BIN)/python manage.py makemessages -l nl -l en $(MESSAGES_IGNORE) --no-wrap
	cd locale && ../$(BIN)/python ../manage.py compilemessages -l nl -l en

lighthouse: install browser ## Lighthouse scores (mobile) of one page of each type, served with production settings; writes docs/lighthouse.md, fails below 95 (needs PostgreSQL, Redis, Node 20)
	cd tools/lighthouse && npm ci --no-audit --no-fund --silent
	CHROME_PATH=$(CHROMIUM) $(BIN)/python -m tests.lighthouse

.PHONY: help install setup run browser test lint format bench lighthouse messages
