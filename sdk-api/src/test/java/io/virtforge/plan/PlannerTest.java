package io.virtforge.plan;

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
}
