# Lantern: `make demo` and `make test` are the only two commands a newcomer needs.
# Both are idempotent and never prompt.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ASSETS := src/lantern/web/assets
BUILD := $(ASSETS)/build
DEMO_DIR := var/demo
PG_URL ?= postgres://postgres@127.0.0.1:5432/lantern


.PHONY: demo test install assets lint typecheck migrations-check test-sqlite test-postgres \
        browser-deps spark-deps demo-data test-spark lock clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch node_modules/.package-lock.json

$(BUILD)/lantern.css: node_modules/.package-lock.json $(ASSETS)/src/lantern.scss $(ASSETS)/src/lantern.js
	mkdir -p $(BUILD)/vendor
	npx --no-install sass --no-source-map --style=compressed --quiet-deps \
		$(ASSETS)/src/lantern.scss $(BUILD)/lantern.css
	cp $(ASSETS)/src/lantern.js $(BUILD)/lantern.js
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $(BUILD)/vendor/
	cp node_modules/htmx.org/dist/htmx.min.js $(BUILD)/vendor/
	# GOV.UK Frontend's CSS names the crown crest; Lantern must not show it, so a blank image stands in.
	mkdir -p $(BUILD)/vendor/govuk/assets/images
	printf '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>' > $(BUILD)/vendor/govuk/assets/images/govuk-crest.svg
	touch $(BUILD)/lantern.css

assets: $(BUILD)/lantern.css

# The demo runs the real pipeline on a synthetic force: generate, scan, load.
# Each step is skipped when its output already exists, so a second run starts at once.
DEMO_STAFF ?= 800
DEMO_DAYS ?= 90
DEMO_SEED ?= 2026

# The stamp names what the generator writes; a demo folder from an older generator
# (without the HR export or the MDM inventory) is made again.
DEMO_FORCE := $(DEMO_DIR)/force/.generator-2-hr-manifest-mdm

$(DEMO_FORCE): | $(STAMP)
	rm -rf $(DEMO_DIR)/force $(DEMO_DIR)/alerts.jsonl
	$(BIN)/lantern synth $(DEMO_DIR)/force --staff $(DEMO_STAFF) --days $(DEMO_DAYS) --seed $(DEMO_SEED)
	touch $(DEMO_FORCE)

$(DEMO_DIR)/alerts.jsonl: $(DEMO_FORCE)
	$(BIN)/lantern scan $(DEMO_DIR)/force/dataset --out $(DEMO_DIR)/alerts.jsonl

demo-data: $(DEMO_DIR)/alerts.jsonl

demo: install assets demo-data
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/lantern alerts load $(DEMO_DIR)/alerts.jsonl --dataset $(DEMO_DIR)/force/dataset
	$(BIN)/lantern vetting import-hr $(DEMO_DIR)/force/hr --as-of-today
	$(BIN)/lantern demo seed
	# The encrypted-apps review: the MDM inventory snapshots written beside the dataset.
	for f in $(DEMO_DIR)/force/mdm/app-inventory-*.csv; do d=$${f##*app-inventory-}; \
		$(BIN)/lantern devices import $$f --review-date $${d%.csv} --skip-existing || exit 1; done
	$(BIN)/lantern governance demo-seed
	@echo "Lantern is starting on http://127.0.0.1:8000 (Ctrl+C to stop)."
	$(BIN)/python manage.py runserver 127.0.0.1:8000 --noreload --skip-checks

spark-deps:
	command -v java >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null)

browser-deps:
	command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy src

migrations-check: install
	mkdir -p var
	DJANGO_SETTINGS_MODULE=lantern.config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

# Every test, the engine's on DuckDB and on Apache Spark (local mode) included.
test-sqlite: install assets browser-deps spark-deps
	LANTERN_REQUIRE_SPARK=1 $(BIN)/python -m pytest -q -p no:cacheprovider

# The engine's tests on Apache Spark alone (local mode; needs Java).
test-spark: install spark-deps
	$(BIN)/python -m pytest -q -p no:cacheprovider -m spark tests/engine

# Every test that touches the database runs again on PostgreSQL (the engine's
# tests never touch it; the browser tests run their own SQLite server).
test-postgres: install assets
	DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest -q -p no:cacheprovider -m "django_db and not browser"

test: lint typecheck migrations-check test-sqlite test-postgres

# Regenerate the lock file after changing dependencies in pyproject.toml.
lock:
	rm -rf /tmp/lantern-lock && $(PYTHON) -m venv /tmp/lantern-lock
	/tmp/lantern-lock/bin/pip install --quiet --upgrade pip
	/tmp/lantern-lock/bin/pip install --quiet -e '.[dev,spark]'
	/tmp/lantern-lock/bin/pip freeze --exclude-editable | grep -v '^lantern' > requirements.lock

clean:
	rm -rf $(VENV) node_modules $(BUILD) var .mypy_cache .ruff_cache
