#!/usr/bin/env bash
# Stops the broker started by start-kafka.sh (only that process, found by its pid file). Its data is throwaway.
set -euo pipefail
STATE=${WHIZBANG_SERVICES_DIR:-/tmp/whizbang-services}
PID_FILE=$STATE/kafka.pid
[ -s "$PID_FILE" ] || { echo "[stop-kafka] not running (no $PID_FILE)"; exit 0; }
pid=$(cat "$PID_FILE")
if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF kafka.Kafka; then
  kill "$pid"
  for _ in $(seq 1 120); do [ -d "/proc/$pid" ] || break; sleep 0.25; done
  [ -d "/proc/$pid" ] && { echo "[stop-kafka] still running after 30 s, killing pid $pid"; kill -9 "$pid"; }
  echo "[stop-kafka] stopped pid $pid"
else
  echo "[stop-kafka] pid $pid is not a Kafka broker any more; nothing to stop"
fi
rm -f "$PID_FILE"
