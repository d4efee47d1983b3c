#!/usr/bin/env bash
# Starts fauxqs, an SNS+SQS emulator from the npm registry, for the integration tests: in memory (every fresh start
# is empty), bound to 127.0.0.1 only (its own command line listens on every interface, so a small launcher binds
# it instead). One endpoint serves both SNS and SQS, and SNS topics deliver to its own queues. Running it again
# while it is up does nothing. Clients use endpointOverride(http://127.0.0.1:4566), region us-east-1 and any
# static credentials.
#
# Environment (all optional):
#   FAUXQS_VERSION         npm version, default 1.9.2 (2.x needs Node.js 22.5 or newer)
#   SNS_PORT               port, default 4566
#   SNS_START_TIMEOUT      seconds to wait for readiness, default 60
#   WHIZBANG_SERVICES_DIR  state (pid, log), default /tmp/whizbang-services
#   WHIZBANG_CACHE_DIR     kept between runs (npm install), default ~/.cache/whizbang
set -euo pipefail

VERSION=${FAUXQS_VERSION:-1.9.2}
PORT=${SNS_PORT:-4566}
TIMEOUT=${SNS_START_TIMEOUT:-60}
STATE=${WHIZBANG_SERVICES_DIR:-/tmp/whizbang-services}
CACHE=${WHIZBANG_CACHE_DIR:-${HOME:-/tmp}/.cache/whizbang}
PID_FILE=$STATE/sns.pid
LOG_FILE=$STATE/sns.log
APP=$CACHE/fauxqs-$VERSION
LAUNCHER=$APP/whizbang-fauxqs.mjs

say() { echo "[start-sns] $*"; }
die() { echo "[start-sns] ERROR: $*" >&2; exit 1; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
answers() { curl -sf -o /dev/null "http://127.0.0.1:$PORT/health"; }
# Ours only if the pid file names a live process running our launcher: a recycled pid must never be mistaken for it.
server_alive() {
  [ -s "$PID_FILE" ] || return 1
  local pid; pid=$(cat "$PID_FILE")
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "whizbang-fauxqs.mjs"
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
command -v curl >/dev/null || die "curl not found: it checks that fauxqs answers (apt-get install curl)"

if server_alive && answers; then
  say "already running (pid $(cat "$PID_FILE")): http://127.0.0.1:$PORT"
  exit 0
fi
if server_alive; then
  fail_with_log "a fauxqs started earlier (pid $(cat "$PID_FILE")) does not answer on 127.0.0.1:$PORT; it was stopped, run this script again"
fi
port_open "$PORT" && die "127.0.0.1:$PORT is already in use by a process this script did not start; stop it or set SNS_PORT"
command -v node >/dev/null || die "node not found: fauxqs $VERSION needs Node.js 20 or newer on the PATH"
command -v npm >/dev/null || die "npm not found: it installs fauxqs $VERSION from the npm registry"
major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 20 ] || die "fauxqs $VERSION needs Node.js 20 or newer, found $(node --version)"

# 1. The package, installed from the npm registry once and cached.
if [ ! -f "$APP/node_modules/fauxqs/package.json" ]; then
  mkdir -p "$APP"
  say "installing fauxqs $VERSION with npm (the first run downloads it)"
  (cd "$APP" && echo '{"private":true,"type":"module"}' >package.json &&
    timeout 600 npm install --no-audit --no-fund --save-exact "fauxqs@$VERSION" >npm.log 2>&1) \
    || { tail -30 "$APP/npm.log" >&2; die "npm could not install fauxqs@$VERSION (log: $APP/npm.log)"; }
fi
cat >"$LAUNCHER" <<'JS'
// Binds fauxqs to loopback: its own command line would listen on every interface.
import { buildApp } from "fauxqs";
const port = Number(process.env.SNS_PORT);
const app = buildApp({ logger: false, defaultRegion: "us-east-1" });
await app.listen({ port, host: "127.0.0.1" });
console.log(`fauxqs listening on 127.0.0.1:${port}`);
JS

# 2. Start detached and wait until it answers.
SNS_PORT=$PORT setsid nohup node "$LAUNCHER" >"$LOG_FILE" 2>&1 </dev/null &
echo $! >"$PID_FILE"
deadline=$((SECONDS + TIMEOUT))
until answers; do
  server_alive || fail_with_log "fauxqs exited during startup"
  [ $SECONDS -ge $deadline ] && fail_with_log "fauxqs was not ready after $TIMEOUT s"
  sleep 0.25
done
say "fauxqs $VERSION (SNS+SQS) ready in $((SECONDS - started)) s: http://127.0.0.1:$PORT, region us-east-1," \
  "pid $(cat "$PID_FILE"), log $LOG_FILE"
