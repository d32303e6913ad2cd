package io.virtforge.fake.kernel;

import io.virtforge.connect.DomainSummary;
import io.virtforge.connect.VirtConnection;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.model.Domain;
import io.virtforge.model.HugePage;
import io.virtforge.model.MemoryBacking;
import io.virtforge.model.NumaTune;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The QEMU processes of a fake host's running domains, as files in its fake kernel's {@code /proc}, and the host
 * CPUs' busy time in {@code /proc/stat}. {@link #sync(VirtConnection)} gives every running domain of a fake
 * connection a process laid out as its definition asks (memory on the first node of its {@code numatune} nodeset,
 * or node 0; in huge pages of its {@code memoryBacking} size when it has huge pages) and lets the processes of
 * stopped domains exit; tests then move memory and advance times through {@link FakeQemuProcess}. The fake
 * hypervisor does not start processes by itself: what a test does not sync stays as it was.
 */
public final class FakeQemuProcesses {
    private static final SysfsPath PROC_STAT = SysfsPath.of("proc", "stat");
    private static final int FIRST_PID = 4000;
    private static final int PID_STRIDE = 1000;
    private final FakeSysfs sysfs;
    private final Map<UUID, FakeQemuProcess> processes = new HashMap<>();
    private final Map<Integer, Long> cpuBusyNanos = new TreeMap<>();
    private int nextPid = FIRST_PID;

    /** The processes of the host behind a fake kernel; none yet. */
    public FakeQemuProcesses(FakeSysfs sysfs) {
        this.sysfs = sysfs;
    }

    /**
     * Starts a process for a domain: {@code vcpus} vCPU threads, no guest memory resident yet.
     *
     * @throws IllegalStateException when the domain already has one
     */
    public synchronized FakeQemuProcess start(UUID uuid, String name, int vcpus) {
        if (processes.containsKey(uuid)) {
            throw new IllegalStateException("domain " + name + " already has QEMU process " + processes.get(uuid).pid());
        }
        // a stride wide enough for the vCPU threads' ids (pid + 1 + vcpu)
        FakeQemuProcess process = new FakeQemuProcess(sysfs, nextPid, uuid, name, vcpus);
        nextPid += Math.max(PID_STRIDE, vcpus + 1);
        processes.put(uuid, process);
        return process;
    }

    /** The process of a domain, if it has one. */
    public synchronized Optional<FakeQemuProcess> of(UUID uuid) {
        return Optional.ofNullable(processes.get(uuid));
    }

    /**
     * Makes the processes follow a connection's domains: a process for each running domain that has none, laid
     * out from its live definition, and exit for each process whose domain no longer runs.
     */
    public synchronized void sync(VirtConnection connection) {
        Set<UUID> running = new HashSet<>();
        for (DomainSummary d : connection.domains()) {
            if (d.state().isActive()) {
                running.add(d.uuid());
                if (!processes.containsKey(d.uuid())) {
                    connection.lookup(d.uuid()).ifPresent(domain -> laidOut(d.uuid(), domain.live()));
                }
            }
        }
        processes.entrySet().removeIf(e -> {
            if (!running.contains(e.getKey())) {
                e.getValue().exit();
                return true;
            }
            return false;
        });
    }

    private void laidOut(UUID uuid, Domain live) {
        FakeQemuProcess process = start(uuid, live.name(), live.vcpuCount());
        int node = live.numatune().flatMap(NumaTune::memory).flatMap(NumaTune.Memory::nodeset)
                .map(NodeSet::first).filter(f -> f.isPresent()).map(f -> f.getAsInt()).orElse(0);
        DataSize memory = live.currentMemory().or(live::memory).orElse(DataSize.ofBytes(0));
        Optional<MemoryBacking> backing = live.memoryBacking().filter(MemoryBacking::hugepages);
        if (backing.isPresent()) {
            PageSize size = backing.get().pages().stream().map(HugePage::size).flatMap(Optional::stream).findFirst()
                    .orElse(PageSize.MIB_2);
            process.hugePagesOn(node, size, memory);
        } else {
            process.smallPagesOn(node, memory);
        }
    }

    /** Adds busy time to host CPUs in {@code /proc/stat} (counted there in 10 ms ticks). */
    public synchronized FakeQemuProcesses advanceHostCpu(int cpu, long busyNanos) {
        cpuBusyNanos.merge(cpu, busyNanos, Long::sum);
        StringBuilder text = new StringBuilder();
        long total = cpuBusyNanos.values().stream().mapToLong(n -> n / 10_000_000).sum();
        text.append("cpu  ").append(total).append(" 0 0 0 0 0 0 0 0 0\n");
        cpuBusyNanos.forEach((c, nanos) -> text.append("cpu").append(c).append(' ').append(nanos / 10_000_000)
                .append(" 0 0 0 0 0 0 0 0 0\n"));
        sysfs.createReadOnlyFile(PROC_STAT, text.toString());
        return this;
    }
}
