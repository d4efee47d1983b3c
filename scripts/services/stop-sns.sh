#!/usr/bin/env bash
# Stops the fauxqs started by start-sns.sh (only that process, found by its pid file). Its data is in memory only,
# unless it was started with SNS_STORAGE=disk: it then writes its state out as it stops.
set -euo pipefail
PID_FILE=${WHIZBANG_SERVICES_DIR:-/tmp/whizbang-services}/sns.pid
MARKER=whizbang-fauxqs.mjs
TAG=stop-sns
. "$(dirname "$0")/lib/detached-server.sh"
stop_server "the fauxqs" 20
