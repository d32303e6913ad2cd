package io.virtforge.host.sysfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Checks the errno mapping against the running kernel. Every write here is one the kernel refuses
 * without changing anything (invalid values, unknown devices, devices already bound), except the
 * oom_score_adj round trip, which restores the JVM's own value.
 *
 * <p>Writes to the kernel's PCI driver files are live driver operations on whatever machine runs the tests, so
 * those tests run only with the {@link RealKernelWrites} opt-in ({@code -Dvirtforge.realKernelWrites=true}), and
 * skip, with the reason, where this kernel lacks the file or the driver they probe (virtio-pci on some kernels
 * has no {@code bind}).
 */
@EnabledOnOs(OS.LINUX)
class RealKernelErrnoTest {
    private static final RealSysfs HOST = new RealSysfs();
    private static final SysfsPath OOM_SCORE_ADJ = SysfsPath.of("proc", "self", "oom_score_adj");
    private static final String NO_SUCH_DEVICE = "ffff:ff:1f.7";

    private static boolean isRoot() {
        try {
            return "0".equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid").toString());
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void assumeRoot() {
        assumeTrue(isRoot(), "needs root: the kernel's driver and sysctl files are writable by root only");
    }

    private static void assumeExists(SysfsPath path) {
        assumeTrue(HOST.exists(path), path + " does not exist on this machine");
    }

    private static Errno writeErrno(SysfsPath path, String value) {
        try {
            HOST.write(path, value);
        } catch (SysfsWriteException e) {
            assertThat(e.path()).isEqualTo(path);
            assertThat(e.value()).isEqualTo(value);
            return e.errno();
        }
        throw new AssertionError("the kernel accepted '" + value + "' written to " + path);
    }

    @Test
    void invalidValueIsEinval() {
        assumeExists(OOM_SCORE_ADJ);
        assertThat(writeErrno(OOM_SCORE_ADJ, "5000")).isEqualTo(Errno.EINVAL);
    }

    @Test
    void garbageToNrHugepagesIsEinvalAsRoot() {
        assumeRoot();
        assumeExists(HugePagePaths.SYSCTL_NR_HUGEPAGES);
        assertThat(writeErrno(HugePagePaths.SYSCTL_NR_HUGEPAGES, "garbage")).isEqualTo(Errno.EINVAL);
    }

    @Test
    void overflowingNumberIsErange() {
        assumeExists(OOM_SCORE_ADJ);
        assertThat(writeErrno(OOM_SCORE_ADJ, "99999999999999999999")).isEqualTo(Errno.ERANGE);
    }

    @Test
    void missingFileIsEnoent() {
        assertThat(writeErrno(SysfsPath.of("proc", "self", "virtforge-no-such-file"), "1")).isEqualTo(Errno.ENOENT);
        assertThat(writeErrno(PciDriverPaths.bind(DriverName.of("virtforge-no-such-driver")), "x"))
                .isEqualTo(Errno.ENOENT);
        assertThatThrownBy(() -> HOST.read(SysfsPath.of("proc", "self", "virtforge-no-such-file")))
                .isInstanceOfSatisfying(SysfsReadException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
    }

    @Test
    void fullDeviceIsEnospc() {
        SysfsPath full = SysfsPath.of("dev", "full");
        assumeExists(full);
        assertThat(writeErrno(full, "x")).isEqualTo(Errno.ENOSPC);
    }

    @Test
    void readOnlyAttributeIsEacces() {
        assumeExists(CpuPaths.ONLINE);
        assertThat(writeErrno(CpuPaths.ONLINE, "0-1")).isEqualTo(Errno.EACCES);
    }

    @Test
    void directoriesAndFilesInTheWrongPlaceAreEisdirAndEnotdir() {
        assumeExists(CpuPaths.ONLINE);
        assertThat(writeErrno(CpuPaths.CPUS, "1")).isEqualTo(Errno.EISDIR);
        assertThat(writeErrno(CpuPaths.ONLINE.resolve("x"), "1")).isEqualTo(Errno.ENOTDIR);
        assertThatThrownBy(() -> HOST.read(CpuPaths.CPUS))
                .isInstanceOfSatisfying(SysfsReadException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EISDIR));
        assertThatThrownBy(() -> HOST.list(CpuPaths.ONLINE))
                .isInstanceOfSatisfying(SysfsReadException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOTDIR));
        assertThatThrownBy(() -> HOST.readLink(CpuPaths.ONLINE))
                .isInstanceOfSatisfying(SysfsReadException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
    }

    /** A PCI driver offering every file the test writes, if this kernel has one. */
    private static Optional<DriverName> driverWithFiles(String... files) {
        if (!HOST.isDirectory(PciDriverPaths.DRIVERS)) {
            return Optional.empty();
        }
        return HOST.list(PciDriverPaths.DRIVERS).stream().map(DriverName::of)
                .filter(d -> Arrays.stream(files)
                        .allMatch(f -> HOST.exists(PciDriverPaths.driver(d).resolve(f))))
                .findFirst();
    }

    @Test
    void unknownDeviceToDriverFilesIsEnodev() {
        RealKernelWrites.assumeAllowed("bind, unbind, new_id, remove_id and drivers_probe with a device that does "
                + "not exist");
        assumeRoot();
        DriverName driver = driverWithFiles("bind", "unbind", "new_id", "remove_id").orElse(null);
        assumeTrue(driver != null, "no PCI driver on this kernel has bind, unbind, new_id and remove_id files");
        assumeExists(PciDriverPaths.DRIVERS_PROBE);
        // the kernel refuses each one without changing anything: no such device, or a malformed id
        assertThat(writeErrno(PciDriverPaths.unbind(driver), NO_SUCH_DEVICE)).isEqualTo(Errno.ENODEV);
        assertThat(writeErrno(PciDriverPaths.bind(driver), NO_SUCH_DEVICE)).isEqualTo(Errno.ENODEV);
        assertThat(writeErrno(PciDriverPaths.removeId(driver), "ffff ffff")).isEqualTo(Errno.ENODEV);
        assertThat(writeErrno(PciDriverPaths.DRIVERS_PROBE, NO_SUCH_DEVICE)).isEqualTo(Errno.ENODEV);
        assertThat(writeErrno(PciDriverPaths.newId(driver), "zz")).isEqualTo(Errno.EINVAL);
    }

    /** A device bound to {@code virtio-pci} without a driver override, if the machine has one. */
    private static Optional<String> virtioDevice() {
        if (!HOST.isDirectory(PciDevicePaths.DEVICES)) {
            return Optional.empty();
        }
        for (String name : HOST.list(PciDevicePaths.DEVICES)) {
            SysfsPath dev = PciDevicePaths.DEVICES.resolve(name);
            SysfsPath driver = dev.resolve("driver");
            if (HOST.exists(driver) && HOST.readLinkName(driver).equals("virtio-pci")
                    && HOST.readTrimmedIfExists(dev.resolve("driver_override")).orElse("(null)").equals("(null)")) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    @Test
    void bindingABoundDeviceIsEbusyAndAddingAMatchedIdIsEexist() {
        RealKernelWrites.assumeAllowed("virtio-pci's bind and new_id, with a device virtio-pci already drives");
        assumeRoot();
        String device = virtioDevice().orElse(null);
        assumeTrue(device != null, "no PCI device bound to virtio-pci on this machine");
        DriverName virtio = DriverName.of("virtio-pci");
        assumeExists(PciDriverPaths.bind(virtio));
        assumeExists(PciDriverPaths.newId(virtio));
        SysfsPath dev = PciDevicePaths.DEVICES.resolve(device);
        // virtio-pci's id table matches every device of vendor 0x1af4: the kernel refuses the duplicate id
        String id = HOST.readTrimmed(dev.resolve("vendor")).substring(2) + " "
                + HOST.readTrimmed(dev.resolve("device")).substring(2);
        boolean idAdded = false;
        try {
            assertThat(writeErrno(PciDriverPaths.bind(virtio), device)).isEqualTo(Errno.EBUSY);
            Errno newId;
            try {
                HOST.write(PciDriverPaths.newId(virtio), id);
                idAdded = true; // a kernel that took it: removed again below
                newId = null;
            } catch (SysfsWriteException e) {
                newId = e.errno();
            }
            assertThat(newId).as("new_id %s for a device virtio-pci already matches", id).isEqualTo(Errno.EEXIST);
        } finally {
            if (idAdded) {
                HOST.write(PciDriverPaths.removeId(virtio), id);
            }
        }
        assertThat(HOST.readLinkName(dev.resolve("driver"))).isEqualTo("virtio-pci");
    }

    @Test
    void eachWriteIsOneCommand() {
        assumeRoot();
        assumeExists(OOM_SCORE_ADJ);
        String before = HOST.readTrimmed(OOM_SCORE_ADJ);
        try {
            HOST.write(OOM_SCORE_ADJ, "123");
            // split into "1", "2", "3" the kernel would have kept 3
            assertThat(HOST.readTrimmed(OOM_SCORE_ADJ)).isEqualTo("123");
        } finally {
            HOST.write(OOM_SCORE_ADJ, before);
        }
    }
}
