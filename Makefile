# tippack — the two commands: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test test-fast lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/tippack build

test: $(STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -m unit

bench: $(STAMP)
	$(BIN)/python scripts/bench.py --packs 100

clean:
	rm -rf build
