#!/usr/bin/env bash
# Stops exactly the processes scripts/cluster/up.sh started, by their recorded PIDs (never by name).
# A PID is only signalled while /proc/PID/exe is still the recorded binary (guards against PID reuse).
# Usage: down.sh [--purge]   (--purge also deletes the run dir, ${DAYBOOK_CLUSTER_RUN:-/tmp/daybook-cluster})
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.sh
source "$HERE/versions.sh"
log() { printf '[down] %s\n' "$*" >&2; }

stop_component() {
  local name="$1" pidfile="$RUN/pids/$1.pid" exefile="$RUN/pids/$1.exe"
  [ -f "$pidfile" ] || return 0
  local pid exe
  pid=$(cat "$pidfile"); exe=$(cat "$exefile" 2>/dev/null || true)
  if [ -n "$exe" ] && [ "$(readlink "/proc/$pid/exe" 2>/dev/null | sed 's/ (deleted)$//')" = "$exe" ]; then
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 15))
    while [ -e "/proc/$pid" ] && [ "$(readlink "/proc/$pid/exe" 2>/dev/null | sed 's/ (deleted)$//')" = "$exe" ]; do
      if [ $SECONDS -ge $deadline ]; then
        log "$name (pid $pid) ignored SIGTERM; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        break
      fi
      sleep 0.1
    done
    log "stopped $name (pid $pid)"
  else
    log "$name (pid $pid) is not running"
  fi
  rm -f "$pidfile" "$exefile"
}

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
