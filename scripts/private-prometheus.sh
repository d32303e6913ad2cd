#!/usr/bin/env bash
# A private Prometheus server for Virtforge's exporter integration test (virtforge-cli's RealHostIT), leaving
# the machine's own Prometheus (Debian's prometheus service, /etc/prometheus, /var/lib/prometheus) alone: its
# configuration and its database live under one folder, PRIV, and it listens only on 127.0.0.1 on a free port.
# It scrapes one target every second.
#
# Usage: private-prometheus.sh start HOST:PORT|stop|status|url
#   start   writes a configuration scraping HOST:PORT (/metrics, every second) and starts the server (a running
#           private server is stopped first: one target at a time); prints its base URL
#   stop    stops the server by its pid (checked to be this PRIV's) and removes PRIV
#   status  exit 0 when the private server answers /-/ready
#   url     prints the base URL of the running server; exit 1 when it is not running
#
# Environment:
#   VIRTFORGE_PROMETHEUS_DIR  PRIV (default /run/virtforge-prometheus)
#   PROMETHEUS_BIN            the prometheus binary (default /usr/bin/prometheus, Debian's prometheus package)
#   PROMETHEUS_PORT           the first port tried (default 59090; the next free one is taken)
#   PROMETHEUS_TIMEOUT        seconds to wait for it to be ready (default 30)
#
# As root the server runs as the `prometheus` user Debian's package creates (as root when there is none).
set -euo pipefail

PRIV="${VIRTFORGE_PROMETHEUS_DIR:-/run/virtforge-prometheus}"
BIN="${PROMETHEUS_BIN:-/usr/bin/prometheus}"
FIRST_PORT="${PROMETHEUS_PORT:-59090}"
TIMEOUT="${PROMETHEUS_TIMEOUT:-30}"
PID_FILE="$PRIV/prometheus.pid"
PORT_FILE="$PRIV/port"
LOG="$PRIV/prometheus.log"
# Marks PRIV as made by this script, so that stop never removes a folder it did not create.
MARKER="$PRIV/.virtforge-private-prometheus"

log() { echo "[private-prometheus] $*" >&2; }
die() { echo "[private-prometheus] ERROR: $*" >&2; exit 1; }

# shellcheck source=scripts/loopback-ports.sh
source "$(dirname "${BASH_SOURCE[0]}")/loopback-ports.sh"

url() { echo "http://127.0.0.1:$(cat "$PORT_FILE")"; }

# The pid of THIS PRIV's server: the pid file's process, if its command line names PRIV's configuration.
server_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "--config.file=$PRIV/prometheus.yml" || return 1
  echo "$pid"
}

answers() { [[ -f "$PORT_FILE" ]] && curl -fsS -o /dev/null --max-time 2 "$(url)/-/ready" 2>/dev/null; }

start() {
  local target="${1:-}"
  [[ "$target" =~ ^[A-Za-z0-9._:-]+:[0-9]+$ ]] || die "start needs the target as HOST:PORT, got '$target'"
  [[ -x "$BIN" ]] || die "$BIN missing (install Debian's prometheus package) or set PROMETHEUS_BIN"
  if [[ -e "$PRIV" && ! -f "$MARKER" ]]; then
    die "$PRIV exists and was not made by this script; choose another VIRTFORGE_PROMETHEUS_DIR"
  fi
  [[ -e "$PRIV" ]] && stop
  mkdir -p "$PRIV/data"
  : >"$MARKER"
  local port user=""
  port="$(free_port)"
  echo "$port" >"$PORT_FILE"
  cat >"$PRIV/prometheus.yml" <<YAML
# private-prometheus.sh: one target, scraped every second
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: virtforge
    static_configs:
      - targets: ['$target']
YAML
  if [[ "$(id -u)" -eq 0 ]] && id prometheus >/dev/null 2>&1; then
    user=prometheus
    chown -R prometheus "$PRIV"
  fi
  local -a cmd=("$BIN" "--config.file=$PRIV/prometheus.yml" "--storage.tsdb.path=$PRIV/data"
                "--web.listen-address=127.0.0.1:$port" "--storage.tsdb.retention.time=1h")
  if [[ -n "$user" ]]; then
    setsid runuser -u "$user" -- "${cmd[@]}" >"$LOG" 2>&1 </dev/null &
  else
    setsid "${cmd[@]}" >"$LOG" 2>&1 </dev/null &
  fi
  local launcher=$! pid="" i
  # runuser forks the server: find the process whose command line names PRIV's configuration
  for ((i = 0; i < TIMEOUT * 10; i++)); do
    if [[ -z "$pid" ]]; then
      for p in $(pgrep -f -- "--config.file=$PRIV/prometheus.yml" || true); do
        [[ "$(readlink "/proc/$p/exe" 2>/dev/null)" == "$(readlink -f "$BIN")" ]] && pid="$p"
      done
      [[ -n "$pid" ]] && echo "$pid" >"$PID_FILE"
    fi
    if [[ -n "$pid" ]] && answers; then
      log "ready on $(url) (pid $pid, PRIV=$PRIV), scraping $target"
      url
      return 0
    fi
    kill -0 "$launcher" 2>/dev/null || { tail -n 20 "$LOG" >&2 || true; stop; die "prometheus exited at start"; }
    sleep 0.1
  done
  tail -n 20 "$LOG" >&2 || true
  stop
  die "prometheus not ready after $TIMEOUT s"
}

stop() {
  [[ -e "$PRIV" ]] || { log "not running ($PRIV absent)"; return 0; }
  [[ -f "$MARKER" ]] || die "$PRIV was not made by this script: not touching it"
  local pid i
  if pid="$(server_pid)"; then
    log "stopping the private server (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      [[ -d "/proc/$pid" ]] || break
      sleep 0.1
    done
    [[ -d "/proc/$pid" ]] && { log "pid $pid still there: SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; }
  fi
  rm -rf --one-file-system "$PRIV"
  log "stopped; $PRIV removed"
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop ;;
  status) server_pid >/dev/null && answers ;;
  url)
    server_pid >/dev/null && answers || die "the private server is not running: run '$0 start HOST:PORT'"
    url
    ;;
  *) echo "usage: $0 start HOST:PORT|stop|status|url" >&2; exit 2 ;;
esac
