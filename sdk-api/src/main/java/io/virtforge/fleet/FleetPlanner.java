package io.virtforge.fleet;

import io.virtforge.plan.NoFit;
import io.virtforge.plan.Placement;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.plan.PlacementResult;
import io.virtforge.plan.Planner;
import io.virtforge.plan.Rejection;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Chooses a host of a fleet for a request: the best host by a {@link HostWeigher} among all hosts that pass
 * the {@link FleetConstraints} and on which the single-host {@link Planner} finds a placement.
 *
 * <p>Exact: every host that could fit is planned; a host is skipped without planning only when it fails a
 * constraint or a cheap capacity bound that is a necessary condition of a fit (summed free CPUs and pages
 * over the nodes the request may use), so pruning never changes the choice.
 *
 * <p>A rejected host counts once in the {@link FleetNoFit}: under its first failed constraint (avoid, labels,
 * anti-affinity, affinity, in that order); else, when the bound rules it out, under {@code NOT_ENOUGH_CPUS},
 * {@code NOT_ENOUGH_HUGEPAGES} or {@code NOT_ENOUGH_MEMORY} (the codes the planner gives a node short of
 * them); else under the code of the planner's first rejection (host-wide reasons come first), passing over
 * {@code NO_LAYOUT}, which only introduces the per-node reasons. Thread-safe.
 */
public final class FleetPlanner {
    /** The code for a planner no-fit that gives no reason (not expected). */
    public static final String NO_FIT = "NO_FIT";

    private final Planner planner;
    private final HostWeigher<?> weigher;

    private FleetPlanner(Planner planner, HostWeigher<?> weigher) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.weigher = Objects.requireNonNull(weigher, "weigher");
    }

    /** A fleet planner over {@link Planner#create()} with the weigher ({@link HostWeigher#PACK}, {@link HostWeigher#SPREAD}...). */
    public static FleetPlanner create(HostWeigher<?> weigher) {
        return new FleetPlanner(Planner.create(), weigher);
    }

    /** A fleet planner over the given single-host planner. */
    public static FleetPlanner of(Planner planner, HostWeigher<?> weigher) {
        return new FleetPlanner(planner, weigher);
    }

    /** Plans the request on the fleet under the constraints. */
    public FleetResult plan(PlacementRequest request, FleetConstraints constraints, Fleet fleet) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(constraints, "constraints");
        Objects.requireNonNull(fleet, "fleet");
        return choose(weigher, request, constraints, fleet);
    }

    private <S extends Comparable<? super S>> FleetResult choose(HostWeigher<S> w, PlacementRequest request,
            FleetConstraints constraints, Fleet fleet) {
        TreeMap<String, Integer> rejected = new TreeMap<>();
        FleetPlacement best = null;
        S bestCost = null;
        for (FleetHost host : fleet.all()) { // id order: a strictly lower cost is needed to replace, so ties go by id
            String code = constraints.rejection(host);
            if (code == null) {
                code = CapacityBound.shortfall(request, host.state());
            }
            if (code != null) {
                rejected.merge(code, 1, Integer::sum);
                continue;
            }
            PlacementResult result = planner.plan(request, host.state());
            if (result instanceof Placement p) {
                S cost = Objects.requireNonNull(w.cost(host, p), "the weigher's cost");
                if (best == null || cost.compareTo(bestCost) < 0) {
                    best = new FleetPlacement(host.id(), host.generation(), p);
                    bestCost = cost;
                }
            } else {
                rejected.merge(codeOf((NoFit) result), 1, Integer::sum);
            }
        }
        return best != null ? best : new FleetNoFit(rejected);
    }

    /** The code a host rejected by the planner counts under (see the class comment). */
    static String codeOf(NoFit noFit) {
        return noFit.reasons().stream().map(Rejection::code).filter(c -> !c.equals("NO_LAYOUT")).findFirst()
                .orElse(NO_FIT);
    }
}
