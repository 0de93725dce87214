# wmoregie — the two commands: `make run` and `make test`. Everything else supports them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
PORT ?= 8000
# Test processes: one per core (pytest-xdist); TEST_WERKERS=0 runs the suite in this process.
TEST_WERKERS ?= auto
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python src/manage.py

.PHONY: run test lint format schema messages bench fuzz crashproef clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

$(VENV)/.base: $(BIN)/python requirements/base.txt pyproject.toml packages/iwmo/pyproject.toml
	$(BIN)/pip install --quiet -r requirements/base.txt
	touch $@

$(VENV)/.dev: $(VENV)/.base requirements/dev.txt
	$(BIN)/pip install --quiet -r requirements/dev.txt
	touch $@

## run: install, migrate the embedded SQLite database, load the demo data and serve on 127.0.0.1:$(PORT)
run: $(VENV)/.base
	$(MANAGE) migrate --no-input
	$(MANAGE) laad_demo
	@echo "wmoregie draait op http://127.0.0.1:$(PORT)/ (stoppen met Ctrl+C)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

## test: lint, then the whole test suite (SQLite, or the database in DATABASE_URL), a process per core
test: $(VENV)/.dev
	$(BIN)/ruff check src packages benchmarks
	$(BIN)/bandit --quiet --configfile pyproject.toml --recursive src packages
	$(MANAGE) makemigrations --check --dry-run --settings=wmoregie.conf.test > /dev/null || \
		(echo "Er ontbreken migraties: draai 'make migrations'." && exit 1)
	$(BIN)/python -m pytest -n $(TEST_WERKERS) --dist worksteal $(PYTEST_ARGS); status=$$?; \
		if [ $$status -eq 5 ]; then echo "pytest heeft geen enkele test uitgevoerd: dat is een fout."; exit 1; fi; \
		exit $$status

lint: $(VENV)/.dev
	$(BIN)/ruff check src packages benchmarks
	$(BIN)/bandit --quiet --configfile pyproject.toml --recursive src packages
	$(BIN)/ruff format --check src packages benchmarks

format: $(VENV)/.dev
	$(BIN)/ruff check --fix src packages benchmarks
	$(BIN)/ruff format src packages benchmarks

migrations: $(VENV)/.base
	$(MANAGE) makemigrations

## messages: compile our Dutch for the libraries' English (conf/locale; needs GNU gettext's msgfmt)
messages:
	msgfmt --check -o src/wmoregie/conf/locale/nl/LC_MESSAGES/django.mo src/wmoregie/conf/locale/nl/LC_MESSAGES/django.po

## schema: regenerate the committed OpenAPI schema after an API change
schema: $(VENV)/.base
	$(MANAGE) spectacular --settings=wmoregie.conf.test --validate --fail-on-warn --file src/wmoregie/openapi.yaml

## fuzz: 100,000 generated hostile inputs through forms, API, uploads and XML intakes (#14 C.3)
fuzz: $(VENV)/.dev
	WMOREGIE_FUZZ_N=$${WMOREGIE_FUZZ_N:-100000} $(BIN)/python -m pytest -q -s -p no:logging src/wmoregie/tests/test_fuzzing.py

## crashproef: kill -9 20 times during a 10,000-message ingest and during tender submissions (#14 C.4)
crashproef: $(VENV)/.dev
	$(BIN)/python benchmarks/crash_proef.py

## bench: run every benchmark in benchmarks/ and print its figures
bench: $(VENV)/.dev
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) wmoregie.sqlite3 staticfiles
