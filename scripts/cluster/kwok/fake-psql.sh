#!/bin/sh
# Fake `psql` for kwok's ClusterExec: `kubectl exec POD -- psql ... -c "SELECT version();"` on a kwok pod
# runs this on the host (there is no container). It answers version() like PostgreSQL 16 would and
# echoes anything else back, so course checks can see that exec went through the API server.
query=""
while [ $# -gt 0 ]; do
  case "$1" in
    -c|--command|-tAc|-Atc|-tc|-ct) shift; query="${1:-}" ;;
    -c*) query="${1#-c}" ;;
  esac
  [ $# -gt 0 ] && shift
done
case "$query" in
  *version*|*VERSION*)
    echo "PostgreSQL 16.4 (Debian 16.4-1.pgdg120+2) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit" ;;
  "") echo "psql (PostgreSQL) 16.4 (daybook fake for kwok pods)" ;;
  *) echo "fake psql (daybook): $query" ;;
esac
