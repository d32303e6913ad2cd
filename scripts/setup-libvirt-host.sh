#!/usr/bin/env bash
# Prepare a Debian 12 host (running as root, no systemd needed) for Virtforge's real-libvirt integration
# tests: the machine-wide parts only, which the tests cannot do without:
#   - installs the missing Debian packages (apt-get --no-install-recommends);
#   - creates the groups kvm and libvirt-qemu and the user libvirt-qemu if missing (Debian's libvirtd resolves
#     them at start-up even when qemu.conf says root);
#   - builds the tiny direct-boot test guest in its own folder (GUEST_DIR);
#   - installs PostgreSQL's server for the JDBC claim store's tests (they run a private cluster of their own).
# It does not touch /etc/libvirt, huge pages or any running libvirtd: the tests run against a private
# libvirtd that scripts/run-tests.sh starts and stops (scripts/private-libvirtd.sh).
#
# --system  (explicit opt-in, never used by the test command) also prepares the MACHINE'S OWN libvirtd for the
#           command line (bin/virtforge) and samples against qemu:///system: sets user/group root and
#           security_driver "none" in /etc/libvirt/qemu.conf (sVirt off for every VM of that daemon), mounts
#           hugetlbfs at /dev/hugepages, reserves HUGEPAGES 2 MiB pages, and starts (or restarts) virtlogd and
#           libvirtd.
#
# Idempotent: safe to run again; a second run only checks and prints.
#
# Environment:
#   GUEST_DIR         where build-test-guest.sh puts the guest (default /var/lib/virtforge/guest)
#   SKIP_GUEST=1      do not build the test guest
#   with --system only:
#   HUGEPAGES         number of 2 MiB huge pages to reserve (default 128 = 256 MiB); only raised, never lowered
#   LIBVIRTD_RESTART  auto (default): restart a running libvirtd only when it cannot
#                     see the hugetlbfs mount or qemu.conf changed; never; always
#   LIBVIRTD_TIMEOUT  seconds to wait for `virsh -c qemu:///system version` (default 30)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

SYSTEM=0
for arg in "$@"; do
  case "$arg" in
    --system) SYSTEM=1 ;;
    *) echo "usage: $0 [--system]" >&2; exit 2 ;;
  esac
done

HUGEPAGES="${HUGEPAGES:-128}"
GUEST_DIR="${GUEST_DIR:-/var/lib/virtforge/guest}"
SKIP_GUEST="${SKIP_GUEST:-0}"
LIBVIRTD_RESTART="${LIBVIRTD_RESTART:-auto}"
LIBVIRTD_TIMEOUT="${LIBVIRTD_TIMEOUT:-30}"
# Without systemd/journald, daemons started with -d log nowhere useful by default:
# send warnings and errors to files so start-up failures can be diagnosed.
LIBVIRTD_LOG="/var/log/libvirt/libvirtd.log"
VIRTLOGD_LOG="/var/log/libvirt/virtlogd.log"
URI="qemu:///system"
HUGETLBFS_MNT="/dev/hugepages"
QEMU_CONF="/etc/libvirt/qemu.conf"
# postgresql: the server binaries for the JDBC claim store's tests, which run their own private cluster
# (scripts/private-postgres.sh). Debian's package creates (and may start) its own "main" cluster; the tests
# leave that cluster alone, whether it runs or not.
# prometheus: promtool checks the exporter's output, and the exporter's integration test scrapes it with a private
# server (scripts/private-prometheus.sh); a service the package may start is left alone.
PACKAGES=(libvirt0 libvirt-clients libvirt-daemon libvirt-daemon-driver-qemu
          qemu-system-x86 qemu-utils linux-image-cloud-amd64 busybox-static cpio jing postgresql prometheus)

log() { echo "[setup-libvirt-host] $*"; }
die() { echo "[setup-libvirt-host] ERROR: $*" >&2; exit 1; }

[[ "$(id -u)" -eq 0 ]] || die "must run as root"
[[ "$HUGEPAGES" =~ ^[0-9]+$ ]] || die "HUGEPAGES must be a number, got '$HUGEPAGES'"
case "$LIBVIRTD_RESTART" in auto|never|always) ;; *) die "LIBVIRTD_RESTART must be auto|never|always";; esac

# PIDs of processes whose /proc/PID/comm is exactly $1 (no procps needed).
pids_of() {
  local f pid comm
  for f in /proc/[0-9]*/comm; do
    { read -r comm <"$f"; } 2>/dev/null || continue
    if [[ "$comm" == "$1" ]]; then
      pid="${f#/proc/}"; echo "${pid%/comm}"
    fi
  done
}
is_running() { [[ -n "$(pids_of "$1")" ]]; }
hugetlbfs_mounted() { awk -v m="$HUGETLBFS_MNT" '$2 == m && $3 == "hugetlbfs" {f=1} END {exit !f}' /proc/mounts; }

# ---------------------------------------------------------------- 1. packages
missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  log "installing missing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  log "packages already installed: ${PACKAGES[*]}"
fi
[[ -d /usr/share/libvirt/schemas ]] || die "/usr/share/libvirt/schemas missing (libvirt0)"

# ------------------------------------------------------------ 2. user + group
# Debian's libvirt is built with qemu user AND group "libvirt-qemu"; the qemu driver
# resolves both names at start-up even when qemu.conf overrides them with root
# ("Failed to parse user/group 'libvirt-qemu'" otherwise). Normally
# libvirt-daemon-system's postinst creates them; that package needs systemd, so we
# do it like its postinst: group kvm, group libvirt-qemu, user libvirt-qemu in both.
for g in kvm libvirt-qemu; do
  if getent group "$g" >/dev/null; then
    log "group $g exists"
  else
    log "creating system group $g"
    groupadd --system "$g"
  fi
done
if getent passwd libvirt-qemu >/dev/null; then
  log "user libvirt-qemu exists"
else
  log "creating system user libvirt-qemu"
  useradd --system --gid kvm --groups libvirt-qemu --home-dir /var/lib/libvirt \
          --no-create-home --shell /usr/sbin/nologin --comment "Libvirt Qemu" libvirt-qemu
fi
if ! id -nG libvirt-qemu | tr ' ' '\n' | grep -qx libvirt-qemu; then
  log "adding user libvirt-qemu to group libvirt-qemu"
  usermod -a -G libvirt-qemu libvirt-qemu
fi

# --------------------------------------------------------------- 3. test guest
if [[ "$SKIP_GUEST" == 1 ]]; then
  log "SKIP_GUEST=1: not building the test guest"
else
  "$SCRIPT_DIR/build-test-guest.sh" "$GUEST_DIR"
fi

if ((SYSTEM == 0)); then
  log "host ready for the tests (the machine's libvirt was not touched; scripts/run-tests.sh starts a private libvirtd)"
  exit 0
fi

log "--system: preparing the machine's own libvirtd for qemu:///system"
# ------------------------------------------------- 4. (--system) qemu.conf
conf_changed=0
set_qemu_conf() {  # key value(raw, already quoted as needed)
  local key="$1" value="$2"
  if grep -Eq "^[[:space:]]*${key}[[:space:]]*=[[:space:]]*${value}[[:space:]]*$" "$QEMU_CONF"; then
    return 0
  fi
  if grep -Eq "^[[:space:]]*${key}[[:space:]]*=" "$QEMU_CONF"; then
    log "qemu.conf: replacing '${key}' with ${key} = ${value}"
    sed -i -E "s|^[[:space:]]*${key}[[:space:]]*=.*$|${key} = ${value}|" "$QEMU_CONF"
  else
    log "qemu.conf: adding ${key} = ${value}"
    printf '%s = %s\n' "$key" "$value" >>"$QEMU_CONF"
  fi
  conf_changed=1
}
mkdir -p "$(dirname "$QEMU_CONF")"
if [[ ! -f "$QEMU_CONF" ]]; then
  log "creating $QEMU_CONF"
  printf '# Settings for Virtforge integration tests (scripts/setup-libvirt-host.sh)\n' >"$QEMU_CONF"
  conf_changed=1
fi
set_qemu_conf user '"root"'
set_qemu_conf group '"root"'
set_qemu_conf security_driver '"none"'
((conf_changed)) || log "qemu.conf already has user/group root and security_driver none"

# --------------------------------------------------- 5. (--system) folders
for d in /var/log/libvirt /var/log/libvirt/qemu /var/run/libvirt /var/lib/libvirt; do
  if [[ ! -d "$d" ]]; then log "creating $d"; mkdir -p "$d"; fi
done

# ----------------------------------------- 6. (--system) hugetlbfs + pages
mounted_now=0
if hugetlbfs_mounted; then
  log "hugetlbfs already mounted at $HUGETLBFS_MNT"
else
  log "mounting hugetlbfs (pagesize=2M) at $HUGETLBFS_MNT"
  mkdir -p "$HUGETLBFS_MNT"
  mount -t hugetlbfs -o pagesize=2M hugetlbfs "$HUGETLBFS_MNT"
  mounted_now=1
fi

NR_2M=/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages
[[ -w "$NR_2M" ]] || die "$NR_2M not writable: kernel without 2 MiB huge page support?"
cur="$(cat "$NR_2M")"
if ((cur >= HUGEPAGES)); then
  log "2 MiB huge pages reserved: $cur (wanted >= $HUGEPAGES)"
else
  log "reserving $HUGEPAGES x 2 MiB huge pages (currently $cur)"
  echo "$HUGEPAGES" >"$NR_2M"
  cur="$(cat "$NR_2M")"
  if ((cur < HUGEPAGES)); then
    log "WARNING: kernel only reserved $cur of $HUGEPAGES huge pages (memory fragmented?)"
  fi
fi
log "huge pages: $(grep -E '^HugePages_(Total|Free)' /proc/meminfo | tr -s ' ' | tr '\n' ' ')"

# -------------------------------------------------- 7. (--system) virtlogd
if is_running virtlogd; then
  log "virtlogd already running (pid $(pids_of virtlogd | tr '\n' ' '))"
else
  log "starting virtlogd -d (log: $VIRTLOGD_LOG)"
  LIBVIRT_LOG_OUTPUTS="3:file:$VIRTLOGD_LOG" virtlogd -d
fi

# -------------------------------------------------- 8. (--system) libvirtd
wait_for_libvirtd() {
  local deadline=$((SECONDS + LIBVIRTD_TIMEOUT)) gone=0
  until virsh -c "$URI" version >/dev/null 2>&1; do
    # libvirtd -d forks and returns 0 even if initialisation then fails: fail fast
    # once no libvirtd process has been seen for ~2 s.
    if is_running libvirtd; then gone=0; else gone=$((gone + 1)); fi
    if ((SECONDS >= deadline || gone >= 4)); then
      if ((gone >= 4)); then
        echo "[setup-libvirt-host] ERROR: libvirtd exited during start-up. virsh says:" >&2
      else
        echo "[setup-libvirt-host] ERROR: libvirtd did not answer 'virsh -c $URI version'" \
             "within ${LIBVIRTD_TIMEOUT}s. virsh says:" >&2
      fi
      virsh -c "$URI" version >&2 || true
      if [[ -f "$LIBVIRTD_LOG" ]]; then
        echo "[setup-libvirt-host] last lines of $LIBVIRTD_LOG:" >&2
        tail -n 15 "$LIBVIRTD_LOG" >&2
      fi
      die "libvirtd not ready (running pids: $(pids_of libvirtd | tr '\n' ' ' )); run 'libvirtd' in the foreground to see why"
    fi
    sleep 0.5
  done
}

start_libvirtd() {
  log "starting libvirtd -d (log: $LIBVIRTD_LOG)"
  # libvirtd -d exits 0 even if the daemon dies during initialisation; readiness is
  # checked by wait_for_libvirtd.
  LIBVIRT_LOG_OUTPUTS="3:file:$LIBVIRTD_LOG" libvirtd -d
}

stop_libvirtd() {
  local pids pid i
  pids="$(pids_of libvirtd)"
  for pid in $pids; do
    log "stopping libvirtd (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
  done
  for ((i = 0; i < 100; i++)); do
    is_running libvirtd || return 0
    sleep 0.2
  done
  die "libvirtd (pids: $(pids_of libvirtd | tr '\n' ' ')) did not exit within 20 s"
}

if is_running libvirtd; then
  restart_reason=""
  if [[ "$LIBVIRTD_RESTART" == always ]]; then
    restart_reason="LIBVIRTD_RESTART=always"
  elif ((mounted_now)); then
    restart_reason="hugetlbfs was mounted after libvirtd started"
  elif [[ ! -d "$HUGETLBFS_MNT/libvirt/qemu" ]]; then
    # libvirtd's qemu driver creates <hugetlbfs>/libvirt/qemu at start-up for each
    # hugetlbfs mount it detected; if it is missing, libvirtd started before the mount
    # and would reject <hugepages> with "hugetlbfs filesystem is not mounted".
    restart_reason="libvirtd does not know the hugetlbfs mount ($HUGETLBFS_MNT/libvirt/qemu missing)"
  elif ((conf_changed)); then
    restart_reason="qemu.conf changed"
  fi
  if [[ -n "$restart_reason" && "$LIBVIRTD_RESTART" != never ]]; then
    log "restarting libvirtd: $restart_reason (running domains keep running)"
    stop_libvirtd
    start_libvirtd
  elif [[ -n "$restart_reason" ]]; then
    log "WARNING: libvirtd should be restarted ($restart_reason) but LIBVIRTD_RESTART=never"
  else
    log "libvirtd already running (pid $(pids_of libvirtd | tr '\n' ' '))"
  fi
else
  start_libvirtd
fi
log "waiting for libvirtd to answer on $URI (timeout ${LIBVIRTD_TIMEOUT}s)"
wait_for_libvirtd
log "libvirtd ready: $(virsh -c "$URI" version 2>/dev/null | grep -E 'Running hypervisor|Using library' | tr -s ' ' | tr '\n' ';')"
if [[ ! -d "$HUGETLBFS_MNT/libvirt/qemu" ]]; then
  log "WARNING: $HUGETLBFS_MNT/libvirt/qemu missing: libvirtd may not see hugetlbfs (hugepage-backed guests will fail)"
fi

log "host ready. Try: $SCRIPT_DIR/guest/run-test-guest.sh"
