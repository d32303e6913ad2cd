package io.virtforge.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.plan.Planner;
import io.virtforge.plan.RandomScenario;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The fleet planner's pruning bound is a necessary condition of a fit: on random small hosts and requests
 * (the planner's own exactness scenarios), whenever the bound rules a host out, the planner finds no placement.
 */
class CapacityBoundPropertiesTest {
    private final Planner planner = Planner.create();

    @Property(tries = 2000)
    void theBoundNeverRulesOutAHostThePlannerWouldUse(@ForAll long seed) {
        RandomScenario s = RandomScenario.of(seed);
        String shortfall = CapacityBound.shortfall(s.request(), s.state());
        if (shortfall != null) {
            assertThat(planner.plan(s.request(), s.state()).fits())
                    .as("%s: the bound says %s", s.description(), shortfall).isFalse();
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
}
