# volna-print: `make demo` and `make test` do all set-up on a fresh Debian/Ubuntu machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SYSTEM_STAMP := $(VENV)/.system
OUT ?= out

.PHONY: demo test bench lint catalogs clean system

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

# After changing a message: extract, merge into every locale/<lang>/.../volna_print.po, translate, then
# `make catalogs` again to compile the .mo files (committed: they ship in the wheel). docs/i18n.md.
catalogs: $(STAMP)
	$(BIN)/python scripts/catalogs.py update
	$(BIN)/python scripts/catalogs.py compile
	$(BIN)/python scripts/catalogs.py check

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
