#!/usr/bin/env bash
# `make run`: the web server, one Celery worker and one beat, on the embedded defaults
# (SQLite, kombu's filesystem broker under var/). One Ctrl-C stops all three. A worker or beat
# that dies (a lost broker, a crash) is started again after 2 s, as docker-compose's `restart`
# does; the outbox in the database keeps what it owed.
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

# Runs a command again whenever it exits; TERM stops the command and the loop.
keep_running() {
  local child=
  trap 'kill $child 2>/dev/null; wait $child 2>/dev/null; exit 0' TERM
  while true; do
    "$@" &
    child=$!
    wait "$child" || true
    echo "run-local: '$*' stopped; starting it again in 2 s" >&2
    sleep 2
  done
}

keep_running $PY -m celery -A klmeetings worker --pool=solo --loglevel=warning &
pids+=($!)
keep_running $PY -m celery -A klmeetings beat --loglevel=warning &
pids+=($!)
$PY manage.py runserver "127.0.0.1:${PORT:-8000}" &
pids+=($!)
# The web server stopping (or Ctrl-C) stops everything.
wait "${pids[-1]}"
