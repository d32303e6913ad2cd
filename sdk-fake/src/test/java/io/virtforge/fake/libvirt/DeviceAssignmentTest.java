package io.virtforge.fake.libvirt;

import static io.virtforge.fake.libvirt.TestDomains.small;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.connect.DomainState;
import io.virtforge.connect.HostResourceException;
import io.virtforge.connect.LibvirtErrors;
import io.virtforge.connect.Scope;
import io.virtforge.connect.VirtDomain;
import io.virtforge.host.sysfs.PciDevicePaths;
import io.virtforge.host.sysfs.PciDriverPaths;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.model.Hostdev;
import io.virtforge.value.PciAddress;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PCI assignment: exclusive use, libvirt's sysfs sequence on the paired kernel fake, IOMMU group viability. */
class DeviceAssignmentTest {
    private static final PciAddress NIC = PciAddress.parse(Fixtures.XEON_NIC);
    private final FakeVirtConnection fake = TestDomains.connect(Fixtures.XEON_2S);
    private final FakeSysfs sysfs = fake.sysfs().orElseThrow();

    @AfterEach
    void close() {
        fake.close();
    }

    private String driver(FakeSysfs s, PciAddress device) {
        return s.exists(PciDevicePaths.driver(device)) ? s.readLinkName(PciDevicePaths.driver(device)) : "";
    }

    private List<String> writes(FakeSysfs s) {
        return s.writeLog().all().stream().map(r -> r.path() + " <- " + r.value().replace("\n", "\\n")).toList();
    }

    @Test
    void aManagedDeviceMovesToVfioThroughSysfsAndBackAtStop() {
        VirtDomain vm = fake.define(small("vm").hostdev(NIC).build());
        assertThat(driver(sysfs, NIC)).isEqualTo("i40e");
        vm.start();
        assertThat(driver(sysfs, NIC)).isEqualTo("vfio-pci");
        assertThat(writes(sysfs)).containsExactly(
                PciDevicePaths.driverOverride(NIC) + " <- vfio-pci",
                PciDriverPaths.unbind(io.virtforge.host.sysfs.DriverName.of("i40e")) + " <- " + NIC.format(),
                PciDriverPaths.DRIVERS_PROBE + " <- " + NIC.format());
        assertThat(fake.topology().pciDevice(NIC).orElseThrow().driver()).contains("vfio-pci");
        assertThat(fake.hostState().assignedTo(NIC)).contains("vm");
        sysfs.writeLog().clear();
        vm.destroy();
        assertThat(driver(sysfs, NIC)).isEqualTo("i40e");
        assertThat(writes(sysfs)).containsExactly(
                PciDriverPaths.unbind(io.virtforge.host.sysfs.DriverName.VFIO_PCI) + " <- " + NIC.format(),
                PciDevicePaths.driverOverride(NIC) + " <- \\n",
                PciDriverPaths.DRIVERS_PROBE + " <- " + NIC.format());
        assertThat(sysfs.exists(SysfsPath.parse("/sys/class/net/ens1f0"))).isTrue();
        assertThat(fake.hostState().assignedTo(NIC)).isEmpty();
    }

    @Test
    void twoRunningDomainsCannotHoldOneDevice() {
        fake.define(small("first").hostdev(NIC).build()).start();
        VirtDomain second = fake.define(small("second").hostdev(NIC).build());
        TestDomains.fails(HostResourceException.class, LibvirtErrors.VIR_ERR_OPERATION_INVALID,
                LibvirtErrors.VIR_FROM_NONE,
                "Requested operation is not valid: PCI device 0000:18:00.0 is in use by driver QEMU, domain first",
                second::start);
        assertThat(second.state()).isEqualTo(DomainState.SHUTOFF);
        assertThat(driver(sysfs, NIC)).isEqualTo("vfio-pci");
    }

    @Test
    void anUnmanagedDeviceMustBeDetachedFirst() {
        VirtDomain vm = fake.define(small("vm").device(Hostdev.pci(NIC, false).build()).build());
        TestDomains.fails(HostResourceException.class, LibvirtErrors.VIR_ERR_OPERATION_INVALID,
                LibvirtErrors.VIR_FROM_NONE, "Requested operation is not valid: Unmanaged PCI device 0000:18:00.0 "
                        + "must be manually detached from the host", vm::start);
        fake.detachNodeDevice(NIC);
        assertThat(driver(sysfs, NIC)).isEqualTo("vfio-pci");
        vm.start();
        vm.destroy();
        assertThat(driver(sysfs, NIC)).as("libvirt leaves unmanaged devices on vfio-pci").isEqualTo("vfio-pci");
        fake.reattachNodeDevice(NIC);
        assertThat(driver(sysfs, NIC)).isEqualTo("i40e");
    }

    @Test
    void aDeviceInUseCannotBeDetachedOrReattached() {
        fake.define(small("vm").hostdev(NIC).build()).start();
        String msg = "Requested operation is not valid: PCI device 0000:18:00.0 is in use by driver QEMU, domain vm";
        TestDomains.fails(HostResourceException.class, LibvirtErrors.VIR_ERR_OPERATION_INVALID,
                LibvirtErrors.VIR_FROM_NONE, msg, () -> fake.reattachNodeDevice(NIC));
        TestDomains.fails(HostResourceException.class, LibvirtErrors.VIR_ERR_OPERATION_INVALID,
                LibvirtErrors.VIR_FROM_NONE, msg, () -> fake.detachNodeDevice(NIC));
    }

    @Test
    void aGpuWhoseGroupMateStaysOnItsHostDriverIsNotViable() {
        FakeVirtConnection gpus = TestDomains.connect(Fixtures.GPU_SERVER);
        FakeSysfs kernel = gpus.sysfs().orElseThrow();
        PciAddress gpu = PciAddress.parse(Fixtures.GPU0);
        PciAddress audio = PciAddress.parse(Fixtures.GPU0_AUDIO);
        VirtDomain vm = gpus.define(small("vm").hostdev(gpu).build());
        HostResourceException e = TestDomains.fails(HostResourceException.class, LibvirtErrors.VIR_ERR_INTERNAL_ERROR,
                LibvirtErrors.VIR_FROM_QEMU, "internal error: qemu unexpectedly closed the monitor: "
                        + "2030-01-01T00:00:00.000000Z qemu-system-x86_64: -device vfio-pci,host=0000:17:00.0: vfio "
                        + "0000:17:00.0: group 20 is not viable\nPlease ensure all devices within the iommu_group are "
                        + "bound to their vfio bus driver.", vm::start);
        assertThat(e.getMessage()).contains("IOMMU group 20");
        assertThat(driver(kernel, gpu)).as("libvirt gives the device back").isEqualTo("nvidia");
        gpus.detachNodeDevice(audio);
        vm.start();
        assertThat(driver(kernel, gpu)).isEqualTo("vfio-pci");
        assertThat(driver(kernel, PciAddress.parse(Fixtures.GPU_BRIDGE))).as("bridges do not count").isEqualTo("pcieport");
        gpus.close();
    }

    @Test
    void aGpuAndItsAudioFunctionTogetherAreViable() {
        FakeVirtConnection gpus = TestDomains.connect(Fixtures.GPU_SERVER);
        VirtDomain vm = gpus.define(small("vm").hostdev(PciAddress.parse(Fixtures.GPU0))
                .hostdev(PciAddress.parse(Fixtures.GPU0_AUDIO)).build());
        vm.start();
        assertThat(gpus.hostState().assignedTo(PciAddress.parse(Fixtures.GPU0_AUDIO))).contains("vm");
        gpus.close();
    }

    @Test
    void anSriovVfIsAssignedThroughAnInterfaceOfTypeHostdev() {
        FakeVirtConnection host = TestDomains.connect(Fixtures.SRIOV_HOST);
        FakeSysfs kernel = host.sysfs().orElseThrow();
        PciAddress vf = PciAddress.parse("0000:3b:02.3");
        VirtDomain vm = host.define(TestDomains.small("vm").nic(n -> n.sriovVf(vf)).build());
        vm.start();
        assertThat(driver(kernel, vf)).isEqualTo("vfio-pci");
        assertThat(host.hostState().assignedTo(vf)).contains("vm");
        vm.destroy();
        assertThat(driver(kernel, vf)).isEqualTo("iavf");
        host.close();
    }

    @Test
    void aHostdevHotPluggedIntoARunningDomainIsTakenAndGivenBack() {
        VirtDomain vm = fake.define(small("vm").build());
        vm.start();
        Hostdev dev = Hostdev.pci(NIC, true).build();
        vm.attachDevice(dev, Scope.LIVE);
        assertThat(driver(sysfs, NIC)).isEqualTo("vfio-pci");
        assertThat(Stream.concat(vm.live().devices().hostdevs().stream().flatMap(h -> h.sourcePci().stream()),
                vm.live().devices().interfaces().stream().flatMap(n -> n.sourcePci().stream()))).contains(NIC);
        assertThat(fake.hostState().assignedTo(NIC)).contains("vm");
        VirtDomain other = fake.define(small("other").hostdev(NIC).build());
        TestDomains.fails(HostResourceException.class, LibvirtErrors.VIR_ERR_OPERATION_INVALID,
                LibvirtErrors.VIR_FROM_NONE,
                "Requested operation is not valid: PCI device 0000:18:00.0 is in use by driver QEMU, domain vm", other::start);
        vm.detachDevice(dev, Scope.LIVE);
        assertThat(driver(sysfs, NIC)).isEqualTo("i40e");
        other.start();
    }

    @Test
    void withoutAKernelFakeBindingsAreKeptByTheConnection() {
        FakeVirtConnection bare = FakeVirtConnection.of(Fixtures.get(Fixtures.XEON_2S).topology());
        bare.storage().addFolder(TestDomains.IMAGES);
        VirtDomain vm = bare.define(small("vm").hostdev(NIC).build());
        vm.start();
        assertThat(bare.topology().pciDevice(NIC).orElseThrow().driver()).contains("vfio-pci");
        vm.destroy();
        assertThat(bare.topology().pciDevice(NIC).orElseThrow().driver()).contains("i40e");
        bare.close();
    }
}
