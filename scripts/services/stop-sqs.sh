#!/usr/bin/env bash
# Stops the ElasticMQ started by start-sqs.sh (only that process, found by its pid file). Its data is in memory only,
# unless it was started with SQS_STORAGE=disk.
set -euo pipefail
PID_FILE=${WHIZBANG_SERVICES_DIR:-/tmp/whizbang-services}/sqs.pid
MARKER=org.elasticmq.server.Main
TAG=stop-sqs
. "$(dirname "$0")/lib/detached-server.sh"
stop_server "the ElasticMQ" 20
