#!/usr/bin/env bash
# A private PostgreSQL server for the register's tests: loopback only, trust authentication,
# its data in a temporary folder. `start` creates and starts it (on port 55432, or the next free
# one), `url` prints the address to put in DMF_TEST_POSTGRES_URL, `stop` stops it and removes
# its data.
#   scripts/test-postgres.sh start && export DMF_TEST_POSTGRES_URL="$(scripts/test-postgres.sh url)"
# Needs Debian's postgresql package. PostgreSQL refuses to run as root, so as root the server
# runs as the postgres user.
set -euo pipefail
folder="${TMPDIR:-/tmp}/dmf-test-postgres"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"

as_server() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

case "${1:-}" in
  start)
    [ -n "$bin" ] || { echo "test-postgres: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
    "$0" stop
    port=55432
    while port_in_use "$port"; do port=$((port + 1)); done
    mkdir -p "$folder/data" "$folder/socket"
    echo "$port" > "$folder/port"
    [ "$(id -u)" = 0 ] && chown -R postgres "$folder"
    as_server "'$bin/initdb' -D '$folder/data' -A trust -U postgres >/dev/null"
    as_server "'$bin/pg_ctl' -D '$folder/data' -l '$folder/log' -w \
      -o \"-k '$folder/socket' -p $port -c listen_addresses=127.0.0.1 -c max_connections=100 -c fsync=off\" \
      start >/dev/null"
    echo "test-postgres: running on 127.0.0.1:$port"
    ;;
  url)
    echo "postgres://postgres@127.0.0.1:$(cat "$folder/port")/postgres?sslmode=disable"
    ;;
  stop)
    if [ -d "$folder/data" ]; then as_server "'$bin/pg_ctl' -D '$folder/data' -m immediate stop >/dev/null" || true; fi
    rm -rf "$folder"
    ;;
  *)
    echo "usage: scripts/test-postgres.sh start|url|stop" >&2
    exit 2
    ;;
esac
