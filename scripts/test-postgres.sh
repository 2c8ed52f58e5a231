#!/usr/bin/env bash
# start: runs a throwaway PostgreSQL on 127.0.0.1:${PGPORT:-55433} (trust auth, data in a temp dir)
# and prints its URL; stop: stops exactly that server and deletes its data.
set -euo pipefail
port=${DAYBOOK_TEST_PG_PORT:-55433}
dir=${DAYBOOK_TEST_PG_DIR:-/tmp/daybook-test-pg}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

case "${1:-}" in
  start)
    if [ -f "$dir/data/postmaster.pid" ]; then "$0" stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir" && mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_pg "'$bin/initdb' -D '$dir/data' -A trust -U postgres >/dev/null"
    as_pg "'$bin/pg_ctl' -D '$dir/data' -l '$dir/log' -w -o \"-p $port -k '$dir' -h 127.0.0.1 -c fsync=off\" start >/dev/null"
    echo "postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    [ -f "$dir/data/postmaster.pid" ] && as_pg "'$bin/pg_ctl' -D '$dir/data' -m fast -w stop >/dev/null"
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
