#!/usr/bin/env bash
# Starts RabbitMQ for the integration tests: 127.0.0.1:5672, user guest/guest, node rabbit@localhost.
# Does nothing when a broker already accepts connections there. Otherwise installs the Debian package
# rabbitmq-server where it is absent (needs root) and starts it detached, waiting a bounded time for the port.
# Safe to run twice.
set -euo pipefail

PORT=5672
WAIT_SECONDS=${RABBITMQ_START_TIMEOUT:-90}
LOG=/var/log/rabbitmq/rabbit@localhost.log

say() { echo "[start-rabbitmq] $*"; }
die() { echo "[start-rabbitmq] ERROR: $*" >&2; exit 1; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }
log_tail() {
  for f in "$LOG" /var/log/rabbitmq/startup_err /var/log/rabbitmq/startup_log; do
    [ -s "$f" ] && { echo "---- last lines of $f ----" >&2; tail -30 "$f" >&2; }
  done
  return 0
}

if port_open; then
  say "RabbitMQ already accepts connections on 127.0.0.1:$PORT"
  exit 0
fi

[ "$(id -u)" = 0 ] || die "nothing listens on 127.0.0.1:$PORT and this is not root: start RabbitMQ yourself \
(or run this script as root to install and start the Debian package rabbitmq-server)"

if ! command -v rabbitmq-server >/dev/null; then
  say "installing the Debian package rabbitmq-server"
  apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends rabbitmq-server \
    >/tmp/start-rabbitmq-apt.log 2>&1 || { tail -20 /tmp/start-rabbitmq-apt.log >&2; die "apt-get install rabbitmq-server failed"; }
  # The package may start its own service with default settings; stop it so the node below gets our config.
  rabbitmqctl -q stop >/dev/null 2>&1 || true
fi

# Loopback only, and a fixed node name so that a changed hostname does not orphan the data directory.
mkdir -p /etc/rabbitmq
cat >/etc/rabbitmq/rabbitmq-env.conf <<'CONF'
# written by scripts/services/start-rabbitmq.sh
NODENAME=rabbit@localhost
NODE_IP_ADDRESS=127.0.0.1
NODE_PORT=5672
export ERL_EPMD_ADDRESS=127.0.0.1
SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
CONF
[ -s /etc/rabbitmq/rabbitmq.conf ] || echo "listeners.tcp.local = 127.0.0.1:$PORT" >/etc/rabbitmq/rabbitmq.conf

say "starting rabbitmq-server"
# Started from /tmp: the Erlang VM writes crash dumps into its working directory.
(cd /tmp && rabbitmq-server -detached) || { log_tail; die "rabbitmq-server -detached failed"; }

end=$((SECONDS + WAIT_SECONDS))
until port_open && rabbitmqctl -q await_startup --timeout 5 >/dev/null 2>&1; do
  if [ $SECONDS -ge $end ]; then
    log_tail
    die "RabbitMQ did not accept connections on 127.0.0.1:$PORT within $WAIT_SECONDS s"
  fi
  sleep 0.5
done
say "RabbitMQ ready: amqp://guest:guest@127.0.0.1:$PORT/ (log: $LOG)"
