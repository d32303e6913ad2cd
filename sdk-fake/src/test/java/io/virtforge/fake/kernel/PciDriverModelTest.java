package io.virtforge.fake.kernel;

import static io.virtforge.fake.kernel.TestHosts.GPU;
import static io.virtforge.fake.kernel.TestHosts.GPU_AUDIO;
import static io.virtforge.fake.kernel.TestHosts.LPC;
import static io.virtforge.fake.kernel.TestHosts.NIC2;
import static io.virtforge.fake.kernel.TestHosts.NIC;
import static io.virtforge.fake.kernel.TestHosts.writeFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.host.sysfs.DriverName;
import io.virtforge.host.sysfs.Errno;
import io.virtforge.host.sysfs.IommuPaths;
import io.virtforge.host.sysfs.NetInterfaceName;
import io.virtforge.host.sysfs.NetInterfacePaths;
import io.virtforge.host.sysfs.PciDevicePaths;
import io.virtforge.host.sysfs.PciDriverPaths;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.value.PciAddress;
import org.junit.jupiter.api.Test;

class PciDriverModelTest {
    private static final DriverName I40E = DriverName.of("i40e");
    private static final DriverName VFIO = DriverName.VFIO_PCI;
    private final FakeSysfs sysfs = TestHosts.twoNodeHost().build();

    private String driverOf(PciAddress device) {
        return sysfs.exists(PciDevicePaths.driver(device)) ? sysfs.readLinkName(PciDevicePaths.driver(device)) : "";
    }

    @Test
    void devicesStartBoundToTheirDriver() {
        assertThat(driverOf(NIC)).isEqualTo("i40e");
        assertThat(sysfs.readLink(PciDevicePaths.driver(NIC))).isEqualTo("../../../bus/pci/drivers/i40e");
        assertThat(sysfs.list(PciDriverPaths.driver(I40E))).contains(NIC.format(), NIC2.format(), "bind", "unbind");
        assertThat(sysfs.read(PciDevicePaths.driverOverride(NIC))).isEqualTo("(null)\n");
        assertThat(sysfs.list(PciDriverPaths.driver(VFIO))).containsExactly("bind", "new_id", "remove_id", "unbind");
        assertThat(sysfs.readLinkName(PciDevicePaths.iommuGroup(GPU))).isEqualTo("40");
        assertThat(sysfs.list(IommuPaths.groupDevices(40))).containsExactly(GPU.format(), GPU_AUDIO.format());
        assertThat(sysfs.exists(IommuPaths.CLASS_IOMMU.resolve("dmar0"))).isTrue();
    }

    @Test
    void ueventIsComposedOnEachReadAndFollowsTheBinding() {
        SysfsPath uevent = PciDevicePaths.device(NIC).resolve("uevent");
        String ids = "PCI_CLASS=20000\nPCI_ID=8086:1572\nPCI_SLOT_NAME=0000:3b:00.0\n";
        assertThat(sysfs.read(uevent)).isEqualTo("DRIVER=i40e\n" + ids);
        sysfs.write(PciDriverPaths.unbind(I40E), NIC.format());
        assertThat(sysfs.read(uevent)).as("no driver line while unbound").isEqualTo(ids);
        sysfs.write(PciDevicePaths.driverOverride(NIC), "vfio-pci");
        sysfs.write(PciDriverPaths.DRIVERS_PROBE, NIC.format());
        assertThat(sysfs.read(uevent)).isEqualTo("DRIVER=vfio-pci\n" + ids);
    }

    @Test
    void unbindingFromAnotherDriverOrAnUnknownDeviceIsEnodev() {
        assertThat(writeFails(sysfs, PciDriverPaths.unbind(VFIO), NIC.format())).isEqualTo(Errno.ENODEV);
        assertThat(writeFails(sysfs, PciDriverPaths.unbind(I40E), "0000:3b:1f.7")).isEqualTo(Errno.ENODEV);
        assertThat(writeFails(sysfs, PciDriverPaths.unbind(I40E), "3b:00.0")).isEqualTo(Errno.ENODEV);
        assertThat(driverOf(NIC)).isEqualTo("i40e");
    }

    @Test
    void unbindRemovesTheLinksAndTheDriversNetworkInterfaces() {
        assertThat(sysfs.exists(NetInterfacePaths.netInterface(NetInterfaceName.of("enp59s0f0")))).isTrue();
        sysfs.write(PciDriverPaths.unbind(I40E), NIC.format() + "\n");
        assertThat(sysfs.exists(PciDevicePaths.driver(NIC))).isFalse();
        assertThat(sysfs.list(PciDriverPaths.driver(I40E))).doesNotContain(NIC.format());
        assertThat(sysfs.exists(NetInterfacePaths.netInterface(NetInterfaceName.of("enp59s0f0")))).isFalse();
        assertThat(sysfs.list(PciDevicePaths.device(NIC))).doesNotContain("net", "driver");
        assertThat(sysfs.exists(NetInterfacePaths.operstate(NetInterfaceName.of("lo")))).isTrue();
    }

    @Test
    void bindingABoundDeviceIsEbusyAndANonMatchingDriverIsEnodev() {
        assertThat(writeFails(sysfs, PciDriverPaths.bind(I40E), NIC.format())).isEqualTo(Errno.EBUSY);
        // matching comes first: vfio-pci does not match the NIC, bound or not
        assertThat(writeFails(sysfs, PciDriverPaths.bind(VFIO), NIC.format())).isEqualTo(Errno.ENODEV);
        sysfs.write(PciDriverPaths.unbind(I40E), NIC.format());
        assertThat(writeFails(sysfs, PciDriverPaths.bind(VFIO), NIC.format())).isEqualTo(Errno.ENODEV);
        assertThat(writeFails(sysfs, PciDriverPaths.bind(I40E), "0000:3b:1f.7")).isEqualTo(Errno.ENODEV);
        sysfs.write(PciDriverPaths.bind(I40E), NIC.format());
        assertThat(driverOf(NIC)).isEqualTo("i40e");
    }

    @Test
    void overrideUnbindProbeHandsTheDeviceToVfioAndBack() {
        sysfs.write(PciDevicePaths.driverOverride(NIC), "vfio-pci");
        assertThat(sysfs.read(PciDevicePaths.driverOverride(NIC))).isEqualTo("vfio-pci\n");
        assertThat(driverOf(NIC)).as("an override binds nothing by itself").isEqualTo("i40e");
        sysfs.write(PciDevicePaths.driver(NIC).resolve("unbind"), NIC.format());
        sysfs.write(PciDriverPaths.DRIVERS_PROBE, NIC.format());
        assertThat(driverOf(NIC)).isEqualTo("vfio-pci");
        assertThat(sysfs.list(PciDriverPaths.driver(VFIO))).contains(NIC.format());
        assertThat(sysfs.exists(IommuPaths.vfioGroup(12))).isTrue();
        assertThat(sysfs.exists(IommuPaths.VFIO_CONTAINER)).isTrue();

        sysfs.write(PciDriverPaths.unbind(VFIO), NIC.format());
        assertThat(sysfs.exists(IommuPaths.vfioGroup(12))).isFalse();
        sysfs.write(PciDevicePaths.driverOverride(NIC), "\n");
        assertThat(sysfs.read(PciDevicePaths.driverOverride(NIC))).isEqualTo("(null)\n");
        sysfs.write(PciDriverPaths.DRIVERS_PROBE, NIC.format());
        assertThat(driverOf(NIC)).isEqualTo("i40e");
        assertThat(sysfs.readTrimmed(NetInterfacePaths.operstate(NetInterfaceName.of("enp59s0f0")))).isEqualTo("up");
    }

    @Test
    void anOverrideExcludesEveryOtherDriver() {
        sysfs.write(PciDriverPaths.unbind(I40E), NIC.format());
        sysfs.write(PciDevicePaths.driverOverride(NIC), "vfio-pci");
        assertThat(writeFails(sysfs, PciDriverPaths.bind(I40E), NIC.format())).isEqualTo(Errno.ENODEV);
        sysfs.write(PciDriverPaths.bind(VFIO), NIC.format());
        assertThat(driverOf(NIC)).isEqualTo("vfio-pci");
        sysfs.write(PciDevicePaths.driverOverride(NIC), "");
        assertThat(sysfs.read(PciDevicePaths.driverOverride(NIC))).isEqualTo("(null)\n");
        assertThat(driverOf(NIC)).as("clearing the override leaves the binding").isEqualTo("vfio-pci");
    }

    @Test
    void anOverrideToADriverNotLoadedWaitsForIt() {
        FakeSysfs host = FakeSysfs.builder()
                .pciDevice(GPU.format(), d -> d.iommuGroup(1).driver("nouveau").unbound().driverOverride("vfio-pci"))
                .build();
        host.write(PciDriverPaths.DRIVERS_PROBE, GPU.format());
        assertThat(host.exists(PciDevicePaths.driver(GPU))).isFalse();
        assertThat(host.exists(PciDriverPaths.driver(VFIO))).isFalse();
        assertThat(writeFails(host, PciDriverPaths.bind(VFIO), GPU.format())).isEqualTo(Errno.ENOENT);
        host.loadPciDriver(VFIO);
        assertThat(host.readLinkName(PciDevicePaths.driver(GPU))).isEqualTo("vfio-pci");
    }

    @Test
    void newIdBindsEveryMatchingUnboundDeviceAndRemoveIdTakesItBack() {
        sysfs.write(PciDriverPaths.unbind(I40E), NIC.format());
        sysfs.write(PciDriverPaths.newId(VFIO), "8086 1572");
        assertThat(driverOf(NIC)).isEqualTo("vfio-pci");
        assertThat(driverOf(NIC2)).as("bound devices are left alone").isEqualTo("i40e");
        assertThat(writeFails(sysfs, PciDriverPaths.newId(VFIO), "8086 1572")).isEqualTo(Errno.EEXIST);
        assertThat(writeFails(sysfs, PciDriverPaths.newId(I40E), "8086 1572")).as("static id").isEqualTo(Errno.EEXIST);
        assertThat(writeFails(sysfs, PciDriverPaths.newId(VFIO), "zz")).isEqualTo(Errno.EINVAL);
        assertThat(writeFails(sysfs, PciDriverPaths.newId(VFIO), "8086")).isEqualTo(Errno.EINVAL);
        sysfs.write(PciDriverPaths.removeId(VFIO), "8086 1572");
        assertThat(driverOf(NIC)).as("remove_id does not unbind").isEqualTo("vfio-pci");
        assertThat(writeFails(sysfs, PciDriverPaths.removeId(VFIO), "8086 1572")).isEqualTo(Errno.ENODEV);
        sysfs.write(PciDriverPaths.unbind(VFIO), NIC.format());
        sysfs.write(PciDriverPaths.DRIVERS_PROBE, NIC.format());
        assertThat(driverOf(NIC)).isEqualTo("i40e");
    }

    @Test
    void driversProbeLeavesBoundDevicesAloneAndRefusesUnknownOnes() {
        sysfs.write(PciDriverPaths.DRIVERS_PROBE, NIC.format());
        assertThat(driverOf(NIC)).isEqualTo("i40e");
        assertThat(writeFails(sysfs, PciDriverPaths.DRIVERS_PROBE, "0000:3b:1f.7")).isEqualTo(Errno.ENODEV);
    }

    @Test
    void vfioCannotProbeADeviceWithoutIommuGroup() {
        sysfs.write(PciDriverPaths.unbind(DriverName.of("lpc_ich")), LPC.format());
        sysfs.write(PciDevicePaths.driverOverride(LPC), "vfio-pci");
        assertThat(writeFails(sysfs, PciDriverPaths.bind(VFIO), LPC.format())).isEqualTo(Errno.EINVAL);
        sysfs.write(PciDriverPaths.DRIVERS_PROBE, LPC.format());
        assertThat(driverOf(LPC)).isEmpty();
    }

    @Test
    void theVfioGroupNodeStaysWhileAnyMemberIsBoundToVfio() {
        sysfs.write(PciDriverPaths.unbind(DriverName.of("nouveau")), GPU.format());
        sysfs.write(PciDriverPaths.unbind(DriverName.of("snd_hda_intel")), GPU_AUDIO.format());
        sysfs.write(PciDevicePaths.driverOverride(GPU), "vfio-pci");
        sysfs.write(PciDevicePaths.driverOverride(GPU_AUDIO), "vfio-pci");
        sysfs.write(PciDriverPaths.DRIVERS_PROBE, GPU.format());
        sysfs.write(PciDriverPaths.DRIVERS_PROBE, GPU_AUDIO.format());
        assertThat(sysfs.list(IommuPaths.DEV_VFIO)).containsExactly("40", "vfio");
        sysfs.write(PciDriverPaths.unbind(VFIO), GPU.format());
        assertThat(sysfs.exists(IommuPaths.vfioGroup(40))).isTrue();
        sysfs.write(PciDriverPaths.unbind(VFIO), GPU_AUDIO.format());
        assertThat(sysfs.exists(IommuPaths.vfioGroup(40))).isFalse();
    }

    @Test
    void commandFilesAreWriteOnlyAndIdsReadOnly() {
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(
                io.virtforge.host.sysfs.SysfsReadException.class, () -> sysfs.read(PciDriverPaths.bind(I40E))).errno()).isEqualTo(Errno.EACCES);
        assertThat(writeFails(sysfs, PciDevicePaths.vendor(NIC), "0x1234")).isEqualTo(Errno.EACCES);
        assertThat(sysfs.readTrimmed(PciDevicePaths.vendor(NIC))).isEqualTo("0x8086");
        assertThat(sysfs.readTrimmed(PciDevicePaths.bootVga(GPU))).isEqualTo("0");
    }
}
