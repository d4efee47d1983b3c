#!/usr/bin/env bash
# Stops the Service Bus test server started by start-servicebus.sh (only that process, found by its pid file).
# With SERVICEBUS_STORAGE=disk it writes its entities and messages out as it stops (SIGTERM).
set -euo pipefail
PID_FILE=${WHIZBANG_SERVICES_DIR:-/tmp/whizbang-services}/servicebus.pid
MARKER=--whizbang-servicebus-test-server
TAG=stop-servicebus
. "$(dirname "$0")/lib/detached-server.sh"
stop_server "the Service Bus test server" 20
