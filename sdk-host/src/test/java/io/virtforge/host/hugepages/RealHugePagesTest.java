package io.virtforge.host.hugepages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.virtforge.host.sysfs.KeepPartial;
import io.virtforge.host.sysfs.RealSysfs;
import io.virtforge.value.PageSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Allocates real huge pages on this machine and gives them back: node 0's 2 MiB pool grows by 4 pages,
 * its free count grows with it, and the previous size is restored. Needs root; skipped otherwise. Besides the
 * test's own restore (which is what it checks), {@link HugePagePoolsRestored} puts every pool back even when an
 * assertion fails half-way.
 */
@EnabledOnOs(OS.LINUX)
class RealHugePagesTest {
    private static final Logger LOG = LoggerFactory.getLogger(RealHugePagesTest.class);
    private final RealSysfs host = new RealSysfs();
    private final HugePages hugePages = new HugePages(host);
    @RegisterExtension
    final HugePagePoolsRestored pools = new HugePagePoolsRestored(host);

    private static boolean isRoot() {
        try {
            return "0".equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid").toString());
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    @Test
    void raisesNodeZerosTwoMibPoolByFourAndRestoresIt() {
        assumeTrue(isRoot(), "needs root: nr_hugepages is writable by root only");
        HugePagePoolId pool = hugePages.poolOf(0, PageSize.MIB_2);
        assumeTrue(host.exists(pool.nrHugePages()), "no 2 MiB pool on this machine: " + pool.nrHugePages());
        HugePagePoolStatus start = hugePages.pool(pool);
        PoolResize raised = hugePages.setPool(pool, start.persistent() + 4, KeepPartial.RESTORE);
        try {
            LOG.info("real kernel: {} (before: {} free)", raised, start.free());
            assumeTrue(!raised.partial(), "the kernel could not find 4 free 2 MiB pages: " + raised);
            HugePagePoolStatus grown = hugePages.pool(pool);
            assertThat(grown.persistent()).isEqualTo(start.persistent() + 4);
            assertThat(grown.free()).isEqualTo(start.free() + 4);
        } finally {
            PoolResize restored = hugePages.setPool(pool, start.persistent(), KeepPartial.KEEP);
            LOG.info("real kernel: {}", restored);
        }
        HugePagePoolStatus end = hugePages.pool(pool);
        assertThat(end.persistent()).isEqualTo(start.persistent());
        assertThat(end.free()).isEqualTo(start.free());
    }
}
