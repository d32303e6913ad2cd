package io.virtforge.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.build.DomainBuilder;
import io.virtforge.plan.MdevChoice;
import io.virtforge.plan.MdevRequest;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.topology.MdevInstance;
import io.virtforge.topology.MdevParent;
import io.virtforge.topology.MdevType;
import io.virtforge.value.DataSize;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import io.virtforge.plan.Placement;
import io.virtforge.plan.Planner;
import io.virtforge.testing.MutableClock;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.HugePagePool;
import io.virtforge.value.PageSize;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ClaimStore} does: the in-memory store and the JDBC one run these same tests.
 * Implementations give a fresh store over a fleet, with a claim timeout and a clock the tests move.
 */
public abstract class ClaimStoreContract {
    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private final FleetPlanner planner = FleetPlanner.create(HostWeigher.PACK);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    /** A new store over the fleet, without claims. */
    protected abstract ClaimStore newStore(Fleet fleet, Duration timeout, Clock clock);

    private ClaimStore store(Fleet fleet) {
        return newStore(fleet, TIMEOUT, clock);
    }

    private FleetPlacement plan(ClaimStore store) {
        return planner.plan(Hosts.small(), FleetConstraints.none(), store.fleet()).chosen().orElseThrow();
    }

    private static Claim claim(ClaimStore store, FleetPlacement p, String name) {
        return store.claim(p.hostId(), p.generation(), p.placement(), name);
    }

    private static long generation(ClaimStore store, String host) {
        return store.fleet().host(host).orElseThrow().generation();
    }

    @Test
    void aClaimTakesItsResourcesFromTheNextPlan() {
        ClaimStore store = store(Fleet.builder().host("a", Hosts.host(4, 1024)).build());
        FleetPlacement first = plan(store);
        Claim claim = claim(store, first, "vm1");

        FleetHost a = store.fleet().host("a").orElseThrow();
        assertThat(claim.generation()).isEqualTo(a.generation()).isNotEqualTo(first.generation());
        assertThat(claim.domainName()).isEqualTo("vm1");
        assertThat(claim.expiresAt()).isEqualTo(clock.instant().plus(TIMEOUT));
        assertThat(a.state().domains()).extracting(d -> d.name()).containsExactly("vm1");
        FleetPlacement second = plan(store);
        assertThat(second.placement().vcpuPins().values()).doesNotContainAnyElementsOf(
                first.placement().vcpuPins().values());
        claim(store, second, "vm2");
        // 4 CPUs and 1024 pages: two claims of 2 vCPUs and 512 pages fill the host
        assertThat(planner.plan(Hosts.small(), FleetConstraints.none(), store.fleet()).fits()).isFalse();
    }

    @Test
    void aClaimOnAMovedGenerationConflicts() {
        ClaimStore store = store(Fleet.builder().host("a", Hosts.host(8, 4096)).build());
        FleetPlacement p = plan(store);
        claim(store, p, "vm1");
        assertThatThrownBy(() -> claim(store, p, "vm2"))
                .isInstanceOfSatisfying(ClaimConflictException.class, e -> {
                    assertThat(e.hostId()).isEqualTo("a");
                    assertThat(e.expectedGeneration()).isEqualTo(p.generation());
                    assertThat(e.actualGeneration()).isEqualTo(OptionalLong.of(generation(store, "a")));
                });
        assertThatThrownBy(() -> store.claim("gone", 1, p.placement(), "vm3"))
                .isInstanceOfSatisfying(ClaimConflictException.class,
                        e -> assertThat(e.actualGeneration()).isEmpty());
    }

    @Test
    void aSecondClaimForTheSameDomainNameIsRefused() {
        ClaimStore store = store(Fleet.builder().host("a", Hosts.host(8, 4096)).build());
        claim(store, plan(store), "vm1");
        FleetPlacement again = plan(store);
        assertThatThrownBy(() -> claim(store, again, "vm1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vm1");
        assertThat(generation(store, "a")).isEqualTo(again.generation());
    }

    @Test
    void releaseGivesTheResourcesBackAndConfirmKeepsThemUntilReleased() {
        ClaimStore store = store(Fleet.builder().host("a", Hosts.host(4, 1024)).build());
        FleetPlacement p = plan(store);
        Claim kept = claim(store, p, "kept");
        FleetPlacement q = plan(store);
        Claim dropped = claim(store, q, "dropped");

        store.confirm(kept.id());
        long before = generation(store, "a");
        store.release(dropped.id());
        FleetHost a = store.fleet().host("a").orElseThrow();
        assertThat(a.generation()).isNotEqualTo(before);
        assertThat(a.state().domains()).extracting(d -> d.name()).containsExactly("kept");
        assertThat(plan(store).placement()).isEqualTo(q.placement());

        assertThatThrownBy(() -> store.release(dropped.id())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.confirm(kept.id())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.release(999)).isInstanceOf(IllegalStateException.class);

        clock.advance(TIMEOUT.multipliedBy(2)); // a confirmed claim does not expire
        assertThat(store.expireDue()).isZero();
        store.release(kept.id()); // the domain was deleted
        assertThat(store.fleet().host("a").orElseThrow().state().domains()).isEmpty();
    }

    @Test
    void aPendingClaimExpiresAndCannotBeConfirmedAfter() {
        ClaimStore store = store(Fleet.builder().host("a", Hosts.host(4, 1024)).build());
        Claim early = claim(store, plan(store), "early");
        clock.advance(TIMEOUT.dividedBy(2));
        Claim late = claim(store, plan(store), "late");
        clock.advance(TIMEOUT.dividedBy(2));

        // the first is due: the next plan sees its resources free again, the second still holds its own
        assertThat(store.fleet().host("a").orElseThrow().state().domains()).extracting(d -> d.name())
                .containsExactly("late");
        assertThatThrownBy(() -> store.confirm(early.id())).isInstanceOfSatisfying(ClaimExpiredException.class,
                e -> assertThat(e.expiredAt()).isEqualTo(early.expiresAt()));
        assertThatThrownBy(() -> store.release(early.id())).isInstanceOf(IllegalStateException.class);
        store.confirm(late.id());
        clock.advance(TIMEOUT);
        assertThat(store.expireDue()).isZero();
        assertThat(store.fleet().host("a").orElseThrow().state().domains()).extracting(d -> d.name())
                .containsExactly("late");
    }

    @Test
    void expireDueCountsTheClaimsItExpires() {
        ClaimStore store = store(Fleet.builder().host("a", Hosts.host(8, 4096)).host("b", Hosts.host(8, 4096)).build());
        claim(store, plan(store), "one");
        claim(store, plan(store), "two");
        assertThat(store.expireDue()).isZero();
        clock.advance(TIMEOUT);
        assertThat(store.expireDue()).isEqualTo(2);
        assertThat(store.fleet().all()).allSatisfy(h -> assertThat(h.state().domains()).isEmpty());
    }

    @Test
    void anInventoryUpdateHoldingTheDefinedDomainCountsItOnce() {
        HostState empty = Hosts.host(4, 1024);
        ClaimStore store = store(Fleet.builder().host("a", empty).build());
        FleetPlacement p = plan(store);
        Claim c = claim(store, p, "vm1");
        store.confirm(c.id());
        long before = generation(store, "a");

        // the inventory now reads the host with the defined domain (under its own name)
        HostState defined = empty.with(p.placement().applyTo(DomainBuilder.named("vm1")).assemble());
        store.putHost(FleetHost.of("a", defined));
        FleetHost a = store.fleet().host("a").orElseThrow();
        assertThat(a.generation()).isNotEqualTo(before);
        assertThat(a.state().domains()).extracting(d -> d.name()).containsExactly("vm1");
        // another domain defined behind the store's back takes the rest of the host
        HostState full = defined.with(Planner.create().plan(Hosts.small(), defined).orElseThrow()
                .applyTo(DomainBuilder.named("other")).assemble());
        store.putHost(FleetHost.of("a", full));
        assertThat(planner.plan(Hosts.small(), FleetConstraints.none(), store.fleet()).fits()).isFalse();
    }

    @Test
    void anInventoryUpdateWithoutTheClaimedDomainKeepsThePlaceholder() {
        ClaimStore store = store(Fleet.builder().host("a", Hosts.host(4, 1024)).build());
        claim(store, plan(store), "vm1");
        store.putHost(FleetHost.of("a", Hosts.host(4, 1024), "gpu"));
        FleetHost a = store.fleet().host("a").orElseThrow();
        assertThat(a.labels()).containsExactly("gpu");
        assertThat(a.state().domains()).extracting(d -> d.name()).containsExactly("vm1");
    }

    @Test
    void hostsComeAndGo() {
        ClaimStore store = store(Fleet.builder().host("a", Hosts.host(4, 1024)).build());
        FleetPlacement p = plan(store);
        store.putHost(FleetHost.of("b", Hosts.host(4, 1024)));
        assertThat(store.fleet().hosts()).containsOnlyKeys("a", "b");
        store.removeHost("a");
        assertThat(store.fleet().hosts()).containsOnlyKeys("b");
        assertThatThrownBy(() -> claim(store, p, "vm1")).isInstanceOf(ClaimConflictException.class);
    }

    @Test
    void poolsWithALiveFreeCountLoseTheClaimedPagesAndGetThemBack() {
        HostTopology live = Hosts.host(4, 1024).topology().toBuilder()
                .hugePages(0, HugePagePool.of(PageSize.MIB_2, 1024, 1000)).build();
        ClaimStore store = store(Fleet.builder().host("a", HostState.of(live)).build());
        Placement p = Planner.create().plan(Hosts.small(), HostState.of(live)).orElseThrow();
        Claim c = store.claim("a", generation(store, "a"), p, "vm1");
        assertThat(store.fleet().host("a").orElseThrow().state().freeHugePages(0, PageSize.MIB_2)).isEqualTo(488);
        store.release(c.id());
        assertThat(store.fleet().host("a").orElseThrow().state().freeHugePages(0, PageSize.MIB_2)).isEqualTo(1000);
    }

    // ---- mediated devices: an instance a claim is to create counts as taken until the host shows it

    private static final String GPU = "0000:31:00.0";
    private static final String VGPU = "nvidia-588";

    /** A host of 8 CPUs whose GPU offers {@code available} more instances of {@link #VGPU}. */
    private static HostState gpuHost(int available) {
        HostState h = Hosts.host(8, 4096);
        return HostState.of(h.topology().toBuilder().mdevParent(new MdevParent(GPU, OptionalInt.of(0), List.of(
                new MdevType(VGPU, Optional.of("NVIDIA A10-4Q"), Optional.empty(), "vfio-pci", available)))).build());
    }

    private static PlacementRequest withVgpu() {
        return PlacementRequest.builder(1, DataSize.gib(1)).pageSize(PageSize.MIB_2).mdev(MdevRequest.of(VGPU)).build();
    }

    private Optional<FleetPlacement> planVgpu(ClaimStore store) {
        return planner.plan(withVgpu(), FleetConstraints.none(), store.fleet()).chosen();
    }

    @Test
    void twoClaimsNeverTakeTheLastMdevInstanceTwice() {
        ClaimStore store = store(Fleet.builder().host("a", gpuHost(1)).build());
        FleetPlacement first = planVgpu(store).orElseThrow();
        FleetPlacement raced = planVgpu(store).orElseThrow(); // a second scheduler, same generation
        claim(store, first, "vm1");
        assertThatThrownBy(() -> claim(store, raced, "vm2")).isInstanceOf(ClaimConflictException.class);
        // planned again on the claimed host: the only instance is the first claim's
        assertThat(planVgpu(store)).isEmpty();
        HostState a = store.fleet().host("a").orElseThrow().state();
        MdevChoice made = first.placement().mdevs().get(0);
        assertThat(a.topology().mdevParent(GPU).orElseThrow().type(VGPU).orElseThrow().availableInstances()).isZero();
        assertThat(a.topology().mdevInstance(made.uuid())).contains(
                new MdevInstance(made.uuid(), VGPU, GPU, OptionalInt.of(0)));
    }

    @Test
    void eachClaimCountsItsOwnInstanceAndReleaseGivesItBack() {
        ClaimStore store = store(Fleet.builder().host("a", gpuHost(2)).build());
        Set<UUID> taken = new HashSet<>();
        Claim one = claim(store, planVgpu(store).orElseThrow(), "vm1");
        taken.add(one.placement().mdevs().get(0).uuid());
        Claim two = claim(store, planVgpu(store).orElseThrow(), "vm2");
        assertThat(taken.add(two.placement().mdevs().get(0).uuid())).as("a distinct instance").isTrue();
        assertThat(planVgpu(store)).isEmpty();
        store.release(one.id());
        FleetPlacement again = planVgpu(store).orElseThrow();
        assertThat(again.placement().mdevs().get(0).uuid()).isNotEqualTo(two.placement().mdevs().get(0).uuid());
    }

    @Test
    void anInventoryUpdateShowingTheCreatedInstanceCountsItOnce() {
        ClaimStore store = store(Fleet.builder().host("a", gpuHost(2)).build());
        Claim c = claim(store, planVgpu(store).orElseThrow(), "vm1");
        MdevChoice made = c.placement().mdevs().get(0);
        // the scheduler created the instance: the host now shows it, and one instance fewer available
        HostState created = HostState.of(gpuHost(1).topology().toBuilder()
                .mdevInstance(new MdevInstance(made.uuid(), VGPU, GPU, OptionalInt.of(0))).build());
        store.putHost(FleetHost.of("a", created));
        HostState a = store.fleet().host("a").orElseThrow().state();
        assertThat(a.topology().mdevParent(GPU).orElseThrow().type(VGPU).orElseThrow().availableInstances()).isOne();
        FleetPlacement next = planVgpu(store).orElseThrow();
        assertThat(next.placement().mdevs().get(0).uuid()).isNotEqualTo(made.uuid());
        claim(store, next, "vm2");
        assertThat(planVgpu(store)).isEmpty();
    }
}
