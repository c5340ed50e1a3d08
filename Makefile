# newsclaims — `make run` serves the demo, `make test` runs the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# The first interpreter that is Python >= 3.12: on PATH, then in pyenv's and uv's version folders.
FIND_PYTHON := for c in python3.14 python3.13 python3.12 python3 python \
	$$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.*/bin/python3 $$HOME/.local/share/uv/python/cpython-3.*/bin/python3 2>/dev/null | sort -rV); do \
	if "$$c" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then command -v "$$c" || echo "$$c"; break; fi; done

.PHONY: help run test install migrate demo bench lint worker clean

help:
	@echo "make run    - install into $(VENV), migrate, load the demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test   - the whole test suite (DATABASE_URL=postgres://... to run it on PostgreSQL)"
	@echo "make bench  - extraction and page benchmarks"
	@echo "make worker - the background task worker (production settings use the database backend)"

$(VENV)/.installed: pyproject.toml
	@py="$$($(FIND_PYTHON))"; \
	if [ -z "$$py" ]; then \
		echo "newsclaims needs Python 3.12 or newer, and none was found on PATH or in ~/.pyenv/versions." >&2; \
		echo "Install one (e.g. 'pyenv install 3.12' or your package manager's python3.12) and run make again." >&2; \
		exit 1; \
	fi; \
	if [ ! -x "$(PY)" ] || ! "$(PY)" -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
		echo "Creating $(VENV) with $$py ($$("$$py" --version))"; rm -rf "$(VENV)"; "$$py" -m venv "$(VENV)"; \
	fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

run: demo
	@echo "Serving newsclaims on http://$(HOST):$(PORT)/  (Ctrl-C stops it)"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

bench: install
	$(PY) -m newsclaims.extraction.bench

worker: install
	$(PY) manage.py db_worker

lint: install
	$(PY) -m ruff check newsclaims tests

clean:
	rm -rf $(VENV) var
