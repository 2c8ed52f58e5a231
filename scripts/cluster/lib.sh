# Shared by up.sh, down.sh and podsim.sh (sourced): the recorded processes of a run dir.
# A component is "alive" only while its recorded PID still runs the recorded binary and started
# at the recorded time, so a reused PID (another node process, say) is never signalled.

proc_start_time() { # PID -> the process's start time in clock ticks since boot (field 22 of /proc/PID/stat)
  sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | awk '{print $20}'
}

pid_alive() { # NAME -> true when the recorded PID still is the recorded process
  local pidfile="$RUN/pids/$1.pid" exefile="$RUN/pids/$1.exe" startfile="$RUN/pids/$1.start" pid
  [ -f "$pidfile" ] && [ -f "$exefile" ] || return 1
  pid=$(cat "$pidfile")
  [ "$(readlink "/proc/$pid/exe" 2>/dev/null | sed 's/ (deleted)$//')" = "$(cat "$exefile")" ] || return 1
  [ ! -f "$startfile" ] || [ "$(proc_start_time "$pid")" = "$(cat "$startfile")" ]
}

# start_recorded NAME BINARY ARGS...: runs BINARY detached in its own session (log in $RUN/logs/NAME.log)
# and records exactly its PID, binary and start time.
start_recorded() {
  local name="$1"; shift
  setsid "$@" >"$RUN/logs/$name.log" 2>&1 </dev/null 9>&- &  # 9>&-: the daemon must not hold the lock
  local pid=$!
  echo "$pid" >"$RUN/pids/$name.pid"
  readlink -f "$1" >"$RUN/pids/$name.exe"
  proc_start_time "$pid" >"$RUN/pids/$name.start"
}

# stop_recorded NAME LOGFN: SIGTERM, SIGKILL after 15 s; only while the PID is still that process.
stop_recorded() {
  local name="$1" logfn="$2" pid
  [ -f "$RUN/pids/$name.pid" ] || return 0
  pid=$(cat "$RUN/pids/$name.pid")
  if pid_alive "$name"; then
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 15))
    while pid_alive "$name"; do
      if [ $SECONDS -ge $deadline ]; then
        "$logfn" "$name (pid $pid) ignored SIGTERM; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        break
      fi
      sleep 0.1
    done
    "$logfn" "stopped $name (pid $pid)"
  else
    "$logfn" "$name (pid $pid) is not running"
  fi
  rm -f "$RUN/pids/$name.pid" "$RUN/pids/$name.exe" "$RUN/pids/$name.start"
}
