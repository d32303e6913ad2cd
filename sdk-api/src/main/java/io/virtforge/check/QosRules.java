package io.virtforge.check;

import io.virtforge.model.Bandwidth;
import io.virtforge.model.BlkioTune;
import io.virtforge.model.CacheMode;
import io.virtforge.model.CpuTune;
import io.virtforge.model.Disk;
import io.virtforge.model.DiskDriver;
import io.virtforge.model.Domain;
import io.virtforge.model.IoTune;
import io.virtforge.model.IoTune.Limit;
import io.virtforge.model.MemTune;
import io.virtforge.model.MemoryBacking;
import io.virtforge.model.NetInterface;
import io.virtforge.value.DataSize;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Rules on scheduling and QoS limits: what libvirt or QEMU refuse (a total limit next to a read or write one,
 * a burst below its rate, a CPU period or quota out of libvirt's range, a hard limit above the swap limit, a
 * floor off a libvirt network) and what they accept but that does not do what it says (a cgroup I/O limit the
 * host page cache bypasses, a memory hard limit below the guest's memory or below locked memory).
 * None needs the host.
 */
final class QosRules {
    private QosRules() {
    }

    static final Rule IOTUNE_TOTAL_WITH_SPLIT = Rule.of("IOTUNE_TOTAL_WITH_SPLIT", Severity.ERROR, false,
            QosRules::totalWithSplit);
    static final Rule IOTUNE_BURST = Rule.of("IOTUNE_BURST", Severity.ERROR, false, QosRules::bursts);
    static final Rule BLKIO_HOST_CACHE = Rule.of("BLKIO_HOST_CACHE", Severity.WARNING, false, QosRules::hostCache);
    static final Rule BANDWIDTH_RATES = Rule.of("BANDWIDTH_RATES", Severity.ERROR, false, QosRules::bandwidth);
    static final Rule BANDWIDTH_FLOOR = Rule.of("BANDWIDTH_FLOOR", Severity.ERROR, false, QosRules::floor);
    static final Rule CPU_BANDWIDTH_RANGE = Rule.of("CPU_BANDWIDTH_RANGE", Severity.ERROR, false,
            QosRules::cpuBandwidth);
    static final Rule MEMTUNE_LIMITS = Rule.of("MEMTUNE_LIMITS", Severity.ERROR, false, QosRules::memtune);
    static final Rule MEMORY_LOCKED_LIMIT = Rule.of("MEMORY_LOCKED_LIMIT", Severity.ERROR, false,
            QosRules::locked);

    static final List<Rule> ALL = List.of(IOTUNE_TOTAL_WITH_SPLIT, IOTUNE_BURST, BLKIO_HOST_CACHE, BANDWIDTH_RATES,
            BANDWIDTH_FLOOR, CPU_BANDWIDTH_RANGE, MEMTUNE_LIMITS, MEMORY_LOCKED_LIMIT);

    private static String iotunePath(int disk) {
        return Paths.device("disk", disk) + "/iotune";
    }

    private static String diskName(Disk d) {
        return d.targetDev().orElse("?");
    }

    /** libvirt: "total and read/write of bytes_sec cannot be set at the same time" (and iops, and the bursts). */
    private static void totalWithSplit(CheckContext ctx, Findings out) {
        List<Disk> disks = ctx.domain().devices().disks();
        for (int i = 0; i < disks.size(); i++) {
            Optional<IoTune> tune = disks.get(i).iotune();
            if (tune.isEmpty()) {
                continue;
            }
            for (Limit total : List.of(Limit.TOTAL_BYTES_SEC, Limit.TOTAL_IOPS_SEC)) {
                Limit read = total == Limit.TOTAL_BYTES_SEC ? Limit.READ_BYTES_SEC : Limit.READ_IOPS_SEC;
                Limit write = total == Limit.TOTAL_BYTES_SEC ? Limit.WRITE_BYTES_SEC : Limit.WRITE_IOPS_SEC;
                IoTune t = tune.get();
                if (set(t.rate(total)) && (set(t.rate(read)) || set(t.rate(write)))) {
                    out.add(iotunePath(i), "disk " + diskName(disks.get(i)) + " sets " + total.xmlName()
                            + " together with " + read.xmlName() + "/" + write.xmlName()
                            + ": libvirt refuses both at once", "keep either the total or the read and write limits");
                }
                if (set(t.burst(total)) && (set(t.burst(read)) || set(t.burst(write)))) {
                    out.add(iotunePath(i), "disk " + diskName(disks.get(i)) + " sets " + total.burstName()
                            + " together with " + read.burstName() + "/" + write.burstName()
                            + ": libvirt refuses both at once", "keep either the total or the read and write bursts");
                }
            }
        }
    }

    /** QEMU's throttle_is_valid: a burst needs its rate and may not be below it; a burst length needs a burst. */
    private static void bursts(CheckContext ctx, Findings out) {
        List<Disk> disks = ctx.domain().devices().disks();
        for (int i = 0; i < disks.size(); i++) {
            IoTune t = disks.get(i).iotune().orElse(null);
            if (t == null) {
                continue;
            }
            String disk = "disk " + diskName(disks.get(i)) + ": ";
            for (Limit l : Limit.values()) {
                OptionalLong rate = t.rate(l);
                OptionalLong burst = t.burst(l);
                if (set(burst) && !set(rate)) {
                    out.add(iotunePath(i), disk + l.burstName() + " without " + l.xmlName()
                            + ": QEMU refuses a burst without its sustained rate", "set " + l.xmlName() + " too");
                } else if (set(burst) && burst.getAsLong() < rate.getAsLong()) {
                    out.add(iotunePath(i), disk + l.burstName() + " (" + burst.getAsLong() + ") is below "
                            + l.xmlName() + " (" + rate.getAsLong() + "): QEMU refuses a burst below the rate",
                            "raise " + l.burstName() + " to at least " + rate.getAsLong());
                }
                if (set(t.burstLength(l)) && !set(burst)) {
                    out.add(iotunePath(i), disk + l.burstLengthName() + " without " + l.burstName()
                            + ": QEMU refuses a burst length without a burst", "set " + l.burstName() + " too");
                }
            }
        }
    }

    /**
     * cgroup throttling (blkiotune's device limits) counts the I/O that reaches the host device: reads the host page
     * cache answers never get there and buffered writes are flushed later by the kernel's writeback, outside the
     * domain's limit under cgroup v1. Only disks that bypass the cache (none, directsync) are held to it.
     */
    private static void hostCache(CheckContext ctx, Findings out) {
        Domain d = ctx.domain();
        List<BlkioTune.DeviceTune> limited = d.blkiotune().map(BlkioTune::devices).orElse(List.of()).stream()
                .filter(QosRules::throttles).toList();
        if (limited.isEmpty()) {
            return;
        }
        List<Disk> disks = d.devices().disks();
        for (int i = 0; i < disks.size(); i++) {
            Disk disk = disks.get(i);
            Optional<String> dev = disk.source().flatMap(s -> s.dev());
            boolean onLimitedDevice = dev.isEmpty() // a file may live on any of them
                    || limited.stream().anyMatch(t -> t.path().equals(dev));
            Optional<CacheMode> cache = disk.driver().flatMap(DiskDriver::cache);
            boolean bypassesCache = cache.filter(c -> c == CacheMode.NONE || c == CacheMode.DIRECTSYNC).isPresent();
            if (onLimitedDevice && !bypassesCache && disk.source().isPresent()) {
                out.add(Paths.device("disk", i) + "/driver", "disk " + diskName(disk) + " uses the host page cache"
                        + " (cache " + disk.driver().flatMap(DiskDriver::cacheAsString).orElse("default")
                        + "), which the blkiotune device limits do not see: cached reads and buffered writes escape them",
                        "use cache='none' (or directsync), or limit the disk with its <iotune>");
            }
        }
    }

    private static boolean throttles(BlkioTune.DeviceTune t) {
        return set(t.readIopsSec()) || set(t.writeIopsSec()) || set(t.readBytesSec()) || set(t.writeBytesSec());
    }

    /**
     * libvirt's virNetDevBandwidthParseRate: an inbound limit needs an average or a floor, an outbound one an
     * average, a floor is for inbound only; a peak below the average caps the rate at the peak (a warning).
     */
    private static void bandwidth(CheckContext ctx, Findings out) {
        List<NetInterface> nics = ctx.domain().devices().interfaces();
        for (int i = 0; i < nics.size(); i++) {
            Optional<Bandwidth> bw = nics.get(i).bandwidth();
            if (bw.isEmpty()) {
                continue;
            }
            String base = Paths.device("interface", i) + "/bandwidth/";
            bw.get().inbound().ifPresent(l -> rates(l, base + "inbound", true, out));
            bw.get().outbound().ifPresent(l -> rates(l, base + "outbound", false, out));
        }
    }

    private static void rates(Bandwidth.Limit l, String path, boolean inbound, Findings out) {
        if (!set(l.average()) && !(inbound && set(l.floor()))) {
            out.add(path, "a bandwidth limit without an average" + (inbound ? " or a floor" : "")
                    + ": libvirt refuses it", "set average (kilobytes per second)");
        }
        if (!inbound && set(l.floor())) {
            out.add(path, "floor on outbound traffic: libvirt takes a floor on inbound only", "move floor to <inbound>");
        }
        if (set(l.average()) && set(l.peak()) && l.peak().getAsLong() < l.average().getAsLong()) {
            out.add(Severity.WARNING, path, "peak " + l.peak().getAsLong() + " is below average "
                    + l.average().getAsLong() + ": the peak caps the rate", "set peak to at least the average");
        }
    }

    /**
     * A guaranteed floor is booked against the libvirt network's inbound QoS, so libvirt takes it only on interfaces
     * of type network (and at start, only when that network has QoS, which a domain alone does not tell).
     */
    private static void floor(CheckContext ctx, Findings out) {
        List<NetInterface> nics = ctx.domain().devices().interfaces();
        for (int i = 0; i < nics.size(); i++) {
            NetInterface nic = nics.get(i);
            boolean floor = nic.bandwidth().flatMap(Bandwidth::inbound).map(l -> set(l.floor())).orElse(false);
            if (floor && !nic.type().equals("network")) {
                out.add(Paths.device("interface", i) + "/bandwidth/inbound", "a floor on an interface of type "
                        + nic.type() + ": libvirt guarantees floors only on interfaces of a libvirt network with QoS",
                        "put the interface on a libvirt network whose <bandwidth> has an inbound average, or drop floor");
            }
        }
    }

    /** libvirt's SCHED_RANGE_CHECK of periods and quotas (0 means unset, a negative quota no limit). */
    private static void cpuBandwidth(CheckContext ctx, Findings out) {
        Optional<CpuTune> tune = ctx.domain().cputune();
        if (tune.isEmpty()) {
            return;
        }
        CpuTune t = tune.get();
        period("period", t.period(), out);
        period("global_period", t.globalPeriod(), out);
        period("emulator_period", t.emulatorPeriod(), out);
        period("iothread_period", t.iothreadPeriod(), out);
        quota("quota", t.quota(), out);
        quota("global_quota", t.globalQuota(), out);
        quota("emulator_quota", t.emulatorQuota(), out);
        quota("iothread_quota", t.iothreadQuota(), out);
    }

    private static void period(String name, OptionalLong value, Findings out) {
        long p = value.orElse(0);
        if (p > 0 && (p < CpuTune.PERIOD_MIN || p > CpuTune.PERIOD_MAX)) {
            out.add(Paths.CPUTUNE + "/" + name, name + " " + p + " is out of libvirt's range [" + CpuTune.PERIOD_MIN
                    + ", " + CpuTune.PERIOD_MAX + "] microseconds", "use a period of 1000 to 1000000, e.g. 100000");
        }
    }

    private static void quota(String name, Optional<Long> value, Findings out) {
        long q = value.orElse(0L);
        if (q > 0 && (q < CpuTune.QUOTA_MIN || q > CpuTune.QUOTA_MAX)) {
            out.add(Paths.CPUTUNE + "/" + name, name + " " + q + " is out of libvirt's range [" + CpuTune.QUOTA_MIN
                    + ", " + CpuTune.QUOTA_MAX + "] microseconds",
                    "use at least " + CpuTune.QUOTA_MIN + " (1 ms per period), or -1 for no cap");
        }
    }

    /**
     * A hard limit below the guest's memory gets QEMU killed by the kernel's OOM killer once the guest uses its
     * memory; libvirt refuses a hard limit above the swap hard limit; a soft limit above the hard limit never acts.
     */
    private static void memtune(CheckContext ctx, Findings out) {
        Domain d = ctx.domain();
        Optional<MemTune> tune = d.memtune();
        if (tune.isEmpty()) {
            return;
        }
        Optional<DataSize> hard = tune.get().hardLimit();
        Optional<DataSize> memory = d.memory();
        boolean locked = d.memoryBacking().map(MemoryBacking::locked).orElse(false); // MEMORY_LOCKED_LIMIT's case
        if (!locked && hard.isPresent() && memory.isPresent() && hard.get().bytes() < memory.get().bytes()) {
            out.add(Paths.MEMTUNE + "/hard_limit", "hard_limit " + hard.get() + " is below the guest's memory "
                    + memory.get() + ": the host kills QEMU once the guest uses its memory",
                    "set hard_limit above the memory plus QEMU's overhead, or leave it out");
        }
        Optional<DataSize> swap = tune.get().swapHardLimit();
        if (hard.isPresent() && swap.isPresent() && hard.get().bytes() > swap.get().bytes()) {
            out.add(Paths.MEMTUNE + "/swap_hard_limit", "swap_hard_limit " + swap.get() + " is below hard_limit "
                    + hard.get() + ": libvirt refuses it", "set swap_hard_limit to at least hard_limit");
        }
        Optional<DataSize> soft = tune.get().softLimit();
        if (hard.isPresent() && soft.isPresent() && soft.get().bytes() > hard.get().bytes()) {
            out.add(Severity.WARNING, Paths.MEMTUNE + "/soft_limit", "soft_limit " + soft.get()
                    + " is above hard_limit " + hard.get() + ": it never takes effect",
                    "set soft_limit below hard_limit");
        }
    }

    /**
     * With {@code <locked/>}, libvirt makes the hard limit QEMU's locked-memory limit (without one it lifts that limit
     * altogether, as its documentation of {@code <locked/>} warns, which the profiles here leave alone: the seed's tuned
     * guests do it); a hard limit below the guest's memory makes the lock, and so the start, fail.
     */
    private static void locked(CheckContext ctx, Findings out) {
        Domain d = ctx.domain();
        if (!d.memoryBacking().map(MemoryBacking::locked).orElse(false)) {
            return;
        }
        Optional<DataSize> hard = d.memtune().flatMap(MemTune::hardLimit);
        if (hard.isPresent() && d.memory().filter(m -> hard.get().bytes() < m.bytes()).isPresent()) {
            out.add(Paths.MEMTUNE + "/hard_limit", "memory is locked and hard_limit " + hard.get()
                    + " (the locked-memory limit) does not cover the guest's memory " + d.memory().get(),
                    "set hard_limit above the memory plus QEMU's overhead");
        }
    }

    private static boolean set(OptionalLong v) {
        return v.isPresent() && v.getAsLong() > 0;
    }
}
