package io.virtforge.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.plan.Placement;
import io.virtforge.plan.Planner;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.HugePagePool;
import io.virtforge.value.PageSize;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class InMemoryClaimStoreTest {
    private final FleetPlanner planner = FleetPlanner.create(HostWeigher.PACK);

    private FleetPlacement plan(ClaimStore store) {
        return planner.plan(Hosts.small(), FleetConstraints.none(), store.fleet()).chosen().orElseThrow();
    }

    @Test
    void aClaimTakesItsResourcesFromTheNextPlan() {
        ClaimStore store = new InMemoryClaimStore(Fleet.builder().host("a", Hosts.host(4, 1024)).build());
        FleetPlacement first = plan(store);
        Claim claim = store.claim("a", first.generation(), first.placement());

        FleetHost a = store.fleet().host("a").orElseThrow();
        assertThat(claim.generation()).isEqualTo(a.generation()).isGreaterThan(first.generation());
        assertThat(a.state().domains()).extracting(d -> d.name()).containsExactly(claim.domainName());
        FleetPlacement second = plan(store);
        assertThat(second.placement().vcpuPins().values()).doesNotContainAnyElementsOf(
                first.placement().vcpuPins().values());
        store.claim("a", second.generation(), second.placement());
        // 4 CPUs and 1024 pages: two claims of 2 vCPUs and 512 pages fill the host
        assertThat(planner.plan(Hosts.small(), FleetConstraints.none(), store.fleet()).fits()).isFalse();
    }

    @Test
    void aClaimOnAMovedGenerationConflicts() {
        ClaimStore store = new InMemoryClaimStore(Fleet.builder().host("a", Hosts.host(8, 4096)).build());
        FleetPlacement p = plan(store);
        store.claim("a", p.generation(), p.placement());
        assertThatThrownBy(() -> store.claim("a", p.generation(), p.placement()))
                .isInstanceOfSatisfying(ClaimConflictException.class, e -> {
                    assertThat(e.hostId()).isEqualTo("a");
                    assertThat(e.expectedGeneration()).isEqualTo(p.generation());
                    assertThat(e.actualGeneration()).isEqualTo(
                            OptionalLong.of(store.fleet().host("a").orElseThrow().generation()));
                });
        assertThatThrownBy(() -> store.claim("gone", 1, p.placement()))
                .isInstanceOfSatisfying(ClaimConflictException.class,
                        e -> assertThat(e.actualGeneration()).isEmpty());
    }

    @Test
    void releaseGivesTheResourcesBackAndConfirmKeepsThem() {
        InMemoryClaimStore store = new InMemoryClaimStore(Fleet.builder().host("a", Hosts.host(4, 1024)).build());
        FleetPlacement p = plan(store);
        Claim kept = store.claim("a", p.generation(), p.placement());
        FleetPlacement q = plan(store);
        Claim dropped = store.claim("a", q.generation(), q.placement());
        assertThat(store.pendingCount()).isEqualTo(2);

        store.confirm(kept.id());
        long before = store.fleet().host("a").orElseThrow().generation();
        store.release(dropped.id());
        FleetHost a = store.fleet().host("a").orElseThrow();
        assertThat(a.generation()).isGreaterThan(before);
        assertThat(a.state().domains()).extracting(d -> d.name()).containsExactly(kept.domainName());
        assertThat(store.pendingCount()).isZero();
        assertThat(plan(store).placement()).isEqualTo(q.placement());

        assertThatThrownBy(() -> store.release(dropped.id())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.confirm(kept.id())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.release(999)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void poolsWithALiveFreeCountLoseTheClaimedPagesAndGetThemBack() {
        HostState counted = Hosts.host(4, 1024);
        HostTopology live = counted.topology().toBuilder()
                .hugePages(0, HugePagePool.of(PageSize.MIB_2, 1024, 1000)).build();
        InMemoryClaimStore store = new InMemoryClaimStore(Fleet.builder().host("a", HostState.of(live)).build());
        Placement p = Planner.create().plan(Hosts.small(), HostState.of(live)).orElseThrow();
        Claim c = store.claim("a", store.fleet().host("a").orElseThrow().generation(), p);
        assertThat(store.fleet().host("a").orElseThrow().state().freeHugePages(0, PageSize.MIB_2)).isEqualTo(488);
        store.release(c.id());
        assertThat(store.fleet().host("a").orElseThrow().state().freeHugePages(0, PageSize.MIB_2)).isEqualTo(1000);
    }
}
