# Two commands on a fresh clone (README, "Quick start"):
#   make demo   set up, generate the demo series and run the pipeline on it
#   make test   set up and run the whole test suite (what CI runs)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup browser demo run test test-fast lint bench jupyter clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/python -m pipeline demo

run: setup
	$(BIN)/python -m pipeline run

# Headless Chromium from Debian's packages for the report's browser test. Best
# effort: without it (no root, no apt) that test is skipped with its reason.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the browser test..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium \
	      >/dev/null) || echo "could not install chromium: the browser test will be skipped"; \
	  else echo "chromium not installed: the browser test will be skipped"; fi; }

test: setup browser
	$(BIN)/python -m pytest -q -ra

test-fast: setup
	$(BIN)/python -m pytest -q -m "not slow and not browser"

lint: setup
	$(BIN)/ruff check pipeline tests benchmarks
	$(BIN)/ruff format --check pipeline tests benchmarks

bench: setup
	$(BIN)/python benchmarks/bench_run.py

# JupyterLab on the analysts' notebooks (notebooks/README.md); they read the
# database pipeline.notebook.database() chooses, building the demo if needed.
jupyter: setup
	$(BIN)/python -m pip install --quiet -e ".[notebooks]"
	$(BIN)/jupyter lab --notebook-dir=notebooks

clean:
	rm -rf $(VENV) data/demo .pytest_cache
