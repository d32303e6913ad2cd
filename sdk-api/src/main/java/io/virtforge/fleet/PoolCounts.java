package io.virtforge.fleet;

import io.virtforge.model.Domain;
import io.virtforge.topology.DomainFootprint;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.HugePagePool;
import io.virtforge.value.PageSize;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adds domains to and removes them from a host's state keeping the free counts of huge page pools right. A pool
 * counted from its total (libvirt's capabilities) derives its free pages from the domains in the snapshot, so
 * the domain is enough; a pool with a live free count (sysfs, a live host) does not look at the domains, so its
 * count must lose the domain's pages (or get them back) too. Each call builds the new state once.
 */
final class PoolCounts {
    private PoolCounts() {
    }

    /** The state with the domains added. */
    static HostState with(HostState state, Collection<Domain> added) {
        if (added.isEmpty()) {
            return state;
        }
        HostTopology topology = state.topology();
        for (Domain d : added) {
            topology = take(topology, d, 1);
        }
        List<Domain> domains = new ArrayList<>(state.domains());
        domains.addAll(added);
        return HostState.of(topology, domains);
    }

    /** The state without the domain (which it holds). */
    static HostState without(HostState state, Domain gone) {
        return HostState.of(take(state.topology(), gone, -1),
                state.domains().stream().filter(d -> !d.name().equals(gone.name())).toList());
    }

    /** The topology with {@code sign * (the pages the domain holds)} taken from pools that carry a free count. */
    private static HostTopology take(HostTopology topology, Domain domain, int sign) {
        Map<Integer, Map<PageSize, Long>> held = DomainFootprint.of(domain, topology).hugePagesByNode();
        HostTopology.Builder b = null;
        for (Map.Entry<Integer, Map<PageSize, Long>> node : held.entrySet()) {
            for (Map.Entry<PageSize, Long> e : node.getValue().entrySet()) {
                Optional<HugePagePool> pool = topology.node(node.getKey()).flatMap(n -> n.pool(e.getKey()));
                if (pool.isPresent() && pool.get().free().isPresent()) {
                    HugePagePool p = pool.get();
                    long free = Math.max(0, Math.min(p.total(), p.free().getAsLong() - sign * e.getValue()));
                    b = b == null ? topology.toBuilder() : b;
                    b.hugePages(node.getKey(), HugePagePool.of(p.size(), p.total(), free));
                }
            }
        }
        return b == null ? topology : b.build();
    }
}
