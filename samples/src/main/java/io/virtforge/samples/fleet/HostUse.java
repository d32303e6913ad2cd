package io.virtforge.samples.fleet;

import io.virtforge.fleet.FleetHost;
import io.virtforge.plan.HostCapacity;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.plan.Planner;
import io.virtforge.topology.HugePagePool;
import io.virtforge.topology.NumaNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How much of one host is used, as the planner accounts it ({@link HostCapacity}: a CPU is used when any domain
 * pins a vCPU, emulator or I/O thread to it; huge pages are used when a domain holds them).
 *
 * @param id                the host id
 * @param gpu               the host has GPUs (label {@code gpu})
 * @param sriov             the host has SR-IOV NICs (label {@code sriov})
 * @param nodeCpus          online CPUs per NUMA node, in node order
 * @param nodeUsedCpus      used CPUs per NUMA node, in node order
 * @param hugePageBytes     huge page pool memory (the synthetic hosts have 2 MiB pools only), over all nodes
 * @param usedHugePageBytes huge page memory the domains hold
 * @param domains           domains on the host
 * @param takesSmallest     the single-host planner places the smallest flavour on the host
 * @param takesLargest      the single-host planner places the largest flavour on the host
 * @param touched           the stream placed at least one domain on the host
 */
public record HostUse(String id, boolean gpu, boolean sriov, List<Integer> nodeCpus, List<Integer> nodeUsedCpus,
        long hugePageBytes, long usedHugePageBytes, int domains, boolean takesSmallest, boolean takesLargest, boolean touched) {
    /** Checks for nulls and that the lists match, copies them. */
    public HostUse {
        Objects.requireNonNull(id, "id");
        nodeCpus = List.copyOf(nodeCpus);
        nodeUsedCpus = List.copyOf(nodeUsedCpus);
        if (nodeCpus.size() != nodeUsedCpus.size()) {
            throw new IllegalArgumentException("one used count per node");
        }
    }

    /**
     * The use of a host.
     *
     * @param host     the host
     * @param touched  whether the stream placed something on it
     * @param planner  the single-host planner
     * @param smallest the request of the smallest flavour, to tell whether the host's free CPUs are stranded
     * @param largest  the request of the largest flavour, to tell whether the host still has room for it
     */
    public static HostUse of(FleetHost host, boolean touched, Planner planner, PlacementRequest smallest,
            PlacementRequest largest) {
        HostCapacity capacity = HostCapacity.of(host.state());
        List<Integer> cpus = new ArrayList<>();
        List<Integer> used = new ArrayList<>();
        long pages = 0;
        long freePages = 0;
        for (HostCapacity.Node free : capacity.nodes()) {
            NumaNode node = host.state().topology().node(free.id()).orElseThrow();
            int online = node.cpus().intersect(host.state().topology().onlineCpus()).size();
            cpus.add(online);
            used.add(online - free.freeCpus().size());
            for (HugePagePool pool : node.hugePages().values()) {
                pages += pool.total() * pool.size().bytes();
            }
            freePages += free.freeHugePageBytes();
        }
        return new HostUse(host.id(), host.labels().contains("gpu"), host.labels().contains("sriov"), cpus, used,
                pages, pages - freePages, host.state().domains().size(), planner.plan(smallest, host.state()).fits(),
                planner.plan(largest, host.state()).fits(), touched);
    }

    /** Online CPUs. */
    public int cpus() {
        return nodeCpus.stream().mapToInt(Integer::intValue).sum();
    }

    /** Used CPUs. */
    public int usedCpus() {
        return nodeUsedCpus.stream().mapToInt(Integer::intValue).sum();
    }

    /** Free CPUs. */
    public int freeCpus() {
        return cpus() - usedCpus();
    }

    /** The free CPUs no request can use: all of them when the host cannot take the smallest flavour, else 0. */
    public int strandedCpus() {
        return takesSmallest ? 0 : freeCpus();
    }

    /** True when the host holds no domain at all (it could be drained, powered down, or given to a big tenant). */
    public boolean empty() {
        return domains == 0;
    }

    /** The used share of a node's CPUs (0 to 1). */
    public double nodeUse(int index) {
        int total = nodeCpus.get(index);
        return total == 0 ? 0 : nodeUsedCpus.get(index) / (double) total;
    }

    /** The used share of the host's CPUs (0 to 1). */
    public double cpuUse() {
        return cpus() == 0 ? 0 : usedCpus() / (double) cpus();
    }

    /** The used share of the host's huge page memory (0 to 1). */
    public double hugePageUse() {
        return hugePageBytes == 0 ? 0 : usedHugePageBytes / (double) hugePageBytes;
    }
}
