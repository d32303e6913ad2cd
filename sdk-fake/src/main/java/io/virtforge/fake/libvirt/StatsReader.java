package io.virtforge.fake.libvirt;

import io.virtforge.connect.BlockStats;
import io.virtforge.connect.DomainStats;
import io.virtforge.connect.InterfaceStats;
import io.virtforge.connect.MemoryStats;
import io.virtforge.connect.VcpuInfo;
import io.virtforge.model.Domain;
import io.virtforge.model.Memballoon;
import io.virtforge.model.VcpuPin;
import io.virtforge.value.DataSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Statistics of the fake's domains, read from their {@link GuestRuntime} at the {@link FakeClock}'s now.
 * Memory: {@code actual} is the running definition's current memory (the balloon target); {@code unused}
 * and {@code available} only with a balloon and once {@link FakeGuests#unusedMemory} set them; {@code rss}
 * is the current memory. Bulk statistics use libvirt's typed-parameter names ({@code cpu.time},
 * {@code balloon.current}, {@code vcpu.0.time}, {@code block.0.rd.bytes}...).
 */
final class StatsReader {
    private StatsReader() {
    }

    private static GuestRuntime running(FakeState state, DomainEntry e) {
        if (!e.active()) {
            throw FakeErrors.notRunning(e.name);
        }
        e.runtime.sync(state.now());
        return e.runtime;
    }

    static long cpuTime(FakeState state, DomainEntry e) {
        if (!e.active()) {
            return 0;
        }
        e.runtime.sync(state.now());
        return e.runtime.cpuTime();
    }

    static List<VcpuInfo> vcpus(FakeState state, DomainEntry e) {
        if (!e.active()) {
            throw FakeErrors.vcpusInactive(e.name);
        }
        GuestRuntime r = running(state, e);
        int n = e.live.vcpuCount();
        long total = r.cpuTime();
        List<VcpuInfo> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long share = total / n + (i < total % n ? 1 : 0);
            list.add(new VcpuInfo(i, 1, share, hostCpu(e.live, i)));
        }
        return list;
    }

    private static int hostCpu(Domain d, int vcpu) {
        return d.cputune().flatMap(t -> t.vcpuPin(vcpu)).map(VcpuPin::cpuset).flatMap(s -> {
            java.util.OptionalInt first = s.first();
            return first.isPresent() ? java.util.Optional.of(first.getAsInt()) : java.util.Optional.empty();
        }).orElse(-1);
    }

    static MemoryStats memory(FakeState state, DomainEntry e) {
        running(state, e);
        long actual = e.live.currentMemory().or(e.live::memory).map(DataSize::toKibRoundedUp).orElse(0L);
        boolean balloon = e.live.devices().memballoon().map(Memballoon::enabled).orElse(true);
        OptionalLong unused = balloon ? state.guests.unusedKib(e.name) : OptionalLong.empty();
        OptionalLong available = unused.isPresent() ? OptionalLong.of(actual) : OptionalLong.empty();
        return new MemoryStats(OptionalLong.of(actual), unused, available, OptionalLong.of(actual));
    }

    static BlockStats block(FakeState state, DomainEntry e, String disk) {
        GuestRuntime r = running(state, e);
        if (!r.hasDisk(disk)) {
            throw FakeErrors.noSuchDisk(disk);
        }
        return r.block(disk);
    }

    static InterfaceStats nic(FakeState state, DomainEntry e, String device) {
        GuestRuntime r = running(state, e);
        if (!r.hasNic(device)) {
            throw FakeErrors.noSuchInterface(device);
        }
        return r.nic(device);
    }

    /**
     * What QEMU reports of a shut-off domain (virsh domstats, libvirt 9.0): the balloon and vCPU counts of its
     * definition and its disks' names and sources, no counters. (It adds the images' allocation, capacity and
     * physical size, which the fake does not know, and libvirtd's own CPU time, which sdk-libvirt drops.)
     */
    private static void inactive(Domain d, Map<String, Object> raw) {
        d.currentMemory().or(d::memory).ifPresent(m -> raw.put("balloon.current", m.toKibRoundedUp()));
        d.memory().ifPresent(m -> raw.put("balloon.maximum", m.toKibRoundedUp()));
        raw.put("vcpu.current", PinReadback.currentVcpus(d));
        raw.put("vcpu.maximum", d.vcpuCount());
        int i = 0;
        for (io.virtforge.model.Disk disk : d.devices().disks()) {
            String p = "block." + i++ + ".";
            disk.targetDev().ifPresent(t -> raw.put(p + "name", t));
            disk.source().flatMap(s -> s.file().or(s::dev)).ifPresent(path -> raw.put(p + "path", path));
        }
        raw.put("block.count", i);
    }

    static DomainStats bulk(FakeState state, DomainEntry e) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("state.state", e.state.ordinal());
        raw.put("state.reason", e.reason);
        if (!e.active()) {
            inactive(e.config, raw);
            return new DomainStats(e.name, e.state, 0, List.of(), List.of(), raw);
        }
        GuestRuntime r = running(state, e);
        raw.put("cpu.time", r.cpuTime());
        MemoryStats m = memory(state, e);
        raw.put("balloon.current", m.actual().getAsLong());
        e.live.memory().ifPresent(max -> raw.put("balloon.maximum", max.toKibRoundedUp()));
        raw.put("vcpu.current", PinReadback.currentVcpus(e.live));
        raw.put("vcpu.maximum", e.live.vcpuCount());
        for (VcpuInfo v : vcpus(state, e)) {
            raw.put("vcpu." + v.number() + ".state", v.state());
            raw.put("vcpu." + v.number() + ".time", v.cpuTime());
        }
        List<BlockStats> blocks = new ArrayList<>();
        for (String disk : r.diskNames()) {
            BlockStats b = r.block(disk);
            String p = "block." + blocks.size() + ".";
            raw.put(p + "name", disk);
            raw.put(p + "rd.reqs", b.readRequests());
            raw.put(p + "rd.bytes", b.readBytes());
            raw.put(p + "wr.reqs", b.writeRequests());
            raw.put(p + "wr.bytes", b.writeBytes());
            blocks.add(b);
        }
        raw.put("block.count", blocks.size());
        List<InterfaceStats> nics = new ArrayList<>();
        for (String nic : r.nicNames()) {
            InterfaceStats s = r.nic(nic);
            String p = "net." + nics.size() + ".";
            raw.put(p + "name", nic);
            raw.put(p + "rx.bytes", s.rxBytes());
            raw.put(p + "rx.pkts", s.rxPackets());
            raw.put(p + "tx.bytes", s.txBytes());
            raw.put(p + "tx.pkts", s.txPackets());
            nics.add(s);
        }
        raw.put("net.count", nics.size());
        return new DomainStats(e.name, e.state, r.cpuTime(), blocks, nics, raw);
    }
}
