package io.virtforge.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.plan.Placement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FleetSchedulerTest {
    private final FleetPlanner planner = FleetPlanner.create(HostWeigher.PACK);

    @Test
    void aRequestIsPlannedAndClaimedUntilTheFleetIsFull() {
        InMemoryClaimStore store = new InMemoryClaimStore(Fleet.builder().host("a", Hosts.host(4, 1024))
                .host("b", Hosts.host(2, 512)).build());
        FleetScheduler scheduler = FleetScheduler.of(planner, store);
        List<Claim> claims = List.of(scheduler.schedule(Hosts.small(), FleetConstraints.none(), "vm1"),
                scheduler.schedule(Hosts.small(), FleetConstraints.none(), "vm2"),
                scheduler.schedule(Hosts.small(), FleetConstraints.none(), "vm3"));
        assertThat(claims).extracting(Claim::hostId).containsExactlyInAnyOrder("a", "a", "b");
        assertThat(store.pendingCount()).isEqualTo(3);
        assertThatThrownBy(() -> scheduler.schedule(Hosts.small(), FleetConstraints.none(), "vm4"))
                .isInstanceOfSatisfying(FleetNoFitException.class,
                        e -> assertThat(e.noFit().total()).isEqualTo(2));
    }

    /** A store that loses the first claims to "another scheduler", which takes the host in between. */
    private static final class Contended implements ClaimStore {
        private final InMemoryClaimStore inner;
        private final AtomicInteger lose;

        Contended(InMemoryClaimStore inner, int lose) {
            this.inner = inner;
            this.lose = new AtomicInteger(lose);
        }

        @Override
        public Fleet fleet() {
            return inner.fleet();
        }

        @Override
        public Claim claim(String hostId, long expectedGeneration, Placement placement, String domainName) {
            if (lose.getAndDecrement() > 0) {
                // the rival claims the same placement first: this claim's generation is stale
                inner.claim(hostId, expectedGeneration, placement, "rival-" + lose.get());
            }
            return inner.claim(hostId, expectedGeneration, placement, domainName);
        }

        @Override
        public void confirm(long claimId) {
            inner.confirm(claimId);
        }

        @Override
        public void release(long claimId) {
            inner.release(claimId);
        }

        @Override
        public int expireDue() {
            return inner.expireDue();
        }

        @Override
        public void putHost(FleetHost host) {
            inner.putHost(host);
        }

        @Override
        public void removeHost(String hostId) {
            inner.removeHost(hostId);
        }
    }

    @Test
    void aLostRaceIsPlannedAgainOnTheFreshFleet() {
        InMemoryClaimStore inner = new InMemoryClaimStore(Fleet.builder().host("a", Hosts.host(8, 4096)).build());
        Claim claim = FleetScheduler.of(planner, new Contended(inner, 2))
                .schedule(Hosts.small(), FleetConstraints.none(), "vm1");
        // two rivals won two races; the third plan avoided their CPUs
        assertThat(inner.fleet().host("a").orElseThrow().state().domains()).hasSize(3);
        assertThat(claim.placement().vcpuPins().values()).allSatisfy(cpus ->
                assertThat(inner.fleet().host("a").orElseThrow().state().vcpuPinnedByOther(cpus.first().getAsInt(),
                        "vm1")).isFalse());
    }

    @Test
    void everyAttemptLostGivesTheLastConflict() {
        InMemoryClaimStore inner = new InMemoryClaimStore(Fleet.builder().host("a", Hosts.host(8, 4096)).build());
        FleetScheduler twice = FleetScheduler.of(planner, new Contended(inner, 5)).attempts(2);
        assertThatThrownBy(() -> twice.schedule(Hosts.small(), FleetConstraints.none(), "vm1"))
                .isInstanceOf(ClaimConflictException.class);
        assertThatThrownBy(() -> FleetScheduler.of(planner, inner).attempts(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
