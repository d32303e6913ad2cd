package io.virtforge.fake.kernel;

import static io.virtforge.fake.kernel.TestHosts.writeFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.host.sysfs.Errno;
import io.virtforge.host.sysfs.HugePagePaths;
import io.virtforge.host.sysfs.NodePaths;
import io.virtforge.host.sysfs.ProcPaths;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import org.junit.jupiter.api.Test;

class HugePagesTest {
    private static final PageSize M2 = PageSize.MIB_2;
    private static final PageSize G1 = PageSize.GIB_1;
    private final FakeSysfs sysfs = TestHosts.twoNodeHost().build();

    private long read(io.virtforge.host.sysfs.SysfsPath path) {
        return Long.parseLong(sysfs.readTrimmed(path));
    }

    @Test
    void aNodeWithMemoryGetsAllPagesAsked() {
        sysfs.write(HugePagePaths.nrHugePages(1, M2), "100");
        assertThat(read(HugePagePaths.nrHugePages(1, M2))).isEqualTo(100);
        assertThat(read(HugePagePaths.freeHugePages(1, M2))).isEqualTo(100);
        assertThat(read(HugePagePaths.nrHugePages(M2))).isEqualTo(100);
        assertThat(sysfs.nodeFreeMemory(1)).isEqualTo(DataSize.mib(4096 - 200));
        assertThat(sysfs.read(NodePaths.meminfo(1))).contains("Node 1 HugePages_Total:   100\n")
                .contains("Node 1 MemFree:         3989504 kB\n");
        assertThat(sysfs.read(ProcPaths.MEMINFO)).contains("HugePages_Total:     100\n")
                .contains("Hugepagesize:       2048 kB\n");
    }

    @Test
    void underMemoryPressureTheWriteSucceedsWithFewerPages() {
        sysfs.setNodeFreeMemory(0, DataSize.mib(11));
        sysfs.write(HugePagePaths.nrHugePages(0, M2), "100");
        assertThat(read(HugePagePaths.nrHugePages(0, M2))).isEqualTo(5);
        sysfs.write(HugePagePaths.nrHugePages(0, G1), "8");
        assertThat(read(HugePagePaths.nrHugePages(0, G1))).isZero();
        sysfs.write(HugePagePaths.nrHugePages(1, G1), "8");
        assertThat(read(HugePagePaths.nrHugePages(1, G1))).isEqualTo(4);
        assertThat(sysfs.writeLog().to(HugePagePaths.nrHugePages(1, G1))).singleElement()
                .matches(WriteRecord::succeeded);
    }

    @Test
    void aGlobalWriteSpreadsPagesOverTheNodes() {
        sysfs.write(HugePagePaths.nrHugePages(M2), "10");
        assertThat(read(HugePagePaths.nrHugePages(0, M2))).isEqualTo(5);
        assertThat(read(HugePagePaths.nrHugePages(1, M2))).isEqualTo(5);
        sysfs.setNodeFreeMemory(0, DataSize.ZERO);
        sysfs.write(HugePagePaths.SYSCTL_NR_HUGEPAGES, "20");
        assertThat(read(HugePagePaths.nrHugePages(0, M2))).isEqualTo(5);
        assertThat(read(HugePagePaths.nrHugePages(1, M2))).isEqualTo(15);
        assertThat(read(HugePagePaths.SYSCTL_NR_HUGEPAGES)).isEqualTo(20);
        sysfs.write(HugePagePaths.nrHugePages(M2), "0");
        assertThat(read(HugePagePaths.nrHugePages(M2))).isZero();
        assertThat(sysfs.nodeFreeMemory(1)).isEqualTo(DataSize.gib(4));
    }

    @Test
    void pagesInUseAreNotFreedButBecomeSurplus() {
        sysfs.write(HugePagePaths.nrHugePages(0, M2), "8");
        sysfs.setHugePagesInUse(0, M2, 3);
        assertThat(read(HugePagePaths.freeHugePages(0, M2))).isEqualTo(5);
        sysfs.write(HugePagePaths.nrHugePages(0, M2), "0");
        assertThat(read(HugePagePaths.nrHugePages(0, M2))).isEqualTo(3);
        assertThat(read(HugePagePaths.surplusHugePages(0, M2))).isEqualTo(3);
        assertThat(read(HugePagePaths.freeHugePages(0, M2))).isZero();
        sysfs.write(HugePagePaths.nrHugePages(0, M2), "5");
        assertThat(read(HugePagePaths.nrHugePages(0, M2))).isEqualTo(5);
        assertThat(read(HugePagePaths.surplusHugePages(0, M2))).isZero();
    }

    @Test
    void badCountsAreRefused() {
        assertThat(writeFails(sysfs, HugePagePaths.nrHugePages(0, M2), "abc")).isEqualTo(Errno.EINVAL);
        assertThat(writeFails(sysfs, HugePagePaths.nrHugePages(0, M2), "-1")).isEqualTo(Errno.EINVAL);
        assertThat(writeFails(sysfs, HugePagePaths.nrHugePages(0, M2), "99999999999999999999")).isEqualTo(Errno.ERANGE);
        assertThat(writeFails(sysfs, HugePagePaths.SYSCTL_NR_HUGEPAGES, "garbage")).isEqualTo(Errno.EINVAL);
        assertThat(writeFails(sysfs, HugePagePaths.freeHugePages(0, M2), "1")).isEqualTo(Errno.EACCES);
        assertThat(writeFails(sysfs, HugePagePaths.nrHugePages(0, PageSize.ofKib(64)), "1")).isEqualTo(Errno.ENOENT);
    }

    @Test
    void initialPoolsComeFromTheBuilder() {
        FakeSysfs host = FakeSysfs.builder().hugePages(0, G1, 2).build();
        assertThat(host.readTrimmed(HugePagePaths.nrHugePages(G1))).isEqualTo("2");
        assertThat(host.readTrimmed(HugePagePaths.nrHugePages(0, M2))).isEqualTo("0");
        assertThat(host.readTrimmed(NodePaths.cpulist(0))).isEqualTo("0-3");
    }
}
