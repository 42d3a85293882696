# The two set-up commands are `make site` and `make test`; each installs what it needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
# A make variable as one shell word exactly as typed: quotes, $ and backticks in a question stay text.
shell_word = '$(subst ','\'',$(value $(1)))'
# A preview (make serve, a plain mkdocs build) needs only Graphviz, no browser.
SYSTEM_FOR_PREVIEW := dot=graphviz
# The build also prints the emergency folder's PDFs with Debian's Chromium.
SYSTEM_FOR_SITE := $(SYSTEM_FOR_PREVIEW) chromium=chromium
# The browser tests drive the same Chromium (never a downloaded browser build); the print tests turn
# PDF pages into images with pdftoppm.
SYSTEM_FOR_TESTS := $(SYSTEM_FOR_SITE) pdftoppm=poppler-utils

.PHONY: site test check serve verify system-preview system-site system-tests clean
.PHONY: install review schema new-faq bench

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed ($(PYTHON))" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

system-preview:
	@scripts/ensure-system-packages $(SYSTEM_FOR_PREVIEW)

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

## Check a USB copy against its manifest: make verify DIR=/media/usb/handbook-2026.3-2026-11-23 (or the .zip).
verify: $(INSTALLED)
	@test -n $(call shell_word,DIR) || { echo "Usage: make verify DIR=path/to/the/copied/folder/or/zip" >&2; exit 2; }
	$(PY) -m macros verify $(call shell_word,DIR)

## Install the Python and system packages that the build and the tests need (CI's first step).
install: $(INSTALLED) system-tests

## What is overdue or due within 30 days, grouped by owner (for a weekly reminder; exit 0).
review: $(INSTALLED)
	$(PY) -m macros review

## Write schemas/ from the models and give every data file its schema line.
schema: $(INSTALLED)
	$(PY) -m macros schema --data handbook_data --data tests/fixtures/minimal

## Start an FAQ answer: make new-faq QUESTION="Why is the hotline busy?" OWNER=communication-lead [AUDIENCE=agents] [TOPIC=…] [SCENARIO=…]
new-faq: $(INSTALLED)
	@test -n $(call shell_word,QUESTION) -a -n $(call shell_word,OWNER) || { echo 'Usage: make new-faq QUESTION="Why is the hotline busy?" OWNER=communication-lead [AUDIENCE=customers|agents] [TOPIC=Availability] [SCENARIO=telephony-outage]' >&2; exit 2; }
	$(PY) -m macros new-faq --question $(call shell_word,QUESTION) --owner $(call shell_word,OWNER) $(if $(AUDIENCE),--audience $(call shell_word,AUDIENCE)) $(if $(TOPIC),--topic $(call shell_word,TOPIC)) $(if $(SCENARIO),--scenario $(call shell_word,SCENARIO))

## Time and peak memory of loading and rendering as the handbook grows (figures, not a test).
bench: $(INSTALLED) system-preview
	$(PY) benchmarks/scale.py 1 5 20

## Preview with live reload (also on changes in handbook_data/).
serve: $(INSTALLED) system-preview
	$(PY) -m mkdocs serve

clean:
	rm -rf site dist .site.old
