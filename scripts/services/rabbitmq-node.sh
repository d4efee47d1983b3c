#!/usr/bin/env bash
# A dedicated RabbitMQ node for the tests that stop and start a broker for real (the fault suite): its own node
# name, ports, data, logs and config, so stopping it never disturbs the shared broker on 5672 (start-rabbitmq.sh)
# or anyone using it. The data survives a stop, as a real broker's does: durable queues and persistent messages
# are there again after the next start. No plugins (no management listener to collide with).
#
#   rabbitmq-node.sh start    starts the node detached and waits until it accepts work (does nothing if it runs)
#   rabbitmq-node.sh stop     stops the node and waits until its process is gone (does nothing if it is stopped)
#   rabbitmq-node.sh status   exit 0 when the node runs, 3 when it does not
#   rabbitmq-node.sh wipe     stops it and deletes its data, logs and config
#   rabbitmq-node.sh ctl ARGS runs rabbitmqctl ARGS against the node (e.g. ctl list_queues)
#
# Environment (all optional):
#   RABBITMQ_FAULT_NODENAME   node name, default whizbang-fault@localhost
#   RABBITMQ_FAULT_PORT       AMQP port on 127.0.0.1, default 5682
#   RABBITMQ_FAULT_DIST_PORT  Erlang distribution port, default 25682
#   RABBITMQ_FAULT_TIMEOUT    seconds to wait for a start or a stop, default 90
#   WHIZBANG_SERVICES_DIR     state (data, logs, pid), default /tmp/whizbang-services
set -euo pipefail
# The Debian package installs the tools in /usr/sbin, which a non-login PATH may lack.
PATH=$PATH:/usr/sbin:/usr/lib/rabbitmq/bin

NODE=${RABBITMQ_FAULT_NODENAME:-whizbang-fault@localhost}
PORT=${RABBITMQ_FAULT_PORT:-5682}
DIST_PORT=${RABBITMQ_FAULT_DIST_PORT:-25682}
TIMEOUT=${RABBITMQ_FAULT_TIMEOUT:-90}
STATE=${WHIZBANG_SERVICES_DIR:-/tmp/whizbang-services}/rabbitmq-${NODE%%@*}

say() { echo "[rabbitmq-node $NODE] $*"; }
die() { echo "[rabbitmq-node $NODE] ERROR: $*" >&2; exit 1; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }
ctl() { rabbitmqctl -q -n "$NODE" "$@"; }
running() { ctl ping >/dev/null 2>&1; }
log_tail() {
  for f in "$STATE"/log/*.log "$STATE"/log/startup_err "$STATE"/log/startup_log; do
    [ -s "$f" ] && { echo "---- last lines of $f ----" >&2; tail -30 "$f" >&2; }
  done
  return 0
}

# Everything the node reads comes from here: the machine's /etc/rabbitmq files configure the shared node
# (its name and port 5672) and must not apply to this one.
environment() {
  mkdir -p "$STATE/mnesia" "$STATE/log"
  echo "[]." >"$STATE/enabled_plugins"
  : >"$STATE/rabbitmq-env.conf"
  cat >"$STATE/rabbitmq.conf" <<CONF
listeners.tcp.1 = 127.0.0.1:$PORT
CONF
  # As root, the Debian package's scripts run the node as the user rabbitmq: it must own its directories.
  if [ "$(id -u)" = 0 ] && id -u rabbitmq >/dev/null 2>&1; then
    chown -R rabbitmq: "$STATE"
  fi
  export RABBITMQ_NODENAME=$NODE RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$PORT \
    RABBITMQ_DIST_PORT=$DIST_PORT RABBITMQ_CONF_ENV_FILE=$STATE/rabbitmq-env.conf \
    RABBITMQ_CONFIG_FILE=$STATE/rabbitmq.conf RABBITMQ_ENABLED_PLUGINS_FILE=$STATE/enabled_plugins \
    RABBITMQ_MNESIA_BASE=$STATE/mnesia RABBITMQ_LOG_BASE=$STATE/log RABBITMQ_PID_FILE=$STATE/pid \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" ERL_EPMD_ADDRESS=127.0.0.1
}

start() {
  command -v rabbitmq-server >/dev/null || die "rabbitmq-server is not installed (scripts/services/start-rabbitmq.sh installs it)"
  if running && port_open; then
    say "already running: amqp://guest:guest@127.0.0.1:$PORT/"
    return 0
  fi
  port_open && die "127.0.0.1:$PORT is taken by another process; set RABBITMQ_FAULT_PORT"
  environment
  # Started from the state directory: the Erlang VM writes crash dumps into its working directory.
  (cd "$STATE" && rabbitmq-server -detached) || { log_tail; die "rabbitmq-server -detached failed"; }
  local end=$((SECONDS + TIMEOUT))
  until running && ctl await_startup --timeout 5 >/dev/null 2>&1 && port_open; do
    if [ $SECONDS -ge $end ]; then
      log_tail
      die "the node did not start within $TIMEOUT s"
    fi
    sleep 0.2
  done
  say "running: amqp://guest:guest@127.0.0.1:$PORT/ (logs: $STATE/log)"
}

stop() {
  if ! running; then
    say "not running"
    return 0
  fi
  # Given the pid file, stop returns only once the node's OS process has exited.
  timeout "$TIMEOUT" rabbitmqctl -q -n "$NODE" stop "$STATE/pid" >/dev/null \
    || { log_tail; die "the node did not stop within $TIMEOUT s"; }
  if port_open; then
    die "127.0.0.1:$PORT still accepts connections after the node stopped"
  fi
  say "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then say "running"; else say "not running"; exit 3; fi ;;
  wipe) stop; rm -rf "$STATE"; say "data deleted" ;;
  ctl) shift; ctl "$@" ;;
  *) echo "usage: $0 start|stop|status|wipe|ctl ARGS" >&2; exit 2 ;;
esac
