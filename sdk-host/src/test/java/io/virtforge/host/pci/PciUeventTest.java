package io.virtforge.host.pci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.virtforge.host.discovery.HostDiscovery;
import io.virtforge.host.discovery.SyntheticSysfsTree;
import io.virtforge.host.sysfs.RealSysfs;
import io.virtforge.topology.HostTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code uevent} shortcut of PCI discovery: what it reads from the kernel's text, and that discovery
 * finds the same devices with it as from the separate {@code vendor}, {@code device}, {@code class} files
 * and the {@code driver} link — on this machine's /sys and on the synthetic tree.
 */
class PciUeventTest {
    @Test
    void readsIdsClassAndDriverAsTheKernelWritesThem() {
        // /sys/bus/pci/devices/0000:00:01.0/uevent of a virtio device, as read on this machine
        String bound = "DRIVER=virtio-pci\nPCI_CLASS=FFFF00\nPCI_ID=1AF4:1045\nPCI_SUBSYS_ID=1AF4:1045\n"
                + "PCI_SLOT_NAME=0000:00:01.0\nMODALIAS=pci:v00001AF4d00001045sv00001AF4sd00001045bcFFscFFi00\n";
        assertThat(PciUevent.parse(bound)).contains(new PciUevent(0x1af4, 0x1045, 0xffff00, Optional.of("virtio-pci")));
        // a host bridge: no driver line, and a class whose leading zero the kernel leaves out (%04X)
        String unbound = "PCI_CLASS=60000\nPCI_ID=8086:0D57\nPCI_SUBSYS_ID=0000:0000\nPCI_SLOT_NAME=0000:00:00.0\n";
        assertThat(PciUevent.parse(unbound)).contains(new PciUevent(0x8086, 0x0d57, 0x060000, Optional.empty()));
    }

    @Test
    void withoutIdsOrClassItIsNotUsed() {
        assertThat(PciUevent.parse("DRIVER=nvme\nPCI_SLOT_NAME=0000:01:00.0\n")).isEmpty();
        assertThat(PciUevent.parse("PCI_CLASS=10802\nPCI_ID=144D\n")).isEmpty();
        assertThat(PciUevent.parse("PCI_CLASS=zz\nPCI_ID=144D:A808\n")).isEmpty();
        assertThat(PciUevent.parse("")).isEmpty();
    }

    @Test
    void thisMachinesDevicesAreTheSameWithAndWithoutUevent() {
        assumeTrue(Files.isDirectory(Path.of("/sys/bus/pci/devices")), "no PCI devices in this machine's /sys");
        RealSysfs sysfs = new RealSysfs();
        HostTopology with = HostDiscovery.topologyOf(sysfs);
        assumeTrue(!with.pciDevices().isEmpty(), "this machine's /sys lists no PCI function");
        assertThat(with.pciDevices()).containsExactlyElementsOf(
                HostDiscovery.topologyOf(new WithoutUevents(sysfs)).pciDevices());
    }

    @Test
    void theSyntheticTreesDevicesAreTheSameWithAndWithoutUevent(@TempDir Path root) {
        SyntheticSysfsTree.write(root, new SyntheticSysfsTree.Shape(1, 2, 2, 2, 64));
        RealSysfs sysfs = new RealSysfs(root);
        HostTopology with = HostDiscovery.topologyOf(sysfs);
        assertThat(with.pciDevices()).hasSize(64).anySatisfy(d -> assertThat(d.driver()).isEmpty());
        assertThat(with.pciDevices()).containsExactlyElementsOf(
                HostDiscovery.topologyOf(new WithoutUevents(sysfs)).pciDevices());
    }
}
