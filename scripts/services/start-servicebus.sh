#!/usr/bin/env bash
# Starts the project's Azure Service Bus test server (a test double: no Service Bus emulator runs here) for the
# integration tests: a small Node.js server in whizbang-brokers/whizbang-servicebus/src/test/node speaking the
# Service Bus dialect of AMQP 1.0, with the npm library rhea, bound to 127.0.0.1 only. In memory (every fresh start
# is empty) unless SERVICEBUS_STORAGE=disk. Running it again while it is up does nothing. Clients use the
# connection string Endpoint=sb://localhost:5673;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true
# and declare entities through the control API (http://127.0.0.1:5674, see the server's README.md).
#
# Environment (all optional):
#   SERVICEBUS_PORT           AMQP port, default 5673 (5672 is RabbitMQ's)
#   SERVICEBUS_CONTROL_PORT   control API port (HTTP + JSON), default 5674
#   SERVICEBUS_START_TIMEOUT  seconds to wait for readiness, default 60
#   SERVICEBUS_ENTITIES       a JSON file of queues, topics and subscriptions to declare at start
#   SERVICEBUS_STORAGE        "memory" (default) or "disk": entities and messages are written to
#                             $WHIZBANG_SERVICES_DIR/servicebus-data/state.json when the server is stopped (SIGTERM,
#                             as stop-servicebus.sh does; a kill -9 loses them) and read back at start. Locked
#                             messages become available again; the duplicate-detection history starts empty.
#                             A start wipes the file unless SERVICEBUS_KEEP_DATA=true
#   SERVICEBUS_KEEP_DATA      "true" with SERVICEBUS_STORAGE=disk: start on what the previous run left (a restart)
#   RHEA_VERSION              npm version of rhea, default 3.0.5
#   WHIZBANG_SERVICES_DIR     state (pid, log, data), default /tmp/whizbang-services
#   WHIZBANG_CACHE_DIR        kept between runs (npm install), default ~/.cache/whizbang
set -euo pipefail

VERSION=${RHEA_VERSION:-3.0.5}
PORT=${SERVICEBUS_PORT:-5673}
CONTROL_PORT=${SERVICEBUS_CONTROL_PORT:-5674}
TIMEOUT=${SERVICEBUS_START_TIMEOUT:-60}
STORAGE=${SERVICEBUS_STORAGE:-memory}
STATE=${WHIZBANG_SERVICES_DIR:-/tmp/whizbang-services}
CACHE=${WHIZBANG_CACHE_DIR:-${HOME:-/tmp}/.cache/whizbang}
PID_FILE=$STATE/servicebus.pid
LOG_FILE=$STATE/servicebus.log
DATA=$STATE/servicebus-data
APP=$CACHE/servicebus-rhea-$VERSION
SERVER=$(cd "$(dirname "$0")/../.." && pwd)/whizbang-brokers/whizbang-servicebus/src/test/node/server.js
MARKER=--whizbang-servicebus-test-server
TAG=start-servicebus
. "$(dirname "$0")/lib/detached-server.sh"
answers() { curl -sf -o /dev/null "http://127.0.0.1:$CONTROL_PORT/health" && port_open "$PORT"; }

begin_start "the server"
[ -f "$SERVER" ] || die "the server's code is missing: $SERVER"

reuse_running "a Service Bus test server" "amqp 127.0.0.1:$PORT, control http://127.0.0.1:$CONTROL_PORT" \
  "SERVICEBUS_PORT / SERVICEBUS_CONTROL_PORT" "$PORT" "$CONTROL_PORT"
[ "$PORT" != "$CONTROL_PORT" ] || die "SERVICEBUS_PORT and SERVICEBUS_CONTROL_PORT must differ (both $PORT)"
check_storage SERVICEBUS_STORAGE "$STORAGE"
if [ -n "${SERVICEBUS_ENTITIES:-}" ]; then
  [ -r "$SERVICEBUS_ENTITIES" ] || die "SERVICEBUS_ENTITIES names '$SERVICEBUS_ENTITIES', which cannot be read"
  SERVICEBUS_ENTITIES=$(cd "$(dirname "$SERVICEBUS_ENTITIES")" && pwd)/$(basename "$SERVICEBUS_ENTITIES")
fi

# 1. Its one dependency, installed from the npm registry once and cached.
npm_package "$APP" rhea "$VERSION" '{"private":true}' "the Service Bus test server"
state_file "$STORAGE" "${SERVICEBUS_KEEP_DATA:-false}" "$DATA" "entities and messages"

# 2. Start detached and wait until it answers.
NODE_PATH=$APP/node_modules SERVICEBUS_PORT=$PORT SERVICEBUS_CONTROL_PORT=$CONTROL_PORT SERVICEBUS_HOST=127.0.0.1 \
  SERVICEBUS_STATE_FILE=$STATE_FILE SERVICEBUS_ENTITIES=${SERVICEBUS_ENTITIES:-} \
  setsid nohup node "$SERVER" "$MARKER" >"$LOG_FILE" 2>&1 </dev/null &
await_ready "the Service Bus test server" "$TIMEOUT"
say "Service Bus test server ready in $((SECONDS - started)) s: amqp 127.0.0.1:$PORT, control http://127.0.0.1:$CONTROL_PORT," \
  "storage $STORAGE, pid $(cat "$PID_FILE"), log $LOG_FILE"
