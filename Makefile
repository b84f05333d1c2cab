# Two commands matter on a fresh machine: `make run` and `make test`.
# Both create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
ARCHIVE ?=

export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test bench lint demo clean translations

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

# The English build: refresh resources/i18n/custarchive_en.ts from the source strings
# (existing translations are kept; new strings arrive as unfinished), then compile the .qm.
# Run the program with CUSTARCHIVE_LANG=en to use it.
I18N := resources/i18n
TS_EN := $(I18N)/custarchive_en.ts
TR_SOURCES := $(wildcard app/views/*.py) app/__main__.py

translations: $(STAMP_TEST)
	mkdir -p $(I18N)
	$(VENV)/bin/pyside6-lupdate -no-obsolete -locations relative $(TR_SOURCES) -ts $(TS_EN)
	$(VENV)/bin/pyside6-lrelease $(TS_EN) -qm $(I18N)/custarchive_en.qm

demo: $(STAMP_RUN)
	$(PY) -m app.cli demo --archive demo-archive --customers 300

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
