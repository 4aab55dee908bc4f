# Two commands on a fresh machine: `make example` builds the example brief, `make test`
# runs the test suite. Each creates the virtualenv from pyproject.toml on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: example example-pdf test test-fast coverage snapshots lint docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test,lint,docs,browser,themes]"
	touch $(STAMP)

example: $(STAMP)  ## the example brief as HTML: example/_build/html/index.html
	$(BIN)/python -m sphinx -W -n -b html example example/_build/html
	@echo "Open example/_build/html/index.html"

example-pdf: $(STAMP)  ## the example brief as PDF (Debian: latexmk texlive-latex-extra tex-gyre)
	$(BIN)/python -m sphinx -M latexpdf example example/_build -W -n

# Tests spread over every core (pytest-xdist, handing each worker a test or two at a time as
# it finishes, so the long builds do not queue up behind each other), in a new random order
# each run (pytest-randomly prints the seed: rerun with --randomly-seed=N).
PYTEST := $(BIN)/python -m pytest -p no:cacheprovider -n auto --dist load --maxschedchunk 1

test: $(STAMP)  ## the whole test suite
	$(PYTEST)

test-fast: $(STAMP)  ## the suite without the slow tests, for development
	$(PYTEST) -m "not slow"

coverage: $(STAMP)  ## the whole test suite with a line coverage report (no threshold)
	$(PYTEST) --cov=sphinxcontrib_policybrief --cov-report=term

snapshots: $(STAMP)  ## rewrite tests/snapshots/ from the current output; review the diff
	UPDATE_SNAPSHOTS=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_rendering.py
	git status --short tests/snapshots

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

docs: $(STAMP)  ## our own documentation, built with our own extension
	$(BIN)/python -m sphinx -W -n -b html docs docs/_build/html

clean:
	rm -rf example/_build docs/_build
