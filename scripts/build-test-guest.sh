#!/usr/bin/env bash
# Build the tiny direct-boot test guest used by Virtforge's real-libvirt
# integration tests.
#
# Usage: scripts/build-test-guest.sh [OUTDIR]
#   OUTDIR defaults to $GUEST_DIR, or /var/lib/virtforge/guest.
#
# Produces in OUTDIR:
#   vmlinuz              copy of the newest /boot/vmlinuz-*-cloud-amd64
#   initramfs.cpio.gz    busybox-static initramfs whose /init reports what the
#                        guest sees on ttyS0 and powers off
#   disk.qcow2           tiny (16 MiB) empty qcow2 image for the virtio-scsi disk
#   build-inputs.sha256  fingerprint of the inputs (used to skip rebuilds)
#
# The /init prints machine-readable lines on the serial console:
#   VIRTFORGE-GUEST kernel=<uname -r>
#   VIRTFORGE-GUEST cpus=<number of online CPUs> online=<cpu list>
#   VIRTFORGE-GUEST numa_nodes=<count of /sys/devices/system/node/node*>
#   VIRTFORGE-GUEST node<N> cpulist=<list> memtotal_kb=<kB>      (one per node)
#   VIRTFORGE-GUEST memtotal_kb=<kB from /proc/meminfo>
#   VIRTFORGE-GUEST uptime_s=<guest seconds since kernel start>
#   VIRTFORGE-GUEST done
# and then runs `poweroff -f`.
#
# Idempotent: nothing is rebuilt unless the kernel, busybox, the /init script
# or this builder changed, or an output file is missing.
# Needs: linux-image-cloud-amd64, busybox-static, cpio, gzip, qemu-utils.
# No network access. Must run as root (mknod of /dev/console in the initramfs).
set -euo pipefail

log() { echo "[build-test-guest] $*"; }
die() { echo "[build-test-guest] ERROR: $*" >&2; exit 1; }

OUTDIR="${1:-${GUEST_DIR:-/var/lib/virtforge/guest}}"
BUSYBOX="${BUSYBOX:-/bin/busybox}"
DISK_SIZE="${GUEST_DISK_SIZE:-16M}"
# Bump when the layout of the initramfs changes in a way not covered by the
# fingerprint of the /init text below.
BUILDER_VERSION=1

# ---------------------------------------------------------------- inputs ---
# Newest cloud kernel by version (an unmatched glob stays literal and fails -r).
kernel="$(printf '%s\n' /boot/vmlinuz-*-cloud-amd64 | sort -V | tail -n 1)"
[[ -n "$kernel" && -r "$kernel" ]] \
  || die "no /boot/vmlinuz-*-cloud-amd64 found (apt-get install linux-image-cloud-amd64)"
[[ -x "$BUSYBOX" ]] || die "$BUSYBOX not found (apt-get install busybox-static)"
# A dynamic binary carries its ELF interpreter path; a static one does not.
file_is_static() { ! LC_ALL=C grep -aq '/lib64/ld-linux-x86-64.so.2' "$1"; }
file_is_static "$BUSYBOX" || die "$BUSYBOX is dynamically linked; install busybox-static"
command -v cpio >/dev/null || die "cpio not found (apt-get install cpio)"
command -v gzip >/dev/null || die "gzip not found"
command -v qemu-img >/dev/null || die "qemu-img not found (apt-get install qemu-utils)"

IFS= read -r -d '' INIT_SCRIPT <<'EOF' || true
#!/bin/busybox sh
# Virtforge test guest /init: report what the guest sees, then power off (or stay, see below).
/bin/busybox mkdir -p /proc /sys /dev /tmp
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sysfs /sys
/bin/busybox mount -t devtmpfs devtmpfs /dev 2>/dev/null
/bin/busybox --install -s /bin
export PATH=/bin

# Write to the first serial port directly (the kernel console may be elsewhere).
if [ -c /dev/ttyS0 ]; then exec >/dev/ttyS0 2>&1; fi

say() { echo "VIRTFORGE-GUEST $*"; }

# Count the CPUs in a kernel cpu list such as "0-1,4,6-7".
count_list() {
  n=0
  old_ifs=$IFS; IFS=,
  for r in $1; do
    case "$r" in
      *-*) a=${r%-*}; b=${r#*-}; n=$((n + b - a + 1)) ;;
      "")  ;;
      *)   n=$((n + 1)) ;;
    esac
  done
  IFS=$old_ifs
  echo "$n"
}

say "kernel=$(uname -r)"
online=$(cat /sys/devices/system/cpu/online 2>/dev/null)
if [ -n "$online" ]; then cpus=$(count_list "$online"); else cpus=$(nproc); fi
say "cpus=$cpus online=$online"

nodes=0
for d in /sys/devices/system/node/node[0-9]*; do
  [ -d "$d" ] && nodes=$((nodes + 1))
done
say "numa_nodes=$nodes"
for d in /sys/devices/system/node/node[0-9]*; do
  [ -d "$d" ] || continue
  n=${d##*/node}
  cl=$(cat "$d/cpulist")
  mt=$(awk '/MemTotal:/ {print $4}' "$d/meminfo")
  say "node$n cpulist=$cl memtotal_kb=$mt"
done
say "memtotal_kb=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)"
say "uptime_s=$(cut -d' ' -f1 /proc/uptime)"
say "done"
# With virtforge.stay on the kernel command line the guest keeps running (for tests that need a
# live guest: contract suites, monitoring); it stops when destroyed.
if grep -q virtforge.stay /proc/cmdline; then
  say "staying"
  while :; do sleep 1; done
fi
sync
poweroff -f
# Only reached if poweroff failed: try sysrq, then idle (never let init exit).
echo o > /proc/sysrq-trigger 2>/dev/null
while :; do sleep 60; done
EOF

# -------------------------------------------------------- fingerprinting ---
fingerprint="$(
  {
    echo "builder=$BUILDER_VERSION"
    echo "kernel=$(basename "$kernel") $(sha256sum <"$kernel" | cut -d' ' -f1)"
    echo "busybox=$(sha256sum <"$BUSYBOX" | cut -d' ' -f1)"
    echo "init=$(printf '%s\n' "$INIT_SCRIPT" | sha256sum | cut -d' ' -f1)"
  }
)"
stamp="$OUTDIR/build-inputs.sha256"

mkdir -p "$OUTDIR"

if [[ -f "$OUTDIR/vmlinuz" && -f "$OUTDIR/initramfs.cpio.gz" && -f "$stamp" ]] \
   && [[ "$(cat "$stamp")" == "$fingerprint" ]]; then
  log "kernel + initramfs in $OUTDIR are up to date ($(basename "$kernel"))"
else
  log "building test guest in $OUTDIR"
  log "kernel:  $kernel"
  log "busybox: $BUSYBOX"

  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  root="$work/root"
  mkdir -p "$root"/{bin,dev,proc,sys,tmp}
  # /bin/sh etc. are created at boot by `busybox --install -s /bin`.
  cp "$BUSYBOX" "$root/bin/busybox"
  chmod 0755 "$root/bin/busybox"
  ln -s busybox "$root/bin/sh"
  # The kernel opens /dev/console for init's stdio before /init runs, so the
  # node must be in the archive (devtmpfs is only mounted later by /init).
  if ! mknod -m 0600 "$root/dev/console" c 5 1 2>/dev/null; then
    log "WARNING: mknod /dev/console failed (not root?); /init will still mount devtmpfs"
  fi
  mknod -m 0666 "$root/dev/null" c 1 3 2>/dev/null || true
  printf '%s\n' "$INIT_SCRIPT" >"$root/init"
  chmod 0755 "$root/init"

  # Reproducible archive: sorted names, fixed mtimes, no gzip timestamp.
  find "$root" -exec touch -h -d '@0' {} +
  (cd "$root" && find . -mindepth 1 -print0 | LC_ALL=C sort -z \
     | cpio --null --create --format=newc --reproducible --quiet) \
    | gzip -9 -n >"$work/initramfs.cpio.gz"

  install -m 0644 "$kernel" "$OUTDIR/vmlinuz.tmp"
  mv -f "$OUTDIR/vmlinuz.tmp" "$OUTDIR/vmlinuz"
  install -m 0644 "$work/initramfs.cpio.gz" "$OUTDIR/initramfs.cpio.gz.tmp"
  mv -f "$OUTDIR/initramfs.cpio.gz.tmp" "$OUTDIR/initramfs.cpio.gz"
  printf '%s\n' "$fingerprint" >"$stamp"
  log "wrote $OUTDIR/vmlinuz ($(stat -c %s "$OUTDIR/vmlinuz") bytes)"
  log "wrote $OUTDIR/initramfs.cpio.gz ($(stat -c %s "$OUTDIR/initramfs.cpio.gz") bytes)"
fi

# ----------------------------------------------------------------- disk ---
if [[ -f "$OUTDIR/disk.qcow2" ]]; then
  log "disk image $OUTDIR/disk.qcow2 exists"
else
  log "creating $DISK_SIZE disk image $OUTDIR/disk.qcow2"
  qemu-img create -q -f qcow2 "$OUTDIR/disk.qcow2.tmp" "$DISK_SIZE"
  mv -f "$OUTDIR/disk.qcow2.tmp" "$OUTDIR/disk.qcow2"
fi

log "test guest ready in $OUTDIR"
