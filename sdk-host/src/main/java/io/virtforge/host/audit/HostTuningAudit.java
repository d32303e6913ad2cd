package io.virtforge.host.audit;

import io.virtforge.check.Finding;
import io.virtforge.check.Report;
import io.virtforge.check.Severity;
import io.virtforge.host.discovery.HostDiscovery;
import io.virtforge.host.discovery.KvmReader;
import io.virtforge.host.hugepages.HugePageNeeds;
import io.virtforge.host.hugepages.HugePages;
import io.virtforge.host.pci.IommuGroups;
import io.virtforge.host.pci.IommuStatus;
import io.virtforge.host.sysfs.BlockDeviceName;
import io.virtforge.host.sysfs.BlockDevicePaths;
import io.virtforge.host.sysfs.CpuPaths;
import io.virtforge.host.sysfs.HostChangeException;
import io.virtforge.host.sysfs.IommuPaths;
import io.virtforge.host.sysfs.KernelCommandLine;
import io.virtforge.host.sysfs.KernelValues;
import io.virtforge.host.sysfs.KvmPaths;
import io.virtforge.host.sysfs.MemoryTuningPaths;
import io.virtforge.host.sysfs.ProcPaths;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.host.sysfs.SysfsTransaction;
import io.virtforge.model.Domain;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.KvmSupport;
import io.virtforge.topology.NumaNode;
import io.virtforge.value.CpuSet;
import io.virtforge.value.PageSize;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The seed's host tuning checklist, read-only, as a {@link Report} whose findings name the sysfs or procfs
 * path concerned:
 * <ul>
 * <li>{@code THP_ENABLED}, {@code THP_DEFRAG}: transparent huge pages not {@code never};</li>
 * <li>{@code KSM_RUNNING}, {@code KSM_SHARING}: KSM merging, or pages still merged;</li>
 * <li>{@code CPU_GOVERNOR}: CPUs whose frequency governor is not {@code performance}, with advice for the
 * cpufreq driver in use ({@code intel_pstate}, {@code amd-pstate}, {@code acpi-cpufreq});</li>
 * <li>{@code CSTATES}: deep C-states allowed under the cpuidle driver in use: {@code intel_idle} without
 * {@code intel_idle.max_cstate=0|1}, {@code acpi_idle} without {@code processor.max_cstate=1} (and no
 * {@code idle=poll}); never when cpuidle is {@code none} or {@code /proc/cmdline} cannot be read;</li>
 * <li>{@code IOMMU_OFF}, {@code IOMMU_NOT_PT}: no IOMMU (no device assignment), or no {@code iommu=pt};</li>
 * <li>{@code IO_SCHEDULER}: an NVMe drive not on {@code none}, another disk not on {@code mq-deadline};</li>
 * <li>{@code HUGEPAGES_SHORT}: pools with fewer free pages than the given domains need;</li>
 * <li>{@code HUGETLBFS_NOT_MOUNTED}: a huge page size in use without a hugetlbfs mount;</li>
 * <li>{@code KVM_UNAVAILABLE}: no {@code /dev/kvm} this process can open (guests would run emulated, if at
 * all); {@code NESTED_DISABLED} (information): the vendor's KVM module has nesting off, with the module option
 * that turns it on.</li>
 * </ul>
 * {@link #plan()} turns the fixable findings (THP, KSM, I/O schedulers) into writes to show, and
 * {@link #apply(TuningPlan)} makes them as a transaction.
 */
public final class HostTuningAudit {
    private static final SysfsPath CPU_GOVERNORS = CpuPaths.CPUS.resolve("cpu*", "cpufreq", "scaling_governor");
    private static final List<String> VIRTUAL_DISKS = List.of("loop", "ram", "zram", "dm-", "md", "sr", "fd", "nbd");
    private final Sysfs sysfs;

    /** The audit of the host behind {@code sysfs}. */
    public HostTuningAudit(Sysfs sysfs) {
        this.sysfs = sysfs;
    }

    /** The host checklist, without domain-specific checks. */
    public Report audit() {
        return audit(List.of());
    }

    /** The host checklist, with the huge page checks for the given domains. */
    public Report audit(Collection<Domain> domains) {
        List<Finding> findings = new ArrayList<>();
        CpuPower power = CpuPower.read(sysfs);
        memory(findings);
        cpu(power, findings);
        iommu(power, findings);
        kvm(findings);
        disks(findings);
        hugePages(domains, findings);
        return Report.of(findings);
    }

    private static Finding warning(String code, SysfsPath path, String message, String hint) {
        return new Finding(code, Severity.WARNING, path.toString(), message, hint);
    }

    private String choice(SysfsPath path) {
        return sysfs.readTrimmedIfExists(path).map(KernelValues::selectedChoice).orElse("");
    }

    private void memory(List<Finding> out) {
        String thp = choice(MemoryTuningPaths.THP_ENABLED);
        if (!thp.isEmpty() && !thp.equals("never")) {
            out.add(warning("THP_ENABLED", MemoryTuningPaths.THP_ENABLED, "transparent huge pages are '" + thp
                    + "': khugepaged compaction and splitting cause latency spikes", "echo never > "
                    + MemoryTuningPaths.THP_ENABLED + " (or transparent_hugepage=never on the command line)"));
        }
        String defrag = choice(MemoryTuningPaths.THP_DEFRAG);
        if (!defrag.isEmpty() && !defrag.equals("never")) {
            out.add(warning("THP_DEFRAG", MemoryTuningPaths.THP_DEFRAG, "THP defrag is '" + defrag
                    + "': page faults may stall on compaction", "echo never > " + MemoryTuningPaths.THP_DEFRAG));
        }
        String run = sysfs.readTrimmedIfExists(MemoryTuningPaths.KSM_RUN).orElse("0");
        if (run.equals("1")) {
            out.add(warning("KSM_RUNNING", MemoryTuningPaths.KSM_RUN, "KSM is merging pages: CPU cost and a "
                    + "side channel between guests", "echo 2 > " + MemoryTuningPaths.KSM_RUN
                    + " (stop and unmerge), and disable the ksm/ksmtuned services"));
        }
        long sharing = sysfs.readTrimmedIfExists(MemoryTuningPaths.KSM_PAGES_SHARING).map(KernelValues::count)
                .map(c -> c.orElse(0)).orElse(0L);
        if (sharing > 0) {
            out.add(warning("KSM_SHARING", MemoryTuningPaths.KSM_PAGES_SHARING, sharing + " pages are still shared "
                    + "by KSM", "echo 2 > " + MemoryTuningPaths.KSM_RUN + " unmerges them"));
        }
    }

    private void cpu(CpuPower power, List<Finding> out) {
        Map<String, List<Integer>> byGovernor = new TreeMap<>();
        CpuSet cpus = sysfs.readTrimmedIfExists(CpuPaths.ONLINE).map(KernelValues::cpuList).orElse(CpuSet.empty());
        for (int cpu : cpus.toArray()) {
            sysfs.readTrimmedIfExists(CpuPaths.scalingGovernor(cpu)).filter(g -> !g.equals("performance"))
                    .ifPresent(g -> byGovernor.computeIfAbsent(g, k -> new ArrayList<>()).add(cpu));
        }
        byGovernor.forEach((governor, list) -> out.add(warning("CPU_GOVERNOR", CPU_GOVERNORS, "CPUs "
                + CpuSet.of(list) + " use the '" + governor + "' frequency governor: vCPUs run at varying clock speed",
                power.governorAdvice())));
        // Without /proc/cmdline we cannot tell whether C-states are capped: say nothing rather than guess.
        sysfs.readTrimmedIfExists(ProcPaths.CMDLINE).map(KernelCommandLine::parse).flatMap(power::cstateAdvice)
                .ifPresent(hint -> out.add(warning("CSTATES", ProcPaths.CMDLINE, "deep C-states are allowed ("
                        + power.idleDriver().orElseThrow() + "): waking an idle core adds latency to vCPUs", hint)));
    }

    private void iommu(CpuPower power, List<Finding> out) {
        IommuStatus status = new IommuGroups(sysfs).status();
        if (!status.enabled()) {
            out.add(warning("IOMMU_OFF", IommuPaths.CLASS_IOMMU, "the IOMMU is off: PCI devices cannot be assigned "
                    + "to guests", "enable " + power.iommuFirmware() + " in the firmware and boot with "
                    + power.iommuParameters()));
        } else if (!status.passthrough()) {
            out.add(warning("IOMMU_NOT_PT", ProcPaths.CMDLINE, "the IOMMU translates host DMA too (no iommu=pt)",
                    "add iommu=pt to the kernel command line"));
        }
    }

    private void kvm(List<Finding> out) {
        KvmSupport kvm = KvmReader.read(sysfs);
        String module = kvm.vendor().kvmModule().orElse(null);
        if (!kvm.deviceUsable()) {
            out.add(warning("KVM_UNAVAILABLE", KvmPaths.DEV_KVM, "/dev/kvm is missing or cannot be opened: guests "
                    + "cannot use hardware virtualisation", module == null ? "load the KVM module of the host's CPUs"
                    : "modprobe " + module + " (and enable VT-x/AMD-V in the firmware if it refuses)"));
        }
        if (kvm.moduleLoaded() && !kvm.nested()) {
            kvm.whyNoNesting().ifPresent(why -> out.add(new Finding("NESTED_DISABLED", Severity.INFO,
                    KvmPaths.nested(module).toString(), why.reason() + ": guests cannot run guests of their own",
                    why.fix())));
        }
    }

    private void disks(List<Finding> out) {
        for (SchedulerChange c : schedulerChanges()) {
            out.add(warning("IO_SCHEDULER", c.path(), c.disk() + " uses the '" + c.current() + "' I/O scheduler; '"
                    + c.wanted() + "' suits " + c.kind(), "echo " + c.wanted() + " > " + c.path()));
        }
    }

    private record SchedulerChange(String disk, SysfsPath path, String current, String wanted, String kind,
            boolean available) {
    }

    private List<SchedulerChange> schedulerChanges() {
        List<SchedulerChange> changes = new ArrayList<>();
        if (!sysfs.isDirectory(BlockDevicePaths.BLOCK)) {
            return changes;
        }
        for (String name : sysfs.list(BlockDevicePaths.BLOCK)) {
            if (VIRTUAL_DISKS.stream().anyMatch(name::startsWith)) {
                continue;
            }
            BlockDeviceName disk = BlockDeviceName.of(name);
            SysfsPath path = BlockDevicePaths.scheduler(disk);
            String shown = sysfs.readTrimmedIfExists(path).orElse("");
            if (shown.isEmpty()) {
                continue;
            }
            String current = KernelValues.selectedChoice(shown);
            boolean nvme = name.startsWith("nvme");
            String wanted = nvme ? "none" : "mq-deadline";
            if (!current.equals(wanted)) {
                boolean rotational = sysfs.readTrimmedIfExists(BlockDevicePaths.rotational(disk)).orElse("0").equals("1");
                String kind = nvme ? "NVMe drives" : rotational ? "rotating disks" : "SSDs";
                Set<String> choices = new TreeSet<>(List.of(shown.replace("[", "").replace("]", "").split("\\s+")));
                changes.add(new SchedulerChange(name, path, current, wanted, kind, choices.contains(wanted)));
            }
        }
        return changes;
    }

    private void hugePages(Collection<Domain> domains, List<Finding> out) {
        HugePages pages = new HugePages(sysfs);
        Set<PageSize> inUse = new TreeSet<>();
        pages.pools().stream().filter(p -> p.total() > 0).forEach(p -> inUse.add(p.pool().size()));
        if (!domains.isEmpty()) {
            HostTopology host = new HostDiscovery(sysfs).numaTopology();
            List<HugePageNeeds> all = domains.stream().map(d -> pages.needs(d, host)).toList();
            HugePageNeeds needs = HugePageNeeds.combined("the given domains", all);
            inUse.addAll(needs.sizes());
            pages.shortfalls(needs).forEach((pool, missing) -> out.add(new Finding("HUGEPAGES_SHORT", Severity.ERROR,
                    pool.nrHugePages().toString(), pool + " has " + missing + " free pages fewer than "
                    + needs.pages().get(pool) + " needed by " + names(domains), "raise it (HugePages.reserveFor) "
                    + "or allocate at boot: hugepagesz=" + pool.size() + " hugepages=N")));
            nodesWithoutPools(host, needs, out);
        }
        for (PageSize size : pages.unmountedSizes(inUse)) {
            out.add(warning("HUGETLBFS_NOT_MOUNTED", ProcPaths.MOUNTS, "huge pages of " + size + " are in use but no "
                    + "hugetlbfs serves them", "mount -t hugetlbfs -o pagesize=" + size.kib() + "K none "
                    + "/dev/hugepages" + size.kib() / 1024 + "M"));
        }
    }

    private static void nodesWithoutPools(HostTopology host, HugePageNeeds needs, List<Finding> out) {
        needs.pages().keySet().stream().filter(p -> p.node().isPresent()).forEach(p -> {
            NumaNode node = host.node(p.node().getAsInt()).orElse(null);
            if (node == null || node.pool(p.size()).isEmpty()) {
                out.add(new Finding("HUGEPAGES_SHORT", Severity.ERROR, p.folder().toString(), "the host has no " + p
                        + " pool", "use a page size the host supports: " + host.pageSizes()));
            }
        });
    }

    private static String names(Collection<Domain> domains) {
        return domains.stream().map(Domain::name).toList().toString();
    }

    /** The writes that fix THP, KSM and I/O scheduler findings, to show before {@link #apply}. */
    public TuningPlan plan() {
        List<PlannedWrite> writes = new ArrayList<>();
        for (SysfsPath thp : List.of(MemoryTuningPaths.THP_ENABLED, MemoryTuningPaths.THP_DEFRAG)) {
            String now = choice(thp);
            if (!now.isEmpty() && !now.equals("never")) {
                writes.add(new PlannedWrite(thp.equals(MemoryTuningPaths.THP_ENABLED) ? "THP_ENABLED" : "THP_DEFRAG",
                        thp, "never", now));
            }
        }
        String run = sysfs.readTrimmedIfExists(MemoryTuningPaths.KSM_RUN).orElse("0");
        boolean sharing = sysfs.readTrimmedIfExists(MemoryTuningPaths.KSM_PAGES_SHARING).filter(s -> !s.equals("0"))
                .isPresent();
        if (run.equals("1") || sharing) {
            writes.add(new PlannedWrite(run.equals("1") ? "KSM_RUNNING" : "KSM_SHARING", MemoryTuningPaths.KSM_RUN,
                    sharing ? "2" : "0", run));
        }
        for (SchedulerChange c : schedulerChanges()) {
            if (c.available()) {
                writes.add(new PlannedWrite("IO_SCHEDULER", c.path(), c.wanted(), c.current()));
            }
        }
        return new TuningPlan(writes);
    }

    /**
     * Makes the plan's writes in order, each read back; when one fails, the ones made are written back to
     * their previous values and {@link HostChangeException} is thrown.
     */
    public TuningPlan apply(TuningPlan plan) {
        return SysfsTransaction.run(sysfs, "apply host tuning", tx -> {
            for (PlannedWrite w : plan.writes()) {
                tx.writeRestoring(w.path(), w.value(), w.previous());
                String now = KernelValues.selectedChoice(sysfs.read(w.path()));
                if (!now.equals(w.value())) {
                    throw new HostChangeException(w.path() + " shows '" + now + "' after writing '" + w.value() + "'");
                }
            }
            return plan;
        });
    }
}
