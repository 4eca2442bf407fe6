# The README's two commands: `make run` and `make test`. Everything else here serves them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
CHROMIUM := /usr/bin/chromium
NGINX    := /usr/sbin/nginx

.PHONY: run test lint typecheck unit browser bench load seed clean-db geodata

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps: reinstall only when pyproject.toml or constraints.txt changes.
$(VENV)/.run-installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -e . -c constraints.txt
	touch $@

$(VENV)/.test-installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]' -c constraints.txt
	touch $@

$(CHROMIUM):
	@echo "Installing Debian's chromium for the browser tests..."
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null

$(NGINX):
	@echo "Installing Debian's nginx-light for the deployment test (tests/deploy/test_deploy.py)..."
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx-light >/dev/null

## make run: install, prepare the SQLite database with demo data, start the app on
## 127.0.0.1:8501 (this machine only; docs/deployment.md serves the network through nginx)
run: $(VENV)/.run-installed
	$(BIN)/python -m pora_dash init-db --demo
	$(BIN)/streamlit run serve.py --server.port $(PORT) --server.address 127.0.0.1

## make test: install test dependencies (and chromium), lint, type-check, run every test
test: $(VENV)/.test-installed $(CHROMIUM) $(NGINX)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest -n 2 --dist loadgroup

## make unit: the fast tier while working: unit tests and the doctests, under a minute
unit: $(VENV)/.test-installed
	$(BIN)/pytest -q tests/unit pora_dash

## make bench: speed against an empty Streamlit page, scale 10 demo data (see bench/README.md)
bench: $(VENV)/.test-installed $(CHROMIUM)
	$(BIN)/python bench/run.py --scale 10 --runs 5

## make load: 20 browser sessions on one app process (SQLite scale 1), 3 minutes; not part of make test
load: $(VENV)/.test-installed $(CHROMIUM)
	$(BIN)/python bench/load.py --db sqlite --scale 1 --sessions 20 --duration 180

geodata: $(VENV)/.test-installed
	$(BIN)/pip install --quiet -e '.[geo]' -c constraints.txt
	$(BIN)/python -m pora_dash build-geodata

clean-db:
	rm -f data/pora.db data/pora.db-wal data/pora.db-shm
