# One Makefile for the README, CI and the Docker image.
#   make run    set everything up and serve on http://127.0.0.1:$(PORT)/
#   make test   set everything up and run the whole test suite
SHELL := /bin/bash
.DEFAULT_GOAL := help

PORT ?= 8000
# uv must not download interpreters: use the Python 3.12 from .python-version (pyenv) or PATH.
export UV_PYTHON_DOWNLOADS := never
PYTHON ?= $(shell command -v python3.12 >/dev/null 2>&1 && python3.12 -c 'import sys; print(sys.executable)' || python3 -c 'import sys; print(sys.executable)')
UV ?= $(shell command -v uv 2>/dev/null || echo $(CURDIR)/.tools/bin/uv)
VENV := .venv
MANAGE := $(VENV)/bin/python manage.py
# Local development runs with debug on; production (make serve, the image) never does.
DEV_ENV := DJANGO_DEBUG=1

.PHONY: help serve bench setup run test messages makemessages migrate content roles reset-content lint format check-python map

help:
	@echo "make run            set up and serve http://127.0.0.1:$(PORT)/ (PORT=... to change)"
	@echo "make test           set up and run the whole test suite"
	@echo "make setup          everything 'make run' does, except serving"
	@echo "make reset-content  replace all content with the fixtures (editors' changes are lost)"
	@echo "make makemessages   update locale/nl/LC_MESSAGES/django.po from the code"
	@echo "make serve          production start (gunicorn) on 127.0.0.1:$(PORT); needs DJANGO_SECRET_KEY"
	@echo "make bench          load-test cached pages against the static stylesheet"
	@echo "make map            rebuild the landsdelen map from tools/landsdelen_map/data (commit it)"
	@echo "make lint           ruff"

check-python:
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 12), sys.version' 2>/dev/null || \
	  { echo "Python 3.12 is required (see .python-version); found: $$($(PYTHON) --version 2>&1)"; exit 1; }

$(CURDIR)/.tools/bin/uv: | check-python
	@echo "uv not found: installing it into .tools/"
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv

$(VENV)/.synced: pyproject.toml uv.lock | $(UV) check-python
	$(UV) sync --locked --python $(PYTHON)
	@touch $@

messages: $(VENV)/.synced
	@command -v msgfmt >/dev/null || { echo "msgfmt not found: install GNU gettext (apt-get install gettext)"; exit 1; }
	$(DEV_ENV) $(MANAGE) compilemessages --ignore=.venv --ignore=.tools -v0

makemessages: $(VENV)/.synced
	$(DEV_ENV) $(MANAGE) makemessages -l nl --no-location --ignore=.venv --ignore=.tools --ignore=staticfiles

migrate: $(VENV)/.synced
	$(DEV_ENV) $(MANAGE) migrate --noinput -v0

content: migrate
	$(DEV_ENV) $(MANAGE) load_content

# The editors' groups and permissions (Projectteam, Regiocoördinator); safe to run again.
roles: migrate
	$(DEV_ENV) $(MANAGE) setup_roles

# Local development settings for the README's manage.py commands (DJANGO_DEBUG=1 and a secret
# key of this machine's own). Read by manage.py only; production (bin/start) never reads it.
.env:
	@printf '%s\n' "# Local development only: written by 'make setup', read by manage.py." \
	  "# Production (bin/start, the image) never reads this file." \
	  "DJANGO_DEBUG=1" \
	  "DJANGO_SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@
	@echo "Wrote .env for local development"

setup: .env messages migrate content roles

run: setup
	$(DEV_ENV) $(MANAGE) runserver 127.0.0.1:$(PORT)

reset-content: messages migrate
	$(DEV_ENV) $(MANAGE) load_content --reset

test: setup
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

# Production: the image's steps on this machine (needs DJANGO_SECRET_KEY; see .env.example).
serve: messages
	$(MANAGE) collectstatic --noinput -v0
	PORT=$(PORT) bin/start

# Throughput and latency of cached pages against the site's own stylesheet (see bench/).
bench: setup
	$(VENV)/bin/python bench/run.py

# The map of the landsdelen, built from the CBS boundaries at build time, never at run time
# (tools/ stays out of the image). Commit what it writes; tests/test_map.py fails until you do.
map: $(VENV)/.synced
	$(VENV)/bin/python -m tools.landsdelen_map

lint: $(VENV)/.synced
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
