#!/usr/bin/env bash
# `make run`: the web server, one Celery worker and one beat, on the embedded defaults
# (SQLite, kombu's filesystem broker under var/). One Ctrl-C stops all three.
set -eu
PY=.venv/bin/python
# The web server, the worker and beat build every link from SITE_URL: the port served on.
export SITE_URL="${SITE_URL:-http://127.0.0.1:${PORT:-8000}}"
mkdir -p var/broker/out var/broker/processed var/broker/control
pids=()
stop() {
  trap - INT TERM EXIT
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT
.venv/bin/celery -A klmeetings worker --pool=solo --loglevel=warning &
pids+=($!)
.venv/bin/celery -A klmeetings beat --loglevel=warning --schedule var/celerybeat-schedule &
pids+=($!)
$PY manage.py runserver "127.0.0.1:${PORT:-8000}" &
pids+=($!)
wait -n "${pids[@]}"
