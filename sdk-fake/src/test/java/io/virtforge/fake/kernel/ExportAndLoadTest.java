package io.virtforge.fake.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.host.sysfs.HugePagePaths;
import io.virtforge.host.sysfs.PciDriverPaths;
import io.virtforge.host.sysfs.RealSysfs;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.value.PageSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportAndLoadTest {
    @TempDir
    Path dir;

    @Test
    void exportWritesRealLinksAndModesAndLoadingItBackReadsTheSame() throws IOException {
        FakeSysfs host = TestHosts.twoNodeHost().build();
        host.write(HugePagePaths.nrHugePages(1, PageSize.MIB_2), "7");
        host.exportTo(dir);
        Path device = dir.resolve("sys/bus/pci/devices/0000:3b:00.0");
        assertThat(Files.isSymbolicLink(device)).isTrue();
        assertThat(Files.readSymbolicLink(device)).hasToString("../../../devices/pci0000:3b/0000:3b:00.0");
        assertThat(Files.readString(device.resolve("vendor"))).isEqualTo("0x8086\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(device.resolve("vendor"))))
                .isEqualTo("r--r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(device.resolve("driver_override"))))
                .isEqualTo("rw-r--r--");
        Path bind = dir.resolve("sys/bus/pci/drivers/vfio-pci/bind");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bind))).isEqualTo("-w-------");
        assertThat(new RealSysfs(dir).readTrimmed(HugePagePaths.nrHugePages(1, PageSize.MIB_2))).isEqualTo("7");

        FakeSysfs loaded = FakeSysfs.loadFrom(dir);
        assertThat(SysfsSnapshot.capture(loaded, SysfsPath.ROOT)).isEqualTo(SysfsSnapshot.capture(host, SysfsPath.ROOT));
        assertThat(loaded.exists(PciDriverPaths.bind(io.virtforge.host.sysfs.DriverName.VFIO_PCI))).isTrue();
    }
}
