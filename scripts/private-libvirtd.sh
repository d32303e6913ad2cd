#!/usr/bin/env bash
# A private libvirtd (and virtlogd) for Virtforge's real-libvirt integration tests, leaving the machine's own
# libvirt alone: its configuration, state, sockets and logs live under one folder, PRIV, and the daemons run
# in a mount namespace of their own where PRIV's sub-folders are bind-mounted over /etc/libvirt, /run/libvirt,
# /var/lib/libvirt, /var/cache/libvirt and /var/log/libvirt. The machine's /etc/libvirt is never read or
# written, and a libvirtd the machine already runs keeps running untouched next to this one.
#
# Usage: private-libvirtd.sh start|stop|status|uri|relaunch [INSTANCE]
#   INSTANCE  1 (default) or 2, 3...: a further private libvirtd next to the first, as another host would be (the
#             live migration tests migrate between instances 1 and 2). Each instance has its own PRIV (PRIV-N
#             for N > 1, e.g. /run/virtforge-libvirtd-2), so its own configuration, sockets, state, logs and
#             namespace, its own fresh host_uuid, and its own migration port range (16 ports from 49252 + 16*(N-1)).
#   start     starts the daemons (if they are not running) and waits until libvirtd answers; prints the URI
#   stop      destroys the domains the private libvirtd runs, stops both daemons by their pid files, kills
#             any process left in their namespace, and removes PRIV
#   status    exit 0 when the private libvirtd answers
#   uri       prints the URI to reach it from outside the namespace:
#             qemu:///system?socket=PRIV/run/libvirt-sock
#   relaunch  starts libvirtd again inside the existing namespace after it died or was killed (FaultIT)
#
# Environment:
#   VIRTFORGE_LIBVIRTD_DIR  PRIV (default /run/virtforge-libvirtd). Keep it short: the socket path
#                           PRIV/run/libvirt-sock must fit a unix socket address (107 bytes).
#   LIBVIRTD_TIMEOUT        seconds to wait for the daemon to answer (default 30)
#
# Outside PRIV, the only change to the machine is an empty mount-point folder for each of the five libvirt
# folders above that does not exist yet (bind mounts need an existing target; the namespace's mount is gone
# when its processes are). Needs root, unshare and nsenter (util-linux).
set -euo pipefail

INSTANCE="${2:-1}"
[[ "$INSTANCE" =~ ^[1-9]$ ]] || { echo "[private-libvirtd] ERROR: instance must be 1-9, not '$INSTANCE'" >&2; exit 2; }
PRIV="${VIRTFORGE_LIBVIRTD_DIR:-/run/virtforge-libvirtd}"
((INSTANCE == 1)) || PRIV="$PRIV-$INSTANCE"
LIBVIRTD_TIMEOUT="${LIBVIRTD_TIMEOUT:-30}"
SOCKET="$PRIV/run/libvirt-sock"
URI="qemu:///system?socket=$SOCKET"
LIBVIRTD_PID="$PRIV/run/libvirtd.pid"
VIRTLOGD_PID="$PRIV/run/virtlogd.pid"
LIBVIRTD_LOG="$PRIV/log/libvirtd.log"
VIRTLOGD_LOG="$PRIV/log/virtlogd.log"
# Marks PRIV as made by this script, so that stop never removes a folder it did not create.
MARKER="$PRIV/.virtforge-private-libvirtd"
# Ports outside the system daemon's default migration range (49152-49215), so both can migrate at once.
# One range of 16 per instance, so that two instances can receive migrations at once.
MIGRATION_PORT_MIN=$((49252 + 16 * (INSTANCE - 1)))
MIGRATION_PORT_MAX=$((MIGRATION_PORT_MIN + 15))
# Mount point (machine path) -> PRIV sub-folder bind-mounted over it inside the namespace.
BIND_TARGETS=(/etc/libvirt /run/libvirt /var/lib/libvirt /var/cache/libvirt /var/log/libvirt)
BIND_SOURCES=(etc run lib cache log)

log() { echo "[private-libvirtd${INSTANCE#1}] $*" >&2; }
die() { echo "[private-libvirtd${INSTANCE#1}] ERROR: $*" >&2; exit 1; }

# The pid in a pid file when that process is alive, else nothing.
live_pid() {
  local pid
  [[ -f "$1" ]] || return 1
  pid="$(tr -dc '0-9' <"$1")"
  [[ -n "$pid" && -d "/proc/$pid" ]] || return 1
  echo "$pid"
}

answers() { virsh -c "$URI" version >/dev/null 2>&1; }

write_config() {
  local uuid
  # A fixed UUID per PRIV would collide between machines; a fresh one per start is what a new host gets.
  uuid="$(cat /proc/sys/kernel/random/uuid)"
  cat >"$PRIV/etc/libvirtd.conf" <<EOF
# Private libvirtd for Virtforge's integration tests (scripts/private-libvirtd.sh): root only.
host_uuid = "$uuid"
auth_unix_ro = "none"
auth_unix_rw = "none"
unix_sock_ro_perms = "0700"
unix_sock_rw_perms = "0700"
unix_sock_admin_perms = "0700"
EOF
  # user/group root and no security driver: the test guest's files belong to root, and without systemd there
  # is no AppArmor/SELinux setup to label them. Only this private daemon runs with it.
  cat >"$PRIV/etc/qemu.conf" <<EOF
# Private libvirtd for Virtforge's integration tests (scripts/private-libvirtd.sh)
user = "root"
group = "root"
security_driver = "none"
hugetlbfs_mount = "$PRIV/hugepages"
migration_port_min = $MIGRATION_PORT_MIN
migration_port_max = $MIGRATION_PORT_MAX
stdio_handler = "logd"
EOF
  : >"$PRIV/etc/virtlogd.conf"
}

start() {
  [[ "$(id -u)" -eq 0 ]] || die "must run as root"
  local bin
  for bin in libvirtd virtlogd virsh unshare nsenter; do
    command -v "$bin" >/dev/null || die "$bin not found (install libvirt-daemon, libvirt-clients, util-linux)"
  done
  ((${#SOCKET} <= 107)) || die "socket path $SOCKET is ${#SOCKET} bytes, more than a unix socket takes (107)"
  if live_pid "$LIBVIRTD_PID" >/dev/null && answers; then
    log "already running: $URI"
    echo "$URI"
    return 0
  fi
  if [[ -e "$PRIV" ]]; then
    [[ -f "$MARKER" ]] || die "$PRIV exists and was not made by this script; choose another VIRTFORGE_LIBVIRTD_DIR"
    log "leftovers of an earlier private libvirtd in $PRIV: stopping it first"
    stop
  fi
  mkdir -p "$PRIV"
  chmod 0700 "$PRIV"
  : >"$MARKER"
  local d
  for d in etc run lib cache log log/qemu hugepages; do mkdir -p "$PRIV/$d"; done
  write_config
  for d in "${BIND_TARGETS[@]}"; do
    if [[ ! -d "$d" ]]; then
      log "creating the empty mount point $d (the machine has no such folder)"
      mkdir -p "$d"
    fi
  done

  local binds="" i
  for i in "${!BIND_TARGETS[@]}"; do
    binds+="mount --bind '$PRIV/${BIND_SOURCES[$i]}' '${BIND_TARGETS[$i]}'; "
  done
  log "starting virtlogd and libvirtd in a private mount namespace (PRIV=$PRIV)"
  # The mounts exist only in the new namespace (propagation private): the machine keeps its own folders.
  # hugetlbfs is mounted before libvirtd starts because libvirtd reads the mounts once, at start-up.
  unshare --mount --propagation private sh -ec "
    $binds
    mount -t hugetlbfs -o pagesize=2M hugetlbfs '$PRIV/hugepages'
    LIBVIRT_LOG_OUTPUTS='3:file:$VIRTLOGD_LOG' virtlogd -d -p '$VIRTLOGD_PID' -f /etc/libvirt/virtlogd.conf
    LIBVIRT_LOG_OUTPUTS='3:file:$LIBVIRTD_LOG' libvirtd -d -p '$LIBVIRTD_PID' -f /etc/libvirt/libvirtd.conf
  "
  wait_ready
  log "ready: $(virsh -c "$URI" version 2>/dev/null | grep -E 'Running hypervisor' | tr -s ' ')"
  echo "$URI"
}

# libvirtd -d returns 0 even when the daemon dies during initialisation: wait until it answers, and fail fast
# with its log once the process is gone.
wait_ready() {
  local deadline=$((SECONDS + LIBVIRTD_TIMEOUT)) seen=0 gone=0
  until answers; do
    if live_pid "$LIBVIRTD_PID" >/dev/null; then seen=1; gone=0; else gone=$((gone + 1)); fi
    if ((SECONDS >= deadline)) || { ((gone >= 6)) && { ((seen)) || [[ -f "$LIBVIRTD_PID" ]] || ((gone >= 20)); }; }; then
      log "libvirtd did not answer at $URI (process $( ((gone)) && echo gone || echo alive)); virsh says:"
      virsh -c "$URI" version >&2 || true
      [[ -f "$LIBVIRTD_LOG" ]] && { log "last lines of $LIBVIRTD_LOG:"; tail -n 20 "$LIBVIRTD_LOG" >&2; }
      die "private libvirtd not ready"
    fi
    sleep 0.5
  done
}

# Starts libvirtd again in the namespace virtlogd still holds (after the daemon died or was killed).
relaunch() {
  [[ "$(id -u)" -eq 0 ]] || die "must run as root"
  local holder
  holder="$(live_pid "$VIRTLOGD_PID")" || die "no private virtlogd in $PRIV: run '$0 start'"
  if live_pid "$LIBVIRTD_PID" >/dev/null; then
    die "the private libvirtd still runs (pid $(live_pid "$LIBVIRTD_PID"))"
  fi
  log "starting libvirtd again in the namespace of virtlogd (pid $holder)"
  rm -f "$LIBVIRTD_PID"
  nsenter --mount="/proc/$holder/ns/mnt" -- env LIBVIRT_LOG_OUTPUTS="3:file:$LIBVIRTD_LOG" \
    libvirtd -d -p "$LIBVIRTD_PID" -f /etc/libvirt/libvirtd.conf
  wait_ready
  echo "$URI"
}

# Waits up to ~10 s for a process to exit, then kills it.
stop_pid() {
  local pid="$1" what="$2" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 50; i++)); do
    [[ -d "/proc/$pid" ]] || return 0
    sleep 0.2
  done
  log "$what (pid $pid) did not stop on SIGTERM: SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
}

stop() {
  [[ -e "$PRIV" ]] || { log "not running ($PRIV absent)"; return 0; }
  [[ -f "$MARKER" ]] || die "$PRIV was not made by this script: not touching it"
  local pid ns="" dom
  # The namespace, to find what the daemons started (QEMU) even if a daemon is already gone.
  for pid in $(live_pid "$LIBVIRTD_PID") $(live_pid "$VIRTLOGD_PID"); do
    ns="$(readlink "/proc/$pid/ns/mnt" 2>/dev/null)" && break
  done
  if live_pid "$LIBVIRTD_PID" >/dev/null && answers; then
    for dom in $(virsh -c "$URI" list --name 2>/dev/null); do
      log "destroying domain $dom"
      virsh -c "$URI" destroy "$dom" >/dev/null 2>&1 || true
    done
  fi
  if pid="$(live_pid "$LIBVIRTD_PID")"; then log "stopping libvirtd (pid $pid)"; stop_pid "$pid" libvirtd; fi
  if pid="$(live_pid "$VIRTLOGD_PID")"; then log "stopping virtlogd (pid $pid)"; stop_pid "$pid" virtlogd; fi
  if [[ -n "$ns" && "$ns" != "$(readlink /proc/1/ns/mnt)" ]]; then
    local f
    for f in /proc/[0-9]*/ns/mnt; do
      if [[ "$(readlink "$f" 2>/dev/null)" == "$ns" ]]; then
        pid="${f#/proc/}"; pid="${pid%%/*}"
        log "stopping $(cat "/proc/$pid/comm" 2>/dev/null) (pid $pid), left in the private namespace"
        stop_pid "$pid" "process $pid"
      fi
    done
  fi
  # PRIV/hugepages is a mount point only inside the namespace, which is gone with its last process.
  rm -rf --one-file-system "$PRIV"
  log "stopped; $PRIV removed"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) live_pid "$LIBVIRTD_PID" >/dev/null && answers ;;
  uri) echo "$URI" ;;
  relaunch) relaunch ;;
  *) echo "usage: $0 start|stop|status|uri|relaunch [INSTANCE]" >&2; exit 2 ;;
esac
