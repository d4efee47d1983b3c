#!/usr/bin/env bash
# Stops the fauxqs started by start-sns.sh (only that process, found by its pid file). Its data is in memory only,
# unless it was started with SNS_STORAGE=disk: it then writes its state out as it stops.
set -euo pipefail
STATE=${WHIZBANG_SERVICES_DIR:-/tmp/whizbang-services}
PID_FILE=$STATE/sns.pid
[ -s "$PID_FILE" ] || { echo "[stop-sns] not running (no $PID_FILE)"; exit 0; }
pid=$(cat "$PID_FILE")
if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF whizbang-fauxqs.mjs; then
  kill "$pid"
  for _ in $(seq 1 80); do [ -d "/proc/$pid" ] || break; sleep 0.25; done
  [ -d "/proc/$pid" ] && { echo "[stop-sns] still running after 20 s, killing pid $pid"; kill -9 "$pid"; }
  echo "[stop-sns] stopped pid $pid"
else
  echo "[stop-sns] pid $pid is not the fauxqs this script started any more; nothing to stop"
fi
rm -f "$PID_FILE"
