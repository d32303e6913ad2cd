package io.virtforge.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.host.sysfs.RealSysfs;
import io.virtforge.host.sysfs.SysfsPath;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The /proc parsers on the kernel's formats, and on this machine's real kernel as the oracle. */
class ProcReadersTest {
    private final RealSysfs real = new RealSysfs();

    @Test
    void numaMapsCountsPagesOfEachLinesPageSizePerNode() {
        NumaMaps m = NumaMaps.parse("""
                55d4c3a00000 default file=/usr/bin/qemu-system-x86_64 mapped=10 N0=10 kernelpagesize_kB=4
                7f0000000000 default anon=300 dirty=300 N0=100 N1=200 kernelpagesize_kB=4
                7e0000000000 bind:1 file=/dev/hugepages/libvirt/qemu/1-vm huge dirty=3 N1=3 kernelpagesize_kB=2048
                7d0000000000 bind:1 file=/dev/hugepages1G/libvirt/qemu/1-vm huge
                7c0000000000 default stack
                """);
        assertThat(m.bytesPerNode()).containsExactly(Map.entry(0, 110L * 4096), Map.entry(1, 200L * 4096 + 3L * (2 << 20)));
        assertThat(m.hugeBytesPerNode()).containsExactly(Map.entry(1, 3L * (2 << 20)));
        assertThat(m.hugeMapped()).isTrue();
        assertThat(NumaMaps.parse("7f0000000000 default anon=1 N0=1 kernelpagesize_kB=4\n").hugeMapped()).isFalse();
        assertThatThrownBy(() -> NumaMaps.parse("7f0000000000 default N0=x kernelpagesize_kB=4\n"))
                .isInstanceOf(MonitorReadException.class).hasMessageContaining("'x'");
    }

    @Test
    void schedstatAndVcpuThreadNames() {
        assertThat(Schedstat.parse("491820050 285811721 407\n")).isEqualTo(new Schedstat(491820050, 285811721, 407));
        assertThatThrownBy(() -> Schedstat.parse("1 2\n")).isInstanceOf(MonitorReadException.class);
        assertThat(VcpuThread.vcpuOf("CPU 3/KVM\n")).contains(3);
        assertThat(VcpuThread.vcpuOf("CPU 12/TCG")).contains(12);
        assertThat(VcpuThread.vcpuOf("IO mon_iothread")).isEmpty();
        assertThat(VcpuThread.vcpuOf("qemu-system-x86")).isEmpty();
    }

    @Test
    void procStatGivesEachCpusBusyTicksInNanoseconds() {
        Map<Integer, HostCpuTime> cpus = HostCpuTime.parseAll("""
                cpu  300 0 100 900 5 0 10 7 0 0
                cpu0 200 1 50 400 5 2 5 7 0 0
                cpu1 100 0 50 500 0 0 5 0 0 0
                intr 1 2 3
                """);
        // user + nice + system + irq + softirq; not idle, iowait or steal
        assertThat(cpus).containsExactly(Map.entry(0, new HostCpuTime(0, 258L * 10_000_000)),
                Map.entry(1, new HostCpuTime(1, 155L * 10_000_000)));
    }

    @Test
    void thisMachinesKernelFilesParse() {
        NumaMaps self = NumaMaps.parse(real.read(SysfsPath.of("proc", "self", "numa_maps")));
        assertThat(self.totalBytes()).as("this JVM's resident memory").isPositive();
        Map<Integer, HostCpuTime> cpus = HostCpuTime.parseAll(real.read(SysfsPath.of("proc", "stat")));
        assertThat(cpus).isNotEmpty().allSatisfy((cpu, t) -> assertThat(t.busyNanos()).isPositive());
        long pid = ProcessHandle.current().pid();
        String tid = real.list(SysfsPath.of("proc", "self", "task")).get(0);
        assertThat(Schedstat.parse(real.read(SysfsPath.of("proc", Long.toString(pid), "task", tid, "schedstat")))
                .runNanos()).isPositive();
    }

    @Test
    void aProcessIsFoundByTheUuidOnItsCommandLine() throws Exception {
        UUID uuid = UUID.randomUUID();
        // like QEMU's "-uuid UUID"; "; true" keeps the shell from exec'ing sleep and losing its arguments
        Process p = new ProcessBuilder("sh", "-c", "sleep 60; true", "-uuid", uuid.toString()).start();
        try {
            QemuProcessFinder finder = new QemuProcessFinder(real);
            assertThat(finder.find(Set.of(uuid, UUID.randomUUID()))).containsExactly(Map.entry(uuid, (int) p.pid()));
            assertThat(finder.uuidOf((int) ProcessHandle.current().pid())).isEmpty();
            Optional<ProcessFacts> facts = ProcessReader.read(real, (int) p.pid());
            assertThat(facts).hasValueSatisfying(f -> {
                assertThat(f.memory().totalBytes()).isPositive();
                assertThat(f.vcpus()).isEmpty();
            });
            p.destroy();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(finder.find(Set.of(uuid))).as("gone with its process").isEmpty();
        } finally {
            p.destroyForcibly();
        }
    }
}
