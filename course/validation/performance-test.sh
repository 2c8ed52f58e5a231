#!/usr/bin/env bash
# performance-test.sh [--namespace=ecommerce] [--duration=60s] [--concurrency=10]
# Sustained GETs of /api/products and / through the API server service proxy
# with CONCURRENCY workers for DURATION; fails above 1% errors or a p95
# latency above 1000ms. Same thresholds as suites.yaml.
source "$(dirname "$0")/lib.sh"; parse_flags "$@"
secs=${DURATION%s}; [[ "$secs" =~ ^[0-9]+$ ]] || { echo "bad --duration=$DURATION" >&2; exit 2; }
[[ "$CONCURRENCY" =~ ^[0-9]+$ ]] && [ "$CONCURRENCY" -ge 1 ] || { echo "bad --concurrency=$CONCURRENCY" >&2; exit 2; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
load() { # SERVICE PORT PATH -> one line per request: "<ms> <ok|err>"
  local end=$((SECONDS + secs)) s e
  while [ $SECONDS -lt $end ]; do
    s=$(date +%s%N)
    if kubectl get --raw "/api/v1/namespaces/$NAMESPACE/services/$1:$2/proxy$3" >/dev/null 2>&1; then r=ok; else r=err; fi
    e=$(date +%s%N); echo "$(( (e-s)/1000000 )) $r"
  done
}
run() { # NAME SERVICE PORT PATH
  for i in $(seq 1 "$CONCURRENCY"); do load "$2" "$3" "$4" >"$tmp/$1.$i" & done
  wait
  cat "$tmp/$1".* >"$tmp/$1.all"
  local n errs p95
  n=$(wc -l <"$tmp/$1.all"); errs=$(grep -c ' err$' "$tmp/$1.all")
  p95=$(cut -d' ' -f1 "$tmp/$1.all" | sort -n | awk -v n="$n" 'NR==int(n*0.95+0.5){print; exit}')
  echo "  $1: $n requests, $errs errors, p95 ${p95:-?}ms"
  [ "$n" -gt 0 ] && [ $((errs * 100)) -le "$n" ] && [ "${p95:-99999}" -le 1000 ]
}
echo "performance test: namespace=$NAMESPACE duration=${secs}s concurrency=$CONCURRENCY"
check "backend /api/products under load" run products ecommerce-backend-service 8000 /api/products
check "frontend / under load" run frontend ecommerce-frontend-service 3000 /
check "backend still available" available ecommerce-backend-deployment
summary
