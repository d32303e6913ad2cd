package io.virtforge.plan;

import io.virtforge.check.ValidationOptions;
import io.virtforge.check.Profile;
import io.virtforge.check.OvercommitProfile;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.build.DomainBuilder;
import io.virtforge.check.Finding;
import io.virtforge.check.Report;
import io.virtforge.check.Severity;
import io.virtforge.check.Validator;
import io.virtforge.model.Domain;
import io.virtforge.testing.SeedPrograms;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.HugePagePool;
import io.virtforge.topology.PciDevice;
import io.virtforge.topology.SyntheticHost;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private final Planner planner = Planner.create();

    /** 2 sockets x 16 cores x 2 threads, 64 GiB and 10,000 free 2 MiB pages per node. */
    static HostTopology xeon() {
        return SyntheticHost.of(2, 1, 16, 2, DataSize.gib(64), 10_000).build();
    }

    static Report errorsOf(Placement p, String name, HostState state) {
        Domain d = p.applyTo(DomainBuilder.named(name)).assemble();
        return Validator.standard().validate(d, state);
    }

    @Test
    void theSeedsInputsLandOnNodeZeroAvoidingPinnedCpus() {
        // another domain already pins CPUs 2-9 (the seed's hard-coded guess) on node 0
        HostState state = HostState.of(xeon(), List.of(SeedPrograms.highPerfVm().name("existing").build()));
        PlacementRequest seed = PlacementRequest.builder(8, DataSize.gib(16)).pageSize(PageSize.MIB_2)
                .allowedNodes(NodeSet.of(0)).iothreads(1).reservedCpus(CpuSet.range(0, 1)).build();
        PlacementResult result = planner.plan(seed, state);
        assertThat(result.fits()).as(result.toString()).isTrue();
        Placement p = (Placement) result;
        assertThat(p.hostNodes()).isEqualTo(NodeSet.of(0));
        CpuSet pinned = CpuSet.empty();
        for (CpuSet s : p.vcpuPins().values()) {
            assertThat(s.size()).isEqualTo(1);
            pinned = pinned.union(s);
        }
        assertThat(pinned.size()).isEqualTo(8);
        assertThat(pinned.intersects(CpuSet.range(0, 9))).isFalse(); // not the reserved 0-1, not existing 2-9
        assertThat(state.topology().nodesOf(pinned)).containsExactly(0);
        assertThat(p.emulatorPin()).isEqualTo(CpuSet.range(0, 1));
        assertThat(p.cells().get(0).pageSize()).contains(PageSize.MIB_2);
        assertThat(errorsOf(p, "new", state).errors()).isEmpty();
    }

    @Test
    void preferFillsSiblingThreadsOfOneCoreIsolateTakesWholeCores() {
        HostState state = HostState.of(xeon());
        Placement prefer = (Placement) planner.plan(PlacementRequest.builder(4, DataSize.gib(4)).build(), state);
        assertThat(prefer.vcpuPins().values()).extracting(s -> s.first().getAsInt()).containsExactly(0, 32, 1, 33);
        Placement isolate = (Placement) planner.plan(PlacementRequest.builder(4, DataSize.gib(4))
                .threadPolicy(ThreadPolicy.ISOLATE).build(), state);
        assertThat(isolate.vcpuPins().values()).extracting(s -> s.first().getAsInt()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void twoCellsGoToTwoNodesWithMemnodesAndPagesPerCell() {
        HostState state = HostState.of(xeon());
        Placement p = (Placement) planner.plan(PlacementRequest.builder(8, DataSize.gib(8)).cells(2)
                .pagePolicy(PagePolicy.LARGE).build(), state);
        assertThat(p.cells()).extracting(CellPlacement::hostNode).containsExactlyInAnyOrder(0, 1);
        Domain d = p.applyTo(DomainBuilder.named("two")).build();
        assertThat(d.numatune().orElseThrow().memNodes()).hasSize(2);
        assertThat(Validator.latencySensitive().validate(d, state).findings())
                .extracting(Finding::code).doesNotContain("NUMA_CROSSING", "NUMA_UNBOUND", "GUEST_CELL_SPANS_NODES");
        assertThat(errorsOf(p, "two", state).errors()).isEmpty();
    }

    @Test
    void asFewCellsAsFitSplitsOnlyWhenOneNodeIsTooSmall() {
        HostState state = HostState.of(SyntheticHost.of(2, 1, 4, 1, DataSize.gib(16), 4096).build());
        Placement one = (Placement) planner.plan(PlacementRequest.builder(4, DataSize.gib(4)).build(), state);
        assertThat(one.cells()).hasSize(1);
        Placement two = (Placement) planner.plan(PlacementRequest.builder(6, DataSize.gib(4)).build(), state);
        assertThat(two.cells()).hasSize(2);
        assertThat(two.cells()).extracting(c -> c.guestVcpus().size()).containsExactly(3, 3);
    }

    @Test
    void asymmetricCellsFitWhereTheyFit() {
        // node 0 has 2 free CPUs, node 1 has 6: the big cell must go to node 1 whatever the order of the cells
        HostTopology host = SyntheticHost.of(2, 1, 6, 1, DataSize.gib(16), 4096).build();
        Domain busy = DomainBuilder.named("busy").memory(DataSize.gib(1)).vcpus(4).pinVcpus(CpuSet.range(0, 3))
                .assemble();
        HostState state = HostState.of(host, List.of(busy));
        PlacementRequest r = PlacementRequest.builder(7, DataSize.gib(4))
                .cell(CpuSet.range(0, 5), DataSize.gib(3)).cell(CpuSet.of(6), DataSize.gib(1)).build();
        Placement p = (Placement) planner.plan(r, state);
        assertThat(p.cells()).extracting(CellPlacement::guestCell, CellPlacement::hostNode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 1), org.assertj.core.groups.Tuple.tuple(1, 0));
        assertThat(errorsOf(p, "asym", state).errors()).isEmpty();
    }

    @Test
    void aRequiredDeviceOnAFullNodeGivesNoFitWithAReasonPerNodeQuickly() {
        HostTopology.Builder b = SyntheticHost.of(8, 1, 2, 1, DataSize.gib(16), 4096).iommu(true);
        PciAddress gpu = PciAddress.parse("0000:3b:00.0");
        b.pciDevice(PciDevice.builder(gpu).vendorId(0x10de).deviceId(0x1db4).numaNode(7).iommuGroup(30).build());
        Domain filler = DomainBuilder.named("filler").memory(DataSize.gib(1)).vcpus(2).pinVcpus(CpuSet.of(14, 15))
                .assemble();
        HostState state = HostState.of(b.build(), List.of(filler));
        PlacementRequest r = PlacementRequest.builder(8, DataSize.gib(8)).cells(4)
                .device(DeviceRequest.ids(0x10de, 0x1db4)).build();
        PlacementResult result = planner.plan(r, state);
        assertThat(result.fits()).isFalse();
        NoFit noFit = (NoFit) result;
        assertThat(noFit.reason(7).orElseThrow().code()).isEqualTo("NOT_ENOUGH_CPUS");
        assertThat(noFit.reason(0).orElseThrow().code()).isEqualTo("NO_COMBINATION");
        assertThat(result.toJson()).startsWith("{\"fit\":false,\"reasons\":[");
        // with node 7 free the device is local to the cell there
        Placement p = (Placement) planner.plan(r, HostState.of(state.topology()));
        assertThat(p.hostNodes().contains(7)).isTrue();
        assertThat(p.devices()).containsExactly(gpu);
        assertThat(errorsOf(p, "gpu", HostState.of(state.topology())).errors()).isEmpty();
    }

    @Test
    void preferredDevicesFallBackToRemoteLegacyAcceptsUnknownNodes() {
        HostTopology.Builder b = SyntheticHost.of(2, 1, 2, 1, DataSize.gib(16), 4096).iommu(true);
        b.pciDevice(PciDevice.builder(PciAddress.parse("0000:5e:00.0")).vendorId(1).deviceId(2).numaNode(1)
                .iommuGroup(5).build());
        Domain filler = DomainBuilder.named("filler").memory(DataSize.gib(1)).vcpus(2).pinVcpus(CpuSet.of(2, 3))
                .assemble();
        HostState state = HostState.of(b.build(), List.of(filler));
        PlacementRequest.Builder r = PlacementRequest.builder(2, DataSize.gib(1)).device(DeviceRequest.ids(1, 2));
        assertThat(planner.plan(r.build(), state).fits()).isFalse();
        Placement p = (Placement) planner.plan(r.deviceAffinity(NumaAffinity.PREFERRED).build(), state);
        assertThat(p.hostNodes()).isEqualTo(NodeSet.of(0));
        Report report = errorsOf(p, "remote", state);
        assertThat(report.errors()).isEmpty();
        assertThat(report.findings("DEVICE_NUMA_REMOTE")).hasSize(1).allMatch(f -> f.severity() == Severity.WARNING);
    }

    @Test
    void isolatedEmulatorGetsItsOwnCpuAndIothreadsFollowIt() {
        HostState state = HostState.of(xeon());
        Placement p = (Placement) planner.plan(PlacementRequest.builder(4, DataSize.gib(4))
                .emulatorPolicy(EmulatorPolicy.ISOLATE).iothreads(2).build(), state);
        assertThat(p.emulatorPin().size()).isEqualTo(1);
        CpuSet vcpuCpus = CpuSet.empty();
        for (CpuSet s : p.vcpuPins().values()) {
            vcpuCpus = vcpuCpus.union(s);
        }
        assertThat(p.emulatorPin().intersects(vcpuCpus)).isFalse();
        assertThat(p.iothreadPins()).containsOnlyKeys(1, 2).containsValue(p.emulatorPin());
        Report report = Validator.latencySensitive().validate(p.applyTo(DomainBuilder.named("iso")).assemble(), state);
        assertThat(report.errors()).isEmpty();
        assertThat(report.has("EMULATOR_PIN_OVERLAP")).isFalse();
    }

    @Test
    void sharedVcpusFloatOverTheNodeWithinTheRatio() {
        HostState state = HostState.of(SyntheticHost.of(1, 1, 2, 1, DataSize.gib(16), 0).build());
        PlacementRequest r = PlacementRequest.builder(4, DataSize.gib(1)).cpuPolicy(CpuPolicy.SHARED)
                .pagePolicy(PagePolicy.SMALL).build();
        assertThat(planner.plan(r, state).fits()).isFalse(); // 4 vCPUs on 2 CPUs at ratio 1
        PlacementRequest r2 = PlacementRequest.builder(4, DataSize.gib(1)).cpuPolicy(CpuPolicy.SHARED)
                .pagePolicy(PagePolicy.SMALL).cpuAllocationRatio(2.0).build();
        Placement p = (Placement) planner.plan(r2, state);
        assertThat(p.vcpuPins().values()).allMatch(s -> s.equals(CpuSet.range(0, 1)));
    }

    @Test
    void hugePagesShortOnEveryNodeIsAReasonPerNode() {
        HostTopology.Builder b = SyntheticHost.of(2, 1, 4, 1, DataSize.gib(16), 0);
        b.hugePages(0, HugePagePool.of(PageSize.MIB_2, 100, 10));
        HostState state = HostState.of(b.build());
        NoFit noFit = (NoFit) planner.plan(PlacementRequest.builder(2, DataSize.gib(1)).pageSize(PageSize.MIB_2)
                .cells(1).build(), state);
        assertThat(noFit.reason(0).orElseThrow().message()).contains("512 pages of 2MiB, 10 free");
        assertThat(noFit.reason(1).orElseThrow().code()).isEqualTo("NOT_ENOUGH_HUGEPAGES");
    }

    @Test
    void deterministicAndJsonShaped() {
        HostState state = HostState.of(xeon());
        PlacementRequest r = PlacementRequest.builder(4, DataSize.gib(4)).cells(2).iothreads(1).build();
        PlacementResult a = planner.plan(r, state);
        PlacementResult b = planner.plan(r, state);
        assertThat(a).isEqualTo(b);
        assertThat(a.toJson()).startsWith("{\"fit\":true,\"cells\":[{\"guestCell\":0,\"hostNode\":")
                .contains("\"vcpuPins\":{\"0\":", "\"memory\":\"2GiB\"", "\"pageSize\":\"2MiB\"", "\"emulatorPin\":",
                        "\"iothreadPins\":{\"1\":", "\"devices\":[]");
    }

    // overcommit profiles: 1 node x 2 cores, no SMT; shared vCPUs float over CPUs 0-1

    private static HostState twoCpus(Domain... others) {
        return HostState.of(SyntheticHost.of(1, 1, 2, 1, DataSize.gib(16), 0).build(), List.of(others));
    }

    private static PlacementRequest.Builder shared(int vcpus) {
        return PlacementRequest.builder(vcpus, DataSize.gib(1)).cpuPolicy(CpuPolicy.SHARED).pagePolicy(PagePolicy.SMALL);
    }

    @Test
    void aRequestsRatioIsHeldToThePlannersProfile() {
        HostState state = twoCpus();
        PlacementRequest asksEight = shared(16).cpuAllocationRatio(8).build();
        NoFit no = (NoFit) planner.plan(asksEight, state);
        assertThat(no.reason(0).orElseThrow().code()).isEqualTo("NOT_ENOUGH_SHARED_CPU");
        assertThat(no.reason(0).orElseThrow().message()).contains("at ratio 2.0:1");
        assertThat(Planner.withProfile(OvercommitProfile.DEV_TEST).plan(asksEight, state).fits()).isTrue();
        assertThat(Planner.withProfile(OvercommitProfile.DEV_TEST).plan(shared(17).cpuAllocationRatio(8).build(), state)
                .fits()).isFalse();
        assertThat(Planner.withProfile(OvercommitProfile.VDI).plan(shared(16).build(), state).fits())
                .as("the request's own, lower ratio still holds").isFalse();
    }

    @Test
    void overcommitSetsTheRequestsRatioToTheProfilesMaximum() {
        assertThat(shared(1).overcommit(OvercommitProfile.VDI).build().cpuAllocationRatio()).isEqualTo(16.0);
        assertThat(shared(1).overcommit(OvercommitProfile.VDI).build().ramAllocationRatio()).isEqualTo(1.0);
        Planner vdi = Planner.withProfile(OvercommitProfile.VDI);
        assertThat(vdi.profile()).isSameAs(OvercommitProfile.VDI);
        assertThat(Planner.create().profile()).isSameAs(OvercommitProfile.PRODUCTION);
        Placement p = (Placement) vdi.plan(shared(32).overcommit(OvercommitProfile.VDI).build(), twoCpus());
        Domain d = p.applyTo(DomainBuilder.named("vdi")).assemble();
        assertThat(Validator.of(Profile.STANDARD, ValidationOptions.of(OvercommitProfile.VDI)).validate(d, twoCpus())
                .errors()).isEmpty();
        assertThat(Validator.standard().validate(d, twoCpus()).findings("OVERCOMMIT")).extracting(Finding::severity)
                .as("the production profile refuses what VDI allows").contains(Severity.ERROR);
    }

    @Test
    void aMixedRequestIsRefusedOnAHostPastTheMaximum() {
        // 1 node x 3 cores; 5 vCPUs float over CPUs 1-2: a mixed guest of 2 would make it 7 on 3 cores, 2.33:1
        DomainBuilder floating = DomainBuilder.named("floating").memory(DataSize.mib(64)).vcpus(5);
        for (int v = 0; v < 5; v++) {
            floating.pinVcpu(v, CpuSet.range(1, 2));
        }
        HostState state = HostState.of(SyntheticHost.of(1, 1, 3, 1, DataSize.gib(16), 0).build(),
                List.of(floating.assemble()));
        PlacementRequest mixed = PlacementRequest.builder(2, DataSize.gib(1)).mixed(CpuSet.of(0)).overcommit(
                OvercommitProfile.DEV_TEST).pagePolicy(PagePolicy.SMALL).build();
        NoFit no = (NoFit) planner.plan(mixed, state);
        assertThat(no.reasons()).extracting(Rejection::code).containsExactly("OVERCOMMIT");
        assertThat(no.reasons().get(0).message()).contains("7 vCPUs on 3 physical cores", "production (1:1 to 2:1)");
        Placement p = (Placement) Planner.withProfile(OvercommitProfile.DEV_TEST).plan(mixed, state);
        assertThat(p.vcpuPins()).containsEntry(0, CpuSet.of(0)).containsEntry(1, CpuSet.range(1, 2));
        Domain d = p.applyTo(DomainBuilder.named("mixed")).assemble();
        assertThat(Validator.of(Profile.STANDARD, ValidationOptions.of(OvercommitProfile.DEV_TEST)).validate(d, state)
                .errors()).isEmpty();
        assertThat(Validator.standard().validate(d, state).findings("OVERCOMMIT")).extracting(Finding::severity)
                .contains(Severity.ERROR);
    }

    @Test
    void aLoneSharedVcpuDoesNotGoOnACpuOthersFloatOver() {
        // a dedicated vCPU on CPU 0 leaves CPU 1, which a floating domain uses: one shared vCPU alone there would
        // read as a dedicated pin on a busy CPU
        Domain other = DomainBuilder.named("other").memory(DataSize.mib(64)).vcpus(3).pinVcpu(0, CpuSet.of(0))
                .pinVcpu(1, CpuSet.of(1)).pinVcpu(2, CpuSet.of(1)).assemble();
        NoFit no = (NoFit) Planner.withProfile(OvercommitProfile.DEV_TEST).plan(shared(1).overcommit(
                OvercommitProfile.DEV_TEST).build(), twoCpus(other));
        assertThat(no.reason(0).orElseThrow().code()).isEqualTo("SHARED_CPU_BUSY");
        assertThat(no.reason(0).orElseThrow().message()).contains("single CPU 1", "other domains' vCPUs use that CPU");
        assertThat(Planner.withProfile(OvercommitProfile.DEV_TEST).plan(shared(2).overcommit(OvercommitProfile.DEV_TEST)
                .build(), twoCpus(other)).fits()).as("two shared vCPUs on one CPU read as shared").isTrue();
    }
}
