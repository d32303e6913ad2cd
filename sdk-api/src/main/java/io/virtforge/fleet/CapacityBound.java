package io.virtforge.fleet;

import io.virtforge.plan.EmulatorPolicy;
import io.virtforge.plan.HostCapacity;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.topology.HostState;
import io.virtforge.value.PageSize;
import java.util.List;
import java.util.Map;

/**
 * A cheap necessary condition for a request to fit a host, from the planner's own accounting
 * ({@link HostCapacity}) summed over the nodes the request may use; no search.
 *
 * <p>Why it never rules out a host the planner would use: the planner places each guest cell on a distinct
 * allowed node, takes every dedicated vCPU's CPU (and the isolated emulator's) from that node's free CPUs,
 * and backs each cell with one page size out of that node's free pages (or base memory). The cells' vCPUs and
 * memory add up to the request's. So a placement needs, summed over the allowed nodes, at least as many free
 * CPUs as dedicated vCPUs (+1 for an isolated emulator), and at least the request's memory in the pages it
 * may use. {@code CapacityBoundPropertiesTest} checks this against the planner on random hosts.
 */
final class CapacityBound {
    /** Codes of the bound, the same the planner gives a node short of the resource. */
    static final String CPUS = "NOT_ENOUGH_CPUS";
    static final String HUGEPAGES = "NOT_ENOUGH_HUGEPAGES";
    static final String MEMORY = "NOT_ENOUGH_MEMORY";

    private CapacityBound() {
    }

    /** The code of the resource the host is short of, or null when the request may fit. */
    static String shortfall(PlacementRequest r, HostState state) {
        List<HostCapacity.Node> nodes = HostCapacity.of(state, r).nodes().stream()
                .filter(n -> r.allowedNodes().map(a -> a.contains(n.id())).orElse(true)).toList();
        int dedicated = r.emulatorPolicy() == EmulatorPolicy.ISOLATE ? 1 : 0;
        for (int v = 0; v < r.vcpus(); v++) {
            dedicated += r.isDedicated(v) ? 1 : 0;
        }
        if (nodes.stream().mapToInt(n -> n.freeCpus().size()).sum() < dedicated) {
            return CPUS;
        }
        long memory = r.memory().bytes();
        long base = nodes.stream().mapToLong(HostCapacity.Node::baseMemoryBytes).sum();
        return switch (r.pagePolicy()) {
            case SMALL -> base < memory ? MEMORY : null;
            case EXPLICIT -> {
                PageSize s = r.pageSize().orElseThrow();
                if (!s.isHuge()) {
                    yield base < memory ? MEMORY : null;
                }
                long pages = nodes.stream().mapToLong(n -> n.freeHugePages().getOrDefault(s, 0L)).sum();
                yield pages * s.bytes() < memory ? HUGEPAGES : null;
            }
            case LARGE -> large(nodes) < memory ? HUGEPAGES : null;
            case ANY -> large(nodes) < memory && base < memory ? MEMORY : null;
        };
    }

    /** Memory in any pool size, over the nodes (a non-huge pool size means base memory, as in the planner). */
    private static long large(List<HostCapacity.Node> nodes) {
        long sum = 0;
        for (HostCapacity.Node n : nodes) {
            for (Map.Entry<PageSize, Long> e : n.freeHugePages().entrySet()) {
                sum += e.getKey().isHuge() ? e.getKey().bytes() * e.getValue() : n.baseMemoryBytes();
            }
        }
        return sum;
    }
}
