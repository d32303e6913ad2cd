package io.virtforge.host.hugepages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.virtforge.host.sysfs.RealSysfs;
import io.virtforge.host.sysfs.SysfsPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * {@link HugePagePoolsRestored} puts the pools back after a test that fails half-way, on a synthetic kernel tree
 * (so this test changes nothing on the machine).
 */
class HugePagePoolsRestoredTest {
    private static final String NODE0_2M = "sys/devices/system/node/node0/hugepages/hugepages-2048kB/nr_hugepages";
    private static final String GLOBAL_2M = "sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages";
    /** The tree the sample runs on; set by the test that launches it. */
    private static volatile Path sampleRoot;

    @TempDir
    Path root;

    /** Grows the pools and then fails an assertion, as a broken real-kernel test would. Run only through the launcher. */
    static class FailingSample {
        @RegisterExtension
        final HugePagePoolsRestored pools = new HugePagePoolsRestored(new RealSysfs(sampleRoot));

        @Test
        void growsThePoolsThenFails() {
            RealSysfs sysfs = new RealSysfs(sampleRoot);
            sysfs.write(SysfsPath.parse("/" + NODE0_2M), "20");
            sysfs.write(SysfsPath.parse("/" + GLOBAL_2M), "20");
            assertThat(1).as("a failing assertion").isEqualTo(2);
        }
    }

    private void writeTree() throws IOException {
        for (String file : new String[] {NODE0_2M, GLOBAL_2M}) {
            Path f = root.resolve(file);
            Files.createDirectories(f.getParent());
            Files.writeString(f, "4\n");
        }
        Path gig = root.resolve("sys/kernel/mm/hugepages/hugepages-1048576kB");
        Files.createDirectories(gig);
        Files.writeString(gig.resolve("nr_hugepages"), "0\n");
    }

    @Test
    void aFailedTestStillGetsItsPoolsBack() throws IOException {
        writeTree();
        sampleRoot = root;
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(
                LauncherDiscoveryRequestBuilder.request().selectors(selectClass(FailingSample.class)).build(), listener);
        TestExecutionSummary summary = listener.getSummary();

        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(summary.getFailures()).singleElement()
                .satisfies(f -> assertThat(f.getException()).hasMessageContaining("a failing assertion"));
        assertThat(Files.readString(root.resolve(NODE0_2M))).isEqualTo("4");
        assertThat(Files.readString(root.resolve(GLOBAL_2M))).isEqualTo("4");
    }

    @Test
    void snapshotsNodesBeforeGlobalPoolsAndLeavesUnchangedOnesAlone() throws IOException {
        writeTree();
        HugePagePoolsRestored pools = new HugePagePoolsRestored(new RealSysfs(root));
        var before = pools.snapshot();
        assertThat(before.keySet()).extracting(SysfsPath::toString).containsExactly("/" + NODE0_2M,
                "/sys/kernel/mm/hugepages/hugepages-1048576kB/nr_hugepages", "/" + GLOBAL_2M);
        Files.writeString(root.resolve(NODE0_2M), "9\n");
        Files.setLastModifiedTime(root.resolve(GLOBAL_2M), java.nio.file.attribute.FileTime.fromMillis(0));
        pools.restore(before);
        assertThat(Files.readString(root.resolve(NODE0_2M))).isEqualTo("4");
        assertThat(Files.getLastModifiedTime(root.resolve(GLOBAL_2M)).toMillis()).as("not rewritten").isZero();
    }
}
