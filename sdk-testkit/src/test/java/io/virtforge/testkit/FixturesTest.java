package io.virtforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.topology.CapabilitiesXml;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.PciDevice;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture hosts are what they say, and hosts load from libvirt's XML. */
class FixturesTest {
    @Test
    void theBuiltInFixtures() {
        assertThat(Fixtures.names()).containsExactly("xeon-2s", "epyc-nps4", "gpu-server", "sriov-host", "tiny");
        assertThatThrownBy(() -> Fixtures.get("xeon")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no fixture host named 'xeon'; the fixtures are xeon-2s, epyc-nps4, gpu-server, sriov-host, tiny");
        assertThat(Fixtures.get("tiny")).isSameAs(Fixtures.get("tiny"));
        assertThat(Fixtures.get("tiny").newSysfs()).isNotSameAs(Fixtures.get("tiny").newSysfs());
    }

    @Test
    void xeon2s() {
        HostTopology t = Fixtures.get(Fixtures.XEON_2S).topology();
        assertThat(t.nodes()).hasSize(2);
        assertThat(t.cpus()).hasSize(64);
        assertThat(t.physicalCores()).isEqualTo(32);
        assertThat(t.cpu(0).orElseThrow().siblings().format()).isEqualTo("0,32");
        assertThat(t.node(1).orElseThrow().cpus().format()).isEqualTo("16-31,48-63");
        assertThat(t.node(0).orElseThrow().pool(PageSize.GIB_1).orElseThrow().free()).hasValue(16);
        assertThat(t.node(0).orElseThrow().pool(PageSize.MIB_2).orElseThrow().free()).hasValue(8192);
        PciDevice nic = t.pciDevice(PciAddress.parse(Fixtures.XEON_NIC)).orElseThrow();
        assertThat(nic.vendorId()).isEqualTo(0x8086);
        assertThat(nic.netdev()).contains("ens1f0");
        assertThat(nic.numaNode()).hasValue(0);
    }

    @Test
    void epycNps4() {
        HostTopology t = Fixtures.get(Fixtures.EPYC_NPS4).topology();
        assertThat(t.nodes()).hasSize(8);
        assertThat(t.cpus()).hasSize(128);
        assertThat(t.cpus().stream().mapToInt(c -> c.socket().getAsInt()).distinct().count()).isEqualTo(2);
        assertThat(t.node(0).orElseThrow().distanceTo(3)).hasValue(11);
        assertThat(t.node(0).orElseThrow().distanceTo(4)).hasValue(21);
    }

    @Test
    void gpuServer() {
        HostTopology t = Fixtures.get(Fixtures.GPU_SERVER).topology();
        assertThat(t.pciDevices().stream().filter(d -> d.classCode() == 0x030200)).hasSize(4);
        assertThat(t.iommuGroup(20).orElseThrow().devices()).containsExactly(PciAddress.parse(Fixtures.GPU_BRIDGE),
                PciAddress.parse(Fixtures.GPU0), PciAddress.parse(Fixtures.GPU0_AUDIO));
        assertThat(t.pciDevice(PciAddress.parse(Fixtures.GPU_BRIDGE)).orElseThrow().isBridge()).isTrue();
        assertThat(t.pciDevice(PciAddress.parse(Fixtures.GPU2)).orElseThrow().numaNode()).hasValue(1);
    }

    @Test
    void sriovHost() {
        HostTopology t = Fixtures.get(Fixtures.SRIOV_HOST).topology();
        PciDevice pf = t.pciDevice(PciAddress.parse(Fixtures.SRIOV_PF)).orElseThrow();
        assertThat(pf.virtfns()).hasSize(8);
        assertThat(pf.sriovTotalVfs()).hasValue(32);
        assertThat(pf.virtfns()).allSatisfy(vf -> {
            PciDevice d = t.pciDevice(vf).orElseThrow();
            assertThat(d.physfn()).contains(pf.address());
            assertThat(d.numaNode()).isEqualTo(pf.numaNode());
            assertThat(t.iommuGroup(d.iommuGroup().getAsInt()).orElseThrow().devices()).containsExactly(vf);
        });
    }

    @Test
    void tinyIsLikeTheBuildMachine() {
        HostTopology t = Fixtures.get(Fixtures.TINY).topology();
        assertThat(t.nodes()).hasSize(1);
        assertThat(t.cpus()).hasSize(2);
        assertThat(t.iommuEnabled()).isFalse();
        assertThat(t.pciDevices()).isEmpty();
        assertThat(t.node(0).orElseThrow().hugePages()).containsOnlyKeys(PageSize.MIB_2);
    }

    @Test
    void aHostLoadsFromLibvirtsXmlOfThisMachine() throws Exception {
        Path dir = Path.of(getClass().getResource("/libvirt-host/capabilities.xml").toURI()).getParent();
        List<Path> devices = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().startsWith("pci_") || p.getFileName().toString().startsWith("net_"))
                    .sorted().forEach(devices::add);
        }
        Fixture host = Fixtures.fromLibvirt(dir.resolve("capabilities.xml"), devices);
        assertThat(host.name()).isEqualTo("capabilities");
        HostTopology t = host.topology();
        assertThat(t.cpus()).hasSize(2);
        assertThat(t.node(0).orElseThrow().pool(PageSize.MIB_2).orElseThrow().total()).isEqualTo(128);
        assertThat(t.pciDevice(PciAddress.parse("0000:00:03.0")).orElseThrow().netdev()).contains("eth0");
        assertThat(t.pciDevice(PciAddress.parse("0000:00:03.0")).orElseThrow().driver()).contains("virtio-pci");
        HostTopology fromSysfs = new SysfsTopologyReader(host.newSysfs()).read();
        assertThat(fromSysfs.cpus()).isEqualTo(t.cpus());
        assertThat(fromSysfs.pciDevices()).hasSameSizeAs(t.pciDevices());
        try (FakeVirtConnection c = host.connect()) {
            assertThat(c.uri()).isEqualTo("fake:///capabilities");
            assertThat(c.freePages(0, PageSize.MIB_2)).isEqualTo(128);
        }
    }

    @Test
    void theTestDriversHostLoadsToo() throws Exception {
        Path caps = Path.of(getClass().getResource("/libvirt-host/test-driver-capabilities.xml").toURI());
        Fixture host = Fixtures.fromLibvirt(caps, List.of());
        assertThat(host.topology().nodes()).hasSize(2);
        assertThat(host.topology().cpus()).hasSize(16);
        HostTopology fromSysfs = new SysfsTopologyReader(host.newSysfs()).read();
        assertThat(fromSysfs.cpus()).isEqualTo(host.topology().cpus());
        try (FakeVirtConnection c = host.connect()) {
            assertThat(c.freePages(1, PageSize.MIB_2)).isZero();
        }
    }

    @Test
    void aFixtureRoundTripsThroughLibvirtsXml(@TempDir Path dir) throws IOException {
        Fixture xeon = Fixtures.get(Fixtures.SRIOV_HOST);
        Path caps = Files.writeString(dir.resolve("sriov.xml"), xeon.capabilitiesXml());
        List<Path> devices = new ArrayList<>();
        for (PciDevice d : xeon.topology().pciDevices()) {
            devices.add(Files.writeString(dir.resolve(d.address().nodeDeviceName() + ".xml"), NodeDevices.xml(d)));
            if (d.netdev().isPresent()) {
                devices.add(Files.writeString(dir.resolve("net_" + d.netdev().get() + ".xml"), NodeDevices.netXml(d)));
            }
        }
        HostTopology loaded = Fixtures.fromLibvirt(caps, devices).topology();
        HostTopology original = xeon.topology();
        assertThat(loaded.cpus()).isEqualTo(original.cpus());
        assertThat(loaded.nodes()).extracting(n -> n.memory()).isEqualTo(original.nodes().stream().map(n -> n.memory())
                .toList());
        for (PciDevice d : original.pciDevices()) {
            assertThat(loaded.pciDevice(d.address())).contains(d);
        }
        HostTopology fromSysfs = new SysfsTopologyReader(Fixtures.sysfsOf(loaded)).read();
        assertThat(fromSysfs.pciDevices()).containsExactlyElementsOf(original.pciDevices());
        assertThat(CapabilitiesXml.write(loaded)).isEqualTo(xeon.capabilitiesXml());
    }
}
