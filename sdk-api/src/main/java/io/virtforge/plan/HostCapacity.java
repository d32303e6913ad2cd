package io.virtforge.plan;

import io.virtforge.check.ValidationOptions;
import io.virtforge.topology.HostState;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What each node of a host can still give a request, exactly as the planner accounts it before it places
 * anything: the CPUs no domain pins anything to (the only candidates for dedicated vCPUs), the free huge
 * pages per size, and the base-page memory left. Public so that callers that bound or weigh many hosts (the
 * fleet planner) read the planner's own accounting instead of keeping a copy of it that could drift.
 *
 * @param nodes per host node, in node order
 */
public record HostCapacity(List<Node> nodes) {
    /** A neutral request: reserves no CPU, base-page ratio 1; for a request-independent view of a host. */
    private static final PlacementRequest NEUTRAL = PlacementRequest.builder(1, DataSize.mib(1)).build();

    /** Copies the list. */
    public HostCapacity {
        nodes = List.copyOf(nodes);
    }

    /**
     * One node's free resources.
     *
     * @param id              the node id
     * @param freeCpus        online CPUs no domain pins a vCPU, emulator or I/O thread to, minus the request's
     *                        reserved CPUs
     * @param freeHugePages   free huge pages per size (the node's pools)
     * @param baseMemoryBytes base-page memory left, after the pools, other domains and the request's RAM ratio
     */
    public record Node(int id, CpuSet freeCpus, Map<PageSize, Long> freeHugePages, long baseMemoryBytes) {
        /** Copies the map. */
        public Node {
            Objects.requireNonNull(freeCpus, "freeCpus");
            freeHugePages = Collections.unmodifiableMap(new TreeMap<>(freeHugePages));
        }

        /** Free huge page memory over all sizes, in bytes. */
        public long freeHugePageBytes() {
            long sum = 0;
            for (Map.Entry<PageSize, Long> e : freeHugePages.entrySet()) {
                sum += e.getKey().bytes() * e.getValue();
            }
            return sum;
        }
    }

    /** The host's capacity for the request (its reserved CPUs, RAM ratio), over all nodes. */
    public static HostCapacity of(HostState state, PlacementRequest request) {
        HostView view = new HostView(Objects.requireNonNull(state, "state"), Objects.requireNonNull(request, "request"),
                ValidationOptions.DEFAULT.overcommitError());
        List<Node> out = new ArrayList<>();
        for (NodeResources n : view.nodes.values()) {
            out.add(new Node(n.id(), n.free(), n.freePages(), n.smallFree()));
        }
        return new HostCapacity(out);
    }

    /** The host's capacity for no request in particular (no reserved CPU, RAM ratio 1). */
    public static HostCapacity of(HostState state) {
        return of(state, NEUTRAL);
    }

    /** Free CPUs over all nodes. */
    public int freeCpus() {
        return nodes.stream().mapToInt(n -> n.freeCpus().size()).sum();
    }

    /** Free huge page memory over all nodes and sizes, in bytes. */
    public long freeHugePageBytes() {
        return nodes.stream().mapToLong(Node::freeHugePageBytes).sum();
    }
}
