#!/usr/bin/env bash
# A private PostgreSQL server for Virtforge's JDBC claim store tests (sdk-fleet-jdbc), leaving the machine's
# own clusters alone: a cluster of its own (initdb) under one folder, PRIV, listening only on 127.0.0.1 on a
# free port, with its unix socket in PRIV/run. Debian's own clusters (pg_lsclusters, /etc/postgresql,
# /var/lib/postgresql) are never read, written, started or stopped.
#
# Usage: private-postgres.sh start|stop|status|url
#   start   creates the cluster (if absent) and starts it (if not running); prints the JDBC URL
#   stop    stops the server by its data folder (pg_ctl, else its postmaster pid) and removes PRIV
#   status  exit 0 when the private server answers
#   url     prints the JDBC URL of the running server (database virtforge_test, user virtforge and a
#           password generated at start); exit 1 when it is not running
#
# Environment:
#   VIRTFORGE_POSTGRES_DIR  PRIV (default /run/virtforge-postgres)
#   POSTGRES_BIN            the folder of initdb and pg_ctl (default: the newest /usr/lib/postgresql/*/bin)
#   POSTGRES_PORT           the first port tried (default 55432; the next free one is taken)
#
# As root the server runs as the `postgres` user (initdb refuses root); otherwise as the calling user.
# The server is a throwaway: fsync and synchronous commit are off (nothing survives stop anyway).
set -euo pipefail

PRIV="${VIRTFORGE_POSTGRES_DIR:-/run/virtforge-postgres}"
FIRST_PORT="${POSTGRES_PORT:-55432}"
DATA="$PRIV/data"
RUN="$PRIV/run"
LOG="$PRIV/postgres.log"
PORT_FILE="$PRIV/port"
PASSWORD_FILE="$PRIV/password"
DATABASE=virtforge_test
DB_USER=virtforge
# Marks PRIV as made by this script, so that stop never removes a folder it did not create.
MARKER="$PRIV/.virtforge-private-postgres"

log() { echo "[private-postgres] $*" >&2; }
die() { echo "[private-postgres] ERROR: $*" >&2; exit 1; }

bin_dir() {
  if [[ -n "${POSTGRES_BIN:-}" ]]; then
    echo "$POSTGRES_BIN"
    return
  fi
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]] \
    || die "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin (install Debian's postgresql) or set POSTGRES_BIN"
  echo "$dir"
}

# Runs a command as the server's owner: postgres when we are root, else ourselves.
as_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

owner() { if [[ "$(id -u)" -eq 0 ]]; then echo postgres; else id -un; fi; }

# shellcheck source=scripts/loopback-ports.sh
source "$(dirname "${BASH_SOURCE[0]}")/loopback-ports.sh"

running() {
  [[ -f "$DATA/PG_VERSION" ]] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

answers() {
  [[ -f "$PORT_FILE" ]] && "$BIN/pg_isready" -q -h 127.0.0.1 -p "$(cat "$PORT_FILE")" -d "$DATABASE" 2>/dev/null
}

url() {
  echo "jdbc:postgresql://127.0.0.1:$(cat "$PORT_FILE")/$DATABASE?user=$DB_USER&password=$(cat "$PASSWORD_FILE")"
}

create_cluster() {
  local port password
  [[ "$(id -u)" -ne 0 ]] || id postgres >/dev/null 2>&1 || die "no postgres user (install Debian's postgresql)"
  mkdir -p "$PRIV"
  : >"$MARKER"
  mkdir -p "$RUN"
  # Only the server's owner reaches the socket folder: local connections can then be trusted.
  chown "$(owner)" "$PRIV" "$RUN"
  chmod 0700 "$PRIV" "$RUN"
  password="$(tr -dc 'a-zA-Z0-9' </dev/urandom | head -c 24 || true)"
  (umask 077 && echo "$password" >"$PASSWORD_FILE")
  chown "$(owner)" "$PASSWORD_FILE"
  log "initdb in $DATA (binaries $BIN)"
  as_owner "$BIN/initdb" -D "$DATA" -U "$DB_USER" --pwfile="$PASSWORD_FILE" -E UTF8 --locale=C \
    --auth-local=trust --auth-host=scram-sha-256 >"$PRIV/initdb.log" 2>&1 \
    || { cat "$PRIV/initdb.log" >&2; die "initdb failed"; }
  port="$(free_port)"
  echo "$port" >"$PORT_FILE"
  as_owner tee -a "$DATA/postgresql.conf" >/dev/null <<EOF
# private-postgres.sh: loopback only, a socket in PRIV, a throwaway cluster
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$RUN'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
# never huge pages: with the default 'try' the server reserves the 2 MiB pages run-tests raises for the QEMU
# guests (they still count as free in sysfs, so a guest's start fails with "Cannot allocate memory")
huge_pages = off
EOF
}

start() {
  BIN="$(bin_dir)"
  if [[ -e "$PRIV" && ! -f "$MARKER" ]]; then
    die "$PRIV exists and was not made by this script; choose another VIRTFORGE_POSTGRES_DIR"
  fi
  if running && answers; then
    log "already running on port $(cat "$PORT_FILE")"
    url
    return 0
  fi
  if [[ -e "$PRIV" ]]; then
    log "leftovers of an earlier private server in $PRIV: removing them first"
    stop
  fi
  create_cluster
  local attempt
  for attempt in 1 2 3; do
    if as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 30 start >/dev/null; then
      break
    fi
    # Another process may have taken the port between the check and the start: try the next one.
    ((attempt < 3)) || { tail -n 20 "$LOG" >&2 || true; die "the private server did not start"; }
    FIRST_PORT=$(($(cat "$PORT_FILE") + 1))
    local port
    port="$(free_port)"
    log "start failed (port taken?); retrying on port $port"
    echo "$port" >"$PORT_FILE"
    as_owner sed -i "s/^port = .*/port = $port/" "$DATA/postgresql.conf"
  done
  as_owner "$BIN/psql" -q -h "$RUN" -p "$(cat "$PORT_FILE")" -U "$DB_USER" -d postgres \
    -c "CREATE DATABASE $DATABASE" >/dev/null 2>&1 || true
  answers || die "the private server does not answer on 127.0.0.1:$(cat "$PORT_FILE")"
  log "ready on 127.0.0.1:$(cat "$PORT_FILE") (PRIV=$PRIV)"
  url
}

stop() {
  [[ -e "$PRIV" ]] || { log "not running ($PRIV absent)"; return 0; }
  [[ -f "$MARKER" ]] || die "$PRIV was not made by this script: not touching it"
  BIN="${BIN:-$(bin_dir)}"
  if running; then
    log "stopping the private server"
    as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w -t 30 stop >/dev/null 2>&1 || true
  fi
  # pg_ctl failed or the folder is half made: the postmaster of THIS data folder, by its pid file.
  local pid
  if [[ -f "$DATA/postmaster.pid" ]]; then
    pid="$(head -n 1 "$DATA/postmaster.pid" | tr -dc '0-9')"
    if [[ -n "$pid" && -d "/proc/$pid" ]] && [[ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" == "$DATA" ]]; then
      log "postmaster $pid still there: SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -rf --one-file-system "$PRIV"
  log "stopped; $PRIV removed"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) BIN="$(bin_dir)"; running && answers ;;
  url)
    BIN="$(bin_dir)"
    running && answers || die "the private server is not running: run '$0 start'"
    url
    ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
