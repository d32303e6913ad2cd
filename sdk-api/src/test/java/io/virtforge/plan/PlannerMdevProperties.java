package io.virtforge.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.build.DomainBuilder;
import io.virtforge.check.Finding;
import io.virtforge.check.Validator;
import io.virtforge.model.Domain;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.MdevInstance;
import io.virtforge.topology.MdevParent;
import io.virtforge.topology.MdevType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The planner with mediated device requests is exact: on {@link RandomScenario#withMdevs} hosts it finds a
 * placement exactly when the brute-force enumerator (which tries every free instance and every instance a
 * parent can create, under the affinity policy) says one exists; every placement's instances are distinct,
 * of the asked type, free or within what their parent can create, local under the required policy, and once
 * the planned instances are created the validator reports no error on the domain the placement builds.
 */
class PlannerMdevProperties {
    private final Planner planner = Planner.create();

    @Property(tries = 1500)
    void findsAPlacementExactlyWhenOneExists(@ForAll long seed) {
        RandomScenario s = RandomScenario.withMdevs(seed);
        PlacementResult result = planner.plan(s.request(), s.state());
        boolean oracle = new BruteForce(s.state(), s.request()).fits();
        assertThat(result.fits()).as("%s; planner says %s", s.description(), result).isEqualTo(oracle);
    }

    @Property(tries = 1500)
    void everyPlacementsMediatedDevicesAreValid(@ForAll long seed) {
        RandomScenario s = RandomScenario.withMdevs(seed);
        if (!(planner.plan(s.request(), s.state()) instanceof Placement p)) {
            return;
        }
        PlacementRequest r = s.request();
        HostTopology host = s.state().topology();
        assertThat(p.mdevs()).hasSameSizeAs(r.mdevs());
        Set<UUID> seen = new HashSet<>();
        Map<String, Integer> created = new HashMap<>();
        Set<Integer> nodes = new HashSet<>();
        p.cells().forEach(c -> nodes.add(c.hostNode()));
        HostTopology.Builder after = host.toBuilder();
        for (int i = 0; i < p.mdevs().size(); i++) {
            MdevChoice c = p.mdevs().get(i);
            assertThat(seen.add(c.uuid())).as("distinct instances").isTrue();
            assertThat(c.type()).isEqualTo(r.mdevs().get(i).type());
            MdevParent parent = host.mdevParent(c.parent()).orElseThrow();
            if (c.create()) {
                assertThat(host.mdevInstance(c.uuid())).as("a new UUID").isEmpty();
                int n = created.merge(c.parent() + "/" + c.type(), 1, Integer::sum);
                assertThat(n).as("within available_instances").isLessThanOrEqualTo(
                        parent.type(c.type()).map(MdevType::availableInstances).orElse(0));
                after.mdevInstance(new MdevInstance(c.uuid(), c.type(), c.parent(), parent.numaNode()));
            } else {
                MdevInstance existing = host.mdevInstance(c.uuid()).orElseThrow();
                assertThat(existing.type()).isEqualTo(c.type());
                assertThat(MdevChooser.usedInstances(s.state())).doesNotContain(c.uuid());
            }
            if (r.deviceAffinity() == NumaAffinity.REQUIRED) {
                assertThat(nodes).contains(parent.numaNode().orElse(-1));
            }
        }
        HostState state = HostState.of(after.build(), s.state().domains());
        Domain domain = p.applyTo(DomainBuilder.named("placed")).assemble();
        assertThat(Validator.standard().validate(domain, state).errors()).extracting(Finding::toString)
                .as(s.description()).isEmpty();
    }
}
