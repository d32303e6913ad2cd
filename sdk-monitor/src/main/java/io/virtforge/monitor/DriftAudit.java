package io.virtforge.monitor;

import io.virtforge.check.Finding;
import io.virtforge.check.Report;
import io.virtforge.check.Severity;
import io.virtforge.model.Domain;
import io.virtforge.model.MemoryBacking;
import io.virtforge.model.NumaMode;
import io.virtforge.model.NumaTune;
import io.virtforge.model.VcpuPin;
import io.virtforge.value.CpuSet;
import io.virtforge.value.NodeSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Finds where the tuning a running domain was defined with no longer holds ({@link DriftCode}). Memory placement,
 * huge pages and pins need one sample; steal and dedicated-CPU sharing are shares of the time between two samples
 * of the same collector, so they need the previous one too.
 */
public final class DriftAudit {
    private final DriftThresholds thresholds;

    /** An audit with the given thresholds. */
    public DriftAudit(DriftThresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    /** The findings of one sample: memory off node, huge pages not used, pin drift. */
    public List<DriftFinding> findings(MonitorSample sample) {
        List<DriftFinding> out = new ArrayList<>();
        for (DomainSample d : sample.domains()) {
            memoryOffNode(d, out);
            hugePagesNotUsed(d, out);
            pinDrift(d, out);
        }
        return out;
    }

    /** The findings of a sample, and those over the interval since the previous one: steal and shared CPUs. */
    public List<DriftFinding> findings(MonitorSample previous, MonitorSample current) {
        List<DriftFinding> out = new ArrayList<>(findings(current));
        Rates rates = new Rates(previous, current);
        if (!rates.hasInterval()) {
            return out;
        }
        Map<Integer, Integer> pinnedVcpus = vcpusPerHostCpu(current);
        for (DomainSample d : current.domains()) {
            for (VcpuThread t : d.process().map(ProcessFacts::vcpus).orElse(List.of())) {
                steal(d, t, rates.waitShare(d, t), out);
                dedicatedCpu(d, t, pinnedVcpus, rates).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The findings of {@link #findings(MonitorSample, MonitorSample)} as a validator's report. */
    public Report report(MonitorSample previous, MonitorSample current) {
        return Report.of(findings(previous, current).stream().map(DriftFinding::finding).toList());
    }

    private void memoryOffNode(DomainSample d, List<DriftFinding> out) {
        Optional<NodeSet> bound = boundNodes(d.definition());
        Optional<NumaMaps> memory = d.process().map(ProcessFacts::memory);
        if (bound.isEmpty() || memory.isEmpty() || memory.get().totalBytes() == 0) {
            return;
        }
        long off = memory.get().bytesPerNode().entrySet().stream().filter(e -> !bound.get().contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        double share = (double) off / memory.get().totalBytes();
        if (share > thresholds.memoryOffNode()) {
            out.add(finding(d, DriftCode.MEMORY_OFF_NODE, "/numatune/memory",
                    String.format(Locale.ROOT, "%.1f %% of the guest's memory (%d MiB) is outside its nodes %s",
                            share * 100, off >> 20, bound.get().format()),
                    "check free memory on the bound nodes; migrate the pages back with migratepages or restart the guest"));
        }
    }

    /**
     * The host nodes a guest's memory is bound to: {@code numatune/memory}'s nodeset with a binding mode (strict,
     * the default, or restrictive) and its {@code memnode}s' nodesets.
     */
    private static Optional<NodeSet> boundNodes(Domain definition) {
        Optional<NumaTune> tune = definition.numatune();
        Optional<NumaTune.Memory> memory = tune.flatMap(NumaTune::memory);
        boolean binding = memory.flatMap(NumaTune.Memory::mode)
                .map(m -> m == NumaMode.STRICT || m == NumaMode.RESTRICTIVE).orElse(true);
        Optional<NodeSet> nodes = memory.flatMap(NumaTune.Memory::nodeset);
        if (!binding || nodes.isEmpty()) {
            return Optional.empty();
        }
        NodeSet all = nodes.get();
        for (NumaTune.MemNode cell : tune.get().memNodes()) {
            all = cell.nodeset().map(all::union).orElse(all);
        }
        return Optional.of(all);
    }

    private static void hugePagesNotUsed(DomainSample d, List<DriftFinding> out) {
        boolean wanted = d.definition().memoryBacking().map(MemoryBacking::hugepages).orElse(false);
        boolean used = d.process().map(p -> p.memory().hugeMapped()).orElse(true);
        if (wanted && !used) {
            out.add(finding(d, DriftCode.HUGEPAGES_NOT_USED, "/memoryBacking/hugepages",
                    "the guest is defined with huge pages but its QEMU process " + d.process().get().pid()
                            + " has no huge-page mapping",
                    "check that hugetlbfs is mounted and libvirt's qemu.conf hugetlbfs_mount names it, then restart the guest"));
        }
    }

    private static void pinDrift(DomainSample d, List<DriftFinding> out) {
        List<VcpuPin> defined = d.definition().cputune().map(t -> t.vcpuPins()).orElse(List.of());
        for (VcpuPin pin : defined) {
            CpuSet live = d.livePins().get(pin.vcpu());
            if (live != null && !live.equals(pin.cpuset())) {
                out.add(finding(d, DriftCode.PIN_DRIFT, "/cputune/vcpupin[@vcpu='" + pin.vcpu() + "']",
                        "vCPU " + pin.vcpu() + " is pinned to host CPUs " + live.format() + " but defined on "
                                + pin.cpuset().format(),
                        "pin it back: virsh vcpupin " + d.name() + " " + pin.vcpu() + " " + pin.cpuset().format() + " --live"));
            }
        }
    }

    private void steal(DomainSample d, VcpuThread t, OptionalDouble share, List<DriftFinding> out) {
        if (share.isPresent() && share.getAsDouble() > thresholds.vcpuSteal()) {
            out.add(finding(d, DriftCode.VCPU_STEAL, "/vcpu",
                    String.format(Locale.ROOT, "vCPU %d (thread %d) waited for a host CPU %.1f %% of the time",
                            t.vcpu(), t.tid(), share.getAsDouble() * 100),
                    "give the vCPU a host CPU of its own (vcpupin) or move other load off its CPUs"));
        }
    }

    private Optional<DriftFinding> dedicatedCpu(DomainSample d, VcpuThread t, Map<Integer, Integer> pinnedVcpus,
            Rates rates) {
        CpuSet pin = d.livePins().get(t.vcpu());
        if (pin == null || pin.size() != 1 || pinnedVcpus.getOrDefault(pin.first().getAsInt(), 0) != 1) {
            return Optional.empty();
        }
        int cpu = pin.first().getAsInt();
        OptionalDouble share = rates.foreignShare(cpu, d, t);
        if (share.isEmpty() || share.getAsDouble() <= thresholds.dedicatedCpuShared()) {
            return Optional.empty();
        }
        return Optional.of(finding(d, DriftCode.DEDICATED_CPU_SHARED, "/cputune/vcpupin[@vcpu='" + t.vcpu() + "']",
                String.format(Locale.ROOT, "other tasks ran on host CPU %d, dedicated to vCPU %d, %.1f %% of the time",
                        cpu, t.vcpu(), share.getAsDouble() * 100),
                "isolate the CPU (isolcpus/nohz_full, or systemd's AllowedCPUs for the host's services)"));
    }

    /** How many vCPUs (of every domain) are pinned to each host CPU. */
    private static Map<Integer, Integer> vcpusPerHostCpu(MonitorSample sample) {
        Map<Integer, Integer> count = new HashMap<>();
        for (DomainSample d : sample.domains()) {
            for (CpuSet pin : d.livePins().values()) {
                pin.stream().forEach(cpu -> count.merge(cpu, 1, Integer::sum));
            }
        }
        return count;
    }

    private static DriftFinding finding(DomainSample d, DriftCode code, String path, String message, String hint) {
        String where = "/domain[name='" + d.name() + "']" + path;
        return new DriftFinding(d.name(), code, new Finding(code.name(), Severity.WARNING, where, message, hint));
    }
}
