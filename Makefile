# klmeetings: `make run` for a local portal on embedded defaults, `make test` for the test suite
# against real PostgreSQL and Redis. Both set everything up on a fresh clone.

VENV := .venv
PY := $(VENV)/bin/python
# The interpreter is found by scripts/find-python.sh: python3.13, pyenv's 3.13, or python3.12.
PYTHON ?= $(shell scripts/find-python.sh)
PORT ?= 8000
# Links in e-mails, .ics and PDFs point at the port `make run` serves on, unless SITE_URL is given.
SITE_URL ?= http://127.0.0.1:$(PORT)

# Settings for the test run: production-like (DEBUG off) but over plain HTTP on loopback.
TEST_ENV := DEBUG=0 SECRET_KEY=test-only-not-secret SECURE_SSL_REDIRECT=0 \
	SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 VAR_DIR=var/test

.PHONY: run test guide bench loadtest chaos lint format css clean

$(VENV)/.installed: requirements.txt
	@test -n "$(PYTHON)" || exit 1
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# axe-core and the Nu Html Checker for the accessibility tests (package.json).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

run: $(VENV)/.installed
	@scripts/system-packages.sh
	mkdir -p var/broker/out var/broker/processed var/broker/control
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 SITE_URL=$(SITE_URL) $(PY) manage.py load_demo
	@DEBUG=1 SITE_URL=$(SITE_URL) $(PY) manage.py ensure_admin
	DEBUG=1 PORT=$(PORT) SITE_URL=$(SITE_URL) scripts/run-local.sh

test: $(VENV)/.installed-dev node_modules/.installed
	@scripts/system-packages.sh chromium default-jre-headless nginx-light libreoffice-writer
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(TEST_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(TEST_ENV) scripts/with-test-services.sh $(VENV)/bin/pytest

# The secretariat guide's screenshots (static/guide/), taken by the acceptance test that does
# the secretary's whole task; `make test` takes them into var/test/guide/ only.
guide: $(VENV)/.installed-dev node_modules/.installed
	@scripts/system-packages.sh chromium
	$(TEST_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	UPDATE_GUIDE=1 $(TEST_ENV) scripts/with-test-services.sh $(VENV)/bin/pytest \
		tests/meetings/test_secretariat_task.py

# PostgreSQL as deployed (fsync, synchronous_commit, full_page_writes on); the tests keep them off.
bench: $(VENV)/.installed-dev
	@scripts/system-packages.sh wrk
	PG_DURABLE=1 scripts/with-test-services.sh $(PY) bench/run.py

# A bounded load test of the public pages and of registration; figures to docs/loadtest.md.
loadtest: $(VENV)/.installed-dev
	scripts/with-test-services.sh $(PY) bench/load_test.py

# Faults injected into the real processes (Redis killed, PostgreSQL stopped, SMTP 451, the mail
# worker SIGKILLed, cancellations racing registrations), on loopback with a PostgreSQL and a
# Redis of its own, each scenario bounded (about 8 minutes in all); outcome to docs/reliability.md.
chaos: $(VENV)/.installed-dev
	@scripts/system-packages.sh postgresql redis-server
	$(PY) bench/chaos.py

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The trimmed Bootstrap the public pages load (scripts/trim-bootstrap.mjs); run it after a template
# starts using a Bootstrap class it did not use before, and commit the result.
css: $(VENV)/.installed node_modules/.installed
	node scripts/trim-bootstrap.mjs $$($(PY) -c 'import crispy_bootstrap5, crispy_forms; \
		print(crispy_bootstrap5.__path__[0], crispy_forms.__path__[0])')

clean:
	rm -rf $(VENV) var .pytest_cache node_modules
