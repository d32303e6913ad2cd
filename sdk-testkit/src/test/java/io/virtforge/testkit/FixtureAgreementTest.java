package io.virtforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.topology.HostTopology;
import io.virtforge.topology.IommuGroup;
import io.virtforge.topology.NumaNode;
import io.virtforge.topology.PciDevice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each fixture's topology and kernel fake describe the same host: nodes, CPUs, pools, devices, IOMMU groups. */
class FixtureAgreementTest {
    static java.util.List<String> fixtures() {
        return Fixtures.names();
    }

    private static HostTopology both(String name, HostTopology[] sysfsView) {
        Fixture f = Fixtures.get(name);
        sysfsView[0] = new SysfsTopologyReader(f.newSysfs()).read();
        return f.topology();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void nodesAgree(String name) {
        HostTopology[] s = new HostTopology[1];
        HostTopology t = both(name, s);
        assertThat(s[0].nodes()).extracting(NumaNode::id).isEqualTo(t.nodes().stream().map(NumaNode::id).toList());
        for (NumaNode n : t.nodes()) {
            NumaNode m = s[0].node(n.id()).orElseThrow();
            assertThat(m.memory()).as("memory of node %d", n.id()).isEqualTo(n.memory());
            assertThat(m.cpus()).as("CPUs of node %d", n.id()).isEqualTo(n.cpus());
            assertThat(m.distances()).as("distances of node %d", n.id()).isEqualTo(n.distances());
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void cpusAgree(String name) {
        HostTopology[] s = new HostTopology[1];
        HostTopology t = both(name, s);
        assertThat(s[0].cpus()).isEqualTo(t.cpus());
        assertThat(s[0].physicalCores()).isEqualTo(t.physicalCores());
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void hugePagePoolsAgree(String name) {
        HostTopology[] s = new HostTopology[1];
        HostTopology t = both(name, s);
        for (NumaNode n : t.nodes()) {
            assertThat(s[0].node(n.id()).orElseThrow().hugePages()).as("pools of node %d", n.id())
                    .isEqualTo(n.hugePages());
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void pciDevicesAndIommuGroupsAgree(String name) {
        HostTopology[] s = new HostTopology[1];
        HostTopology t = both(name, s);
        assertThat(s[0].pciDevices()).extracting(PciDevice::address)
                .isEqualTo(t.pciDevices().stream().map(PciDevice::address).toList());
        for (PciDevice d : t.pciDevices()) {
            PciDevice r = s[0].pciDevice(d.address()).orElseThrow();
            assertThat(r).as("device %s", d.address()).isEqualTo(d);
        }
        assertThat(s[0].iommuGroups()).extracting(IommuGroup::id, IommuGroup::devices)
                .isEqualTo(t.iommuGroups().stream().map(g -> org.assertj.core.groups.Tuple.tuple(g.id(), g.devices()))
                        .toList());
        assertThat(s[0].iommuEnabled()).isEqualTo(t.iommuEnabled());
    }
}
