# The two set-up commands are `make site` and `make test`; each installs what it needs.
PYTHON ?= python3
# `make check STRICT=--strict` (and `make site STRICT=--strict`): anything removed from an FAQ answer is an error.
STRICT ?=
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
export PYTHON
# A make variable as one shell word exactly as typed: quotes, $ and backticks in a question stay text.
shell_word = '$(subst ','\'',$(value $(1)))'
# mutmut names a mutant after its module: macros/render/risk.py → 'macros.render.risk.*', macros/render → 'macros.render.*'.
mutant_pattern = '$(subst /,.,$(patsubst %.py,%,$(patsubst %/,%,$(1)))).*'
# Debian keeps ensurepip in python3-venv; without it no virtual environment can be made.
SYSTEM_FOR_VENV := python:ensurepip=python3-venv
# A preview (make serve, a plain mkdocs build) needs only Graphviz, no browser.
SYSTEM_FOR_PREVIEW := $(SYSTEM_FOR_VENV) dot=graphviz
# The build also prints the emergency folder's PDFs with Debian's Chromium. Playwright's own node driver
# needs libatomic.so.1, which Chromium does not pull in. The print styles ask for Helvetica/Arial, which
# fontconfig maps to Liberation Sans; DejaVu Sans covers the characters Liberation lacks.
SYSTEM_FOR_SITE := $(SYSTEM_FOR_PREVIEW) chromium=chromium lib:libatomic.so.1=libatomic1 \
	font:Liberation_Sans=fonts-liberation font:DejaVu_Sans=fonts-dejavu-core
# The browser tests drive the same Chromium (never a downloaded browser build); the print tests turn
# PDF pages into images with pdftoppm.
SYSTEM_FOR_TESTS := $(SYSTEM_FOR_SITE) pdftoppm=poppler-utils
# The data folder check, review, serve, new-faq, new-update, close-incident and site read: DATA=other_data for
# another organisation's handbook.
DATA ?= handbook_data
# Far-away days on which the whole suite must pass (make clock-check).
CLOCK_DAYS := 2026-01-01 2030-06-01

.PHONY: site test check serve verify system-venv system-preview system-site system-tests clean
.PHONY: install review schema new-faq bench bench-scale golden not-in-ci fresh-check clock-check new-update close-incident mutation
# The system check must come before the slow pip install, so prerequisites run in the order written.
.NOTPARALLEL:

$(INSTALLED): pyproject.toml
	@scripts/make-venv $(VENV)

system-venv:
	@scripts/ensure-system-packages $(SYSTEM_FOR_VENV)

system-preview:
	@scripts/ensure-system-packages $(SYSTEM_FOR_PREVIEW)

system-site:
	@scripts/ensure-system-packages $(SYSTEM_FOR_SITE)

system-tests:
	@scripts/ensure-system-packages $(SYSTEM_FOR_TESTS)

## Build the sample handbook into site/ (the previous site stays if anything fails).
site: system-site $(INSTALLED)
	$(PY) -m macros build --data $(call shell_word,DATA) $(STRICT)

## Validate handbook_data/ (or DATA=folder) without building; make exits 2 on any failure (the command itself: 1 data, 2 usage).
check: system-venv $(INSTALLED)
	$(PY) -m macros check --data $(call shell_word,DATA) $(STRICT)

## Run every test, including a strict build of the sample handbook.
test: system-tests $(INSTALLED)
	$(PY) -m pytest

## Check a USB copy against its manifest: make verify DIR=/media/usb/handbook-2026.3-2026-11-23 (or the .zip).
verify: system-venv $(INSTALLED)
	@test -n $(call shell_word,DIR) || { echo "Usage: make verify DIR=path/to/the/copied/folder/or/zip" >&2; exit 2; }
	$(PY) -m macros verify $(call shell_word,DIR)

## Install the Python and system packages that the build and the tests need (CI's first step).
install: system-tests $(INSTALLED)

## What is overdue or due within 30 days, grouped by owner (for a weekly reminder; exit 0).
review: system-venv $(INSTALLED)
	$(PY) -m macros review --data $(call shell_word,DATA)

## Write schemas/ from the models and give every data file its schema line.
schema: system-venv $(INSTALLED)
	$(PY) -m macros schema --data handbook_data --data tests/fixtures/minimal --data tests/fixtures/bilingual

## Start an FAQ answer: make new-faq QUESTION="Why is the hotline busy?" OWNER=communication-lead [AUDIENCE=agents] [TOPIC=…] [SCENARIO=…]
new-faq: system-venv $(INSTALLED)
	@test -n $(call shell_word,QUESTION) -a -n $(call shell_word,OWNER) || { echo 'Usage: make new-faq QUESTION="Why is the hotline busy?" OWNER=communication-lead [AUDIENCE=customers|agents] [TOPIC=Availability] [SCENARIO=telephony-outage]' >&2; exit 2; }
	$(PY) -m macros new-faq --data $(call shell_word,DATA) --question $(call shell_word,QUESTION) --owner $(call shell_word,OWNER) $(if $(AUDIENCE),--audience $(call shell_word,AUDIENCE)) $(if $(TOPIC),--topic $(call shell_word,TOPIC)) $(if $(SCENARIO),--scenario $(call shell_word,SCENARIO))

## While an incident is declared: make new-update TEXT="Calls are answered again in Leipzig." [PUBLIC="…"] [BY=role-id] [NEXT=60]
new-update: system-venv $(INSTALLED)
	@test -n $(call shell_word,TEXT) || { echo 'Usage: make new-update TEXT="Calls are answered again in Leipzig." [PUBLIC="What customers may read"] [BY=communication-lead] [NEXT=60 (minutes to the next update)]' >&2; exit 2; }
	$(PY) -m macros new-update --data $(call shell_word,DATA) --text $(call shell_word,TEXT) $(if $(PUBLIC),--public-text $(call shell_word,PUBLIC)) $(if $(BY),--by $(call shell_word,BY)) $(if $(NEXT),--next $(call shell_word,NEXT))

## End the declared incident: its timeline moves into exercises.yml and situation.yml is removed.
close-incident: system-venv $(INSTALLED)
	$(PY) -m macros close-incident --data $(call shell_word,DATA)

## The generator against plain MkDocs, check, PDFs, editions and serve as the handbook grows (figures, not a test).
## BENCH_SIZES="1 5 20" (the sample grown ×N) and BENCH_REPEAT=3 (best of) make a quicker run possible.
bench: system-site $(INSTALLED)
	$(PY) benchmarks/bench.py

## Time and peak memory of loading and rendering alone as the handbook grows (figures, not a test).
bench-scale: system-preview $(INSTALLED)
	$(PY) benchmarks/scale.py 1 5 20

## Rewrite tests/golden/ from the code as it is now (review the diff before committing); never under CI=true.
golden: not-in-ci system-preview $(INSTALLED)
	UPDATE_GOLDEN=1 $(PY) -m pytest -q -m golden
	@git status --short -- tests/golden

not-in-ci:
	@test "$$CI" != true || { echo "make golden rewrites tests/golden/: it refuses to run under CI=true" >&2; exit 2; }

## Mutation testing of the core with the fast tests, one worker (not part of make test; see CONTRIBUTING):
## make mutation [MODULE=macros/freshness.py | MODULE=macros/render] [SAMPLE=10 [SEED=2]]; results stay in mutants/.
## SAMPLE checks that percentage of each module's mutants, drawn at random by SEED, and estimates the rate.
mutation: system-preview $(INSTALLED)
ifdef SAMPLE
	@names=$$($(PY) scripts/mutation-sample $(call shell_word,SAMPLE) $(or $(SEED),1) $(call shell_word,MODULE)) && \
	  if [ -n "$$names" ]; then $(VENV)/bin/mutmut run --max-children 1 $$names; fi
else
	$(VENV)/bin/mutmut run --max-children 1 $(if $(MODULE),$(call mutant_pattern,$(MODULE)))
endif
	@$(PY) scripts/mutation-report $(if $(MODULE),$(call shell_word,MODULE))

## The whole suite with the clock set to far-away days (needs faketime; not part of make test).
clock-check: system-tests $(INSTALLED)
	@scripts/ensure-system-packages faketime=faketime
	@scripts/clock-check $(PY) $(CLOCK_DAYS)

## Prove `make site && make test` on a fresh Debian bookworm root (as root; minutes; not part of make test).
fresh-check:
	@scripts/fresh-check

## Preview with live reload (also on changes in handbook_data/); after an edit only the pages it changed are built
## again (--dirty, see macros/site_preview.py).
serve: system-preview $(INSTALLED)
	HANDBOOK_DATA=$(call shell_word,DATA) $(PY) -m mkdocs serve --dirty

clean:
	rm -rf site dist .site.old mutants
