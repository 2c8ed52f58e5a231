#!/usr/bin/env bash
# podsim, the workload simulator of the local cluster (scripts/cluster/podsim). Sourced by up.sh for
# start_podsim; run directly to restart it on a running cluster, e.g. with the other CNI mode:
#   DAYBOOK_PODSIM_CNI=none bash scripts/cluster/podsim.sh restart    # NetworkPolicy not enforced
#   bash scripts/cluster/podsim.sh restart                           # enforcing again (default)
PODSIM_HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PODSIM_REPO="$(cd "$PODSIM_HERE/../.." && pwd)"
PODSIM_STARTED_ANNOTATION="podsim.daybook.dev/started"

podsim_check_prerequisites() {
  PODSIM_NODE="$(command -v node || true)"
  [ -n "$PODSIM_NODE" ] && [ -f "$PODSIM_REPO/node_modules/tsx/dist/loader.mjs" ]
}

# podsim_tool_bin: prints the native fake-tool binary (built once per source into the cache), or nothing
# without Go, when podsim falls back to starting Node for every exec'd tool.
podsim_tool_bin() {
  command -v go >/dev/null || return 0
  local src="$PODSIM_HERE/podsim/tools/shim" hash out
  hash="$(cat "$src/go.mod" "$src/main.go" | sha256sum | cut -c1-16)"
  out="$DAYBOOK_CACHE/podsim-tool/$hash/podsim-tool"
  if [ ! -x "$out" ]; then
    mkdir -p "$(dirname "$out")"
    (cd "$src" && GOTOOLCHAIN=local CGO_ENABLED=0 go build -trimpath -buildvcs=false -ldflags '-s -w' -o "$out.tmp" . && mv "$out.tmp" "$out") >&2 || return 0
  fi
  echo "$out"
}

podsim_valid_cni() { [ "$1" = enforcing ] || [ "$1" = none ]; }

# start_podsim CNI: starts podsim (recorded as "podsim"); it writes $RUN/podsim/url once ready.
start_podsim() {
  podsim_check_prerequisites || return 1
  mkdir -p "$RUN/podsim/bin"
  rm -f "$RUN/podsim/url"
  DAYBOOK_PODSIM_RUN="$RUN/podsim" DAYBOOK_PODSIM_KUBECONFIG="$RUN/kubeconfig" DAYBOOK_PODSIM_CNI="$1" \
    DAYBOOK_PODSIM_STARTED_ANNOTATION="$PODSIM_STARTED_ANNOTATION" DAYBOOK_PODSIM_CACHE="$DAYBOOK_CACHE/podsim" \
    DAYBOOK_PODSIM_APISERVER_IP="$(cat "$RUN/advertise-ip" 2>/dev/null || echo 127.0.0.1)" \
    DAYBOOK_PODSIM_TOOL_BIN="$(podsim_tool_bin)" \
    DAYBOOK_PODSIM_INGRESS_PORT="$(cat "$RUN/ingress-port" 2>/dev/null || echo 18080)" \
    DAYBOOK_PODSIM_POD_CIDR="$(cat "$RUN/pod-cidr" 2>/dev/null || echo 10.222.0.0/16)" \
    start_recorded podsim "$PODSIM_NODE" --import "file://$PODSIM_REPO/node_modules/tsx/dist/loader.mjs" "$PODSIM_HERE/podsim/main.ts"
}

podsim_healthy() { [ -s "$RUN/podsim/url" ] && curl -fsS --max-time 2 "$(cat "$RUN/podsim/url")/healthz" >/dev/null; }

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  # shellcheck source=versions.sh
  source "$PODSIM_HERE/versions.sh"
  # shellcheck source=lib.sh
  source "$PODSIM_HERE/lib.sh"
  log() { printf '[podsim] %s\n' "$*" >&2; }
  [ "${1:-}" = restart ] || { log "usage: [DAYBOOK_PODSIM_CNI=enforcing|none] $0 restart"; exit 2; }
  cni="${DAYBOOK_PODSIM_CNI:-enforcing}"
  podsim_valid_cni "$cni" || { log "DAYBOOK_PODSIM_CNI must be enforcing or none (got $cni)"; exit 1; }
  exec 9>"$RUN.lock"
  flock 9
  pid_alive kube-apiserver || { log "no running cluster in $RUN"; exit 1; }
  stop_recorded podsim log
  start_podsim "$cni" || { log "podsim needs node and the project's node_modules (run npm ci first)"; exit 1; }
  deadline=$((SECONDS + 60))
  until podsim_healthy; do
    pid_alive podsim || { log "podsim exited; see $RUN/logs/podsim.log"; tail -n 20 "$RUN/logs/podsim.log" >&2; exit 1; }
    [ $SECONDS -lt $deadline ] || { log "podsim not ready after 60s"; exit 1; }
    sleep 0.2
  done
  sed -i -e "s#^DAYBOOK_PODSIM_URL=.*#DAYBOOK_PODSIM_URL=$(cat "$RUN/podsim/url")#" -e "s#^DAYBOOK_PODSIM_CNI=.*#DAYBOOK_PODSIM_CNI=$cni#" "$RUN/env"
  log "podsim restarted (CNI $cni)"
fi
