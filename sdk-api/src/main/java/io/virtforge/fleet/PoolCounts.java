package io.virtforge.fleet;

import io.virtforge.model.Domain;
import io.virtforge.topology.DomainFootprint;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.HugePagePool;
import io.virtforge.value.PageSize;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the free counts of huge page pools right when a claim adds or removes a placeholder domain. A pool
 * counted from its total (libvirt's capabilities) derives its free pages from the domains in the snapshot, so
 * the placeholder is enough; a pool with a live free count (sysfs) does not look at the domains, so the claim
 * must take its pages from that count itself, and give them back on release.
 */
final class PoolCounts {
    private PoolCounts() {
    }

    /** The state with {@code sign * (the pages the domain holds)} taken from pools that carry a free count. */
    static HostState take(HostState state, Domain domain, int sign) {
        HostTopology topology = state.topology();
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
        return b == null ? state : HostState.of(b.build(), state.domains());
    }
}
