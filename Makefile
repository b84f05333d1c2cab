# Two commands matter on a fresh machine: `make run` and `make test`.
# Both create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
STAMP_BUNDLE := $(VENV)/.installed-bundle
ARCHIVE ?=

export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test bench lint demo clean translations bundle reliability-long

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

# The reliability suite's long form (200 kills, 10,000+ generated inputs, ...): its figures
# are printed at the end. `make test` runs the short form.
reliability-long: $(STAMP_TEST)
	RUN_SLOW=1 QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests/reliability

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

# The one-folder application for this platform: dist/custarchive/ with custarchive (the
# windows; windowed on Windows) and custarchive-cli (the command line), no Python needed.
# On Windows, installer/custarchive.iss then makes the setup program (see installer/README.md).
$(STAMP_BUNDLE): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[bundle]'
	touch $@ $(STAMP_RUN)

bundle: $(STAMP_BUNDLE)
	$(PY) -m PyInstaller --noconfirm --log-level WARN \
		--distpath dist --workpath build/pyinstaller installer/custarchive.spec

demo: $(STAMP_RUN)
	$(PY) -m app.cli demo --archive demo-archive --customers 300

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
