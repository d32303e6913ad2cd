package io.virtforge.cli;

import io.virtforge.connect.BlockStats;
import io.virtforge.connect.InterfaceStats;
import io.virtforge.connect.MemoryStats;
import io.virtforge.connect.VirtDomain;
import io.virtforge.model.Disk;
import io.virtforge.model.DiskDevice;
import io.virtforge.model.Domain;
import io.virtforge.model.NetInterface;
import io.virtforge.value.DataSize;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Samples a running domain's counters, as the seed's {@code vm-monitor.py} did, but over the devices the
 * domain has: the disks by target name from its XML (not a hard-coded vda) and the NICs by the host-side
 * device of the live XML's {@code <target dev>} (not a hard-coded vnet0).
 */
final class DomainMonitor {
    private final VirtDomain vm;
    private final Ticker ticker;
    private final List<String> disks = new ArrayList<>();
    private final List<String> nics = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    DomainMonitor(VirtDomain vm, Ticker ticker) {
        this.vm = vm;
        this.ticker = ticker;
        Domain live = vm.live();
        for (Disk d : live.devices().disks()) {
            boolean disk = d.device().map(x -> x == DiskDevice.DISK).orElse(true);
            if (disk && d.source().isPresent() && d.targetDev().isPresent()) {
                disks.add(d.targetDev().get());
            }
        }
        for (NetInterface n : live.devices().interfaces()) {
            if (n.targetDev().isPresent()) {
                nics.add(n.targetDev().get());
            } else {
                notes.add("a " + n.type() + " NIC has no host-side device: its traffic is not shown");
            }
        }
    }

    List<String> disks() {
        return disks;
    }

    List<String> nics() {
        return nics;
    }

    List<String> notes() {
        return notes;
    }

    /**
     * The counters at one moment.
     *
     * @param nanos   the ticker's time
     * @param at      the wall-clock time
     * @param cpuTime the domain's CPU time, ns
     * @param vcpus   its vCPUs
     * @param memory  the balloon's figures
     * @param current the current memory of the live XML (when there is no balloon)
     * @param disks   per disk target
     * @param nics    per host-side NIC device
     */
    record Sample(long nanos, Instant at, long cpuTime, int vcpus, MemoryStats memory, DataSize current,
            Map<String, BlockStats> disks, Map<String, InterfaceStats> nics) {
    }

    Sample sample() {
        long nanos = ticker.nanoTime();
        Instant at = ticker.now();
        long cpu = vm.cpuTime();
        int vcpus = vm.vcpus().size();
        MemoryStats mem = vm.memoryStats();
        Domain live = vm.live();
        DataSize current = live.currentMemory().or(live::memory).orElse(DataSize.ZERO);
        Map<String, BlockStats> b = new LinkedHashMap<>();
        for (String d : disks) {
            b.put(d, vm.blockStats(d));
        }
        Map<String, InterfaceStats> n = new LinkedHashMap<>();
        for (String d : nics) {
            n.put(d, vm.interfaceStats(d));
        }
        return new Sample(nanos, at, cpu, vcpus, mem, current, b, n);
    }

    /** A disk's or NIC's rates, bytes per second. */
    record Flow(String device, long inPerSecond, long outPerSecond) {
    }

    /**
     * What happened between two samples.
     *
     * @param at              the end of the interval
     * @param seconds         its length
     * @param cpuTimeNs       CPU time used in it
     * @param cpuPercent      of the domain's vCPUs (100 = every vCPU busy)
     * @param cpuPercentOfOne of one host CPU, as the seed computed it
     * @param vcpus           vCPUs
     * @param totalKib        memory the guest has (balloon actual, else the current memory)
     * @param usedKib         used memory (actual - unused), when the balloon reports it
     * @param rssKib          the emulator's resident memory on the host, when reported
     * @param disks           read (in) and write (out) per disk
     * @param nics            rx (in) and tx (out) per NIC
     */
    record Rates(Instant at, double seconds, long cpuTimeNs, double cpuPercent, double cpuPercentOfOne, int vcpus,
            long totalKib, OptionalLong usedKib, OptionalLong rssKib, List<Flow> disks, List<Flow> nics) {
    }

    static Rates between(Sample a, Sample b) {
        long nanos = Math.max(1, b.nanos() - a.nanos());
        double seconds = nanos / 1e9;
        long cpu = Math.max(0, b.cpuTime() - a.cpuTime());
        double ofOne = 100.0 * cpu / nanos;
        double ofAll = b.vcpus() == 0 ? 0 : ofOne / b.vcpus();
        MemoryStats m = b.memory();
        long total = m.actual().orElse(b.current().toKibRoundedUp());
        List<Flow> disks = new ArrayList<>();
        b.disks().forEach((d, s) -> {
            BlockStats before = a.disks().get(d);
            disks.add(new Flow(d, perSecond(s.readBytes() - before.readBytes(), nanos),
                    perSecond(s.writeBytes() - before.writeBytes(), nanos)));
        });
        List<Flow> nics = new ArrayList<>();
        b.nics().forEach((d, s) -> {
            InterfaceStats before = a.nics().get(d);
            nics.add(new Flow(d, perSecond(s.rxBytes() - before.rxBytes(), nanos),
                    perSecond(s.txBytes() - before.txBytes(), nanos)));
        });
        return new Rates(b.at(), seconds, cpu, ofAll, ofOne, b.vcpus(), total, m.used(), m.rss(), disks, nics);
    }

    private static long perSecond(long bytes, long nanos) {
        return Math.round(Math.max(0, bytes) * 1e9 / nanos);
    }
}
