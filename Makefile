# Two commands on a fresh machine: `make example` builds the example brief, `make test`
# runs the test suite. Each creates the virtualenv from pyproject.toml on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: example example-pdf test lint docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test,lint,docs]"
	touch $(STAMP)

example: $(STAMP)  ## the example brief as HTML: example/_build/html/index.html
	$(BIN)/python -m sphinx -W -n -b html example example/_build/html
	@echo "Open example/_build/html/index.html"

example-pdf: $(STAMP)  ## the example brief as PDF (Debian: latexmk texlive-latex-extra tex-gyre)
	$(BIN)/python -m sphinx -M latexpdf example example/_build -W -n

test: $(STAMP)  ## the whole test suite
	$(BIN)/python -m pytest -q -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

docs: $(STAMP)  ## our own documentation, built with our own extension
	$(BIN)/python -m sphinx -W -n -b html docs docs/_build/html

clean:
	rm -rf example/_build docs/_build
