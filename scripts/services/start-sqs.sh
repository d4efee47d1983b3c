#!/usr/bin/env bash
# Starts ElasticMQ, an SQS-compatible server, for the integration tests: run straight from the Maven Central jars,
# listening on 127.0.0.1 only, in memory (every fresh start is empty) unless SQS_STORAGE=disk. Running it again while
# it is up does nothing.
# Clients use endpointOverride(http://127.0.0.1:9324), region us-east-1 and any static credentials; queue URLs
# look like http://127.0.0.1:9324/000000000000/<name>.
#
# Environment (all optional):
#   ELASTICMQ_VERSION      server version, default 1.7.1
#   SQS_PORT               port, default 9324
#   SQS_HEAP_OPTS          JVM heap, default "-Xms64m -Xmx384m"
#   SQS_START_TIMEOUT      seconds to wait for readiness, default 90
#   SQS_STORAGE            "memory" (default) or "disk": queues and messages kept in $WHIZBANG_SERVICES_DIR/sqs-data
#                          (an H2 database and a queue list), so that they outlive the process, as with SQS itself;
#                          a start wipes them unless SQS_KEEP_DATA=true
#   SQS_KEEP_DATA          "true" with SQS_STORAGE=disk: start on the queues and messages the previous run left (a
#                          restart of the server)
#   WHIZBANG_SERVICES_DIR  state (pid, log, config, data), default /tmp/whizbang-services
#   WHIZBANG_CACHE_DIR     kept between runs (resolved classpath), default ~/.cache/whizbang
set -euo pipefail

VERSION=${ELASTICMQ_VERSION:-1.7.1}
PORT=${SQS_PORT:-9324}
HEAP=${SQS_HEAP_OPTS:--Xms64m -Xmx384m}
TIMEOUT=${SQS_START_TIMEOUT:-90}
STORAGE=${SQS_STORAGE:-memory}
STATE=${WHIZBANG_SERVICES_DIR:-/tmp/whizbang-services}
CACHE=${WHIZBANG_CACHE_DIR:-${HOME:-/tmp}/.cache/whizbang}
PID_FILE=$STATE/sqs.pid
LOG_FILE=$STATE/sqs.log
CONF=$STATE/elasticmq.conf
DATA=$STATE/sqs-data
MARKER=org.elasticmq.server.Main
TAG=start-sqs
. "$(dirname "$0")/lib/detached-server.sh"
. "$(dirname "$0")/lib/maven-classpath.sh"
# An HTTP answer to ListQueues, not just an open port: the port opens before the queue manager is ready.
answers() { curl -sf -o /dev/null "http://127.0.0.1:$PORT/?Action=ListQueues"; }

begin_start "ElasticMQ"

reuse_running "an ElasticMQ" "http://127.0.0.1:$PORT" SQS_PORT "$PORT"
command -v java >/dev/null || die "java not found: ElasticMQ needs Java 17 or newer on the PATH"
check_storage SQS_STORAGE "$STORAGE"

# 1. The server's classpath, resolved from Maven Central once and cached (re-resolved when a jar disappeared).
RESOLVE=$CACHE/elasticmq-$VERSION
resolve_classpath "$RESOLVE" "ElasticMQ $VERSION" "
    <dependency><groupId>org.elasticmq</groupId><artifactId>elasticmq-server_2.13</artifactId><version>$VERSION</version></dependency>"

# 2. Loopback only, the account id and region the SDK expects in queue URLs and ARNs, and AWS's own limits
#    (strict: 10 messages per batch, 256 KB per message) so that tests see what production would refuse.
cat >"$CONF" <<HOCON
include classpath("application.conf")
node-address { protocol = "http", host = "127.0.0.1", port = $PORT, context-path = "" }
rest-sqs { enabled = true, bind-port = $PORT, bind-hostname = "127.0.0.1", sqs-limits = strict }
rest-stats { enabled = false }
generate-node-address = false
aws { region = "us-east-1", accountId = "000000000000" }
HOCON
# ElasticMQ restores a message received before the stop as hidden until its visibility timeout ends, but not the
# lock that keeps the rest of its FIFO group waiting meanwhile: the later messages of the group would overtake it.
# And it restores a group in the order its messages become visible, so one received and returned before the stop
# would come after the later ones. So every message becomes visible again at the restart, at its creation time:
# in its place, as SQS keeps it once a timeout ends (a message's DelaySeconds does not outlive the restart).
# This does not make a restart safe for FIFO queues: 1.7.1 reads every stored message back as a standard queue's,
# and once received they no longer hold their group's later messages back (see
# whizbang-brokers/whizbang-sqs/src/test/sh/elasticmq-fifo-restart.sh); no test restarts it for that reason.
make_received_messages_visible() {
  [ -f "$DATA/messages.mv.db" ] || return 0
  local h2 url tables table
  h2=$(tr ':' '\n' <"$RESOLVE/cp.txt" | grep '/h2-[0-9.]*\.jar$' | head -1)
  [ -n "$h2" ] || die "no H2 jar in the ElasticMQ classpath ($RESOLVE/cp.txt)"
  url="jdbc:h2:$DATA/messages"
  tables=$(java -cp "$h2" org.h2.tools.Shell -url "$url" -user "" -password "" -sql \
    "select table_name from information_schema.tables where table_schema = 'PUBLIC' and table_name like 'MESSAGE\_%'" \
    | sed -n 's/^\(MESSAGE_[^ |]*\) *$/\1/p')
  for table in $tables; do
    java -cp "$h2" org.h2.tools.Shell -url "$url" -user "" -password "" \
      -sql "update \"$table\" set next_delivery = created where next_delivery <> created" >/dev/null \
      || die "could not make the messages of $table visible in $DATA"
  done
}
if [ "$STORAGE" = disk ]; then
  if [ "${SQS_KEEP_DATA:-false}" = true ] && [ -d "$DATA" ]; then
    say "restarting on the queues and messages in $DATA"
    make_received_messages_visible
  else
    rm -rf "$DATA"
  fi
  mkdir -p "$DATA"
  [ -f "$DATA/queues.conf" ] || : >"$DATA/queues.conf"
  # Every queue created goes to queues.conf and every message to the H2 database; both are read back at start.
  cat >>"$CONF" <<HOCON
queues-storage { enabled = true, path = "$DATA/queues.conf" }
messages-storage { enabled = true, uri = "jdbc:h2:$DATA/messages", prune-data-on-init = false }
HOCON
fi

# 3. Start detached and wait until it answers.
# shellcheck disable=SC2086
setsid nohup java $HEAP -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dconfig.file="$CONF" \
  -cp "$(cat "$RESOLVE/cp.txt")" "$MARKER" >"$LOG_FILE" 2>&1 </dev/null &
await_ready ElasticMQ "$TIMEOUT"
say "ElasticMQ $VERSION (SQS) ready in $((SECONDS - started)) s: http://127.0.0.1:$PORT, region us-east-1," \
  "storage $STORAGE, pid $(cat "$PID_FILE"), log $LOG_FILE"
