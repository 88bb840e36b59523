# Dari: set up, check, demo and benchmark. GNU make.
#
#   make demo    set up .venv if needed, then the demo server and the desktop signed in
#                (no display: the demo scenario as text)
#   make test    set up .venv if needed, then lint, import contracts, types, tests
#   make bench   run every bench/*.py
#   make screenshots  save the desktop program's screens to docs/screenshots (needs Xvfb)
#   make translations  update desktop/resources/i18n/dari_en.ts from the sources, compile the .qm
#   make clean   remove .venv and caches

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# Touched after a successful install: pip runs again only when pyproject.toml is newer.
STAMP  := $(VENV)/.installed
# Files named _*.py in bench/ are helpers the benchmarks import, not benchmarks.
BENCHMARKS := $(sort $(filter-out bench/_%,$(wildcard bench/*.py)))

.DEFAULT_GOAL := help
.PHONY: help venv test demo bench clean

help:
	@sed -n 's/^#   //p' $(firstword $(MAKEFILE_LIST))

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --progress-bar off -e '.[dev]'
	touch $@

# Make stops at the first failing line. pytest's exit code 5 ("no tests collected")
# is not 0, so it fails too: a suite that silently found nothing must not pass.
test: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest || { status=$$?; \
	  if [ $$status -eq 5 ]; then echo "pytest collected no tests: that is a failure." >&2; fi; \
	  exit $$status; }

# The embedded demo server (dari-server demo) in the background and the desktop signed
# in as the demo counselor; without DISPLAY/WAYLAND_DISPLAY, the text scenario.
demo: venv
	$(BIN)/python scripts/demo.py

bench: venv
	@if [ -z "$(BENCHMARKS)" ]; then echo "bench/ holds no benchmarks yet."; fi
	@for benchmark in $(BENCHMARKS); do \
	  echo "== $$benchmark"; \
	  $(BIN)/python $$benchmark || exit 1; \
	done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis .import_linter_cache \
	  build dist *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# The real program under Xvfb, signed in to the demo server as each role.
# Debian: apt-get install -y xvfb xauth libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0
.PHONY: screenshots
screenshots: venv
	QT_QPA_PLATFORM=xcb xvfb-run -a -s '-screen 0 1600x1000x24' \
	  $(BIN)/python scripts/screenshots.py

# The English switch: lupdate collects every tr()/translate()/QT_TRANSLATE_NOOP text into
# the .ts (new ones come out "unfinished": translate them, e.g. in pyside6-linguist, and run
# this again); lrelease compiles the .qm the program loads. Texts no longer in the sources
# stay in the .ts as "vanished", so a translation comes back if its text does.
I18N_DIR     := desktop/resources/i18n
I18N_SOURCES := $(sort $(wildcard desktop/ui/*.py desktop/qtmodels/*.py)) desktop/app.py

.PHONY: translations
translations: venv
	$(BIN)/pyside6-lupdate -source-language ko -target-language en -locations none \
	  $(I18N_SOURCES) -ts $(I18N_DIR)/dari_en.ts
	$(BIN)/pyside6-lrelease $(I18N_DIR)/dari_en.ts -qm $(I18N_DIR)/dari_en.qm
