# tippack — the two commands: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test test-fast lint bench clean system system-test

# First of all: the system libraries and tools (scripts/setup-system.sh installs what is missing).
system:
	@PYTHON=$(PYTHON) sh scripts/setup-system.sh build

system-test:
	@PYTHON=$(PYTHON) sh scripts/setup-system.sh test

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

build: system
	@$(MAKE) --no-print-directory $(STAMP)
	$(BIN)/tippack build

test: system-test
	@$(MAKE) --no-print-directory $(STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

test-fast: system-test
	@$(MAKE) --no-print-directory $(STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -m unit

bench: $(STAMP)
	$(BIN)/python scripts/bench.py --packs 100

clean:
	rm -rf build
