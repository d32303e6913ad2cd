package io.virtforge.testkit.assertions;

import static io.virtforge.testkit.assertions.VirtforgeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.plan.PlacementResult;
import io.virtforge.plan.Planner;
import io.virtforge.topology.HostState;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import org.junit.jupiter.api.Test;

class PlacementAssertTest {
    private final HostState xeon = HostState.of(Fixtures.get(Fixtures.XEON_2S).topology());

    @Test
    void describesAFitAndFailsWithTheResult() {
        PlacementResult r = Planner.create().plan(PlacementRequest.builder(4, DataSize.gib(4))
                .pageSize(PageSize.MIB_2).allowedNodes(NodeSet.of(1)).build(), xeon);
        assertThat(r).fits().usesNodes(NodeSet.of(1)).hasDedicatedVcpus().keepsCellsOnTheirNodes(xeon.topology())
                .usesPages(PageSize.MIB_2).avoidsCpus(CpuSet.range(0, 15));
        assertThatThrownBy(() -> assertThat(r).usesNodes(NodeSet.of(0))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("uses 1");
        assertThatThrownBy(() -> assertThat(r).doesNotFit()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("\"fit\":true");
    }

    @Test
    void describesANoFit() {
        PlacementResult r = Planner.create().plan(PlacementRequest.builder(40, DataSize.gib(4)).cells(1).build(), xeon);
        assertThat(r).doesNotFit().rejects(0, "NOT_ENOUGH_CPUS");
        assertThatThrownBy(() -> assertThat(r).fits()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("NOT_ENOUGH_CPUS");
    }
}
