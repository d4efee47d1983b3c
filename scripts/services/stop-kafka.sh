#!/usr/bin/env bash
# Stops the broker started by start-kafka.sh (only that process, found by its pid file). Its data is throwaway.
set -euo pipefail
PID_FILE=${WHIZBANG_SERVICES_DIR:-/tmp/whizbang-services}/kafka.pid
MARKER=kafka.Kafka
TAG=stop-kafka
. "$(dirname "$0")/lib/detached-server.sh"
stop_server "the Kafka broker" 30
