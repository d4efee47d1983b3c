#!/usr/bin/env bash
# Relay throughput of this checkout against older code, in one run: each measurement is a fresh JVM running
# io.whizbang.benchmarks.relay.RelayRate, with the older classes first on the class path for the "before" side,
# alternating ABBA so that load from elsewhere falls on both sides alike. Prints one RESULT line per comparison.
#
#   bash benchmarks/relay-versions.sh [rounds]        (after: ./mvnw -B -ntp -q -pl benchmarks -am package -DskipTests)
#
# Comparisons:
#   1. in-memory transport, 1,000 keys: this runtime vs the runtime before the relay's failure classification
#      (the parent of the commit "Relay parks only messages the broker refused for good", defab81);
#   2. RabbitMQ, 1, 10 and 1,000 keys: this RabbitMQ publisher (one unconfirmed message per key) vs the pipelining
#      publisher of b02ce4c.
set -euo pipefail
ROUNDS=${1:-4}
ROOT=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
JAR="$ROOT/benchmarks/target/benchmarks.jar"
WORK=${RELAY_VERSIONS_WORK:-/tmp/whizbang-relay-versions}
OLD_RUNTIME_COMMIT=$(git -C "$ROOT" rev-parse defab81^)
OLD_RABBIT_COMMIT=$(git -C "$ROOT" rev-parse b02ce4c)
[ -f "$JAR" ] || { echo "build $JAR first: ./mvnw -B -ntp -q -pl benchmarks -am package -DskipTests" >&2; exit 1; }

OLD_RUNTIME="$WORK/runtime-${OLD_RUNTIME_COMMIT:0:7}"
if [ ! -f "$OLD_RUNTIME/whizbang-runtime/target/whizbang-runtime-0.1.0-SNAPSHOT.jar" ]; then
  rm -rf "$OLD_RUNTIME" && mkdir -p "$OLD_RUNTIME"
  git -C "$ROOT" archive "$OLD_RUNTIME_COMMIT" | tar -x -C "$OLD_RUNTIME"
  (cd "$OLD_RUNTIME" && ./mvnw -B -ntp -q -o -pl whizbang-runtime -am package -Dmaven.test.skip=true)
fi
OLD_RUNTIME_JAR="$OLD_RUNTIME/whizbang-runtime/target/whizbang-runtime-0.1.0-SNAPSHOT.jar"

# The old publisher is three classes of the RabbitMQ module; compiled against the rest of it they replace the new.
OLD_RABBIT="$WORK/rabbitmq-${OLD_RABBIT_COMMIT:0:7}"
if [ ! -d "$OLD_RABBIT/classes" ]; then
  mkdir -p "$OLD_RABBIT/src" "$OLD_RABBIT/classes"
  for f in Publisher KeyOrderedFutures RabbitMqTransport; do
    git -C "$ROOT" show "$OLD_RABBIT_COMMIT:whizbang-brokers/whizbang-rabbitmq/src/main/java/io/whizbang/rabbitmq/$f.java" \
      > "$OLD_RABBIT/src/$f.java"
  done
  javac -nowarn -cp "$JAR" -d "$OLD_RABBIT/classes" "$OLD_RABBIT"/src/*.java
fi

rate() { # classpath, args...
  local cp=$1; shift
  java -cp "$cp" io.whizbang.benchmarks.relay.RelayRate "$@" 2>/dev/null | awk '/^RATE/ {print $2}'
}

compare() { # label, old classpath, args...
  local label=$1 oldcp=$2; shift 2
  local new=() old=()
  for ((r = 0; r < ROUNDS; r++)); do
    if ((r % 2 == 0)); then new+=("$(rate "$JAR" "$@")"); old+=("$(rate "$oldcp:$JAR" "$@")")
    else old+=("$(rate "$oldcp:$JAR" "$@")"); new+=("$(rate "$JAR" "$@")"); fi
  done
  echo "       $label: this code ${new[*]} rows/s; before ${old[*]} rows/s"
  awk -v label="$label" -v n="${new[*]}" -v o="${old[*]}" 'BEGIN {
    k = split(n, a, " "); split(o, b, " "); for (i = 1; i <= k; i++) { sn += a[i]; so += b[i] }
    printf "RESULT %-58s whizbang %12.1f rows/s | baseline %12.1f rows/s | ratio %.2fx\n", label, sn / k, so / k, sn / so }'
}

compare "relay, in-memory, 1000 keys: now vs before classification" "$OLD_RUNTIME_JAR" \
  --transport=memory --keys=1000 --seconds=5 --rows=300000
for keys in 1 10 1000; do
  compare "relay, RabbitMQ, $keys key(s): one unconfirmed per key vs pipelined" "$OLD_RABBIT/classes" \
    --transport=rabbitmq --keys="$keys" --seconds=8 --rows=100000
done
