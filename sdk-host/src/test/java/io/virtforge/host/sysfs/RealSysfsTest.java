package io.virtforge.host.sysfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealSysfsTest {
    private static final SysfsPath DEVICES = SysfsPath.parse("/sys/bus/pci/devices");
    private static final SysfsPath REAL_DEV = SysfsPath.parse("/sys/devices/pci0000:00/0000:00:01.0");
    private static final SysfsPath NR = SysfsPath.parse("/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages");

    @TempDir
    Path root;
    RealSysfs sysfs;

    @BeforeEach
    void tree() throws IOException {
        Path dev = Files.createDirectories(root.resolve("sys/devices/pci0000:00/0000:00:01.0"));
        Files.writeString(dev.resolve("vendor"), "0x8086\n");
        Files.createDirectories(root.resolve("sys/bus/pci/drivers/vfio-pci"));
        Files.createSymbolicLink(dev.resolve("driver"), Path.of("../../../bus/pci/drivers/vfio-pci"));
        Files.createDirectories(root.resolve("sys/bus/pci/devices"));
        Files.createSymbolicLink(root.resolve("sys/bus/pci/devices/0000:00:01.0"),
                Path.of("../../../devices/pci0000:00/0000:00:01.0"));
        Path pool = Files.createDirectories(root.resolve("sys/kernel/mm/hugepages/hugepages-2048kB"));
        Files.writeString(pool.resolve("nr_hugepages"), "16\n");
        sysfs = new RealSysfs(root);
    }

    @Test
    void readsWholeFilesOfAnySizeWithTheReusedBuffer() throws IOException {
        Path dir = Files.createDirectories(root.resolve("proc"));
        String small = "é\n";
        String page = "x".repeat(4095) + "é"; // a two-byte character across the first buffer's end
        String large = "ligne ü\n".repeat(30_000); // past the size a thread keeps
        for (String text : List.of(page, small, "", large, small, page)) {
            Files.writeString(dir.resolve("file"), text);
            assertThat(sysfs.read(SysfsPath.of("proc", "file"))).isEqualTo(text);
        }
    }

    @Test
    void readsThroughLinks() {
        SysfsPath vendor = DEVICES.resolve("0000:00:01.0", "vendor");
        assertThat(sysfs.read(vendor)).isEqualTo("0x8086\n");
        assertThat(sysfs.readTrimmed(vendor)).isEqualTo("0x8086");
        assertThat(sysfs.list(DEVICES.resolve("0000:00:01.0"))).containsExactly("driver", "vendor");
        assertThat(sysfs.readLink(REAL_DEV.resolve("driver"))).isEqualTo("../../../bus/pci/drivers/vfio-pci");
        assertThat(sysfs.readLinkName(DEVICES.resolve("0000:00:01.0", "driver"))).isEqualTo("vfio-pci");
        assertThat(sysfs.isDirectory(DEVICES.resolve("0000:00:01.0", "driver"))).isTrue();
        assertThat(sysfs.exists(vendor)).isTrue();
        assertThat(sysfs.exists(DEVICES.resolve("nothing"))).isFalse();
        assertThat(sysfs.readTrimmedIfExists(DEVICES.resolve("nothing"))).isEmpty();
        assertThat(sysfs.readTrimmedIfExists(vendor)).contains("0x8086");
    }

    @Test
    void writeReplacesTheWholeContentWithExactlyTheValue() throws IOException {
        sysfs.write(NR, "0");
        assertThat(Files.readString(sysfs.fileOf(NR))).isEqualTo("0");
        sysfs.write(NR, "1024\n");
        assertThat(Files.readString(sysfs.fileOf(NR))).isEqualTo("1024\n");
        String big = "x".repeat(100_000);
        sysfs.write(NR, big);
        assertThat(Files.readString(sysfs.fileOf(NR), StandardCharsets.UTF_8)).isEqualTo(big);
    }

    @Test
    void writeNeverCreatesFiles() {
        SysfsPath missing = NR.parent().resolve("free_hugepages");
        assertThatThrownBy(() -> sysfs.write(missing, "1"))
                .isInstanceOfSatisfying(SysfsWriteException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.ENOENT);
                    assertThat(e.path()).isEqualTo(missing);
                    assertThat(e.value()).isEqualTo("1");
                });
        assertThat(Files.exists(sysfs.fileOf(missing))).isFalse();
    }

    @Test
    void failuresCarryTheErrno() {
        assertThatThrownBy(() -> sysfs.read(DEVICES.resolve("nothing")))
                .isInstanceOfSatisfying(SysfsReadException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
        assertThatThrownBy(() -> sysfs.read(DEVICES))
                .isInstanceOfSatisfying(SysfsReadException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EISDIR));
        assertThatThrownBy(() -> sysfs.list(NR))
                .isInstanceOfSatisfying(SysfsReadException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOTDIR));
        assertThatThrownBy(() -> sysfs.readLink(NR))
                .isInstanceOfSatisfying(SysfsReadException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
        assertThatThrownBy(() -> sysfs.readLink(NR.resolve("x")))
                .isInstanceOfSatisfying(SysfsReadException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOTDIR));
        assertThatThrownBy(() -> sysfs.write(DEVICES, "x"))
                .isInstanceOfSatisfying(SysfsWriteException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EISDIR));
    }

    @Test
    void defaultsToTheHostRoot() {
        assertThat(new RealSysfs().root()).isEqualTo(Path.of("/"));
        assertThat(new RealSysfs().fileOf(ProcPaths.MEMINFO)).isEqualTo(Path.of("/proc/meminfo"));
    }
}
