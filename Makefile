# Sorot — two commands: `make run` (install, build the sample warehouse, start the app) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SAMPLE ?= data/sample
export SOROT_DB ?= $(CURDIR)/data/warehouse.duckdb
PORT ?= 8501
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test install browser warehouse sample-refresh lint bench clean screenshots sso-secret

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

# Debian's Chromium: it draws the exported chart images (kaleido) and runs the real-browser tests (Playwright
# cannot download its own browser offline).
browser:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

$(SOROT_DB): | $(STAMP)
	$(PY) -m sample --out $(SAMPLE)
	$(PY) -m etl load $(SAMPLE) --db $(SOROT_DB)

warehouse: $(SOROT_DB)

# Rebuild the sample (its 12 months end today) and reload it.
sample-refresh: $(STAMP)
	rm -rf $(SAMPLE) $(SOROT_DB)
	$(MAKE) warehouse

run: browser warehouse
	@$(PY) -c "import auth; s = auth.AuthStore(); s.has_users() or print('\n' + auth.first_admin_hint() + '\n')"
	$(PY) -m ui.serve --server.headless true --server.port $(PORT) \
	  --browser.gatherUsageStats false --server.fileWatcherType none

lint: $(STAMP)
	$(VENV)/bin/ruff check .

test: install browser lint
	$(VENV)/bin/pytest -n 2 --dist loadgroup

# The README's screenshots (the browser tests otherwise write them to a temporary folder).
screenshots: install browser
	SOROT_SHOTS=$(CURDIR)/docs/screenshots $(VENV)/bin/pytest -q tests/test_browser.py

bench: install browser
	$(PY) bench/load_bench.py
	$(PY) bench/small_load_bench.py
	$(PY) bench/first_page_bench.py
	$(PY) bench/nlp_bench.py
	$(PY) bench/app_bench.py
	$(PY) bench/app_bench.py --scale provinsi
	$(PY) bench/export_bench.py
	$(PY) bench/pack_bench.py

# Single sign-on (docs/sso.md): .streamlit/secrets.toml from .streamlit/secrets.example.toml with this install's own
# random cookie secret — only if the file does not exist yet (never overwritten), created 0600. Never commit it.
sso-secret:
	@if [ -e .streamlit/secrets.toml ]; then echo ".streamlit/secrets.toml exists: left as it is"; else \
	  secret=$$($(PYTHON) -c "import secrets; print(secrets.token_urlsafe(32))") && \
	  (umask 077 && set -C && sed "s|^cookie_secret = .*|cookie_secret = \"$$secret\"|" \
	    .streamlit/secrets.example.toml > .streamlit/secrets.toml) && chmod 600 .streamlit/secrets.toml && \
	  echo "Wrote .streamlit/secrets.toml (0600). Fill in the GANTI… values from your identity provider (docs/sso.md)."; \
	fi

clean:
	rm -rf $(VENV) $(SAMPLE) data/warehouse.duckdb*
