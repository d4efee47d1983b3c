#!/usr/bin/env bash
# Starts fauxqs, an SNS+SQS emulator from the npm registry, for the integration tests: in memory (every fresh start
# is empty) unless SNS_STORAGE=disk, bound to 127.0.0.1 only (its own command line listens on every interface, so a small launcher binds
# it instead). One endpoint serves both SNS and SQS, and SNS topics deliver to its own queues. Running it again
# while it is up does nothing. Clients use endpointOverride(http://127.0.0.1:4566), region us-east-1 and any
# static credentials.
#
# Environment (all optional):
#   FAUXQS_VERSION         npm version, default 1.9.2 (2.x needs Node.js 22.5 or newer)
#   SNS_PORT               port, default 4566
#   SNS_START_TIMEOUT      seconds to wait for readiness, default 60
#   SNS_STORAGE            "memory" (default) or "disk": fauxqs itself keeps nothing, so the launcher writes its
#                          topics, subscriptions, queues and messages to $WHIZBANG_SERVICES_DIR/sns-data/state.json
#                          when stopped (SIGTERM, as stop-sns.sh does; a kill -9 loses them) and reads them back at
#                          start, as SNS and SQS keep them through an outage. Messages that were in flight become
#                          visible again at the head of their group (as when their visibility timeout ends); the
#                          five-minute deduplication window starts empty. A start wipes the file unless SNS_KEEP_DATA=true
#   SNS_KEEP_DATA          "true" with SNS_STORAGE=disk: start on what the previous run left (a restart)
#   WHIZBANG_SERVICES_DIR  state (pid, log, data), default /tmp/whizbang-services
#   WHIZBANG_CACHE_DIR     kept between runs (npm install), default ~/.cache/whizbang
set -euo pipefail

VERSION=${FAUXQS_VERSION:-1.9.2}
PORT=${SNS_PORT:-4566}
TIMEOUT=${SNS_START_TIMEOUT:-60}
STORAGE=${SNS_STORAGE:-memory}
STATE=${WHIZBANG_SERVICES_DIR:-/tmp/whizbang-services}
CACHE=${WHIZBANG_CACHE_DIR:-${HOME:-/tmp}/.cache/whizbang}
PID_FILE=$STATE/sns.pid
LOG_FILE=$STATE/sns.log
DATA=$STATE/sns-data
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
case $STORAGE in memory | disk) ;; *) die "SNS_STORAGE must be memory or disk, was '$STORAGE'" ;; esac
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
// Binds fauxqs to loopback (its own command line would listen on every interface) and, with SNS_STATE_FILE set,
// keeps its state through a stop: fauxqs holds everything in memory, so it is written out at SIGTERM and read back
// at start. Uses fauxqs's store classes directly (the package exports only buildApp).
import { readFileSync, renameSync, writeFileSync, existsSync } from "node:fs";
import { buildApp } from "fauxqs";
import { SqsStore } from "./node_modules/fauxqs/dist/sqs/sqsStore.js";
import { SnsStore } from "./node_modules/fauxqs/dist/sns/snsStore.js";
import { S3Store } from "./node_modules/fauxqs/dist/s3/s3Store.js";

const port = Number(process.env.SNS_PORT);
const stateFile = process.env.SNS_STATE_FILE;
const stores = { sqsStore: new SqsStore(), snsStore: new SnsStore(), s3Store: new S3Store() };

// A queue's messages in delivery order: in-flight ones first (they are older than the ready ones of their group)
// then ready, then delayed; each becomes visible again at once.
function messagesOf(queue) {
  const inflight = [...queue.inflightMessages.values()].map((e) => e.message);
  const order = (a, b) => (a.sequenceNumber ?? "").localeCompare(b.sequenceNumber ?? "") || a.sentTimestamp - b.sentTimestamp;
  inflight.sort(order);
  const ready = queue.isFifo() ? [...queue.fifoMessages.values()].flat() : queue.messages;
  const delayed = queue.isFifo() ? [...queue.fifoDelayed.values()].flat() : queue.delayedMessages;
  return [...inflight, ...ready, ...delayed].map((m) => ({ ...m, delayUntil: undefined }));
}

function save() {
  const { sqsStore, snsStore } = stores;
  const state = {
    queues: [...sqsStore.queues.values()].map((q) => ({
      name: q.name, url: q.url, arn: q.arn, attributes: q.attributes, tags: Object.fromEntries(q.tags),
      created: q.createdTimestamp, sequence: q.sequenceCounter, messages: messagesOf(q),
    })),
    topics: [...snsStore.topics.values()].map((t) => ({ ...t, tags: Object.fromEntries(t.tags) })),
    subscriptions: [...snsStore.subscriptions.values()],
  };
  writeFileSync(stateFile + ".tmp", JSON.stringify(state));
  renameSync(stateFile + ".tmp", stateFile);
}

function load() {
  const state = JSON.parse(readFileSync(stateFile, "utf8"));
  const { sqsStore, snsStore } = stores;
  for (const q of state.queues) {
    const queue = sqsStore.createQueue(q.name, q.url, q.arn, q.attributes, q.tags);
    queue.createdTimestamp = q.created;
    queue.sequenceCounter = q.sequence;
    for (const m of q.messages) {
      queue.enqueue(m);
    }
  }
  for (const t of state.topics) {
    snsStore.topics.set(t.arn, { ...t, tags: new Map(Object.entries(t.tags)) });
  }
  for (const s of state.subscriptions) {
    snsStore.subscriptions.set(s.arn, s);
  }
}

if (stateFile && existsSync(stateFile)) {
  load();
}
const app = buildApp({ logger: false, defaultRegion: "us-east-1", stores });
await app.listen({ port, host: "127.0.0.1" });
process.on("SIGTERM", () => {
  if (stateFile) {
    save();
  }
  process.exit(0);
});
console.log(`fauxqs listening on 127.0.0.1:${port}` + (stateFile ? `, state in ${stateFile}` : ""));
JS
STATE_FILE=
if [ "$STORAGE" = disk ]; then
  if [ "${SNS_KEEP_DATA:-false}" = true ] && [ -s "$DATA/state.json" ]; then
    say "restarting on the topics, queues and messages in $DATA"
  else
    rm -rf "$DATA"
  fi
  mkdir -p "$DATA"
  STATE_FILE=$DATA/state.json
fi

# 2. Start detached and wait until it answers.
SNS_PORT=$PORT SNS_STATE_FILE=$STATE_FILE setsid nohup node "$LAUNCHER" >"$LOG_FILE" 2>&1 </dev/null &
echo $! >"$PID_FILE"
deadline=$((SECONDS + TIMEOUT))
until answers; do
  server_alive || fail_with_log "fauxqs exited during startup"
  [ $SECONDS -ge $deadline ] && fail_with_log "fauxqs was not ready after $TIMEOUT s"
  sleep 0.25
done
say "fauxqs $VERSION (SNS+SQS) ready in $((SECONDS - started)) s: http://127.0.0.1:$PORT, region us-east-1," \
  "storage $STORAGE, pid $(cat "$PID_FILE"), log $LOG_FILE"
