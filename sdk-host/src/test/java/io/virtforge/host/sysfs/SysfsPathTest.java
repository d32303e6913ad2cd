package io.virtforge.host.sysfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SysfsPathTest {

    @Test
    void buildsFromCheckedSegments() {
        SysfsPath p = SysfsPath.of("sys", "bus").resolve("pci");
        assertThat(p).hasToString("/sys/bus/pci");
        assertThat(p.segments()).containsExactly("sys", "bus", "pci");
        assertThat(p.name()).isEqualTo("pci");
        assertThat(p.parent()).isEqualTo(SysfsPath.of("sys", "bus"));
        assertThat(p.startsWith(SysfsPath.of("sys"))).isTrue();
        assertThat(SysfsPath.ROOT).hasToString("/");
        assertThat(SysfsPath.ROOT.parent()).isEqualTo(SysfsPath.ROOT);
    }

    @Test
    void parsesAbsolutePaths() {
        assertThat(SysfsPath.parse("/sys/bus/pci")).isEqualTo(SysfsPath.of("sys", "bus", "pci"));
        assertThat(SysfsPath.parse("/")).isEqualTo(SysfsPath.ROOT);
        assertThat(SysfsPath.parse("/sys/bus/pci/devices/0000:3b:00.0/hugepages-2048kB").segments()).hasSize(6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "/abs", "abs/", "a\0b", "new\nline", "tab\there"})
    void rejectsUnsafeSegments(String segment) {
        assertThatThrownBy(() -> SysfsPath.of("sys", segment)).isInstanceOf(InvalidSysfsPathException.class)
                .extracting(e -> ((InvalidSysfsPathException) e).input()).isEqualTo(segment);
    }

    @Test
    void rejectsOverlongAndNullSegments() {
        assertThatThrownBy(() -> SysfsPath.of("x".repeat(256))).isInstanceOf(InvalidSysfsPathException.class);
        assertThat(SysfsPath.of("x".repeat(255)).name()).hasSize(255);
        assertThatThrownBy(() -> SysfsPath.of("sys", null)).isInstanceOf(InvalidSysfsPathException.class);
        assertThatThrownBy(() -> SysfsPath.ROOT.resolveNumbered("node", -1))
                .isInstanceOf(InvalidSysfsPathException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sys", "sys/bus", "/sys//bus", "/sys/bus/", "/sys/../etc/shadow", "/sys/./bus",
        "/proc/self/\0", "//"})
    void parseRejectsRelativeAndUnsafePaths(String text) {
        assertThatThrownBy(() -> SysfsPath.parse(text)).isInstanceOf(InvalidSysfsPathException.class);
    }

    @Test
    void rejectionHappensBeforeAnyIo() {
        CountingSysfs sysfs = new CountingSysfs();
        ThrowingCallable[] attempts = {
            () -> sysfs.read(SysfsPath.of("sys", "..", "etc")),
            () -> sysfs.write(SysfsPath.parse("/sys/bus/pci/drivers/../../../etc/passwd"), "x"),
            () -> sysfs.write(PciDriverPaths.bind(DriverName.of("../vfio")), "x"),
            () -> sysfs.list(NetInterfacePaths.netInterface(NetInterfaceName.of(".."))),
            () -> sysfs.readLink(BlockDevicePaths.scheduler(BlockDeviceName.of("sda/../../x"))),
            () -> sysfs.exists(SysfsPath.of("dev", "vfio", "/etc")),
            () -> sysfs.isDirectory(SysfsPath.of("proc", "")),
            () -> sysfs.read(SysfsPath.of("proc", "a\0b")),
        };
        for (ThrowingCallable attempt : attempts) {
            assertThatThrownBy(attempt).isInstanceOf(InvalidSysfsPathException.class);
        }
        assertThat(sysfs.calls()).isZero();
    }

    @Test
    void pathsAreValues() {
        assertThat(SysfsPath.parse("/sys/a")).isEqualTo(SysfsPath.of("sys", "a")).hasSameHashCodeAs(SysfsPath.of("sys", "a"));
        assertThat(SysfsPath.of("a")).isLessThan(SysfsPath.of("a", "b")).isLessThan(SysfsPath.of("b"));
    }
}
