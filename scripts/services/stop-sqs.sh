#!/usr/bin/env bash
# Stops the ElasticMQ started by start-sqs.sh (only that process, found by its pid file). Its data is in memory only,
# unless it was started with SQS_STORAGE=disk.
set -euo pipefail
STATE=${WHIZBANG_SERVICES_DIR:-/tmp/whizbang-services}
PID_FILE=$STATE/sqs.pid
[ -s "$PID_FILE" ] || { echo "[stop-sqs] not running (no $PID_FILE)"; exit 0; }
pid=$(cat "$PID_FILE")
if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF org.elasticmq.server.Main; then
  kill "$pid"
  for _ in $(seq 1 80); do [ -d "/proc/$pid" ] || break; sleep 0.25; done
  [ -d "/proc/$pid" ] && { echo "[stop-sqs] still running after 20 s, killing pid $pid"; kill -9 "$pid"; }
  echo "[stop-sqs] stopped pid $pid"
else
  echo "[stop-sqs] pid $pid is not the ElasticMQ this script started any more; nothing to stop"
fi
rm -f "$PID_FILE"
