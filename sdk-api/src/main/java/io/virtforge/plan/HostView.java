package io.virtforge.plan;

import io.virtforge.topology.DomainFootprint;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.HugePagePool;
import io.virtforge.topology.NumaNode;
import io.virtforge.topology.SharedCpuLoad;
import io.virtforge.value.CpuSet;
import io.virtforge.value.PageSize;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A host as the planner sees it: per node, the CPUs, cores, huge pages and memory still free, after
 * what other domains pin and hold and what the request reserves; the shared pools and their load as
 * {@link SharedCpuLoad} counts them (as the validator does).
 */
final class HostView {
    final HostTopology topology;
    final Map<Integer, NodeResources> nodes = new TreeMap<>();
    final boolean smt;
    /** True when the host's vCPUs per physical core would pass the profile's maximum with the request's. */
    final boolean overcommitted;
    /** Shared vCPUs per shared CPU the request may use: its own ratio, at most the profile's maximum. */
    final double sharedRatio;

    HostView(HostState state, PlacementRequest request, double overcommitLimit) {
        topology = state.topology();
        int cores = topology.physicalCores();
        sharedRatio = Math.min(request.cpuAllocationRatio(), overcommitLimit);
        overcommitted = cores > 0 && (double) (state.totalVcpus() + request.vcpus()) / cores > overcommitLimit;
        CpuSet busy = CpuSet.empty();
        for (DomainFootprint f : state.footprints()) {
            busy = busy.union(f.vcpuPins()).union(f.emulatorPin()).union(f.iothreadPins());
        }
        SharedCpuLoad shared = SharedCpuLoad.of(state);
        CpuSet usable = topology.onlineCpus().minus(request.reservedCpus());
        boolean anySmt = false;
        for (NumaNode n : topology.nodes()) {
            CpuSet nodeCpus = n.cpus().intersect(usable);
            CpuSet free = nodeCpus.minus(busy);
            List<CpuSet> freeCores = new ArrayList<>();
            // Mutable sets while walking the node's cores: one immutable set per step made this loop most of
            // a plan's allocation on hosts with hundreds of CPUs.
            BitSet partial = new BitSet();
            BitSet inFreeCores = new BitSet();
            for (CpuSet core : topology.onlineCores(n.id())) {
                if (!core.intersects(nodeCpus)) {
                    continue; // only reserved threads: nothing to place there
                }
                // reserved siblings stay in the core: they run housekeeping, so the core is not wholly free
                int[] threads = core.toArray();
                anySmt |= threads.length > 1;
                boolean wholeCoreFree = free.containsAll(core);
                for (int t : threads) {
                    if (wholeCoreFree) {
                        inFreeCores.set(t);
                    } else if (free.contains(t)) {
                        partial.set(t);
                    }
                }
                if (wholeCoreFree) {
                    freeCores.add(core);
                }
            }
            Map<PageSize, Long> pages = new TreeMap<>();
            long pooled = 0;
            for (HugePagePool p : n.hugePages().values()) {
                pages.put(p.size(), state.freeHugePages(n.id(), p.size()));
                pooled += p.total() * p.size().bytes();
            }
            long small = (long) ((n.memory().bytes() - pooled) * request.ramAllocationRatio()) - state.heldMemory(n.id());
            int socket = socketOf(n);
            nodes.put(n.id(), new NodeResources(n.id(), socket, free, List.copyOf(freeCores), cpus(inFreeCores),
                    cpus(partial), shared.pool(n.id()).minus(request.reservedCpus()), shared.load(n.id()), pages,
                    Math.max(0, small)));
        }
        smt = anySmt;
    }

    private static CpuSet cpus(BitSet bits) {
        return CpuSet.of(bits.stream().toArray());
    }

    /** The socket of a node's first CPU; the node id when the topology does not say. */
    private int socketOf(NumaNode n) {
        if (n.cpus().isEmpty()) {
            return n.id();
        }
        return topology.cpu(n.cpus().first().getAsInt()).map(c -> c.socket().orElse(n.id())).orElse(n.id());
    }
}
