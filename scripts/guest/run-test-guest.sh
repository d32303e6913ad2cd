#!/usr/bin/env bash
# Boot the Virtforge test guest once through libvirt and check what it reports.
#
# Substitutes the placeholders in test-guest.xml, validates the XML against
# libvirt's RELAX NG schema (if jing is installed), defines and starts the domain,
# waits until it is shut off, prints the VIRTFORGE-GUEST lines from its serial log
# and undefines it again (also on failure / Ctrl-C).
# Exits non-zero unless the guest reported cpus=2, numa_nodes=2 and done.
#
# Prerequisite: scripts/setup-libvirt-host.sh (libvirtd running, hugetlbfs mounted
# before libvirtd started, >= 64 free 2 MiB huge pages, guest built).
#
# Environment:
#   GUEST_DIR           guest files (default /var/lib/virtforge/guest)
#   LIBVIRT_URI         default qemu:///system
#   DOMAIN_NAME         default virtforge-test-guest
#   BOOT_TIMEOUT        seconds until the guest must be shut off (default 60)
#   TEMPLATE            domain XML template (default: test-guest.xml next to this script)
#   EXPECT_CPUS         default 2
#   EXPECT_NUMA_NODES   default 2
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GUEST_DIR="${GUEST_DIR:-/var/lib/virtforge/guest}"
URI="${LIBVIRT_URI:-qemu:///system}"
NAME="${DOMAIN_NAME:-virtforge-test-guest}"
BOOT_TIMEOUT="${BOOT_TIMEOUT:-60}"
TEMPLATE="${TEMPLATE:-$SCRIPT_DIR/test-guest.xml}"
EXPECT_CPUS="${EXPECT_CPUS:-2}"
EXPECT_NUMA_NODES="${EXPECT_NUMA_NODES:-2}"
SERIAL_LOG="/var/log/libvirt/qemu/${NAME}-serial.log"

log() { echo "[run-test-guest] $*"; }
die() { echo "[run-test-guest] ERROR: $*" >&2; exit 1; }
vsh() { virsh -q -c "$URI" "$@"; }

for f in vmlinuz initramfs.cpio.gz disk.qcow2; do
  [[ -f "$GUEST_DIR/$f" ]] || die "$GUEST_DIR/$f missing: run scripts/build-test-guest.sh first"
done
[[ -f "$TEMPLATE" ]] || die "template $TEMPLATE not found"
vsh version >/dev/null 2>&1 || die "cannot connect to $URI: run scripts/setup-libvirt-host.sh first"

domain_exists() { vsh dominfo "$NAME" >/dev/null 2>&1; }
domain_state() { vsh domstate "$NAME" 2>/dev/null | head -n 1; }
remove_domain() {
  if domain_exists; then
    if [[ "$(domain_state)" != "shut off" ]]; then vsh destroy "$NAME" >/dev/null 2>&1 || true; fi
    vsh undefine "$NAME" >/dev/null 2>&1 || true
  fi
}

xml="$(mktemp --suffix=.xml)"
cleanup() {
  remove_domain
  rm -f "$xml"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

sed -e "s|@NAME@|$NAME|g" \
    -e "s|@GUEST_DIR@|$GUEST_DIR|g" \
    -e "s|@SERIAL_LOG@|$SERIAL_LOG|g" "$TEMPLATE" >"$xml"

if command -v jing >/dev/null; then
  # jing's wrapper warns about optional jars on stderr; only real errors matter.
  if ! jing /usr/share/libvirt/schemas/domain.rng "$xml" 2> >(grep -v '^\[warning\] /usr/bin/jing' >&2); then
    die "domain XML does not validate against /usr/share/libvirt/schemas/domain.rng"
  fi
  log "domain XML validates against libvirt's domain.rng"
fi

if domain_exists; then
  log "removing leftover domain $NAME"
  remove_domain
fi
rm -f "$SERIAL_LOG"

log "defining $NAME on $URI"
vsh define "$xml" >/dev/null
log "starting $NAME (timeout ${BOOT_TIMEOUT}s)"
t0="$(date +%s%N)"
vsh start "$NAME" >/dev/null
t_started="$(date +%s%N)"

# Best effort: show that the pinning was applied (the guest may already be gone).
{
  echo "vcpupin:"; vsh vcpupin "$NAME"
  echo "emulatorpin:"; vsh emulatorpin "$NAME"
  echo "iothreadinfo:"; vsh iothreadinfo "$NAME"
  echo "numatune:"; vsh numatune "$NAME"
} 2>/dev/null | sed 's/^/[run-test-guest]   /' || true

deadline=$(( $(date +%s) + BOOT_TIMEOUT ))
while [[ "$(domain_state)" != "shut off" ]]; do
  if (( $(date +%s) >= deadline )); then
    log "guest did not shut off within ${BOOT_TIMEOUT}s; serial log tail:"
    tail -n 20 "$SERIAL_LOG" 2>/dev/null | tr -d '\r' >&2 || true
    die "boot timeout"
  fi
  sleep 0.1
done
t1="$(date +%s%N)"

ms() { echo "$(( ($1) / 1000000 ))"; }
log "virsh start took $(ms "$t_started - $t0") ms; start -> shut off took $(ms "$t1 - $t0") ms"

[[ -f "$SERIAL_LOG" ]] || die "serial log $SERIAL_LOG was not written"
lines="$(tr -d '\r' <"$SERIAL_LOG" | grep '^VIRTFORGE-GUEST ' || true)"
log "guest reported (from $SERIAL_LOG):"
if [[ -n "$lines" ]]; then printf '%s\n' "$lines"; else echo "(nothing)"; fi

ok=1
grep -Eq "^VIRTFORGE-GUEST cpus=${EXPECT_CPUS}( |$)" <<<"$lines" \
  || { echo "[run-test-guest] FAIL: expected cpus=${EXPECT_CPUS}" >&2; ok=0; }
grep -Eq "^VIRTFORGE-GUEST numa_nodes=${EXPECT_NUMA_NODES}( |$)" <<<"$lines" \
  || { echo "[run-test-guest] FAIL: expected numa_nodes=${EXPECT_NUMA_NODES}" >&2; ok=0; }
grep -Eq "^VIRTFORGE-GUEST done$" <<<"$lines" \
  || { echo "[run-test-guest] FAIL: guest did not report done" >&2; ok=0; }
if ((ok)); then
  log "PASS"
else
  echo "[run-test-guest] last lines of the serial log:" >&2
  tail -n 20 "$SERIAL_LOG" | tr -d '\r' >&2
  exit 1
fi
