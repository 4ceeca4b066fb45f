#!/usr/bin/env bash
# A private PostgreSQL server for the register's tests, on the loopback address, its data in a
# temporary folder. `start` creates and starts it (on port 55432, or the next free one), `url`
# prints the address to put in DMF_TEST_POSTGRES_URL, `ca` the certificate authority its TLS
# certificate is signed by, `stop` stops it and removes its data.
#   scripts/test-postgres.sh start && export DMF_TEST_POSTGRES_URL="$(scripts/test-postgres.sh url)"
#
# What the tests find there:
# - the superuser `postgres`, trusted without a password (the address `url` prints);
# - members of the group role `dmf_password_users` must sign in with a SCRAM-SHA-256 password
#   (tests make such roles, with their own passwords, to try ~/.pgpass and wrong passwords);
# - TLS, with a server certificate for localhost and 127.0.0.1 signed by a certificate authority
#   made here with openssl: tls/ca.crt beside the server's certificate (SHOW ssl_cert_file), and
#   tls/other-ca.crt, a second authority that signed nothing, to see a wrong one refused.
# Needs Debian's postgresql package and openssl. PostgreSQL refuses to run as root, so as root
# the server runs as the postgres user, and its key is owned by it.
set -euo pipefail
folder="${TMPDIR:-/tmp}/dmf-test-postgres"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"

as_server() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A certificate authority, and a server certificate it signs (valid for a week: the server lives
# for one test run).
make_certificates() {
  local tls="$1"
  mkdir -p "$tls"
  openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj "/CN=dmf-wizard test CA" \
    -keyout "$tls/ca.key" -out "$tls/ca.crt" 2>/dev/null
  openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj "/CN=another test CA" \
    -keyout "$tls/other-ca.key" -out "$tls/other-ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
    -keyout "$tls/server.key" -out "$tls/server.csr" 2>/dev/null
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$tls/server.ext"
  openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" -CAcreateserial \
    -days 7 -extfile "$tls/server.ext" -out "$tls/server.crt" 2>/dev/null
  rm -f "$tls/ca.key" "$tls/other-ca.key" "$tls/server.csr" "$tls/server.ext" "$tls/ca.srl"
  chmod 0600 "$tls/server.key"
  chmod 0644 "$tls/ca.crt" "$tls/other-ca.crt" "$tls/server.crt"
}

case "${1:-}" in
  start)
    [ -n "$bin" ] || { echo "test-postgres: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
    command -v openssl >/dev/null || { echo "test-postgres: openssl is not installed (apt-get install openssl)" >&2; exit 1; }
    "$0" stop
    port=55432
    while port_in_use "$port"; do port=$((port + 1)); done
    mkdir -p "$folder/data" "$folder/socket"
    echo "$port" > "$folder/port"
    make_certificates "$folder/tls"
    [ "$(id -u)" = 0 ] && chown -R postgres "$folder"
    as_server "'$bin/initdb' -D '$folder/data' -A trust -U postgres >/dev/null"
    # First match wins: the password group over TCP, then everyone else trusted.
    cat > "$folder/data/pg_hba.conf" <<EOF
local all all trust
host all +dmf_password_users 127.0.0.1/32 scram-sha-256
host all all 127.0.0.1/32 trust
EOF
    [ "$(id -u)" = 0 ] && chown postgres "$folder/data/pg_hba.conf"
    as_server "'$bin/pg_ctl' -D '$folder/data' -l '$folder/log' -w \
      -o \"-k '$folder/socket' -p $port -c listen_addresses=127.0.0.1 -c max_connections=100 -c fsync=off \
      -c ssl=on -c ssl_cert_file='$folder/tls/server.crt' -c ssl_key_file='$folder/tls/server.key'\" \
      start >/dev/null"
    as_server "'$bin/psql' -q -h '$folder/socket' -p $port -U postgres -d postgres \
      -c 'CREATE ROLE dmf_password_users NOLOGIN'"
    echo "test-postgres: running on 127.0.0.1:$port"
    ;;
  url)
    echo "postgres://postgres@127.0.0.1:$(cat "$folder/port")/postgres?sslmode=disable"
    ;;
  ca)
    echo "$folder/tls/ca.crt"
    ;;
  stop)
    if [ -d "$folder/data" ]; then as_server "'$bin/pg_ctl' -D '$folder/data' -m immediate stop >/dev/null" || true; fi
    rm -rf "$folder"
    ;;
  *)
    echo "usage: scripts/test-postgres.sh start|url|ca|stop" >&2
    exit 2
    ;;
esac
