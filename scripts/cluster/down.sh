#!/usr/bin/env bash
# Stops exactly the processes scripts/cluster/up.sh started, by their recorded PIDs (never by name).
# A PID is only signalled while /proc/PID/exe is still the recorded binary (guards against PID reuse).
# Usage: down.sh [--purge]   (--purge also deletes the run dir, ${DAYBOOK_CLUSTER_RUN:-/tmp/daybook-cluster})
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.sh
source "$HERE/versions.sh"
# shellcheck source=lib.sh
source "$HERE/lib.sh"
log() { printf '[down] %s\n' "$*" >&2; }

stop_component() { stop_recorded "$1" log; }

case "$RUN" in ""|/) log "refusing to use RUN=$RUN"; exit 1 ;; esac
# Serialise with up.sh; up.sh calls down.sh itself (holding the lock) when a start fails.
if [ "${DAYBOOK_CLUSTER_LOCK_HELD:-0}" != 1 ] && [ -d "$(dirname "$RUN")" ]; then
  exec 9>"$RUN.lock"
  flock 9
fi

if [ -d "$RUN/pids" ]; then
  for name in metrics-server podsim kwok kube-scheduler kube-controller-manager kube-apiserver etcd; do
    stop_component "$name"
  done
  rmdir "$RUN/pids" 2>/dev/null || true
else
  log "nothing recorded in $RUN/pids"
fi

if [ "${1:-}" = "--purge" ]; then
  rm -rf "$RUN"
  rmdir "$RUN.users" 2>/dev/null || true   # test runs' registry (global-setup.ts), when empty
  log "removed $RUN"
fi
