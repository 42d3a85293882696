# The two set-up commands are `make site` and `make test`; each installs what it needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
SYSTEM_FOR_SITE := dot=graphviz
SYSTEM_FOR_TESTS := $(SYSTEM_FOR_SITE)

.PHONY: site test check serve system-site system-tests clean

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed ($(PYTHON))" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

system-site:
	@scripts/ensure-system-packages $(SYSTEM_FOR_SITE)

system-tests:
	@scripts/ensure-system-packages $(SYSTEM_FOR_TESTS)

## Build the sample handbook into site/ (the previous site stays if anything fails).
site: $(INSTALLED) system-site
	$(PY) -m macros build

## Validate handbook_data/ without building.
check: $(INSTALLED)
	$(PY) -m macros check

## Run every test, including a strict build of the sample handbook.
test: $(INSTALLED) system-tests
	$(PY) -m pytest

## Preview with live reload (also on changes in handbook_data/).
serve: $(INSTALLED) system-site
	$(PY) -m mkdocs serve

clean:
	rm -rf site dist .site.old
