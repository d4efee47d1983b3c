#!/usr/bin/env bash
# Stops the Service Bus test server started by start-servicebus.sh (only that process, found by its pid file).
# With SERVICEBUS_STORAGE=disk it writes its entities and messages out as it stops (SIGTERM).
set -euo pipefail
STATE=${WHIZBANG_SERVICES_DIR:-/tmp/whizbang-services}
PID_FILE=$STATE/servicebus.pid
[ -s "$PID_FILE" ] || { echo "[stop-servicebus] not running (no $PID_FILE)"; exit 0; }
pid=$(cat "$PID_FILE")
if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- --whizbang-servicebus-test-server; then
  kill "$pid"
  for _ in $(seq 1 80); do [ -d "/proc/$pid" ] || break; sleep 0.25; done
  [ -d "/proc/$pid" ] && { echo "[stop-servicebus] still running after 20 s, killing pid $pid"; kill -9 "$pid"; }
  echo "[stop-servicebus] stopped pid $pid"
else
  echo "[stop-servicebus] pid $pid is not the Service Bus test server this script started any more; nothing to stop"
fi
rm -f "$PID_FILE"
