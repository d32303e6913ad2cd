package io.virtforge.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.build.DomainBuilder;
import io.virtforge.check.Finding;
import io.virtforge.check.Validator;
import io.virtforge.model.Domain;
import io.virtforge.model.Hostdev;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.MdevInstance;
import io.virtforge.topology.MdevParent;
import io.virtforge.topology.MdevType;
import io.virtforge.topology.SyntheticHost;
import io.virtforge.value.DataSize;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Planning mediated devices on a two-node host, and the random scenarios' coverage of mdev cases. */
class PlannerMdevTest {
    private static final UUID FREE_ON_1 = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final Planner PLANNER = Planner.create();

    private static MdevType type(String id, int available) {
        return new MdevType(id, Optional.of("GRID " + id), Optional.empty(), "vfio-pci", available);
    }

    /** Node 0's GPU has no q1 left; node 1's GPU has one free q1 instance and can create one more. */
    private static HostTopology host() {
        return SyntheticHost.of(2, 1, 4, 1, DataSize.gib(16), 0)
                .mdevParent(new MdevParent("0000:3b:00.0", OptionalInt.of(0), List.of(type("q1", 0), type("q2", 2))))
                .mdevParent(new MdevParent("0000:d8:00.0", OptionalInt.of(1), List.of(type("q1", 1))))
                .mdevInstance(new MdevInstance(FREE_ON_1, "q1", "0000:d8:00.0", OptionalInt.of(1))).build();
    }

    private static PlacementRequest ask(NumaAffinity affinity, String... types) {
        PlacementRequest.Builder b = PlacementRequest.builder(2, DataSize.gib(2)).pagePolicy(PagePolicy.SMALL)
                .deviceAffinity(affinity);
        for (String t : types) {
            b.mdev(MdevRequest.of(t));
        }
        return b.build();
    }

    @Test
    void aFreeInstanceFirstThenOneToCreateOnTheSameNode() {
        Placement p = (Placement) PLANNER.plan(ask(NumaAffinity.REQUIRED, "q1", "q1"), HostState.of(host()));
        assertThat(p.hostNodes().toArray()).containsExactly(1);
        assertThat(p.mdevs()).extracting(MdevChoice::create).containsExactlyInAnyOrder(false, true);
        assertThat(p.mdevs()).extracting(MdevChoice::parent).containsOnly("0000:d8:00.0");
        assertThat(p.mdevs()).extracting(MdevChoice::uuid).contains(FREE_ON_1);
        Domain d = p.applyTo(DomainBuilder.named("vgpu")).assemble();
        assertThat(d.devices().hostdevs()).extracting(h -> h.mdevUuid().orElseThrow())
                .containsExactlyElementsOf(p.mdevs().stream().map(m -> m.uuid().toString()).toList());
        assertThat(p.toJson()).contains("\"mdevs\":[{\"type\":\"q1\",\"parent\":\"0000:d8:00.0\"");
    }

    @Test
    void theSamePlanTwice() {
        assertThat(PLANNER.plan(ask(NumaAffinity.REQUIRED, "q2"), HostState.of(host())))
                .isEqualTo(PLANNER.plan(ask(NumaAffinity.REQUIRED, "q2"), HostState.of(host())));
    }

    @Test
    void aUsedInstanceIsNotFreeAndNoParentCanMakeAThird() {
        Domain user = DomainBuilder.named("user").memory(DataSize.mib(64))
                .device(Hostdev.mdev(FREE_ON_1, "vfio-pci").build()).assemble();
        HostState state = HostState.of(host(), List.of(user));
        Placement one = (Placement) PLANNER.plan(ask(NumaAffinity.REQUIRED, "q1"), state);
        assertThat(one.mdevs().get(0).create()).isTrue();
        PlacementResult none = PLANNER.plan(ask(NumaAffinity.REQUIRED, "q1", "q1"), state);
        assertThat(none.fits()).isFalse();
        assertThat(none.toJson()).contains("NO_COMBINATION").doesNotContain("NO_MDEV");
        assertThat(PLANNER.plan(ask(NumaAffinity.REQUIRED, "q3"), state).toJson()).contains("NO_MDEV");
    }

    @Test
    void requiredAffinityKeepsTheDomainOnTheParentsNode() {
        Placement p = (Placement) PLANNER.plan(ask(NumaAffinity.REQUIRED, "q2"), HostState.of(host()));
        assertThat(p.hostNodes().toArray()).containsExactly(0);
        assertThat(p.mdevs().get(0).parent()).isEqualTo("0000:3b:00.0");
    }

    @Test
    void aBuiltDomainUsingARemoteOrUsedOrMissingInstanceIsReported() {
        Domain user = DomainBuilder.named("user").memory(DataSize.mib(64))
                .device(Hostdev.mdev(FREE_ON_1, "vfio-pci").build()).assemble();
        Domain remote = DomainBuilder.named("remote").memory(DataSize.gib(1)).vcpus(1)
                .pinVcpu(0, io.virtforge.value.CpuSet.of(0)).device(Hostdev.mdev(FREE_ON_1, "vfio-pci").build())
                .device(Hostdev.mdev(UUID.randomUUID(), "vfio-pci").build()).assemble();
        List<Finding> found = Validator.standard().validate(remote, HostState.of(host(), List.of(user))).findings();
        assertThat(found).extracting(Finding::code).contains("MDEV_NUMA_REMOTE", "MDEV_TYPE_UNAVAILABLE",
                "MDEV_MISSING");
        Finding used = found.stream().filter(f -> f.code().equals("MDEV_TYPE_UNAVAILABLE")).findFirst().orElseThrow();
        assertThat(used.message()).contains("used by domain user");
        assertThat(used.hint()).contains("create another instance of q1 on 0000:d8:00.0");
        assertThat(found.stream().filter(f -> f.code().equals("MDEV_NUMA_REMOTE")).findFirst().orElseThrow().path())
                .isEqualTo("/domain/devices/hostdev[1]/source/address");
    }

    @Test
    void instancesOfTwoTypesOnOneParentAreDistinctForPlannerAndOracle() {
        // found by the property: q1 and q2 each created on 0000:60:00.0, one available of each
        RandomScenario s = RandomScenario.withMdevs(99040);
        assertThat(PLANNER.plan(s.request(), s.state()).fits()).isTrue();
        assertThat(new BruteForce(s.state(), s.request()).fits()).isTrue();
    }

    @Test
    void theRandomScenariosCoverEveryMdevOutcome() {
        int fitWithMdevs = 0;
        int created = 0;
        int noFitBecauseOfMdevs = 0;
        for (long seed = 0; seed < 1500; seed++) {
            RandomScenario s = RandomScenario.withMdevs(seed);
            if (s.request().mdevs().isEmpty()) {
                continue;
            }
            PlacementResult result = PLANNER.plan(s.request(), s.state());
            if (result instanceof Placement p) {
                fitWithMdevs++;
                created += p.mdevs().stream().anyMatch(MdevChoice::create) ? 1 : 0;
            } else if (new BruteForce(s.state(), withoutMdevs(s.request())).fits()) {
                noFitBecauseOfMdevs++;
            }
        }
        String counts = fitWithMdevs + " fit, " + created + " creating, " + noFitBecauseOfMdevs + " refused for mdevs";
        assertThat(fitWithMdevs).as(counts).isGreaterThan(30);
        assertThat(created).as(counts).isGreaterThan(20);
        assertThat(noFitBecauseOfMdevs).as(counts).isGreaterThan(30);
    }

    /** The request without its mdevs: same layout rules, so the rest fits or not on its own. */
    private static PlacementRequest withoutMdevs(PlacementRequest r) {
        PlacementRequest.Builder b = PlacementRequest.builder(r.vcpus(), r.memory()).cpuPolicy(r.cpuPolicy())
                .threadPolicy(r.threadPolicy()).emulatorPolicy(r.emulatorPolicy()).iothreads(r.iothreads())
                .deviceAffinity(r.deviceAffinity()).reservedCpus(r.reservedCpus()).strategy(r.strategy())
                .cpuAllocationRatio(r.cpuAllocationRatio()).ramAllocationRatio(r.ramAllocationRatio());
        r.cells().forEach(c -> b.cell(c.vcpus(), c.memory()));
        if (r.cellCount() > 0) {
            b.cells(r.cellCount());
        }
        r.dedicatedMask().ifPresent(b::mixed);
        r.pageSize().ifPresentOrElse(b::pageSize, () -> b.pagePolicy(r.pagePolicy()));
        r.devices().forEach(b::device);
        r.allowedNodes().ifPresent(b::allowedNodes);
        return b.build();
    }
}
