package io.virtforge.fake.kernel;

import static io.virtforge.fake.kernel.TestHosts.writeFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.virtforge.host.sysfs.BlockDeviceName;
import io.virtforge.host.sysfs.BlockDevicePaths;
import io.virtforge.host.sysfs.CpuPaths;
import io.virtforge.host.sysfs.Errno;
import io.virtforge.host.sysfs.MemoryTuningPaths;
import io.virtforge.host.sysfs.NetInterfaceName;
import io.virtforge.host.sysfs.NetInterfacePaths;
import io.virtforge.host.sysfs.ProcPaths;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.host.sysfs.SysfsReadException;
import org.junit.jupiter.api.Test;

class FakeFilesTest {
    private final FakeSysfs host = FakeSysfs.builder()
            .node(0, n -> n.cpus("0-3"))
            .cpu(0, c -> c.governor("powersave"))
            .cpu(1, c -> c.core(0).governor("powersave"))
            .isolatedCpus("2-3")
            .transparentHugePages("always", "madvise")
            .ksm(1, 42)
            .blockDevice("nvme0n1", b -> b.scheduler("[none] mq-deadline kyber"))
            .netInterface("eth0", n -> n.operstate("up"))
            .mounts("proc /proc proc rw 0 0")
            .meminfo("MemTotal: 1 kB")
            .build();

    @Test
    void tuningKnobsAcceptOnlyTheirChoices() {
        assertThat(host.read(MemoryTuningPaths.THP_ENABLED)).isEqualTo("[always] madvise never\n");
        host.write(MemoryTuningPaths.THP_ENABLED, "never\n");
        assertThat(host.read(MemoryTuningPaths.THP_ENABLED)).isEqualTo("always madvise [never]\n");
        assertThat(writeFails(host, MemoryTuningPaths.THP_ENABLED, "sometimes")).isEqualTo(Errno.EINVAL);
        host.write(MemoryTuningPaths.THP_DEFRAG, "defer+madvise");
        assertThat(host.read(MemoryTuningPaths.THP_DEFRAG)).isEqualTo("always defer [defer+madvise] madvise never\n");
        assertThat(host.readTrimmed(MemoryTuningPaths.KSM_RUN)).isEqualTo("1");
        host.write(MemoryTuningPaths.KSM_RUN, "0");
        assertThat(host.readTrimmed(MemoryTuningPaths.KSM_RUN)).isEqualTo("0");
        assertThat(writeFails(host, MemoryTuningPaths.KSM_RUN, "3")).isEqualTo(Errno.EINVAL);
        assertThat(writeFails(host, MemoryTuningPaths.KSM_PAGES_SHARING, "0")).isEqualTo(Errno.EACCES);
        assertThat(host.readTrimmed(MemoryTuningPaths.KSM_PAGES_SHARING)).isEqualTo("42");
        host.write(CpuPaths.scalingGovernor(1), "performance");
        assertThat(host.read(CpuPaths.scalingGovernor(1))).isEqualTo("performance\n");
        assertThat(writeFails(host, CpuPaths.scalingGovernor(1), "ondemand")).isEqualTo(Errno.EINVAL);
        BlockDeviceName nvme = BlockDeviceName.of("nvme0n1");
        host.write(BlockDevicePaths.scheduler(nvme), "kyber");
        assertThat(host.read(BlockDevicePaths.scheduler(nvme))).isEqualTo("none mq-deadline [kyber]\n");
        assertThat(writeFails(host, BlockDevicePaths.scheduler(nvme), "bfq")).isEqualTo(Errno.EINVAL);
        assertThat(host.readTrimmed(BlockDevicePaths.rotational(nvme))).isEqualTo("0");
    }

    @Test
    void topologyAndProcFilesComeFromTheBuilder() {
        assertThat(host.readTrimmed(CpuPaths.threadSiblingsList(0))).isEqualTo("0-1");
        assertThat(host.readTrimmed(CpuPaths.threadSiblingsList(2))).isEqualTo("2");
        assertThat(host.readTrimmed(CpuPaths.ISOLATED)).isEqualTo("2-3");
        assertThat(host.readTrimmed(CpuPaths.dieId(3))).isEqualTo("0");
        assertThat(host.exists(CpuPaths.scalingGovernor(2))).isFalse();
        assertThat(host.read(ProcPaths.MOUNTS)).isEqualTo("proc /proc proc rw 0 0\n");
        assertThat(host.read(ProcPaths.MEMINFO)).isEqualTo("MemTotal: 1 kB\n");
        assertThat(host.readLink(NetInterfacePaths.netInterface(NetInterfaceName.of("eth0"))))
                .isEqualTo("../../devices/virtual/net/eth0");
        assertThat(host.exists(NetInterfacePaths.device(NetInterfaceName.of("eth0")))).isFalse();
        host.setContent(NetInterfacePaths.operstate(NetInterfaceName.of("eth0")), "down\n");
        assertThat(host.readTrimmed(NetInterfacePaths.operstate(NetInterfaceName.of("eth0")))).isEqualTo("down");
        assertThatThrownBy(() -> host.setContent(MemoryTuningPaths.KSM_RUN, "1\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void plainFilesAndLinksBehaveLikeAFileSystem() {
        FakeSysfs fs = FakeSysfs.empty()
                .createFile(SysfsPath.parse("/a/value"), "1\n")
                .createReadOnlyFile(SysfsPath.parse("/a/fixed"), "x\n")
                .createSymlink(SysfsPath.parse("/a/up"), "..")
                .createSymlink(SysfsPath.parse("/a/abs"), "/a/value")
                .createSymlink(SysfsPath.parse("/a/dangling"), "nowhere")
                .createSymlink(SysfsPath.parse("/a/loop"), "loop");
        fs.write(SysfsPath.parse("/a/value"), "performance");
        assertThat(fs.read(SysfsPath.parse("/a/up/a/value"))).isEqualTo("performance\n");
        assertThat(fs.read(SysfsPath.parse("/a/abs"))).isEqualTo("performance\n");
        assertThat(fs.list(SysfsPath.parse("/a/up"))).containsExactly("a");
        assertThat(fs.exists(SysfsPath.parse("/a/dangling"))).isFalse();
        assertThat(fs.readLink(SysfsPath.parse("/a/dangling"))).isEqualTo("nowhere");
        assertThat(catchThrowableOfType(SysfsReadException.class, () -> fs.read(SysfsPath.parse("/a/loop"))).errno())
                .isEqualTo(Errno.ELOOP);
        assertThat(writeFails(fs, SysfsPath.parse("/a/fixed"), "y")).isEqualTo(Errno.EACCES);
        assertThat(writeFails(fs, SysfsPath.parse("/a"), "y")).isEqualTo(Errno.EISDIR);
        assertThat(writeFails(fs, SysfsPath.parse("/a/new"), "y")).isEqualTo(Errno.ENOENT);
        assertThat(fs.exists(SysfsPath.parse("/a/new"))).isFalse();
        assertThat(writeFails(fs, SysfsPath.parse("/a/value/x"), "y")).isEqualTo(Errno.ENOTDIR);
        fs.remove(SysfsPath.parse("/a/value"));
        assertThat(fs.exists(SysfsPath.parse("/a/abs"))).isFalse();
        assertThatThrownBy(() -> fs.loadPciDriver(io.virtforge.host.sysfs.DriverName.VFIO_PCI))
                .isInstanceOf(IllegalStateException.class);
    }
}
