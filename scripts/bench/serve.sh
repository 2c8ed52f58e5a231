#!/usr/bin/env bash
# Starts a production build for the page benchmarks on a fresh data directory with the demo cohort and
# 100 benchmark teams, and prints the server's pid. DATABASE_URL set: that PostgreSQL database instead.
# Usage: NEXT_DIST_DIR=.next bash scripts/bench/serve.sh <port> <data dir> [teams=100]
set -euo pipefail
port=$1 data=$2 teams=${3:-100}
cd "$(dirname "$0")/../.."
mkdir -p "$data"
export DAYBOOK_DATA_DIR=$data NEXT_TELEMETRY_DISABLED=1 AUTH_URL=http://127.0.0.1:$port DAYBOOK_LISTEN_HOST=127.0.0.1 DATABASE_URL=${DATABASE_URL:-}
# A throwaway key for the benchmark's database: PostgreSQL needs one; the embedded set-up derives its own.
if [ -n "$DATABASE_URL" ] && [ -z "${DAYBOOK_ENCRYPTION_KEY:-}" ]; then export DAYBOOK_ENCRYPTION_KEY=$(openssl rand -base64 32); fi
NODE_OPTIONS=--conditions=react-server npx tsx --tsconfig tsconfig.json scripts/bench/cohort-seed.ts "$teams" >&2
nohup node node_modules/next/dist/bin/next start -H 127.0.0.1 -p "$port" >"$data/server.log" 2>&1 &
echo $!
