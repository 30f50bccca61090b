# frontdesk: `make run` sets up and serves the demo; `make test` runs everything CI runs.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export FRONTDESK_DATABASE_URL ?= sqlite:///var/frontdesk.db

.PHONY: run install migrate seed serve cluster test test-sqlite test-postgres lint bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/frontdesk names lexicon --build
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/frontdesk db upgrade

seed: migrate
	$(BIN)/frontdesk demo
	$(BIN)/frontdesk users ensure-demo

# The worker runs beside the server and stops with it.
run: seed
	$(BIN)/frontdesk worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/frontdesk serve

# Scale-out: app processes behind haproxy and workers; needs PostgreSQL and Redis, e.g.
# make cluster FRONTDESK_DATABASE_URL=postgresql+psycopg://... FRONTDESK_REDIS_URL=redis://...
APPS ?= 2
WORKERS ?= 2
cluster: install
	sh scripts/ensure-haproxy.sh
	$(BIN)/frontdesk cluster --app $(APPS) --workers $(WORKERS)

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

test-sqlite: install
	sh scripts/ensure-chromium.sh
	sh scripts/ensure-haproxy.sh
	FRONTDESK_TEST_DB=sqlite $(BIN)/pytest -n 2

# The PostgreSQL pass runs every test that touches the database, on PostgreSQL; the fault
# suite's short profile (marked `alone`) runs after it on a machine of its own, since its
# retries and timeouts are Retell's and two cores shared with browser tests starve them.
test-postgres: install
	sh scripts/ensure-chromium.sh
	sh scripts/ensure-haproxy.sh
	@if [ -n "$$FRONTDESK_TEST_POSTGRES_URL" ]; then \
		FRONTDESK_TEST_DB=postgres $(BIN)/pytest -n 2 -m "db and not alone" && \
		FRONTDESK_TEST_DB=postgres $(BIN)/pytest -p no:xdist -m "db and alone"; \
	else echo "FRONTDESK_TEST_POSTGRES_URL not set: PostgreSQL pass skipped"; fi

test: lint test-sqlite test-postgres

bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .hypothesis
