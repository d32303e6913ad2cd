package io.virtforge.fake.host;

import static io.virtforge.fake.host.HostFixtures.BOOT_VGA;
import static io.virtforge.fake.host.HostFixtures.BRIDGE;
import static io.virtforge.fake.host.HostFixtures.GPU;
import static io.virtforge.fake.host.HostFixtures.GPU_AUDIO;
import static io.virtforge.fake.host.HostFixtures.NIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.virtforge.host.pci.IommuGroups;
import io.virtforge.host.pci.IommuGroupInfo;
import io.virtforge.host.pci.VfioBinder;
import io.virtforge.host.pci.VfioBinding;
import io.virtforge.host.pci.VfioOptions;
import io.virtforge.host.pci.VfioRefusal;
import io.virtforge.host.pci.VfioRefusedException;
import io.virtforge.host.sysfs.DriverName;
import io.virtforge.host.sysfs.IommuPaths;
import io.virtforge.host.sysfs.PciDevicePaths;
import io.virtforge.host.sysfs.PciDriverPaths;
import io.virtforge.host.sysfs.ProcPaths;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.fake.kernel.SysfsSnapshot;
import io.virtforge.value.PciAddress;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VfioBinderTest {
    @TempDir
    Path dir;

    private VfioOptions options() {
        return VfioOptions.defaults().withLockFile(dir.resolve("vfio.lock"));
    }

    private static String driverOf(FakeSysfs sysfs, PciAddress d) {
        return sysfs.exists(PciDevicePaths.driver(d)) ? sysfs.readLinkName(PciDevicePaths.driver(d)) : "none";
    }

    @Test
    void bindsAGroupInLibvirtsOrderAndReleasesItToTheOriginalDrivers() {
        FakeSysfs sysfs = HostFixtures.gpuServer();
        SysfsSnapshot start = SysfsSnapshot.capture(sysfs, SysfsPath.ROOT);
        IommuGroupInfo group = new IommuGroups(sysfs).group(40).orElseThrow();
        assertThat(group.addresses()).containsExactly(BRIDGE, GPU, GPU_AUDIO);
        assertThat(group.viable()).isFalse();
        assertThat(group.blockers()).extracting(m -> m.address()).containsExactly(GPU, GPU_AUDIO);

        VfioBinder binder = new VfioBinder(sysfs, options());
        VfioBinding binding = binder.bindGroup(GPU);
        assertThat(binding.devices()).containsExactly(GPU, GPU_AUDIO);
        assertThat(binding.previous().get(0).driver()).contains(DriverName.of("nouveau"));
        assertThat(driverOf(sysfs, GPU)).isEqualTo("vfio-pci");
        assertThat(driverOf(sysfs, GPU_AUDIO)).isEqualTo("vfio-pci");
        assertThat(driverOf(sysfs, BRIDGE)).isEqualTo("pcieport");
        assertThat(sysfs.writeLog().all()).extracting(Object::toString).startsWith(
                PciDevicePaths.driverOverride(GPU) + " <- 'vfio-pci'",
                PciDriverPaths.unbind(DriverName.of("nouveau")) + " <- '" + GPU.format() + "'",
                PciDriverPaths.DRIVERS_PROBE + " <- '" + GPU.format() + "'");
        IommuGroupInfo bound = new IommuGroups(sysfs).group(40).orElseThrow();
        assertThat(bound.viable()).isTrue();
        assertThat(bound.vfioDevice()).contains(IommuPaths.vfioGroup(40));
        assertThat(bound.noIommu()).isFalse();

        binder.release(binding);
        assertThat(driverOf(sysfs, GPU)).isEqualTo("nouveau");
        assertThat(driverOf(sysfs, GPU_AUDIO)).isEqualTo("snd_hda_intel");
        assertThat(sysfs.writeLog().valuesWrittenTo(PciDevicePaths.driverOverride(GPU))).containsExactly("vfio-pci", "\n");
        assertThat(SysfsSnapshot.capture(sysfs, SysfsPath.ROOT)).isEqualTo(start);
    }

    @Test
    void aDeviceAlreadyOnVfioIsNotMovedAgain() {
        FakeSysfs sysfs = HostFixtures.gpuServer();
        VfioBinder binder = new VfioBinder(sysfs, options());
        binder.bind(GPU_AUDIO);
        VfioBinding group = binder.bindGroup(GPU);
        assertThat(group.devices()).containsExactly(GPU);
    }

    private static VfioRefusal refusal(FakeSysfs sysfs, VfioOptions options, PciAddress d) {
        SysfsSnapshot before = SysfsSnapshot.capture(sysfs, SysfsPath.ROOT);
        VfioRefusedException e = catchThrowableOfType(VfioRefusedException.class,
                () -> new VfioBinder(sysfs, options).bind(d));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.device()).isEqualTo(d);
        assertThat(sysfs.writeLog().all()).as("nothing written").isEmpty();
        assertThat(SysfsSnapshot.capture(sysfs, SysfsPath.ROOT)).isEqualTo(before);
        return e.reason();
    }

    @Test
    void refusesTheBootDisplayAnUnknownDeviceAndAMissingVfioDriver() {
        assertThat(refusal(HostFixtures.gpuServer(), options(), BOOT_VGA)).isEqualTo(VfioRefusal.BOOT_VGA);
        assertThat(refusal(HostFixtures.gpuServer(), options(), PciAddress.parse("0000:ff:1f.7")))
                .isEqualTo(VfioRefusal.NO_SUCH_DEVICE);
        FakeSysfs noVfio = HostFixtures.gpuServer().remove(PciDriverPaths.driver(DriverName.VFIO_PCI));
        assertThat(refusal(noVfio, options(), GPU)).isEqualTo(VfioRefusal.VFIO_PCI_UNAVAILABLE);
    }

    @Test
    void refusesInterfacesThatAreUpOrRoutedUnlessForced() {
        FakeSysfs up = HostFixtures.twoSocketXeonHost();
        assertThat(refusal(up, options(), NIC)).isEqualTo(VfioRefusal.INTERFACE_UP);
        assertThat(new VfioBinder(up, options().withForce()).bind(NIC).devices()).containsExactly(NIC);
        assertThat(driverOf(up, NIC)).isEqualTo("vfio-pci");

        FakeSysfs routed = HostFixtures.gpuServer();
        routed.createReadOnlyFile(ProcPaths.NET_ROUTE, HostFixtures.ROUTES_HEADER
                + "enp59s0f0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n");
        assertThat(refusal(routed, options(), NIC)).isEqualTo(VfioRefusal.INTERFACE_ROUTED);
        assertThat(new VfioBinder(HostFixtures.gpuServer(), options()).bind(NIC).devices()).containsExactly(NIC);
    }

    @Test
    void refusesAHostWithoutIommuUnlessUnsafeNoIommuModeIsAllowed() {
        assertThat(refusal(HostFixtures.withoutIommu(), options(), NIC)).isEqualTo(VfioRefusal.IOMMU_OFF);
        assertThat(refusal(HostFixtures.withoutIommu(), options().withUnsafeNoIommu(), NIC))
                .as("unsafe mode allowed, but the device still has no group").isEqualTo(VfioRefusal.NO_IOMMU_GROUP);
    }

    @Test
    void reportsNoIommuGroups() {
        FakeSysfs sysfs = HostFixtures.gpuServer();
        sysfs.createFile(IommuPaths.DEV_VFIO.resolve("noiommu-12"), "");
        assertThat(new IommuGroups(sysfs).group(12).orElseThrow().noIommu()).isTrue();
        assertThat(new IommuGroups(sysfs).group(12).orElseThrow().vfioDevice())
                .contains(IommuPaths.DEV_VFIO.resolve("noiommu-12"));
        assertThat(new IommuGroups(sysfs).status().passthrough()).isTrue();
        assertThat(new IommuGroups(HostFixtures.withoutIommu()).status().enabled()).isFalse();
        assertThat(new IommuGroups(HostFixtures.withoutIommu()).groups()).isEmpty();
    }

    private int faults(Supplier<FakeSysfs> host, java.util.function.Consumer<FakeSysfs> change) {
        return FaultAtEveryWrite.check(host, change);
    }

    @Test
    void everyWriteOfABindCanFailAndNothingChanges() {
        assertThat(faults(HostFixtures::gpuServer, s -> new VfioBinder(s, options()).bind(GPU))).isEqualTo(3);
        assertThat(faults(HostFixtures::gpuServer, s -> new VfioBinder(s, options()).bindGroup(GPU))).isEqualTo(6);
    }

    @Test
    void everyWriteOfAReleaseCanFailAndTheDevicesStayOnVfio() {
        Supplier<FakeSysfs> bound = () -> {
            FakeSysfs s = HostFixtures.gpuServer();
            new VfioBinder(s, options()).bindGroup(GPU);
            s.writeLog().clear();
            return s;
        };
        VfioBinding binding = new VfioBinder(bound.get(), options()).bindGroup(GPU); // (already bound: empty)
        assertThat(binding.devices()).isEmpty();
        VfioBinding moved = new VfioBinder(HostFixtures.gpuServer(), options()).bindGroup(GPU);
        assertThat(faults(bound, s -> new VfioBinder(s, options()).release(moved))).isEqualTo(6);
    }
}
