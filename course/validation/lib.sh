#!/usr/bin/env bash
# Shared helpers for the hand-run validation scripts (see suites.yaml).
set -uo pipefail
NAMESPACE=ecommerce TYPE=core ENVIRONMENT=course FINAL=false DURATION=60s CONCURRENCY=10
PASS=0 FAIL=0
parse_flags() {
  for arg in "$@"; do
    case "$arg" in
      --namespace=*) NAMESPACE="${arg#*=}" ;;
      --type=*) TYPE="${arg#*=}" ;;
      --environment=*) ENVIRONMENT="${arg#*=}" ;;
      --final) FINAL=true ;;
      --duration=*) DURATION="${arg#*=}" ;;
      --concurrency=*) CONCURRENCY="${arg#*=}" ;;
      -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
      *) echo "unknown flag: $arg" >&2; exit 2 ;;
    esac
  done
  case "$TYPE" in smoke|core|monitoring|security|all) ;; *) echo "bad --type=$TYPE" >&2; exit 2 ;; esac
  case "$ENVIRONMENT" in course|production) ;; *) echo "bad --environment=$ENVIRONMENT" >&2; exit 2 ;; esac
}
K() { kubectl -n "$NAMESPACE" "$@"; }
ok() { PASS=$((PASS+1)); printf '  PASS  %s\n' "$1"; }
ko() { FAIL=$((FAIL+1)); printf '  FAIL  %s%s\n' "$1" "${2:+ — $2}"; }
# check NAME CMD... : pass when CMD exits 0
check() { local name="$1"; shift; if out=$("$@" 2>&1); then ok "$name"; else ko "$name" "$(echo "$out" | tail -1)"; fi; }
# check_fails NAME CMD... : pass when CMD fails
check_fails() { local name="$1"; shift; if "$@" >/dev/null 2>&1; then ko "$name" "expected failure"; else ok "$name"; fi; }
available() { K rollout status "deployment/$1" --timeout=60s; }
ready_pods() { # SELECTOR MIN
  local n; n=$(K get pods -l "$1" -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' | grep -c True)
  [ "$n" -ge "$2" ] || { echo "$n Ready pods for $1, want >= $2"; return 1; }
}
# http SERVICE PORT PATH [BODY_SUBSTRING]: GET through the API server service proxy, max 1s
http() {
  local start end body
  start=$(date +%s%N)
  body=$(kubectl get --raw "/api/v1/namespaces/$NAMESPACE/services/$1:$2/proxy$3") || return 1
  end=$(date +%s%N)
  [ -z "${4:-}" ] || grep -qF -- "$4" <<<"$body" || { echo "body lacks $4"; return 1; }
  [ $(( (end-start)/1000000 )) -le 1000 ] || { echo "slow: $(( (end-start)/1000000 ))ms"; return 1; }
}
summary() { echo "$PASS passed, $FAIL failed"; [ "$FAIL" -eq 0 ]; }
