# Akademia OSL. Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://root@127.0.0.1:5432/test

.PHONY: run test install install-test migrate demo lint pytest pytest-pg browser-deps document-deps serve-prod bench clean

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Potrzebny jest Python 3.11 ($(PYTHON))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PIP) install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

migrate: install
	$(MANAGE) migrate --noinput -v0
	@if command -v msgfmt >/dev/null; then $(MANAGE) compilemessages -v0 --ignore=.venv; \
	  else echo "msgfmt (gettext) nie jest zainstalowany: używam skompilowanych tłumaczeń z repozytorium."; fi

demo: migrate
	$(MANAGE) seed_demo

# The site, the task worker (e-mails, certificates, large imports) and the scheduler of the
# periodic jobs (e-mail retries, expired offers, reminders): the two helpers run in the
# background and stop with the site (Ctrl-C).
run: demo
	@echo "Serwis: http://$(HOST):$(PORT)/  ·  panel redakcyjny: http://$(HOST):$(PORT)/admin/"
	@echo "Wysłane e-maile (np. link weryfikacyjny) pojawiają się w tym terminalu."
	@export OSL_TASKS=database; \
	$(MANAGE) db_worker --queue-name '*' --no-reload & worker=$$!; \
	$(MANAGE) run_scheduler & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null; wait $$worker $$scheduler 2>/dev/null' EXIT; \
	trap 'exit 130' INT TERM; \
	echo "Uruchomiono w tle: obsługę zadań (db_worker, pid $$worker) i harmonogram zadań okresowych (run_scheduler, pid $$scheduler); zatrzymają się razem z serwisem."; \
	$(MANAGE) runserver $(HOST):$(PORT)

# Chromium for the browser tests comes from Debian's package, never from a browser download.
browser-deps:
	@if ! command -v chromium >/dev/null; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Brak Chromium: zainstaluj pakiet 'chromium', aby uruchomić testy w przeglądarce."; fi; \
	fi

# The tools the document tests check the exports with, from Debian's packages: LibreOffice Calc
# (the CSV in the Polish locale), qpdf and pdffonts (the PDFs); without them those tests skip.
document-deps:
	@if ! command -v soffice >/dev/null || ! command -v qpdf >/dev/null || ! command -v pdffonts >/dev/null; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      libreoffice-calc-nogui qpdf poppler-utils >/dev/null; \
	  else echo "Brak soffice/qpdf/pdffonts: zainstaluj libreoffice-calc-nogui, qpdf i poppler-utils, aby sprawdzić eksporty i PDF-y."; fi; \
	fi

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run -v1

pytest: install-test browser-deps document-deps
	$(VENV)/bin/pytest -q

# The same suite on PostgreSQL (row locks, concurrency). Required under CI=true.
pytest-pg: install-test document-deps
	@if $(PY) -c "import psycopg,sys; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
	  DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -q -m "not browser"; \
	elif [ "$$CI" = "true" ]; then echo "PostgreSQL at $(PG_URL) is required under CI=true."; exit 1; \
	else echo "PostgreSQL not reachable at $(PG_URL): skipping the PostgreSQL run."; fi

# The two passes run side by side, one per core: the PostgreSQL pass in the background with its
# output kept in var/pytest-pg.log and printed when it ends. (make -j proved unreliable here.)
test: lint browser-deps document-deps
	@mkdir -p var; \
	$(MAKE) --no-print-directory pytest-pg > var/pytest-pg.log 2>&1 & pg=$$!; \
	$(MAKE) --no-print-directory pytest; sqlite=$$?; \
	wait $$pg; postgres=$$?; \
	echo "--- PostgreSQL pass ---"; cat var/pytest-pg.log; \
	echo "SQLite pass: exit $$sqlite; PostgreSQL pass: exit $$postgres"; \
	[ $$sqlite -eq 0 ] && [ $$postgres -eq 0 ]

serve-prod: install
	$(MANAGE) collectstatic --noinput -v0 --settings=cms.settings.production
	DJANGO_SETTINGS_MODULE=cms.settings.production $(VENV)/bin/gunicorn cms.wsgi -w 2 -b $(HOST):$(PORT) --access-logfile -

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles var
