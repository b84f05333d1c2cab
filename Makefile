# Two commands matter on a fresh machine: `make run` and `make test`.
# Both create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
ARCHIVE ?=

export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test bench lint demo clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(PY) -m app $(if $(ARCHIVE),--archive $(ARCHIVE))

test: $(STAMP_TEST)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

bench: $(STAMP_TEST)
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.benchmarks

lint: $(STAMP_TEST)
	$(PY) -m ruff check app tests docs
	$(PY) -m ruff format --check app tests docs

demo: $(STAMP_RUN)
	$(PY) -m app.cli demo --archive demo-archive

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
