package io.virtforge.testkit.example;

import static io.virtforge.testkit.assertions.VirtforgeAssertions.assertThat;
import static io.virtforge.testkit.assertions.VirtforgeAssertions.assertThatThrownBy;

import io.virtforge.check.DomainValidationException;
import io.virtforge.connect.ConnectionLostException;
import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtDomain;
import io.virtforge.fake.libvirt.FakeVirtConnection;
import io.virtforge.testkit.junit.FakeHost;
import io.virtforge.testkit.junit.VirtforgeTest;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import org.junit.jupiter.api.Test;

/** The README's example: control-plane code tested offline against a fake two-socket host. */
@VirtforgeTest
@FakeHost("xeon-2s") // 2 nodes x 16 cores x 2 threads, 16 free 1 GiB pages per node
class VmLauncherTest {

    @Test
    void placesEachVmOnTheNodeWithTheMostFreePages(VirtConnection connection) {
        VmLauncher launcher = new VmLauncher(connection);

        VirtDomain db1 = launcher.launch("db1", 4, 12);
        VirtDomain db2 = launcher.launch("db2", 4, 12);

        assertThat(db1).isRunning();
        assertThat(db1.live()).hasMemoryOnNodes(NodeSet.of(0)).usesHugepages(PageSize.GIB_1).hasVcpuPinnedTo(0, 0);
        assertThat(db2.live()).hasMemoryOnNodes(NodeSet.of(1)).hasVcpuPinnedTo(3, 19);
        assertThat(connection.hostState()).hasFreeHugePages(0, PageSize.GIB_1, 4).hasFreeHugePages(1, PageSize.GIB_1, 4);
    }

    @Test
    void refusesAVmTheHostCannotBack(VirtConnection connection) {
        VmLauncher launcher = new VmLauncher(connection);
        launcher.launch("big1", 8, 16);
        launcher.launch("big2", 8, 16);

        assertThatThrownBy(() -> launcher.launch("one-too-many", 2, 2)).isInstanceOf(DomainValidationException.class);
        assertThat(connection.lookup("one-too-many")).isEmpty();
    }

    @Test
    void restartsAVmWhoseEmulatorDied(FakeVirtConnection fake) {
        VirtDomain db = new VmLauncher(fake).launch("db", 2, 4);

        fake.guests().crash("db");
        fake.awaitEvents();

        assertThat(db).isRunning();
    }

    @Test
    void reportsALostConnection(FakeVirtConnection fake) {
        VmLauncher launcher = new VmLauncher(fake);
        fake.faults().dropConnection();

        assertThatThrownBy(() -> launcher.launch("db", 2, 4)).isInstanceOf(ConnectionLostException.class);
    }
}
