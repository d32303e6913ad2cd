#!/bin/sh
# Re-runs the libvirt 9.0 probes behind sdk-fake's FakeErrors: each line prints an operation and either
# OK or libvirt's error (virErrorNumber code, virErrorDomain, message) as virGetLastError() reports it.
# The test driver part needs only libvirt0; set QEMU=1 to also run the qemu:///system part (needs a running
# libvirtd with the QEMU driver; it defines, starts briefly and removes domains named tk-probe-*).
# Usage: sh run-probes.sh > transcript.txt
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
lib=$(ls /usr/lib/x86_64-linux-gnu/libvirt.so.0 /usr/lib64/libvirt.so.0 2>/dev/null | head -1)
gcc -O0 -o "$work/probe" "$here/probe.c" "$lib" -lpthread
cp "$here"/xml/*.xml "$work/"
cd "$work"
P=./probe
T=test:///default
section() { printf '\n## %s\n' "$*"; }

echo "# libvirt $(virsh --version) probes, $(date -u +%Y-%m-%d)"
section "test driver: lifecycle misuse"
$P $T "define x-u1.xml" "destroy x" "suspend x" "resume x" "shutdown x" "reboot x" "start x" "resume x" \
    "suspend x" "suspend x" "start x" "shutdown x" "state x" "start x" "suspend x" "destroy x" "state x" \
    "undefine x" "lookup x" 2>/dev/null
section "test driver: lookups and stale handles"
$P $T "lookup nosuch" "lookupuuid 11111111-2222-3333-4444-000000000000" "define x-u1.xml" "undefine x" "start x" \
    "state x" 2>/dev/null
section "test driver: names and UUIDs"
$P $T "define x-u1.xml" "define x-u2.xml" "define y-u1.xml" "create y-u1.xml" "create x-u1.xml" "state x" \
    "create x-u1.xml" 2>/dev/null
$P $T "define x.xml" "define x.xml" 2>/dev/null
section "test driver: transient and persistent"
$P $T "create x-u1.xml" "undefine x" "state x" "destroy x" "lookup x" 2>/dev/null
$P $T "define x-u1.xml" "start x" "undefine x" "state x" "destroy x" "lookup x" 2>/dev/null
$P $T "define x-u1.xml" "start x" "define x-u1-4cpu.xml" "xml x" "xml x 2" 2>/dev/null
section "test driver: invalid definitions"
for f in inv-*.xml; do $P $T "define $f" 2>/dev/null; done
section "test driver: scoped changes, pins, memory, stats"
$P $T "define x-u1.xml" "pinvcpu x 0 3" "pinvcpu x 0 3 config" "pinemu x 1 1" "setmem x 1000 1" "pinemu x 2" \
    "setmem x 65536 2" "start x" "pinvcpu x 1 5" "pinvcpu x 7 1" "setmem x 500000 1" "blockstats x vda" \
    "ifstats x vnet0" "piniothread x 1 3" 2>/dev/null
$P $T "create x-u1.xml" "pinemu x 1 2" "setmem x 1000 2" "pinemu x 1 3" 2>/dev/null
$P $T "define full.xml" "blockstats full vda" "ifstats full vnet7" "memstats full" "vcpus full" "start full" \
    "vcpus full" "memstats full" 2>/dev/null
section "test driver: hot-plug and node calls"
$P $T "define x-u1.xml" "attach x disk-vdb.xml 2" "detach x disk-vdb.xml 2" "nodedev-detach pci_0000_ff_1f_7" \
    "freepages 0 2048" "allocpages 0 2048 10" 2>/dev/null
section "test driver: the same misuse, one exception class (issue 19, root cause 1)"
$P $T "define x-u1.xml" "start x" "pinvcpu x 0 60" "piniothread x 1 0" "setmem x 500000 1" "freepages 7 2048" \
    2>/dev/null
section "test driver: lifecycle events (detail codes)"
EVENTS=1 $P $T "define x-u1.xml" "define x-u1-4cpu.xml" "start x" "suspend x" "resume x" "shutdown x" "start x" \
    "destroy x" "start x" "undefine x" "destroy x" "create y-u1.xml" "suspend y" "shutdown y" "create x-u1.xml" \
    "define x-u1.xml" "reboot x" 2>/dev/null

if [ "${QEMU:-0}" = 1 ]; then
    Q=${QEMU_URI:-qemu:///system}
    n=tk-probe-$$
    for f in q hp hp1g numa5 pin99; do sed "s#@NAME@#$n-$f#" $f.xml > $f-n.xml; done
    sed "s#@NAME@#$n-q#; s#<name>$n-q</name>#<name>$n-q</name><uuid>99999999-2222-3333-4444-555555555555</uuid>#" q.xml > q-u.xml
    sed "s#<name>$n-q</name>#<name>$n-q</name><uuid>99999999-2222-3333-4444-666666666666</uuid>#" q-n.xml > q2.xml
    truncate -s 1M "$work/none.img"
    sed "s#@IMG@#$work/none.img#" qdisk.xml > qdisk-n.xml
    section "qemu driver: lifecycle misuse, arguments, stats"
    $P $Q "define q-u.xml" "define q2.xml" "suspend $n-q" "resume $n-q" "shutdown $n-q" "destroy $n-q" \
        "reboot $n-q" "vcpus $n-q" "start $n-q" "start $n-q" "resume $n-q" "suspend $n-q" "suspend $n-q" \
        "start $n-q" "pinvcpu $n-q 3 0" "setmem $n-q 200000 1" "blockstats $n-q vda" "ifstats $n-q vnet99" \
        "undefine $n-q" "state $n-q" "undefine $n-q" "destroy $n-q" "lookup $n-q" 2>/dev/null
    section "qemu driver: hot-plug"
    $P $Q "define q-n.xml" "detach $n-q qdisk-n.xml 2" "detach $n-q qnic.xml 2" "attach $n-q qdisk-n.xml 2" \
        "attach $n-q qdisk-n.xml 2" "attach $n-q qdisk-n.xml 1" "start $n-q" "detach $n-q qnic.xml 1" \
        "destroy $n-q" "undefine $n-q" 2>/dev/null
    sed "s#vdb#vdc#" qdisk-n.xml > qdisk-c.xml
    $P $Q "define q-n.xml" "start $n-q" "detach $n-q qdisk-c.xml 1" "attach $n-q qdisk-c.xml 1" \
        "attach $n-q qdisk-c.xml 1" "destroy $n-q" "undefine $n-q" 2>/dev/null
    section "qemu driver: host resources at start"
    $P $Q "define hp-n.xml" "start $n-hp" "state $n-hp" "undefine $n-hp" 2>/dev/null
    $P $Q "define hp1g-n.xml" "start $n-hp1g" "undefine $n-hp1g" 2>/dev/null
    $P $Q "define numa5-n.xml" "start $n-numa5" "undefine $n-numa5" 2>/dev/null
    $P $Q "define pin99-n.xml" "start $n-pin99" "undefine $n-pin99" 2>/dev/null
    section "qemu driver: the same misuse, one exception class (issue 19, root cause 1)"
    sed "s#@NAME@#$n-numa7#" numa7.xml > numa7-n.xml
    $P $Q "define q-n.xml" "start $n-q" "pinvcpu $n-q 0 60" "pinemu $n-q 60 1" "piniothread $n-q 1 0" \
        "setmem $n-q 200000 1" "destroy $n-q" "undefine $n-q" "define numa7-n.xml" "start $n-numa7" \
        "undefine $n-numa7" "freepages 7 2048" 2>/dev/null
    section "qemu host: node calls (read-only)"
    $P $Q "freepages 0 2048" "freepages 0 1048576" "freepages 3 2048" "nodedev pci_0000_ff_00_0" 2>/dev/null
fi

if [ "${QEMU:-0}" = 1 ]; then
    Q=${QEMU_URI:-qemu:///system}
    n=tk-probe-$$
    for f in s-disk s-net s-cpuset s-hostdev s-balloon s-virtio s-numatune; do sed "s#@NAME@#$n-$f#" $f.xml > $f-n.xml; done
    long=$(sed -n 's#.*<name>\(.*\)</name>.*#\1#p' s-longname.xml)
    section "qemu driver: start-time checks of the host's world (issue 19, root cause 3)"
    $P $Q "define s-disk-n.xml" "start $n-s-disk" "undefine $n-s-disk" 2>/dev/null
    $P $Q "define s-net-n.xml" "start $n-s-net" "undefine $n-s-net" 2>/dev/null
    $P $Q "define s-cpuset-n.xml" "start $n-s-cpuset" "pininfo $n-s-cpuset" "destroy $n-s-cpuset" "undefine $n-s-cpuset" 2>/dev/null
    $P $Q "define s-hostdev-n.xml" "start $n-s-hostdev" "undefine $n-s-hostdev" 2>/dev/null
    $P $Q "define s-longname.xml" "start $long" "destroy $long" "undefine $long" 2>/dev/null | sed "s#$long#<300 x n>#g"
    section "qemu driver: the guest's state machine (issue 19, root causes 5 and 6)"
    $P $Q "define s-balloon-n.xml" "start $n-s-balloon" "setmem $n-s-balloon 32768 1" "suspend $n-s-balloon" \
        "suspend $n-s-balloon" "state $n-s-balloon" "shutdown $n-s-balloon" "state $n-s-balloon" \
        "destroy $n-s-balloon" "undefine $n-s-balloon" 2>/dev/null
    $P $Q "define s-virtio-n.xml" "pininfo $n-s-virtio 2" "start $n-s-virtio" "pininfo $n-s-virtio 1" \
        "setmem $n-s-virtio 32768 1" "numatune $n-s-virtio 1 0" "numatune $n-s-virtio 0 0" \
        "destroy $n-s-virtio" "undefine $n-s-virtio" 2>/dev/null
    $P $Q "define s-numatune-n.xml" "start $n-s-numatune" "numatune $n-s-numatune 0 0" "numatune $n-s-numatune 1 0" \
        "numatune $n-s-numatune 0 1" "numatune $n-s-numatune 2 0" "destroy $n-s-numatune" "undefine $n-s-numatune" 2>/dev/null
    $P $Q "freepages 0 1048576" 2>/dev/null
    section "qemu driver: define-time device rules (issue 19, the corpus differences)"
    for f in d-*.xml; do
        d=${f#d-}; d=$n-${d%.xml}
        sed "s#@NAME@#$n#" "$f" > "n-$f"
        $P $Q "define n-$f" 2>/dev/null
        $P $Q "undefine $d" >/dev/null 2>&1 || true # nothing is left if a define unexpectedly passes
    done
fi

# Mediated devices through the node device API (issue 20): listing by capability (0x2000 mdev_types parents,
# 0x4000 mdev instances; the ACTIVE 0x80000000 and INACTIVE 0x40000000 filters), create and define on a parent the
# host has, lacks, a non-PCI one and none, and the calls on a device that is not there or not an mdev.
mdev_probes() {
    $P "$1" "nodedev-list 0x2000" "nodedev-list 0x4000" "nodedev-list 0x80004000" "nodedev-list 0x40004000" \
        "nodedev-create mdev-pci0.xml" "nodedev-create mdev-missing.xml" "nodedev-create mdev-computer.xml" \
        "nodedev-create mdev-noparent.xml" "nodedev-define mdev-pci0.xml" "nodedev-define mdev-missing.xml" \
        "nodedev-define mdev-noparent.xml" "nodedev-destroy mdev_8b1c1e53_0f4b_4d2c_9e3a_2a9c2c9a7f01_0000_00_00_0" \
        "nodedev-undefine mdev_8b1c1e53_0f4b_4d2c_9e3a_2a9c2c9a7f01" "nodedev-start mdev_8b1c1e53_0f4b_4d2c_9e3a_2a9c2c9a7f01" \
        "nodedev-destroy pci_0000_00_00_0" "nodedev-undefine pci_0000_00_00_0" "nodedev-start pci_0000_00_00_0" 2>/dev/null
}
section "test driver: mediated devices (issue 20)"
mdev_probes $T
if [ "${QEMU:-0}" = 1 ]; then
    section "qemu host: mediated devices (issue 20; no mdev-capable device, no mdevctl)"
    mdev_probes "${QEMU_URI:-qemu:///system}"
fi
