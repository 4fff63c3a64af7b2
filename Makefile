# Two commands set up everything on a fresh machine:
#   make run   - create .venv, install policygraph, build the graph of data/samples/ and write
#                its explorer as an offline folder (out/site/index.html)
#   make test  - create .venv, install policygraph with test tools and a browser, run the tests
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test venv browser clean

$(STAMP): setup.cfg pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

browser:
	bash scripts/install-browser.sh

run: $(STAMP)
	mkdir -p out
	$(BIN)/policygraph build data/samples --store out/policygraph.sqlite
	$(BIN)/policygraph site --store out/policygraph.sqlite -o out/site

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) out
