#!/usr/bin/env bash
# Makes sure a local PostgreSQL answers on 127.0.0.1:5432 for the database tests; installs and starts it if needed.
set -euo pipefail

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "PostgreSQL is niet geïnstalleerd: installeren via apt…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /etc/postgresql | sort -V | tail -n 1)
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "PostgreSQL $version starten…"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

# A fresh Debian cluster asks for a password over TCP: give the postgres role one the tests can use.
if ! psql -h 127.0.0.1 -U postgres -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; then
  su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\""
fi
pg_isready -h 127.0.0.1 -p 5432
