package io.virtforge.host.hugepages;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.value.PageSize;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The hugetlbfs mounts of {@code /proc/mounts} (moved out of the sysfs package's HostTextParsingTest). */
class HugetlbfsMountTest {
    @Test
    void hugetlbfsMountsWithAndWithoutPageSize() {
        String mounts = "sysfs /sys sysfs rw 0 0\n"
                + "hugetlbfs /dev/hugepages hugetlbfs rw,relatime,pagesize=2M 0 0\n"
                + "none /mnt/huge\\0401G hugetlbfs rw,pagesize=1024M 0 0\n"
                + "none /mnt/default hugetlbfs rw 0 0\n";
        assertThat(HugetlbfsMount.parse(mounts, Optional.of(PageSize.MIB_2))).containsExactly(
                new HugetlbfsMount("/dev/hugepages", PageSize.MIB_2),
                new HugetlbfsMount("/mnt/huge 1G", PageSize.GIB_1),
                new HugetlbfsMount("/mnt/default", PageSize.MIB_2));
        assertThat(HugetlbfsMount.parse(mounts, Optional.empty())).hasSize(2);
    }
}
