package io.virtforge.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.plan.Placement;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.plan.PlacementResult;
import io.virtforge.plan.Planner;
import io.virtforge.plan.RandomScenario;
import io.virtforge.topology.HostState;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The fleet planner's pruning bound is a necessary condition of a fit, and its cost bounds are lower bounds of
 * the built-in weighers' costs: on random small hosts and requests (the planner's own exactness scenarios,
 * with devices, NUMA affinities, layouts, shared vCPUs, reserved CPUs and allowed nodes), whenever the bound
 * rules a host out, the planner finds no placement; whenever the planner finds one, its PACK and SPREAD costs
 * are at least the bounds the fleet planner orders hosts by.
 */
class CapacityBoundPropertiesTest {
    private final Planner planner = Planner.create();

    @Property(tries = 5000)
    void theBoundNeverRulesOutAHostThePlannerWouldUse(@ForAll long seed) {
        RandomScenario s = RandomScenario.of(seed);
        String shortfall = CapacityBound.shortfall(s.request(), s.state());
        if (shortfall != null) {
            assertThat(planner.plan(s.request(), s.state()).fits())
                    .as("%s: the bound says %s", s.description(), shortfall).isFalse();
        }
    }

    @Property(tries = 3000)
    void theCostBoundsNeverExceedTheCost(@ForAll long seed) {
        RandomScenario s = RandomScenario.of(seed);
        PlacementResult r = planner.plan(s.request(), s.state());
        if (r instanceof Placement p) {
            FleetHost host = FleetHost.of("h", s.state());
            CapacityBound.Need need = CapacityBound.Need.of(s.request(), CapacityBound.OptionalLimit.DEFAULT);
            CapacityBound.Summary summary = CapacityBound.Summary.of(s.state());
            for (HostWeigher<HostWeigher.Cost> w : java.util.List.of(HostWeigher.PACK, HostWeigher.SPREAD)) {
                long[] bound = new long[2];
                CapacityBound.costBound(w, need, summary, bound);
                HostWeigher.Cost cost = w.cost(host, p);
                assertThat(cost.compareTo(new HostWeigher.Cost(bound[0], bound[1])))
                        .as("%s: cost %s, bound %d/%d", s.description(), cost, bound[0], bound[1])
                        .isGreaterThanOrEqualTo(0);
            }
        }
    }

    @Test
    void theBoundPrunesOftenEnoughToMatter() {
        // the property above would hold vacuously for a bound that never prunes
        int pruned = 0;
        int noFit = 0;
        for (long seed = 0; seed < 1000; seed++) {
            RandomScenario s = RandomScenario.of(seed);
            if (CapacityBound.shortfall(s.request(), s.state()) != null) {
                pruned++;
            }
            if (!planner.plan(s.request(), s.state()).fits()) {
                noFit++;
            }
        }
        assertThat(pruned).as("pruned of %d no-fits in 1000", noFit).isGreaterThan(noFit / 10);
    }

    @Test
    void thePerNodeChecksPruneHostsTheHostWideChecksLetThrough() {
        // the per-node, layout and device-affinity checks are not vacuous: some hosts pass the sums and the
        // host-wide checks (overcommit, devices present) and are ruled out by them alone
        int perNode = 0;
        int noFit = 0;
        for (long seed = 0; seed < 3000; seed++) {
            RandomScenario s = RandomScenario.of(seed);
            CapacityBound.Need need = CapacityBound.Need.of(s.request(), CapacityBound.OptionalLimit.DEFAULT);
            CapacityBound.Summary summary = CapacityBound.Summary.of(s.state());
            CapacityBound.Scratch scratch = new CapacityBound.Scratch();
            if (CapacityBound.hostWide(need, summary, scratch) == null) {
                perNode += CapacityBound.perNode(need, summary, scratch) != null ? 1 : 0;
                noFit += planner.plan(s.request(), s.state()).fits() ? 0 : 1;
            }
        }
        assertThat(perNode).as("pruned by the per-node checks alone, of %d no-fits past the host-wide ones", noFit)
                .isGreaterThan(noFit / 10);
    }

    @Test
    void theCostBoundIsTheCostForPlainDedicatedRequests() {
        // the fleet planner stops after the first fitting host when the bound is exact: dedicated vCPUs, an
        // explicit huge page size, no reserved CPU
        PlacementRequest request = Hosts.small();
        HostState state = Hosts.host(8, 2048);
        Placement p = planner.plan(request, state).placement().orElseThrow();
        long[] bound = new long[2];
        CapacityBound.costBound(HostWeigher.PACK, CapacityBound.Need.of(request, CapacityBound.OptionalLimit.DEFAULT),
                CapacityBound.Summary.of(state), bound);
        HostWeigher.Cost cost = HostWeigher.PACK.cost(FleetHost.of("h", state), p);
        assertThat(new HostWeigher.Cost(bound[0], bound[1])).isEqualTo(cost);
    }
}
