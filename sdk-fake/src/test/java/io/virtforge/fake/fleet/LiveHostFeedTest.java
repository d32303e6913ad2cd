package io.virtforge.fake.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.build.DomainBuilder;
import io.virtforge.connect.DefineOptions;
import io.virtforge.connect.VirtDomain;
import io.virtforge.connect.VirtException;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fake.libvirt.FakeVirtConnection;
import io.virtforge.fleet.Claim;
import io.virtforge.fleet.ClaimConflictException;
import io.virtforge.fleet.Fleet;
import io.virtforge.fleet.FleetConstraints;
import io.virtforge.fleet.FleetHost;
import io.virtforge.fleet.FleetPlacement;
import io.virtforge.fleet.FleetPlanner;
import io.virtforge.fleet.HostWeigher;
import io.virtforge.fleet.InMemoryClaimStore;
import io.virtforge.fleet.LiveHostFeed;
import io.virtforge.model.Domain;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.topology.HostState;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveHostFeedTest {
    private static final PlacementRequest REQUEST = PlacementRequest.builder(4, DataSize.gib(4))
            .pageSize(PageSize.MIB_2).build();
    private final FakeVirtConnection conn = Fixtures.get(Fixtures.XEON_2S).connect();
    private final InMemoryClaimStore store = new InMemoryClaimStore(Fleet.empty());
    private final FleetPlanner planner = FleetPlanner.create(HostWeigher.PACK);
    private final LiveHostFeed feed = LiveHostFeed.start(store, "xeon", conn, Set.of("rack1"));

    @AfterEach
    void close() {
        feed.close();
        conn.close();
    }

    private FleetHost host() {
        conn.awaitEvents();
        feed.sync();
        return store.fleet().host("xeon").orElseThrow();
    }

    private VirtDomain startPlaced(String name) {
        FleetPlacement p = planner.plan(REQUEST, FleetConstraints.none(), store.fleet()).chosen().orElseThrow();
        Domain domain = p.placement().applyTo(DomainBuilder.named(name)).buildFor(host().state());
        VirtDomain d = conn.define(domain, DefineOptions.DEFAULT);
        d.start();
        return d;
    }

    /** What a full read of the host says, in the terms the planner uses. */
    private static void assertSameAsAFullRead(HostState fed, HostState full) {
        assertThat(fed.domains()).extracting(Domain::name).containsExactlyInAnyOrderElementsOf(
                full.domains().stream().map(Domain::name).toList());
        assertThat(fed.pinnedCpus()).isEqualTo(full.pinnedCpus());
        for (int node = 0; node < 2; node++) {
            assertThat(fed.freeHugePages(node, PageSize.MIB_2)).as("node %d", node)
                    .isEqualTo(full.freeHugePages(node, PageSize.MIB_2));
        }
    }

    @Test
    void theHostIsReadOnceWithItsLabels() {
        FleetHost h = host();
        assertThat(h.labels()).containsExactly("rack1");
        assertThat(h.state().domains()).isEmpty();
        assertSameAsAFullRead(h.state(), conn.hostState());
    }

    @Test
    void startsAndStopsChangeOnlyTheirDomainWithoutReadingTheWholeHost() {
        long before = host().generation();
        // a full read from now on fails: the feed must not need one
        conn.faults().failNext("hostState", new VirtException("no full read expected", 1, 1, "test"));
        VirtDomain one = startPlaced("one");
        FleetHost h = host();
        assertThat(h.generation()).isNotEqualTo(before);
        assertThat(h.state().domains()).extracting(Domain::name).containsExactly("one");
        assertThatThrownBy(conn::hostState).hasMessageContaining("no full read expected"); // still armed
        assertSameAsAFullRead(h.state(), conn.hostState());

        VirtDomain two = startPlaced("two");
        one.destroy();
        h = host();
        assertThat(h.state().domains()).extracting(Domain::name).containsExactly("two");
        assertSameAsAFullRead(h.state(), conn.hostState());
        two.destroy();
        assertSameAsAFullRead(host().state(), conn.hostState());
        assertThat(feed.eventsApplied()).isPositive();
    }

    @Test
    void aPlanMadeBeforeAStartConflictsAfterIt() {
        FleetPlacement early = planner.plan(REQUEST, FleetConstraints.none(), store.fleet()).chosen().orElseThrow();
        startPlaced("other");
        host();
        assertThatThrownBy(() -> store.claim("xeon", early.generation(), early.placement(), "late"))
                .isInstanceOf(ClaimConflictException.class);
    }

    @Test
    void aClaimedDomainCountsOnceBeforeAndAfterItStarts() {
        FleetPlacement p = planner.plan(REQUEST, FleetConstraints.none(), store.fleet()).chosen().orElseThrow();
        Claim claim = store.claim("xeon", p.generation(), p.placement(), "vm1");
        long freeClaimed = host().state().freeHugePages(p.placement().cells().get(0).hostNode(), PageSize.MIB_2);

        VirtDomain vm = conn.define(p.placement().applyTo(DomainBuilder.named("vm1")).buildFor(host().state()),
                DefineOptions.DEFAULT);
        store.confirm(claim.id());
        vm.start();
        FleetHost h = host();
        assertThat(h.state().domains()).extracting(Domain::name).containsExactly("vm1");
        assertThat(h.state().freeHugePages(p.placement().cells().get(0).hostNode(), PageSize.MIB_2))
                .isEqualTo(freeClaimed);
        // stopped, the domain keeps its resources through its confirmed claim
        vm.destroy();
        assertThat(host().state().domains()).extracting(Domain::name).containsExactly("vm1");
        store.release(claim.id());
        assertThat(host().state().domains()).isEmpty();
    }

    @Test
    void refreshReadsTheWholeHostAgain() {
        startPlaced("one");
        host();
        conn.faults().failNext("hostState", new VirtException("host unreadable", 1, 1, "test"));
        assertThatThrownBy(feed::refresh).hasMessageContaining("host unreadable");
        assertThat(host().state().domains()).extracting(Domain::name).containsExactly("one"); // kept as last read
        feed.refresh();
        assertSameAsAFullRead(host().state(), conn.hostState());
    }
}
