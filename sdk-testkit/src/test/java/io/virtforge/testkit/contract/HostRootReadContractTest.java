package io.virtforge.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.virtforge.host.sysfs.ProcPaths;
import io.virtforge.host.sysfs.RealSysfs;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.fake.kernel.SysfsSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The read contract on the machine's own {@code /}, read only: stable files (CPU and node lists, the
 * kernel command line, THP mode), the PCI device list and links, with expectations read through plain
 * {@code java.nio}.
 */
class HostRootReadContractTest extends SysfsReadContract {
    private static final List<String> STABLE_FILES = List.of("/sys/devices/system/cpu/online",
            "/sys/devices/system/cpu/possible", "/sys/devices/system/cpu/present", "/sys/devices/system/node/online",
            "/sys/devices/system/cpu/cpu0/topology/core_id",
            "/sys/devices/system/cpu/cpu0/topology/thread_siblings_list",
            "/sys/kernel/mm/transparent_hugepage/enabled", "/proc/cmdline");
    private static final List<String> STABLE_DIRECTORIES = List.of("/sys/bus/pci/devices", "/sys/devices/system/node");

    @Override
    protected Sysfs sysfs() {
        return new RealSysfs();
    }

    @Override
    protected SysfsSnapshot expected() {
        assumeTrue(Files.isRegularFile(Path.of("/sys/devices/system/cpu/online")), "not a Linux host with sysfs");
        SysfsSnapshot.Builder b = SysfsSnapshot.builder();
        try {
            for (String f : STABLE_FILES) {
                Path p = Path.of(f);
                if (Files.isRegularFile(p) && Files.isReadable(p)) {
                    b.file(f, new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
                }
            }
            for (String d : STABLE_DIRECTORIES) {
                Path dir = Path.of(d);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> entries = Files.list(dir)) {
                    List<Path> list = entries.sorted().toList();
                    b.directory(d, list.stream().map(p -> p.getFileName().toString()).toArray(String[]::new));
                    for (Path e : list) {
                        if (Files.isSymbolicLink(e)) {
                            b.link(e.toString(), Files.readSymbolicLink(e).toString());
                        }
                        Path driver = e.resolve("driver");
                        if (Files.isSymbolicLink(driver)) {
                            b.link(driver.toString(), Files.readSymbolicLink(driver).toString());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.build();
    }

    @Test
    void procFilesHaveTheirUsualLines() {
        assumeTrue(Files.isRegularFile(Path.of("/proc/meminfo")), "no /proc/meminfo");
        assertThat(sysfs().read(ProcPaths.MEMINFO)).startsWith("MemTotal:").contains("\nHugePages_Total:");
        assertThat(sysfs().read(ProcPaths.MOUNTS)).contains(" /proc proc ");
    }
}
