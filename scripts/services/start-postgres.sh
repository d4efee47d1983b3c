#!/usr/bin/env bash
# Starts PostgreSQL for the integration tests on 127.0.0.1:${PG_PORT:-5432} with a database "test" that user
# "postgres" can reach without a password from the loopback interface (trust). Idempotent: does nothing when a
# server already accepts connections there. Installs the Debian package "postgresql" when it is missing (root).
# Throwaway test data only: durability is switched off.
set -euo pipefail

PG_PORT=${PG_PORT:-5432}
PG_DB=${PG_DB:-test}
WAIT_SECONDS=${PG_WAIT_SECONDS:-60}

say() { echo "[start-postgres] $*"; }
die() { echo "[start-postgres] ERROR: $*" >&2; exit 1; }
accepting() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h 127.0.0.1 -p "$PG_PORT"
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null
  fi
}
as_postgres() { (cd /tmp && runuser -u postgres -- "$@"); }
psql_admin() { as_postgres psql -p "$PG_PORT" -qAtX -v ON_ERROR_STOP=1 "$@"; }

ensure_database() {
  [ "$(id -u)" = 0 ] || return 0
  command -v psql >/dev/null 2>&1 || return 0
  if [ "$(psql_admin -c "select 1 from pg_database where datname = '$PG_DB'" 2>/dev/null)" != 1 ]; then
    psql_admin -c "create database \"$PG_DB\"" >/dev/null || die "could not create database $PG_DB"
    say "created database $PG_DB"
  fi
}

if accepting; then
  ensure_database
  say "already accepting connections on 127.0.0.1:$PG_PORT"
  exit 0
fi

[ "$(id -u)" = 0 ] || die "PostgreSQL is not running on 127.0.0.1:$PG_PORT; start it, or run this script as root to install and start it"

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  say "installing the Debian package postgresql"
  apt_log=$(mktemp)
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql; } \
    >"$apt_log" 2>&1 || { tail -20 "$apt_log" >&2; die "apt-get install postgresql failed"; }
fi

VERSION=$(ls /usr/lib/postgresql | sort -V | tail -1)
CONF_DIR=/etc/postgresql/$VERSION/main
LOG=/var/log/postgresql/postgresql-$VERSION-main.log

if [ ! -d "$CONF_DIR" ]; then
  pg_createcluster --port "$PG_PORT" "$VERSION" main >/dev/null || die "pg_createcluster $VERSION main failed"
fi

mkdir -p "$CONF_DIR/conf.d"
cat >"$CONF_DIR/conf.d/whizbang-tests.conf" <<CONF
# Written by scripts/services/start-postgres.sh: loopback only, test data is throwaway.
listen_addresses = '127.0.0.1'
port = $PG_PORT
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
CONF

# Trust on loopback for the test user; inserted first so it wins over the packaged md5/scram lines.
HBA=$CONF_DIR/pg_hba.conf
if ! grep -q "whizbang-tests" "$HBA"; then
  { echo "host all postgres 127.0.0.1/32 trust # whizbang-tests"; cat "$HBA"; } >"$HBA.new" && mv "$HBA.new" "$HBA"
  chown postgres:postgres "$HBA"
fi

say "starting PostgreSQL $VERSION on 127.0.0.1:$PG_PORT"
pg_ctlcluster "$VERSION" main start >/dev/null 2>&1 || pg_ctlcluster "$VERSION" main reload >/dev/null 2>&1 || true

deadline=$((SECONDS + WAIT_SECONDS))
until accepting; do
  if [ $SECONDS -ge $deadline ]; then
    echo "---- last lines of $LOG ----" >&2
    tail -30 "$LOG" >&2 2>/dev/null || true
    die "PostgreSQL did not accept connections on 127.0.0.1:$PG_PORT within $WAIT_SECONDS s"
  fi
  sleep 0.25
done

ensure_database
say "ready: jdbc:postgresql://127.0.0.1:$PG_PORT/$PG_DB user=postgres (log: $LOG)"
