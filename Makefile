# volna-print: `make demo` and `make test` do all set-up on a fresh Debian/Ubuntu machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SYSTEM_STAMP := $(VENV)/.system
OUT ?= out

.PHONY: demo test bench lint clean system

demo: $(STAMP)
	@$(BIN)/volna-print build issues/sample -o $(OUT)

test: $(STAMP)
	@bash scripts/install-browser.sh
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy src/volna_print
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/bench.py

lint: $(STAMP)
	$(BIN)/ruff check src tests

# System libraries WeasyPrint needs (Pango), and the PDF tools the tests check output with.
system $(SYSTEM_STAMP):
	@bash scripts/install-system.sh
	@mkdir -p $(VENV) && touch $(SYSTEM_STAMP)

$(STAMP): pyproject.toml $(SYSTEM_STAMP)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	@touch $(STAMP)

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
