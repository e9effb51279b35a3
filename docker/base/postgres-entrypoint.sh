#!/bin/bash
# Entry point of the stand-in PostgreSQL image (postgres.Dockerfile): on first start initialises
# PGDATA with POSTGRES_USER / POSTGRES_PASSWORD (scram-sha-256 over TCP) and creates POSTGRES_DB,
# as the official image does, then runs the server as the postgres user.
set -euo pipefail

if [ "${1:-}" != postgres ]; then exec "$@"; fi

if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"
  user="${POSTGRES_USER:-postgres}"
  database="${POSTGRES_DB:-$user}"
  initdb --username="$user" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 -D "$PGDATA"
  echo 'host all all all scram-sha-256' >> "$PGDATA/pg_hba.conf"
  # A private socket and no TCP while setting up, so that pg_isready (the health check) does not
  # report this temporary server as ready.
  setup_socket="$(mktemp -d)"
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -c unix_socket_directories=$setup_socket" -w start
  if [ "$database" != postgres ]; then
    # From standard input: psql interpolates :"db" (quoted as an identifier) there, not in -c.
    echo 'CREATE DATABASE :"db"' |
      psql -v ON_ERROR_STOP=1 -h "$setup_socket" --username "$user" --dbname postgres --set db="$database"
  fi
  pg_ctl -D "$PGDATA" -m fast -w stop
  rmdir "$setup_socket"
fi

exec "$@"
