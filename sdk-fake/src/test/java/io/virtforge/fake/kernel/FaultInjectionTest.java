package io.virtforge.fake.kernel;

import static io.virtforge.fake.kernel.TestHosts.NIC;
import static io.virtforge.fake.kernel.TestHosts.writeFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.host.sysfs.Errno;
import io.virtforge.host.sysfs.HugePagePaths;
import io.virtforge.host.sysfs.PciDevicePaths;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.value.PageSize;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
    private static final SysfsPath NR = HugePagePaths.nrHugePages(0, PageSize.MIB_2);
    private final FakeSysfs sysfs = TestHosts.twoNodeHost().build();

    @Test
    void onlyTheNthWriteFailsAndHasNoEffect() {
        sysfs.faults().failNthWrite(NR, 2, Errno.ENOMEM);
        sysfs.write(NR, "1");
        assertThat(writeFails(sysfs, NR, "2")).isEqualTo(Errno.ENOMEM);
        assertThat(sysfs.readTrimmed(NR)).isEqualTo("1");
        sysfs.write(NR, "3");
        assertThat(sysfs.readTrimmed(NR)).isEqualTo("3");
        assertThat(sysfs.writeLog().to(NR)).extracting(WriteRecord::error)
                .containsExactly(Optional.empty(), Optional.of(Errno.ENOMEM), Optional.empty());
        assertThat(sysfs.writeLog().valuesWrittenTo(NR)).containsExactly("1", "3");
    }

    @Test
    void everyWriteFailsUntilCleared() {
        sysfs.faults().failEveryWrite(NR, Errno.EIO);
        assertThat(writeFails(sysfs, NR, "1")).isEqualTo(Errno.EIO);
        assertThat(writeFails(sysfs, NR, "1")).isEqualTo(Errno.EIO);
        sysfs.faults().clear();
        sysfs.write(NR, "1");
        assertThat(sysfs.readTrimmed(NR)).isEqualTo("1");
    }

    @Test
    void aFaultMatchesThePathThroughAnyLink() {
        sysfs.faults().failNextWrite(PciDevicePaths.driverOverride(NIC), Errno.EBUSY);
        SysfsPath physical = SysfsPath.parse("/sys/devices/pci0000:3b/0000:3b:00.0/driver_override");
        assertThat(writeFails(sysfs, physical, "vfio-pci")).isEqualTo(Errno.EBUSY);
        sysfs.write(physical, "vfio-pci");
        assertThat(sysfs.writeLog().to(PciDevicePaths.driverOverride(NIC))).hasSize(2);
        assertThat(sysfs.writeLog().all().get(0).resolvedPath()).isEqualTo(physical);
        assertThat(sysfs.writeLog().all().get(0)).hasToString(physical + " <- 'vfio-pci' failed EBUSY");
    }

    @Test
    void injectedErrorsOverrideTheKernelsAnswer() {
        sysfs.faults().failNthWrite(PciDevicePaths.sriovNumVfs(NIC), 1, Errno.ENOMEM);
        assertThat(writeFails(sysfs, PciDevicePaths.sriovNumVfs(NIC), "2")).isEqualTo(Errno.ENOMEM);
        assertThat(sysfs.readTrimmed(PciDevicePaths.sriovNumVfs(NIC))).isEqualTo("0");
        sysfs.write(PciDevicePaths.sriovNumVfs(NIC), "2");
        assertThat(sysfs.readTrimmed(PciDevicePaths.sriovNumVfs(NIC))).isEqualTo("2");
        sysfs.writeLog().clear();
        assertThat(sysfs.writeLog().all()).isEmpty();
    }
}
