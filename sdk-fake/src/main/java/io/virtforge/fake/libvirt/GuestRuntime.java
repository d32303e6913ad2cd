package io.virtforge.fake.libvirt;

import io.virtforge.connect.BlockStats;
import io.virtforge.connect.InterfaceStats;
import io.virtforge.model.Disk;
import io.virtforge.model.Domain;
import io.virtforge.model.NetInterface;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counters of one run of a domain (libvirt's start to stop, like a QEMU process): CPU time growing at
 * one second per second per vCPU while running (not while paused), and per disk and NIC byte counters
 * growing at the rates {@link FakeGuests} sets. Requests are bytes / 4 KiB, packets bytes / 1500. Guarded by
 * the connection's lock.
 */
final class GuestRuntime {
    static final long REQUEST_BYTES = 4096;
    static final long PACKET_BYTES = 1500;
    private final Meter cpu;
    private final Map<String, Meter[]> disks = new LinkedHashMap<>();
    private final Map<String, Meter[]> nics = new LinkedHashMap<>();
    private boolean running = true;
    private int vcpus;

    GuestRuntime(Domain live, long now) {
        cpu = new Meter(now);
        for (Disk d : live.devices().disks()) {
            d.targetDev().ifPresent(t -> disks.put(t, new Meter[] {new Meter(now), new Meter(now)}));
        }
        for (NetInterface n : live.devices().interfaces()) {
            n.targetDev().ifPresent(t -> nics.put(t, new Meter[] {new Meter(now), new Meter(now)}));
        }
        vcpus(now, live.vcpuCount());
    }

    void vcpus(long now, int count) {
        vcpus = count;
        cpu.rate(now, running, count * 1_000_000_000L);
    }

    /** Adds the devices of a changed running definition (hot-plug), keeping the counters of the others. */
    void devices(Domain live, long now) {
        for (Disk d : live.devices().disks()) {
            d.targetDev().ifPresent(t -> disks.computeIfAbsent(t, k -> new Meter[] {new Meter(now), new Meter(now)}));
        }
        for (NetInterface n : live.devices().interfaces()) {
            n.targetDev().ifPresent(t -> nics.computeIfAbsent(t, k -> new Meter[] {new Meter(now), new Meter(now)}));
        }
    }

    void running(long now, boolean value) {
        sync(now);
        running = value;
    }

    void sync(long now) {
        cpu.sync(now, running);
        disks.values().forEach(m -> sync(m, now));
        nics.values().forEach(m -> sync(m, now));
    }

    private void sync(Meter[] meters, long now) {
        for (Meter m : meters) {
            m.sync(now, running);
        }
    }

    boolean hasDisk(String target) {
        return disks.containsKey(target);
    }

    boolean hasNic(String device) {
        return nics.containsKey(device);
    }

    void diskRates(long now, String target, long read, long write) {
        Meter[] m = disks.get(target);
        if (m != null) {
            m[0].rate(now, running, read);
            m[1].rate(now, running, write);
        }
    }

    void nicRates(long now, String device, long rx, long tx) {
        Meter[] m = nics.get(device);
        if (m != null) {
            m[0].rate(now, running, rx);
            m[1].rate(now, running, tx);
        }
    }

    long cpuTime() {
        return cpu.value();
    }

    int vcpus() {
        return vcpus;
    }

    BlockStats block(String target) {
        Meter[] m = disks.get(target);
        long read = m[0].value();
        long write = m[1].value();
        return new BlockStats(target, read / REQUEST_BYTES, read, write / REQUEST_BYTES, write);
    }

    InterfaceStats nic(String device) {
        Meter[] m = nics.get(device);
        long rx = m[0].value();
        long tx = m[1].value();
        return new InterfaceStats(device, rx, rx / PACKET_BYTES, tx, tx / PACKET_BYTES);
    }

    Iterable<String> diskNames() {
        return disks.keySet();
    }

    Iterable<String> nicNames() {
        return nics.keySet();
    }
}
