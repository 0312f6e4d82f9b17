#!/usr/bin/env bash
# Runs a command with PostgreSQL and Redis for the tests. When DATABASE_URL or REDIS_URL is
# given, that server is used; otherwise a throw-away one is started on loopback (installed from
# Debian's packages when run as root) and stopped when the command ends. The tests' PostgreSQL
# writes nothing durably (fsync, synchronous_commit and full_page_writes off); PG_DURABLE=1
# (make bench) keeps them on, as in production.
set -eu
cleanup() {
  if [ -n "${PG_DATA:-}" ]; then
    $PG_AS "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DATA"
  fi
  if [ -n "${REDIS_PID_FILE:-}" ] && [ -f "$REDIS_PID_FILE" ]; then
    # Wait for Redis to exit: its last log lines would otherwise race the rm.
    redis_pid=$(cat "$REDIS_PID_FILE")
    kill "$redis_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$redis_pid" 2>/dev/null || break; sleep 0.1; done
    rm -rf "$REDIS_DIR"
  fi
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

if [ -z "${DATABASE_URL:-}" ]; then
  scripts/system-packages.sh postgresql
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PG_DATA=$(mktemp -d "${TMPDIR:-/tmp}/klmeetings-pg.XXXXXX")
  PG_PORT=$(free_port)
  PG_AS=""
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$PG_DATA"
    PG_AS="runuser -u postgres --"
  fi
  $PG_AS "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  PG_DURABILITY="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  if [ "${PG_DURABLE:-0}" = 1 ]; then PG_DURABILITY=""; fi
  $PG_AS "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -l "$PG_DATA/log" \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DATA $PG_DURABILITY -c max_connections=400" \
    start >/dev/null
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres klmeetings
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/klmeetings"
  echo "PostgreSQL for the tests on 127.0.0.1:$PG_PORT"
fi

if [ -z "${REDIS_URL:-}" ]; then
  scripts/system-packages.sh redis-server
  REDIS_DIR=$(mktemp -d "${TMPDIR:-/tmp}/klmeetings-redis.XXXXXX")
  REDIS_PORT=$(free_port)
  REDIS_PID_FILE="$REDIS_DIR/redis.pid"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir "$REDIS_DIR" --pidfile "$REDIS_PID_FILE" --daemonize yes --logfile "$REDIS_DIR/log"
  for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
  echo "Redis for the tests on 127.0.0.1:$REDIS_PORT"
fi

"$@"
