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
MARKER=whizbang-fauxqs.mjs
TAG=start-sns
. "$(dirname "$0")/lib/detached-server.sh"
answers() { curl -sf -o /dev/null "http://127.0.0.1:$PORT/health"; }

begin_start "fauxqs"

reuse_running "a fauxqs" "http://127.0.0.1:$PORT" SNS_PORT "$PORT"
check_storage SNS_STORAGE "$STORAGE"

# 1. The package, installed from the npm registry once and cached.
npm_package "$APP" fauxqs "$VERSION" '{"private":true,"type":"module"}' "fauxqs $VERSION"
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
state_file "$STORAGE" "${SNS_KEEP_DATA:-false}" "$DATA" "topics, queues and messages"

# 2. Start detached and wait until it answers.
SNS_PORT=$PORT SNS_STATE_FILE=$STATE_FILE setsid nohup node "$LAUNCHER" >"$LOG_FILE" 2>&1 </dev/null &
await_ready fauxqs "$TIMEOUT"
say "fauxqs $VERSION (SNS+SQS) ready in $((SECONDS - started)) s: http://127.0.0.1:$PORT, region us-east-1," \
  "storage $STORAGE, pid $(cat "$PID_FILE"), log $LOG_FILE"
