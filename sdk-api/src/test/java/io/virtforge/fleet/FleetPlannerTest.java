package io.virtforge.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.plan.PlacementRequest;
import io.virtforge.plan.Planner;
import io.virtforge.value.DataSize;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FleetPlannerTest {
    private final FleetPlanner pack = FleetPlanner.create(HostWeigher.PACK);
    private final FleetPlanner spread = FleetPlanner.create(HostWeigher.SPREAD);

    private final Fleet fleet = Fleet.builder()
            .host("big", Hosts.host(8, 2048), "ssd", "gpu")
            .host("small", Hosts.host(4, 2048), "ssd")
            .host("tiny", Hosts.host(2, 512))
            .build();

    private String chosen(FleetPlanner p, FleetConstraints c) {
        return p.plan(Hosts.small(), c, fleet).chosen().orElseThrow().hostId();
    }

    @Test
    void packTakesTheFullestHostThatFitsAndSpreadTheEmptiest() {
        assertThat(chosen(pack, FleetConstraints.none())).isEqualTo("tiny");
        assertThat(chosen(spread, FleetConstraints.none())).isEqualTo("big");
    }

    @Test
    void theChosenPlacementIsTheSingleHostPlannersAndCarriesTheGeneration() {
        FleetPlacement p = pack.plan(Hosts.small(), FleetConstraints.none(), fleet).chosen().orElseThrow();
        FleetHost tiny = fleet.host("tiny").orElseThrow();
        assertThat(p.placement()).isEqualTo(Planner.create().plan(Hosts.small(), tiny.state()).orElseThrow());
        assertThat(p.generation()).isEqualTo(tiny.generation());
    }

    @Test
    void tiesGoByFreeHugePagesThenById() {
        Fleet f = Fleet.builder().host("b", Hosts.host(4, 1024)).host("a", Hosts.host(4, 1024))
                .host("c", Hosts.host(4, 4096)).build();
        assertThat(pack.plan(Hosts.small(), FleetConstraints.none(), f).chosen().orElseThrow().hostId()).isEqualTo("a");
        assertThat(spread.plan(Hosts.small(), FleetConstraints.none(), f).chosen().orElseThrow().hostId())
                .isEqualTo("c");
    }

    @Test
    void requiredLabels() {
        assertThat(chosen(pack, FleetConstraints.builder().requireLabel("ssd").build())).isEqualTo("small");
        assertThat(chosen(pack, FleetConstraints.builder().requireLabel("ssd").requireLabel("gpu").build()))
                .isEqualTo("big");
        FleetNoFit none = pack.plan(Hosts.small(), FleetConstraints.builder().requireLabel("fpga").build(), fleet)
                .noFit().orElseThrow();
        assertThat(none.rejectedHosts()).containsExactly(java.util.Map.entry(FleetConstraints.MISSING_LABEL, 3));
    }

    @Test
    void avoid() {
        assertThat(chosen(pack, FleetConstraints.builder().avoid("tiny").build())).isEqualTo("small");
        assertThat(chosen(spread, FleetConstraints.builder().avoid("big").avoid("nowhere").build())).isEqualTo("small");
    }

    @Test
    void antiAffinityKeepsAwayFromTheGroupsHosts() {
        FleetConstraints c = FleetConstraints.builder().antiAffinity(Set.of("tiny", "small")).build();
        assertThat(chosen(pack, c)).isEqualTo("big");
        FleetNoFit all = pack.plan(Hosts.small(), FleetConstraints.builder()
                .antiAffinity(Set.of("tiny", "small", "big")).build(), fleet).noFit().orElseThrow();
        assertThat(all.count(FleetConstraints.ANTI_AFFINITY)).isEqualTo(3);
    }

    @Test
    void affinityStaysOnTheGroupsHostsAndAFirstMemberGoesAnywhere() {
        assertThat(chosen(pack, FleetConstraints.builder().affinity(Set.of("big", "small")).build()))
                .isEqualTo("small");
        assertThat(chosen(pack, FleetConstraints.builder().affinity(Set.of()).build())).isEqualTo("tiny");
        FleetNoFit full = pack.plan(PlacementRequest.builder(6, DataSize.gib(1)).build(),
                FleetConstraints.builder().affinity(Set.of("small", "tiny")).build(), fleet).noFit().orElseThrow();
        assertThat(full.count(FleetConstraints.AFFINITY)).isEqualTo(1);
        assertThat(full.count("NOT_ENOUGH_CPUS")).isEqualTo(2);
    }

    @Test
    void aHostCountsOnceUnderItsFirstReason() {
        FleetConstraints c = FleetConstraints.builder().avoid("big").requireLabel("ssd").build();
        FleetNoFit n = pack.plan(PlacementRequest.builder(6, DataSize.gib(1)).build(), c, fleet).noFit().orElseThrow();
        assertThat(n.count(FleetConstraints.AVOIDED)).isEqualTo(1);        // big: avoided before its labels count
        assertThat(n.count(FleetConstraints.MISSING_LABEL)).isEqualTo(1);  // tiny
        assertThat(n.count("NOT_ENOUGH_CPUS")).isEqualTo(1);                // small: 4 CPUs for 6 vCPUs
        assertThat(n.total()).isEqualTo(3);
    }

    @Test
    void theBoundAndThePlannerNameWhatIsShort() {
        // 5 GiB of 2 MiB pages is 2560 pages: the hosts have 512, 2048 and 2048
        FleetNoFit pages = pack.plan(PlacementRequest.builder(2, DataSize.gib(5)).pageSize(io.virtforge.value.PageSize.MIB_2)
                .build(), FleetConstraints.none(), fleet).noFit().orElseThrow();
        assertThat(pages.rejectedHosts()).containsExactly(java.util.Map.entry("NOT_ENOUGH_HUGEPAGES", 3));
        // 4 vCPUs and an isolated emulator need 5 free CPUs: small has 4, tiny 2
        FleetNoFit cpus = pack.plan(PlacementRequest.builder(4, DataSize.gib(1))
                .emulatorPolicy(io.virtforge.plan.EmulatorPolicy.ISOLATE).build(),
                FleetConstraints.builder().avoid("big").build(), fleet).noFit().orElseThrow();
        assertThat(cpus.count("NOT_ENOUGH_CPUS")).isEqualTo(2);
    }

    @Test
    void anEmptyFleetFitsNothing() {
        FleetResult r = pack.plan(Hosts.small(), FleetConstraints.none(), Fleet.empty());
        assertThat(r.fits()).isFalse();
        assertThat(r.noFit().orElseThrow().total()).isZero();
    }

    @Test
    void aCustomWeigher() {
        // prefers the host with the most labels
        HostWeigher<Integer> labels = (host, placement) -> -host.labels().size();
        assertThat(FleetPlanner.create(labels).plan(Hosts.small(), FleetConstraints.none(), fleet).chosen()
                .orElseThrow().hostId()).isEqualTo("big");
    }
}
