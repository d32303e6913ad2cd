package io.virtforge.migrate;

import io.virtforge.model.Domain;
import io.virtforge.plan.NoFit;
import io.virtforge.plan.Placement;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.plan.PlacementResult;
import io.virtforge.plan.Planner;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import java.util.Objects;

/**
 * Plans a domain's migration without touching a host: the pre-checks ({@link RefusalCode}), then the domain's
 * shape ({@link DomainShape}) placed by the exact {@link Planner} on the destination's state, then the
 * destination XML ({@link DestinationXml}). Thread-safe.
 */
public final class MigrationPlanner {
    private final Planner planner;

    private MigrationPlanner(Planner planner) {
        this.planner = planner;
    }

    /** A migration planner over the default exact planner. */
    public static MigrationPlanner create() {
        return new MigrationPlanner(Planner.create());
    }

    /** A migration planner over a given planner (its validator thresholds). */
    public static MigrationPlanner with(Planner planner) {
        return new MigrationPlanner(Objects.requireNonNull(planner, "planner"));
    }

    /**
     * Plans the domain's own shape on the destination.
     *
     * @param source      the running domain's (migratable) definition
     * @param sourceHost  the host it runs on (its UUID and CPU are compared with the destination's)
     * @param destination the destination host with what its domains (and claims) hold
     * @throws MigrationRefusedException when a pre-check refuses or no placement exists
     */
    public MigrationPlan plan(Domain source, HostTopology sourceHost, HostState destination) {
        return plan(source, sourceHost, destination, DomainShape.requestFor(source).build());
    }

    /**
     * Plans a given request (the domain's shape with e.g. another thread policy) on the destination.
     *
     * @throws MigrationRefusedException when a pre-check refuses or no placement exists
     * @throws IllegalArgumentException  when the request has another number of cells than the domain
     */
    public MigrationPlan plan(Domain source, HostTopology sourceHost, HostState destination, PlacementRequest request) {
        MigrationPrechecks.check(source, sourceHost, destination, request);
        PlacementResult result = planner.plan(request, destination);
        if (result instanceof NoFit noFit) {
            throw new MigrationRefusedException(noFit);
        }
        Placement placement = (Placement) result;
        return new MigrationPlan(source, request, placement, DestinationXml.rewrite(source, placement));
    }
}
