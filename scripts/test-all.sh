#!/usr/bin/env bash
# `npm test`: the whole suite. Types, course pack check, unit tests (PGlite and PostgreSQL),
# integration tests on a real Kubernetes control plane, and Playwright end-to-end tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
export PATH="$PATH:/usr/local/go/bin"  # where these machines keep Go, in case the caller's PATH lacks it
started=$SECONDS
reports=$(mktemp -d)
phase() { printf '\n== %s (%ss)\n' "$1" "$((SECONDS - started))"; }

phase "prerequisites"
bash scripts/test-deps.sh
node scripts/prisma-generate.mjs >/dev/null

cleanup=()
on_exit() { for c in "${cleanup[@]}"; do eval "$c" || true; done; }
trap on_exit EXIT
if [ -z "${DAYBOOK_TEST_DATABASE_URL:-}" ]; then
  DAYBOOK_TEST_DATABASE_URL=$(bash scripts/test-postgres.sh start)
  export DAYBOOK_TEST_DATABASE_URL
  cleanup+=("bash scripts/test-postgres.sh stop")
fi

# One local control plane serves the integration tests and the end-to-end tests (the engine's e2e
# connects to it from the browser). Registered like a test run, so the integration tests leave it up.
if [ -z "${DAYBOOK_TEST_KUBECONFIG:-}" ]; then
  RUN_DIR=$(bash -c 'source scripts/cluster/versions.sh && printf %s "$RUN"')
  export DAYBOOK_CLUSTER_RUN="$RUN_DIR"
  mkdir -p "$RUN_DIR.users" && : >"$RUN_DIR.users/$$"
  cleanup+=("rm -f '$RUN_DIR.users/$$'; [ -z \"\$(ls -A '$RUN_DIR.users' 2>/dev/null)\" ] && bash scripts/cluster/down.sh --purge >/dev/null")
  bash scripts/cluster/build.sh >/dev/null
  bash scripts/cluster/up.sh >/dev/null
  export DAYBOOK_HELM_BIN="$(bash -c 'source scripts/cluster/versions.sh && printf %s "$CLUSTER_BIN"')/helm"
fi
echo "PostgreSQL for tests: $DAYBOOK_TEST_DATABASE_URL"

phase "type check"
npx tsc --noEmit

phase "course pack"
npm run --silent course:check

phase "unit tests"
npx vitest run --reporter=default --reporter=json --outputFile.json="$reports/unit.json"

phase "integration tests (real control plane)"
npx vitest run --config vitest.integration.config.ts --reporter=default --reporter=json --outputFile.json="$reports/integration.json"

# Its own build output, so a developer's running .next is left alone.
export NEXT_DIST_DIR=.next-e2e
phase "build"
npx next build >/tmp/daybook-test-build.log 2>&1 || { tail -50 /tmp/daybook-test-build.log; exit 1; }

phase "end-to-end tests"
PLAYWRIGHT_JSON_OUTPUT_FILE="$reports/e2e.json" npx playwright test --reporter=list,json

phase "done in $((SECONDS - started))s"
node scripts/test-summary.mjs "$reports"/*.json
