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

say() { echo "[start-servicebus] $*"; }
die() { echo "[start-servicebus] ERROR: $*" >&2; exit 1; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
answers() { curl -sf -o /dev/null "http://127.0.0.1:$CONTROL_PORT/health" && port_open "$PORT"; }
# Ours only if the pid file names a live process running our server: a recycled pid must never be mistaken for it.
server_alive() {
  [ -s "$PID_FILE" ] || return 1
  local pid; pid=$(cat "$PID_FILE")
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$MARKER"
}
fail_with_log() {
  echo "---- last lines of $LOG_FILE ----" >&2
  tail -40 "$LOG_FILE" >&2 || true
  if server_alive; then kill "$(cat "$PID_FILE")" 2>/dev/null || true; fi
  rm -f "$PID_FILE"
  die "$1"
}

mkdir -p "$STATE" "$CACHE"
started=$SECONDS
command -v curl >/dev/null || die "curl not found: it checks that the server answers (apt-get install curl)"
[ -f "$SERVER" ] || die "the server's code is missing: $SERVER"

if server_alive && answers; then
  say "already running (pid $(cat "$PID_FILE")): amqp 127.0.0.1:$PORT, control http://127.0.0.1:$CONTROL_PORT"
  exit 0
fi
if server_alive; then
  fail_with_log "a Service Bus test server started earlier (pid $(cat "$PID_FILE")) does not answer on 127.0.0.1:$PORT/$CONTROL_PORT; it was stopped, run this script again"
fi
for p in "$PORT" "$CONTROL_PORT"; do
  port_open "$p" && die "127.0.0.1:$p is already in use by a process this script did not start; stop it or set SERVICEBUS_PORT / SERVICEBUS_CONTROL_PORT"
done
[ "$PORT" != "$CONTROL_PORT" ] || die "SERVICEBUS_PORT and SERVICEBUS_CONTROL_PORT must differ (both $PORT)"
case $STORAGE in memory | disk) ;; *) die "SERVICEBUS_STORAGE must be memory or disk, was '$STORAGE'" ;; esac
if [ -n "${SERVICEBUS_ENTITIES:-}" ]; then
  [ -r "$SERVICEBUS_ENTITIES" ] || die "SERVICEBUS_ENTITIES names '$SERVICEBUS_ENTITIES', which cannot be read"
  SERVICEBUS_ENTITIES=$(cd "$(dirname "$SERVICEBUS_ENTITIES")" && pwd)/$(basename "$SERVICEBUS_ENTITIES")
fi
command -v node >/dev/null || die "node not found: the Service Bus test server needs Node.js 20 or newer on the PATH"
command -v npm >/dev/null || die "npm not found: it installs rhea $VERSION from the npm registry"
major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 20 ] || die "the Service Bus test server needs Node.js 20 or newer, found $(node --version)"

# 1. Its one dependency, installed from the npm registry once and cached.
if [ ! -f "$APP/node_modules/rhea/package.json" ]; then
  mkdir -p "$APP"
  say "installing rhea $VERSION with npm (the first run downloads it)"
  (cd "$APP" && echo '{"private":true}' >package.json &&
    timeout 600 npm install --no-audit --no-fund --save-exact "rhea@$VERSION" >npm.log 2>&1) \
    || { tail -30 "$APP/npm.log" >&2; die "npm could not install rhea@$VERSION (log: $APP/npm.log)"; }
fi
STATE_FILE=
if [ "$STORAGE" = disk ]; then
  if [ "${SERVICEBUS_KEEP_DATA:-false}" = true ] && [ -s "$DATA/state.json" ]; then
    say "restarting on the entities and messages in $DATA"
  else
    rm -rf "$DATA"
  fi
  mkdir -p "$DATA"
  STATE_FILE=$DATA/state.json
fi

# 2. Start detached and wait until it answers.
NODE_PATH=$APP/node_modules SERVICEBUS_PORT=$PORT SERVICEBUS_CONTROL_PORT=$CONTROL_PORT SERVICEBUS_HOST=127.0.0.1 \
  SERVICEBUS_STATE_FILE=$STATE_FILE SERVICEBUS_ENTITIES=${SERVICEBUS_ENTITIES:-} \
  setsid nohup node "$SERVER" "$MARKER" >"$LOG_FILE" 2>&1 </dev/null &
echo $! >"$PID_FILE"
deadline=$((SECONDS + TIMEOUT))
until answers; do
  server_alive || fail_with_log "the Service Bus test server exited during startup"
  [ $SECONDS -ge $deadline ] && fail_with_log "the Service Bus test server was not ready after $TIMEOUT s"
  sleep 0.25
done
say "Service Bus test server ready in $((SECONDS - started)) s: amqp 127.0.0.1:$PORT, control http://127.0.0.1:$CONTROL_PORT," \
  "storage $STORAGE, pid $(cat "$PID_FILE"), log $LOG_FILE"
