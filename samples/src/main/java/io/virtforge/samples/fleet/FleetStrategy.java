package io.virtforge.samples.fleet;

import io.virtforge.fleet.HostWeigher;
import java.util.Locale;

/** The two ways of choosing among the hosts that fit that the simulation compares. */
public enum FleetStrategy {
    /** {@link HostWeigher#PACK}: the host left with the fewest free CPUs. */
    PACK(HostWeigher.PACK),
    /** {@link HostWeigher#SPREAD}: the host left with the most free CPUs. */
    SPREAD(HostWeigher.SPREAD);

    private final HostWeigher<?> weigher;

    FleetStrategy(HostWeigher<?> weigher) {
        this.weigher = weigher;
    }

    /** The weigher the fleet planner uses. */
    public HostWeigher<?> weigher() {
        return weigher;
    }

    /** The name in reports: {@code pack}, {@code spread}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
