# Sourced by the start and stop scripts of the test servers that run detached in the background (Kafka, ElasticMQ,
# fauxqs, the Service Bus test server): the pid file that names our process, the checks before a start, the
# wait for readiness and the stop. The caller sets, before sourcing:
#   TAG       the script's name, which prefixes its messages
#   PID_FILE  where the pid of the server it started is kept
#   MARKER    a string of that server's command line: it tells our process from a recycled pid
#   LOG_FILE  (start scripts) the server's output
# and, to start one, defines answers(): succeeds once the server serves requests.

say() { echo "[$TAG] $*"; }
die() { echo "[$TAG] ERROR: $*" >&2; exit 1; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Ours only if the pid file names a live process whose command line has MARKER: a recycled pid must never be
# mistaken for it.
server_alive() {
  [ -s "$PID_FILE" ] || return 1
  local pid; pid=$(cat "$PID_FILE")
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$MARKER"
}

# The process this run launched, while it has not exited. Right after the launch its command line is still the
# forking shell's (until the server is exec'd), so server_alive would wrongly call it dead.
launched_alive() {
  kill -0 "$1" 2>/dev/null && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

fail_with_log() {
  echo "---- last lines of $LOG_FILE ----" >&2
  tail -40 "$LOG_FILE" >&2 || true
  if [ -n "${LAUNCHED:-}" ]; then kill "$LAUNCHED" 2>/dev/null || true
  elif server_alive; then kill "$(cat "$PID_FILE")" 2>/dev/null || true; fi
  rm -f "$PID_FILE"
  die "$1"
}

#   begin_start <server>
# Makes the state directory, starts the clock of the ready message, and makes sure of the curl that answers() uses
# (installed from Debian's packages when missing, as root).
begin_start() {
  mkdir -p "$(dirname "$PID_FILE")"
  started=$SECONDS
  command -v curl >/dev/null && return 0
  # As start-postgres.sh installs PostgreSQL: from Debian's packages when run as root on a machine without it.
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing curl from Debian's packages (it checks that $1 answers)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends curl; } \
      >/tmp/whizbang-apt-curl.log 2>&1 || { tail -20 /tmp/whizbang-apt-curl.log >&2; die "apt-get install curl failed"; }
    return 0
  fi
  die "curl not found: it checks that $1 answers (apt-get install curl)"
}

#   reuse_running <server> <where> <port settings> <port>...
# Exits when the server started earlier answers; stops it when it is alive but does not; dies when one of its ports
# is taken by a process this script did not start.
reuse_running() {
  local server=$1 where=$2 settings=$3 port
  shift 3
  if server_alive && answers; then
    say "already running (pid $(cat "$PID_FILE")): $where"
    exit 0
  fi
  if server_alive; then
    fail_with_log "$server started earlier (pid $(cat "$PID_FILE")) does not answer at $where; it was stopped, run this script again"
  fi
  for port in "$@"; do
    port_open "$port" && die "127.0.0.1:$port is already in use by a process this script did not start; stop it or set $settings"
  done
  return 0
}

#   check_storage <setting> <value>
check_storage() {
  case $2 in memory | disk) ;; *) die "$1 must be memory or disk, was '$2'" ;; esac
}

#   npm_package <dir> <package> <version> <package.json> <server>
# Puts Node.js 20 or newer and npm on the PATH (lib/node.sh), then installs <package>@<version> from the npm
# registry into <dir> once (later runs use it as it is).
npm_package() {
  local dir=$1 package=$2 version=$3 manifest=$4 server=$5
  use_node                               # Node.js 20+ and npm on the PATH, downloaded once if missing
  [ -f "$dir/node_modules/$package/package.json" ] && return 0
  mkdir -p "$dir"
  say "installing $package $version with npm (the first run downloads it)"
  (cd "$dir" && echo "$manifest" >package.json &&
    timeout 600 npm install --no-audit --no-fund --save-exact "$package@$version" >npm.log 2>&1) \
    || { tail -30 "$dir/npm.log" >&2; die "npm could not install $package@$version (log: $dir/npm.log)"; }
}

#   state_file <storage> <keep data> <data dir> <what it keeps>
# For a server that writes its state to <data dir>/state.json when stopped: sets STATE_FILE to that file with
# storage "disk" (emptied first unless <keep data> is "true"), to nothing with "memory".
state_file() {
  local storage=$1 keep=$2 data=$3 what=$4
  STATE_FILE=
  [ "$storage" = disk ] || return 0
  if [ "$keep" = true ] && [ -s "$data/state.json" ]; then
    say "restarting on the $what in $data"
  else
    rm -rf "$data"
  fi
  mkdir -p "$data"
  STATE_FILE=$data/state.json
}

#   await_ready <server> <timeout seconds> [<readiness check>]
# Call right after starting the server in the background: records its pid, then waits until the check (default
# answers) succeeds.
await_ready() {
  LAUNCHED=$!
  echo "$LAUNCHED" >"$PID_FILE"
  local deadline=$((SECONDS + $2)) ready=${3:-answers}
  until "$ready"; do
    launched_alive "$LAUNCHED" || fail_with_log "$1 exited during startup"
    [ $SECONDS -ge $deadline ] && fail_with_log "$1 was not ready after $2 s"
    sleep 0.25
  done
}

#   stop_server <server> <seconds>
# Stops our server (only the process the pid file names, if it still is ours): SIGTERM, which lets a server that
# keeps its state on disk write it out, then SIGKILL after <seconds>.
stop_server() {
  local server=$1 grace=$2 pid
  [ -s "$PID_FILE" ] || { say "not running (no $PID_FILE)"; exit 0; }
  pid=$(cat "$PID_FILE")
  if server_alive; then
    kill "$pid"
    for _ in $(seq 1 $((grace * 4))); do [ -d "/proc/$pid" ] || break; sleep 0.25; done
    if [ -d "/proc/$pid" ]; then
      say "still running after $grace s, killing pid $pid"
      kill -9 "$pid"
    fi
    say "stopped pid $pid"
  else
    say "pid $pid is not $server this script started any more; nothing to stop"
  fi
  rm -f "$PID_FILE"
}

. "$(dirname "${BASH_SOURCE[0]}")/node.sh"
