#!/usr/bin/env bash
# Does ElasticMQ keep a FIFO message group locked across a restart on its stored messages (SQS_STORAGE=disk)?
#
# SQS hands out nothing more of a FIFO group while one of its messages is in flight. This sends six messages of one
# group, restarts ElasticMQ on its H2 store (or not, with "norestart"), sends a seventh, receives all seven (visibility
# 30 s, none deleted), sends two more and receives again: SQS would return nothing. ElasticMQ 1.7.1 returns one of
# the two after the restart (it reads stored messages back as a standard queue's: no FIFO flag, no order within a
# millisecond) and nothing without it. The ElasticMQ fault test therefore cuts the network for its outage instead of
# restarting the server (see SqsFaultSuite).
#
# Usage: elasticmq-fifo-restart.sh [restart|norestart]    (exit 0: group kept locked as in SQS; 1: broken)
# Environment: SQS_PORT (default 19324), ELASTICMQ_VERSION; needs curl and Java, like scripts/services/start-sqs.sh.
set -euo pipefail
SERVICES=$(cd "$(dirname "$0")/../../../../.." && pwd)/scripts/services
MODE=${1:-restart}
export SQS_PORT=${SQS_PORT:-19324} SQS_STORAGE=disk WHIZBANG_SERVICES_DIR
WHIZBANG_SERVICES_DIR=$(mktemp -d /tmp/elasticmq-fifo-restart.XXXXXX)
trap 'bash "$SERVICES/stop-sqs.sh" >/dev/null; rm -rf "$WHIZBANG_SERVICES_DIR"' EXIT
URL=http://127.0.0.1:$SQS_PORT
QUEUE=$URL/000000000000/restart-check.fifo

call() { curl -sf "$URL/" --data-urlencode "$@"; }
send() {
  call "Action=SendMessage" --data-urlencode "QueueUrl=$QUEUE" --data-urlencode "MessageBody=$1" \
    --data-urlencode "MessageGroupId=g" --data-urlencode "MessageDeduplicationId=$1" >/dev/null
}
receive() {
  call "Action=ReceiveMessage" --data-urlencode "QueueUrl=$QUEUE" --data-urlencode "MaxNumberOfMessages=10" \
    --data-urlencode "VisibilityTimeout=30" | grep -o '<Body>[^<]*</Body>' | sed 's/<[^>]*>//g' | tr '\n' ' ' || true
}

SQS_KEEP_DATA=false bash "$SERVICES/start-sqs.sh" >/dev/null
call "Action=CreateQueue" --data-urlencode "QueueName=restart-check.fifo" \
  --data-urlencode "Attribute.1.Name=FifoQueue" --data-urlencode "Attribute.1.Value=true" >/dev/null
for i in 1 2 3 4 5 6; do send "A$i"; done
if [ "$MODE" = restart ]; then
  bash "$SERVICES/stop-sqs.sh" >/dev/null
  SQS_KEEP_DATA=true bash "$SERVICES/start-sqs.sh" >/dev/null
fi
send B1
echo "[$MODE] received, left in flight: $(receive)"
send B2
send B3
second=$(receive)
echo "[$MODE] received while the group is in flight (SQS: nothing): ${second:-nothing}"
[ -z "$second" ]
