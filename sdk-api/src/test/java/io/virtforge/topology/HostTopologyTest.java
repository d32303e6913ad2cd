package io.virtforge.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HostTopology's invariants and lookups, and SyntheticHost's numbering. */
class HostTopologyTest {
    static final PciAddress NIC = PciAddress.parse("0000:3b:00.0");
    static final PciAddress NIC2 = PciAddress.parse("0000:3b:00.1");
    static final PciAddress GPU = PciAddress.parse("0000:af:00.0");

    static HostTopology twoNodes() {
        return HostTopology.builder()
                .node(0, DataSize.gib(8)).node(1, DataSize.gib(8))
                .cpu(HostCpu.of(0, 0).withTopology(0, 0, 0, CpuSet.of(0, 2)))
                .cpu(HostCpu.of(2, 0).withTopology(0, 0, 0, CpuSet.of(0, 2)))
                .cpu(HostCpu.of(1, 1).withTopology(1, 0, 0, CpuSet.of(1, 3)))
                .cpu(HostCpu.of(3, 1).withTopology(1, 0, 0, CpuSet.of(1, 3)).withOnline(false))
                .cpu(HostCpu.of(5, 1).withIsolated(true))
                .pciDevice(PciDevice.builder(NIC).vendorId(0x8086).deviceId(0x1572).iommuGroup(20).numaNode(0).build())
                .pciDevice(PciDevice.builder(NIC2).vendorId(0x8086).deviceId(0x1572).iommuGroup(20).numaNode(0).build())
                .pciDevice(PciDevice.builder(GPU).iommuGroup(70).numaNode(1).build())
                .build();
    }

    @Test
    void aCpuOnAMissingNodeIsRejected() {
        HostTopology.Builder b = HostTopology.builder().node(0, DataSize.gib(1)).cpu(HostCpu.of(4, 1));
        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cpu 4").hasMessageContaining("node 1");
    }

    @Test
    void poolsAndDistancesNeedTheNode() {
        assertThatThrownBy(() -> HostTopology.builder().hugePages(2, HugePagePool.ofTotal(PageSize.MIB_2, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no node 2");
        assertThatThrownBy(() -> HostTopology.builder().distance(0, 1, 21)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HugePagePool.of(PageSize.MIB_2, 4, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostCpu.of(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lookupsByCpuNodeAndAddress() {
        HostTopology h = twoNodes();
        assertThat(h.cpu(2).orElseThrow().node()).isZero();
        assertThat(h.cpu(4)).isEmpty();
        assertThat(h.cpu(-1)).isEmpty();
        assertThat(h.cpu(99)).isEmpty();
        assertThat(h.nodeOf(3)).isEqualTo(1);
        assertThat(h.nodeOf(4)).isEqualTo(-1);
        assertThat(h.nodeOf(-3)).isEqualTo(-1);
        assertThat(h.hasNode(1)).isTrue();
        assertThat(h.hasNode(2)).isFalse();
        assertThat(h.hasNode(-1)).isFalse();
        assertThat(h.node(1).orElseThrow().cpus()).isEqualTo(CpuSet.of(1, 3, 5));
        assertThat(h.node(7)).isEmpty();
        assertThat(h.allCpus()).isEqualTo(CpuSet.of(0, 1, 2, 3, 5));
        assertThat(h.onlineCpus()).isEqualTo(CpuSet.of(0, 1, 2, 5));
        assertThat(h.isolatedCpus()).isEqualTo(CpuSet.of(5));
        assertThat(h.pciDevice(GPU).orElseThrow().numaNode()).hasValue(1);
        assertThat(h.pciDevice(PciAddress.parse("00:01.0"))).isEmpty();
        assertThat(h.totalMemory()).isEqualTo(DataSize.gib(16));
    }

    @Test
    void nodesOfIgnoresAbsentCpus() {
        HostTopology h = twoNodes();
        assertThat(h.nodesOf(CpuSet.of(0, 2))).containsExactly(0);
        assertThat(h.nodesOf(CpuSet.of(0, 1, 40))).containsExactly(0, 1);
        assertThat(h.nodesOf(CpuSet.of(40))).isEmpty();
        assertThat(h.nodesOf(CpuSet.empty())).isEmpty();
    }

    @Test
    void physicalCoresCountSiblingGroups() {
        // cores {0,2}, {1,3} and cpu 5 alone
        assertThat(twoNodes().physicalCores()).isEqualTo(3);
        assertThat(SyntheticHost.of(2, 1, 16, 2, DataSize.gib(1), 0).build().physicalCores()).isEqualTo(32);
        assertThat(SyntheticHost.of(1, 2, 4, 1, DataSize.gib(1), 0).build().physicalCores()).isEqualTo(8);
    }

    @Test
    void iommuGroupsAreDerivedFromDevices() {
        HostTopology h = twoNodes();
        assertThat(h.iommuGroups()).extracting(IommuGroup::id).containsExactly(20, 70);
        assertThat(h.iommuGroup(20).orElseThrow().devices()).containsExactly(NIC, NIC2);
        assertThat(h.iommuGroup(70).orElseThrow().devices()).containsExactly(GPU);
        assertThat(h.iommuGroup(21)).isEmpty();
        assertThat(h.iommuEnabled()).as("on when any device has a group").isTrue();
        HostTopology noGroups = HostTopology.builder().node(0, DataSize.gib(1))
                .pciDevice(PciDevice.builder(NIC).build()).build();
        assertThat(noGroups.iommuGroups()).isEmpty();
        assertThat(noGroups.iommuEnabled()).isFalse();
        assertThat(twoNodes().toBuilder().iommu(false).build().iommuEnabled()).isFalse();
    }

    @Test
    void pageSizesIncludeThePools() {
        HostTopology h = HostTopology.builder().pageSize(PageSize.KIB_4).node(0, DataSize.gib(4))
                .hugePages(0, HugePagePool.ofTotal(PageSize.GIB_1, 2)).build();
        assertThat(h.pageSizes()).containsExactly(PageSize.KIB_4, PageSize.GIB_1);
        assertThat(h.node(0).orElseThrow().pool(PageSize.GIB_1).orElseThrow().free()).isEmpty();
        assertThat(h.node(0).orElseThrow().pool(PageSize.MIB_2)).isEmpty();
    }

    @Test
    void toBuilderKeepsEverything() {
        HostTopology h = SyntheticHost.of(2, 1, 4, 2, DataSize.gib(4), 10).arch("x86_64").cpuModel("Skylake", "Intel")
                .cpuFeature("vmx").pciDevice(PciDevice.builder(NIC).iommuGroup(3).build()).build();
        HostTopology copy = h.toBuilder().build();
        assertThat(copy.nodes()).isEqualTo(h.nodes());
        assertThat(copy.cpus()).isEqualTo(h.cpus());
        assertThat(copy.pciDevices()).containsExactlyElementsOf(h.pciDevices());
        assertThat(copy.pageSizes()).isEqualTo(h.pageSizes());
        assertThat(copy.cpuModel()).hasValue("Skylake");
        assertThat(copy.cpuFeatures()).containsExactly("vmx");
        assertThat(copy.iommuEnabled()).isTrue();
    }

    @Test
    void syntheticHostNumbersLikeLinux() {
        HostTopology h = SyntheticHost.of(2, 1, 16, 2, DataSize.gib(64), 512).build();
        assertThat(h.cpus()).hasSize(64);
        assertThat(h.nodes()).hasSize(2);
        assertThat(h.cpu(0).orElseThrow().siblings()).isEqualTo(CpuSet.of(0, 32));
        assertThat(h.cpu(32).orElseThrow().siblings()).isEqualTo(CpuSet.of(0, 32));
        assertThat(h.cpu(47).orElseThrow().siblings()).isEqualTo(CpuSet.of(15, 47));
        assertThat(h.nodeOf(15)).isZero();
        assertThat(h.nodeOf(16)).isEqualTo(1);
        assertThat(h.nodeOf(32)).isZero();
        assertThat(h.nodeOf(48)).isEqualTo(1);
        assertThat(h.cpu(16).orElseThrow().socket()).hasValue(1);
        assertThat(h.cpu(16).orElseThrow().core()).hasValue(0);
        assertThat(h.cpu(17).orElseThrow().core()).hasValue(1);
        assertThat(h.node(0).orElseThrow().cpus()).isEqualTo(CpuSet.parse("0-15,32-47"));
        assertThat(h.node(1).orElseThrow().cpus()).isEqualTo(CpuSet.parse("16-31,48-63"));
        assertThat(h.node(0).orElseThrow().distanceTo(0)).hasValue(10);
        assertThat(h.node(0).orElseThrow().distanceTo(1)).hasValue(21);
        assertThat(h.node(1).orElseThrow().distanceTo(0)).hasValue(21);
        HugePagePool pool = h.node(1).orElseThrow().pool(PageSize.MIB_2).orElseThrow();
        assertThat(pool.total()).isEqualTo(512);
        assertThat(pool.free()).hasValue(512);
        assertThat(h.node(1).orElseThrow().pool(PageSize.GIB_1).orElseThrow().total()).isZero();
        assertThat(h.pageSizes()).containsExactly(PageSize.KIB_4, PageSize.MIB_2, PageSize.GIB_1);
    }

    @Test
    void syntheticHostDistancesWithinASocket() {
        HostTopology h = SyntheticHost.of(2, 2, 4, 1, DataSize.gib(4), 0).build();
        assertThat(h.nodes()).hasSize(4);
        assertThat(h.node(0).orElseThrow().distances()).containsExactly(
                java.util.Map.entry(0, 10), java.util.Map.entry(1, 11), java.util.Map.entry(2, 21),
                java.util.Map.entry(3, 21));
        assertThat(h.cpu(4).orElseThrow().socket()).hasValue(0);
        assertThat(h.cpu(4).orElseThrow().node()).isEqualTo(1);
        assertThat(h.cpu(8).orElseThrow().socket()).hasValue(1);
        assertThat(h.cpu(4).orElseThrow().core()).hasValue(4);
        assertThat(h.nodesOf(CpuSet.range(0, 15))).containsExactly(0, 1, 2, 3);
        assertThat(List.copyOf(h.nodesOf(CpuSet.of(12)))).containsExactly(3);
    }

    @Test
    void aNodesCoresAreItsSiblingSetsInOrder() {
        // 2 nodes x 2 cores x 2 threads: CPU n's sibling is n + 4
        HostTopology h = SyntheticHost.of(2, 1, 2, 2, DataSize.gib(4), 0).build();
        assertThat(h.cores(1)).containsExactly(CpuSet.of(2, 6), CpuSet.of(3, 7));
        assertThat(h.cores(0)).containsExactly(CpuSet.of(0, 4), CpuSet.of(1, 5));
        assertThat(h.cores(9)).isEmpty();
    }
}
