package io.virtforge.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.build.DomainBuilder;
import io.virtforge.model.Domain;
import io.virtforge.topology.HostState;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** PlacementResult's accessors: orElseThrow, placement, map, fits, without instanceof. */
class PlacementResultTest {
    private final Planner planner = Planner.create();
    private final HostState host = HostState.of(PlannerTest.xeon());

    private PlacementResult fitting() {
        return planner.plan(PlacementRequest.builder(4, DataSize.gib(4)).build(), host);
    }

    private PlacementResult tooBig() {
        return planner.plan(PlacementRequest.builder(40, DataSize.gib(4)).allowedNodes(NodeSet.of(0)).build(), host);
    }

    @Test
    void aPlacementIsReturnedAsItIs() {
        PlacementResult result = fitting();
        assertThat(result.fits()).isTrue();
        Placement p = result.orElseThrow();
        assertThat(p).isSameAs(result);
        assertThat(result.placement()).containsSame(p);
        assertThat(result.map(Placement::hostNodes)).contains(p.hostNodes());
        assertThat(result.map(x -> null)).isEmpty();
        Domain vm = result.orElseThrow().applyTo(DomainBuilder.named("vm")).assemble();
        assertThat(vm.vcpuCount()).isEqualTo(4);
    }

    @Test
    void aNoFitThrowsWithEveryNodesReason() {
        PlacementResult result = tooBig();
        assertThat(result.fits()).isFalse();
        assertThat(result.placement()).isEmpty();
        assertThat(result.map(Placement::hostNodes)).isEmpty();
        NoFit noFit = (NoFit) result;
        assertThat(noFit.reasons()).isNotEmpty();
        assertThatThrownBy(result::orElseThrow).isInstanceOfSatisfying(NoFitException.class, e -> {
            assertThat(e.noFit()).isSameAs(noFit);
            for (Rejection r : noFit.reasons()) {
                assertThat(e.getMessage()).contains(r.toString());
            }
        }).hasMessageStartingWith("the request fits nowhere on the host:\n  ");
    }

    @Test
    void theMessageOfANoFitWithoutReasonsSaysSoPlainly() {
        NoFit empty = new NoFit(List.of());
        assertThatThrownBy(empty::orElseThrow).isInstanceOf(NoFitException.class)
                .hasMessage("the request fits nowhere on the host");
        NoFit one = new NoFit(List.of(new Rejection(1, "NOT_ENOUGH_CPUS", "needs 40 CPUs, has 32")));
        assertThatThrownBy(one::orElseThrow)
                .hasMessage("the request fits nowhere on the host:\n  node 1: NOT_ENOUGH_CPUS: needs 40 CPUs, has 32");
        assertThatThrownBy(() -> new NoFitException(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void mapRefusesANullFunction() {
        assertThatThrownBy(() -> fitting().map(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> tooBig().map(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theCallersOfTheReadmeReadWithoutInstanceof() {
        Optional<CpuSet> emulator = fitting().map(Placement::emulatorPin);
        assertThat(emulator).isPresent();
        assertThat(tooBig().map(Placement::emulatorPin).orElse(CpuSet.empty())).isEqualTo(CpuSet.empty());
    }
}
