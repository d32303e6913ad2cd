package io.virtforge.fake.host;

import static io.virtforge.fake.host.HostFixtures.GPU;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.host.HostJson;
import io.virtforge.host.discovery.DiscoveredHost;
import io.virtforge.host.discovery.HostDiscovery;
import io.virtforge.host.pci.IommuGroups;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.PciDevice;
import io.virtforge.value.PageSize;
import org.junit.jupiter.api.Test;

class FakeHostDiscoveryTest {
    @Test
    void twoSocketXeonWithSmt() {
        DiscoveredHost found = new HostDiscovery(HostFixtures.twoSocketXeonHost()).discover();
        HostTopology host = found.topology();
        assertThat(host.nodes()).hasSize(2);
        assertThat(host.node(1).orElseThrow().cpus().format()).isEqualTo("4-7,12-15");
        assertThat(host.cpu(12).orElseThrow().siblings().format()).isEqualTo("4,12");
        assertThat(host.cpu(12).orElseThrow().socket()).hasValue(1);
        assertThat(host.physicalCores()).isEqualTo(8);
        assertThat(host.node(0).orElseThrow().distanceTo(1)).hasValue(21);
        assertThat(host.node(0).orElseThrow().pool(PageSize.MIB_2).orElseThrow().total()).isEqualTo(256);
        assertThat(host.pciDevice(HostFixtures.NIC).flatMap(PciDevice::netdev)).contains("enp59s0f0");
        assertThat(found.defaultHugePageSize()).contains(PageSize.MIB_2);
        assertThat(found.hugetlbfsMounted(PageSize.MIB_2)).isTrue();
        assertThat(found.iommu().intelIommu()).contains("on");
        assertThat(found.iommu().passthrough()).isFalse();
    }

    @Test
    void epycWithFourNodesPerSocket() {
        HostTopology host = HostDiscovery.topologyOf(HostFixtures.epycFourNodesPerSocket());
        assertThat(host.nodes()).hasSize(8);
        assertThat(host.cpus()).hasSize(64);
        assertThat(host.node(5).orElseThrow().distanceTo(6)).hasValue(12);
        assertThat(host.node(5).orElseThrow().distanceTo(2)).hasValue(32);
        assertThat(host.cpu(36).orElseThrow().socket()).hasValue(0);
        assertThat(host.cpu(52).orElseThrow().siblings().format()).isEqualTo("20,52");
    }

    @Test
    void gpuServerGroupWithAudioAndBridge() {
        HostTopology host = HostDiscovery.topologyOf(HostFixtures.gpuServer());
        var group = host.iommuGroup(40).orElseThrow();
        assertThat(group.devices()).containsExactly(HostFixtures.BRIDGE, GPU, HostFixtures.GPU_AUDIO);
        assertThat(IommuGroups.viable(host, group)).isFalse();
        assertThat(host.pciDevice(HostFixtures.BRIDGE).orElseThrow().isBridge()).isTrue();
        assertThat(HostJson.write(host, io.virtforge.check.Report.empty()))
                .contains("{\"id\":40,\"devices\":[\"0000:ae:00.0\",\"0000:af:00.0\",\"0000:af:00.1\"],\"viable\":false}");
    }

    @Test
    void sriovAndNoIommuHosts() {
        var sriov = HostFixtures.sriovHost();
        sriov.write(io.virtforge.host.sysfs.PciDevicePaths.sriovNumVfs(HostFixtures.NIC), "2");
        HostTopology host = HostDiscovery.topologyOf(sriov);
        PciDevice pf = host.pciDevice(HostFixtures.NIC).orElseThrow();
        assertThat(pf.sriovTotalVfs()).hasValue(8);
        assertThat(pf.virtfns()).hasSize(2);
        assertThat(host.pciDevice(pf.virtfns().get(1)).orElseThrow().physfn()).contains(HostFixtures.NIC);
        HostTopology plain = HostDiscovery.topologyOf(HostFixtures.withoutIommu());
        assertThat(plain.iommuEnabled()).isFalse();
        assertThat(plain.iommuGroups()).isEmpty();
        assertThat(plain.pciDevice(HostFixtures.NIC).orElseThrow().iommuGroup()).isEmpty();
    }
}
