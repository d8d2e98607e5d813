# Everything works from a fresh clone: the first target that needs Python creates .venv/ and
# installs the pinned packages (again whenever a requirements file changes).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: serve site test validate pages new-case bench clean preview status

$(STAMP): requirements.txt requirements-test.txt pyproject.toml
	@sh scripts/ensure-voikko.sh
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-test.txt
	@# the project itself, editable, so that scripts, hooks and tests import kb; it has no dependencies of its own
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

## serve: build everything, serve it on http://127.0.0.1:8000/ and follow edits (another port: make serve PORT=8080)
serve: $(STAMP)
	$(PY) scripts/serve.py --port $(PORT)

## preview: download the site a pull request's checks built and serve it (make preview PR=12; needs the GitHub CLI)
preview: $(STAMP)
	@test -n "$(PR)" || { echo "usage: make preview PR=<number>"; exit 2; }
	$(PY) scripts/preview.py $(PR) --port $(PORT)

## site: validate, build fi, sv and en, and index them with Pagefind into site/
site: $(STAMP)
	$(PY) scripts/build.py

## test: the whole test suite, browser tests included
test: $(STAMP)
	$(VENV)/bin/ruff check .
	@sh scripts/ensure-chromium.sh
	$(PY) -m pytest

## validate: check every case, guideline and site page (messages in Finnish: make validate LANG=fi)
validate: $(STAMP)
	$(PY) scripts/validate.py $(if $(filter command line,$(origin LANG)),--lang $(LANG),)

## status: the editors' overview: languages, missing and outdated translations, reviews, counts
status: $(STAMP)
	$(PY) scripts/status.py

## pages: write the generated Markdown sources to generated/<lang>/ for other engines
pages: $(STAMP)
	$(PY) scripts/build.py --pages generated

## new-case: start a case from the template, e.g. make new-case SLUG=my-case LANG=fi (LANG defaults to fi;
## the shell's own LANG, such as C.UTF-8, is ignored)
new-case: $(STAMP)
	$(PY) scripts/new_case.py "$(SLUG)" --lang "$(if $(filter command line,$(origin LANG)),$(LANG),fi)"

## bench: build-time and output-size benchmark against the common setup (see BENCHMARK.md)
bench: $(STAMP)
	$(PY) scripts/bench.py

clean:
	rm -rf site generated .pytest_cache
