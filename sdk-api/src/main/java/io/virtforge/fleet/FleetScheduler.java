package io.virtforge.fleet;

import io.virtforge.plan.PlacementRequest;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's loop over a {@link FleetPlanner} and a {@link ClaimStore}: plan on the store's fleet, claim
 * the chosen host at the generation the plan saw, and on a {@link ClaimConflictException} (another scheduler
 * changed the host first) plan again on the fresh fleet, as Nova's scheduler retries a claim that lost a
 * placement generation race. Thread-safe when the store is.
 */
public final class FleetScheduler {
    /** Attempts unless told otherwise. */
    public static final int DEFAULT_ATTEMPTS = 8;
    private static final Logger LOG = LoggerFactory.getLogger(FleetScheduler.class);

    private final FleetPlanner planner;
    private final ClaimStore store;
    private final int attempts;

    private FleetScheduler(FleetPlanner planner, ClaimStore store, int attempts) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.store = Objects.requireNonNull(store, "store");
        if (attempts < 1) {
            throw new IllegalArgumentException("a scheduler needs at least one attempt, not " + attempts);
        }
        this.attempts = attempts;
    }

    /** A scheduler with {@value #DEFAULT_ATTEMPTS} attempts per request. */
    public static FleetScheduler of(FleetPlanner planner, ClaimStore store) {
        return new FleetScheduler(planner, store, DEFAULT_ATTEMPTS);
    }

    /** The same scheduler with another number of plan-and-claim attempts per request (at least 1). */
    public FleetScheduler attempts(int count) {
        return new FleetScheduler(planner, store, count);
    }

    /**
     * Plans and claims the request for a domain of that name: the returned claim is pending (confirm it once
     * the domain is defined, release it if defining fails).
     *
     * @throws FleetNoFitException    when the request fits no host of the fleet as it stands
     * @throws ClaimConflictException when every attempt lost its host to another scheduler (the last conflict)
     */
    public Claim schedule(PlacementRequest request, FleetConstraints constraints, String domainName) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(constraints, "constraints");
        Objects.requireNonNull(domainName, "domainName");
        ClaimConflictException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            FleetResult result = planner.plan(request, constraints, store.fleet());
            if (!(result instanceof FleetPlacement chosen)) {
                throw new FleetNoFitException((FleetNoFit) result);
            }
            try {
                return store.claim(chosen.hostId(), chosen.generation(), chosen.placement(), domainName);
            } catch (ClaimConflictException e) {
                LOG.debug("{}: attempt {} of {} lost host {}: {}", domainName, attempt, attempts, chosen.hostId(),
                        e.getMessage());
                last = e;
            }
        }
        throw last;
    }
}
