package io.virtforge.samples.fleet;

import io.virtforge.fleet.Claim;
import io.virtforge.fleet.ClaimConflictException;
import io.virtforge.fleet.ClaimStore;
import io.virtforge.fleet.Fleet;
import io.virtforge.fleet.FleetNoFit;
import io.virtforge.fleet.FleetPlacement;
import io.virtforge.fleet.FleetPlanner;
import io.virtforge.fleet.FleetResult;
import io.virtforge.fleet.InMemoryClaimStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a stream of requests through the fleet planner into a claim store, as a scheduler would: plan on the
 * store's fleet, claim the chosen host at the generation planned on, confirm (the domain is "defined"); a refusal
 * is recorded with the reasons and the fleet it was refused on. Stops at the end of the stream, or after a
 * number of refusals in a row (the fleet is full for what keeps coming).
 */
public final class FleetSimulation {
    private static final Logger LOG = LoggerFactory.getLogger(FleetSimulation.class);

    private final List<SimRequest> stream;
    private final int stopAfterRefusals;

    /**
     * A simulation of the stream.
     *
     * @param stream            the requests, in order
     * @param stopAfterRefusals stop after this many refusals in a row (at least 1)
     */
    public FleetSimulation(List<SimRequest> stream, int stopAfterRefusals) {
        this.stream = List.copyOf(stream);
        if (stopAfterRefusals < 1) {
            throw new IllegalArgumentException("stop after at least 1 refusal, not " + stopAfterRefusals);
        }
        this.stopAfterRefusals = stopAfterRefusals;
    }

    /** Runs the stream on the fleet (which is not changed: a store of its own holds the claims) with the strategy. */
    public SimulationRun run(FleetStrategy strategy, Fleet fleet) {
        Objects.requireNonNull(strategy, "strategy");
        ClaimStore store = new InMemoryClaimStore(Objects.requireNonNull(fleet, "fleet"));
        FleetPlanner planner = FleetPlanner.create(strategy.weigher());
        List<Outcome> outcomes = new ArrayList<>();
        int refusedInARow = 0;
        for (SimRequest request : stream) {
            if (refusedInARow >= stopAfterRefusals) {
                LOG.info("{}: stopped after {} refusals in a row, at request {} of {}", strategy.label(),
                        refusedInARow, request.index(), stream.size());
                break;
            }
            Outcome outcome = place(request, planner, store);
            refusedInARow = outcome instanceof Outcome.Refused ? refusedInARow + 1 : 0;
            outcomes.add(outcome);
        }
        return new SimulationRun(strategy, fleet, store.fleet(), outcomes);
    }

    private static Outcome place(SimRequest request, FleetPlanner planner, ClaimStore store) {
        while (true) {
            Fleet seen = store.fleet();
            FleetResult result = planner.plan(request.request(), request.constraints(), seen);
            if (result instanceof FleetNoFit noFit) {
                LOG.debug("{} ({}) refused: {}", request.domainName(), request.kind(), noFit);
                return new Outcome.Refused(request, noFit, seen);
            }
            FleetPlacement chosen = (FleetPlacement) result;
            try {
                Claim claim = store.claim(chosen.hostId(), chosen.generation(), chosen.placement(),
                        request.domainName());
                // a real control plane defines the domain on the host here, and releases the claim if that fails
                store.confirm(claim.id());
                return new Outcome.Placed(request, chosen.hostId());
            } catch (ClaimConflictException e) {
                // another scheduler changed the host since we planned (not in this single-threaded run): plan again
                LOG.debug("{}: {}; planning again", request.domainName(), e.getMessage());
            }
        }
    }
}
