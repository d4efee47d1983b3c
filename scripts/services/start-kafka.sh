#!/usr/bin/env bash
# Starts a single-node Apache Kafka broker for the integration tests: KRaft mode (broker and controller in one
# JVM), run straight from the Maven Central jars, listening on 127.0.0.1 only. Data is throwaway: every fresh
# start formats empty storage, unless KAFKA_KEEP_DATA=true asks for a restart on the storage of the previous run.
# Running it again while the broker is up does nothing.
#
# Environment (all optional):
#   KAFKA_VERSION          broker version, default 4.1.1 (the kafka-clients version the project builds against)
#   KAFKA_PORT             client port, default 9092
#   KAFKA_CONTROLLER_PORT  KRaft controller port, default 9093
#   KAFKA_HEAP_OPTS        JVM heap, default "-Xms128m -Xmx512m" (small test machines)
#   KAFKA_START_TIMEOUT    seconds to wait for readiness, default 90
#   KAFKA_KEEP_DATA        "true": start on the storage the previous run left (topics, messages and committed
#                          offsets survive, as in a broker restart); formats fresh storage when there is none
#   WHIZBANG_SERVICES_DIR  state (pid, log, data), default /tmp/whizbang-services
#   WHIZBANG_CACHE_DIR     kept between runs (resolved classpath), default ~/.cache/whizbang
set -euo pipefail
. "$(dirname "$0")/lib/maven-classpath.sh"

VERSION=${KAFKA_VERSION:-4.1.1}
PORT=${KAFKA_PORT:-9092}
CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
HEAP=${KAFKA_HEAP_OPTS:--Xms128m -Xmx512m}
TIMEOUT=${KAFKA_START_TIMEOUT:-90}
STATE=${WHIZBANG_SERVICES_DIR:-/tmp/whizbang-services}
CACHE=${WHIZBANG_CACHE_DIR:-${HOME:-/tmp}/.cache/whizbang}
PID_FILE=$STATE/kafka.pid
LOG_FILE=$STATE/kafka.log
DATA=$STATE/kafka
MAIN_CLASS=kafka.Kafka

TAG=start-kafka
MARKER=$MAIN_CLASS
. "$(dirname "$0")/lib/detached-server.sh"
answers() { port_open "$PORT"; }
# Started, not just listening: the port opens while the broker still loads its logs.
broker_ready() { grep -q 'Kafka Server started' "$LOG_FILE" 2>/dev/null && port_open "$PORT"; }

mkdir -p "$STATE" "$CACHE"
started=$SECONDS

reuse_running "a broker" "bootstrap.servers=127.0.0.1:$PORT" "KAFKA_PORT / KAFKA_CONTROLLER_PORT" "$PORT" \
  "$CONTROLLER_PORT"
command -v java >/dev/null || die "java not found: the Kafka $VERSION broker needs Java 17 or newer on the PATH"

# 1. The broker's classpath, resolved from Maven Central once and cached (re-resolved when a jar disappeared).
RESOLVE=$CACHE/kafka-$VERSION
resolve_classpath "$RESOLVE" "Kafka $VERSION" "
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$VERSION</version></dependency>
    <!-- The broker logs through SLF4J; without a binding it would log nothing at all. -->
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>2.24.3</version></dependency>"
CP=$(cat "$RESOLVE/cp.txt")

# 2. Configuration sized for a small test machine, and freshly formatted storage (or, for a restart, the old one).
JAVA_OPTS=(-Dlog4j2.configurationFile="$DATA/log4j2.properties" -Djava.awt.headless=true)
if [ "${KAFKA_KEEP_DATA:-false}" = true ] && [ -s "$DATA/data/meta.properties" ] && [ -s "$DATA/server.properties" ] \
  && [ -s "$DATA/log4j2.properties" ]; then
  say "restarting on the storage in $DATA"
else
rm -rf "$DATA"
mkdir -p "$DATA"
cat >"$DATA/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA/data
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=true
# Tests create and join many short-lived groups: no waiting for more members before the first assignment.
group.initial.rebalance.delay.ms=0
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
share.coordinator.state.topic.num.partitions=1
num.network.threads=2
num.io.threads=2
background.threads=2
num.recovery.threads.per.data.dir=1
log.segment.bytes=16777216
PROPS
# The tools and the broker log to stdout by default; everything goes to stderr here so that it lands in the log.
cat >"$DATA/log4j2.properties" <<'L4J'
appender.err.type = Console
appender.err.name = err
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.err.ref = err
logger.config.name = org.apache.kafka.common.config.AbstractConfig
logger.config.level = WARN
L4J
# A cluster id must not start with '-': the storage tool's argument parser would read it as an option.
CLUSTER_ID=$(head -c 16 /dev/urandom | base64 | tr '+/' 'xy' | tr -d '=' | sed 's/^-/x/')
java "${JAVA_OPTS[@]}" -cp "$CP" kafka.tools.StorageTool format -t "$CLUSTER_ID" \
  -c "$DATA/server.properties" >"$DATA/format.log" 2>&1 \
  || { tail -30 "$DATA/format.log" >&2; die "formatting the Kafka storage in $DATA failed"; }
fi

# 3. Start detached and wait for the broker to say it started and to accept connections.
: >"$LOG_FILE" # the previous run's "Kafka Server started" must not count for this one
# shellcheck disable=SC2086
setsid nohup java $HEAP -XX:+UseG1GC -XX:TieredStopAtLevel=1 "${JAVA_OPTS[@]}" -cp "$CP" "$MAIN_CLASS" \
  "$DATA/server.properties" >"$LOG_FILE" 2>&1 </dev/null &
await_ready "the Kafka broker" "$TIMEOUT" broker_ready
say "Kafka $VERSION (KRaft) ready in $((SECONDS - started)) s: bootstrap.servers=127.0.0.1:$PORT," \
  "pid $(cat "$PID_FILE"), log $LOG_FILE"
