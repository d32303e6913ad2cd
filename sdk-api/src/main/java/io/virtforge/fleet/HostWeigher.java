package io.virtforge.fleet;

import io.virtforge.plan.Placement;

/**
 * How the fleet planner ranks the hosts where a request fits: a cost of a placement on a host, the lower the
 * better. The planner picks the host of lowest cost among all hosts that fit, ties by host id.
 *
 * @param <S> the cost type
 */
@FunctionalInterface
public interface HostWeigher<S extends Comparable<? super S>> {
    /** Pack: the host with the fewest dedicated CPUs left after the placement, then the least free huge page memory. */
    HostWeigher<Cost> PACK = (host, placement) -> {
        Leftover l = Leftover.after(host, placement);
        return new Cost(l.dedicatedCpus(), l.hugePageBytes());
    };

    /** Spread: the host with the most dedicated CPUs left after the placement, then the most free huge page memory. */
    HostWeigher<Cost> SPREAD = (host, placement) -> {
        Leftover l = Leftover.after(host, placement);
        return new Cost(-l.dedicatedCpus(), -l.hugePageBytes());
    };

    /** The cost of the placement on the host (the placement the single-host planner found there). */
    S cost(FleetHost host, Placement placement);

    /**
     * A cost of two keys, compared in order: the built-in weighers' cost.
     *
     * @param primary   compared first
     * @param secondary compared on a tie
     */
    record Cost(long primary, long secondary) implements Comparable<Cost> {
        @Override
        public int compareTo(Cost o) {
            int c = Long.compare(primary, o.primary);
            return c != 0 ? c : Long.compare(secondary, o.secondary);
        }
    }
}
