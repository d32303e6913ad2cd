package io.virtforge.fake.libvirt;

import static io.virtforge.fake.libvirt.TestDomains.plain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.connect.ConnectionClosedException;
import io.virtforge.connect.DomainState;
import io.virtforge.connect.LifecycleEvent;
import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtConnections;
import io.virtforge.connect.VirtDomain;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.value.PageSize;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Connections to one fake host share it, as connections to one libvirt daemon do (issue 19, root cause 4). */
class SharedHostTest {
    @Test
    void twoOpensOfOneUriSeeTheSameDomainsEventsAndChanges() {
        try (VirtConnection provisioner = VirtConnections.open("fake:///tiny");
                VirtConnection watcher = VirtConnections.open("fake:///tiny")) {
            ((FakeVirtConnection) provisioner).storage().addFolder(TestDomains.IMAGES);
            List<LifecycleEvent> seen = new CopyOnWriteArrayList<>();
            watcher.onLifecycle(seen::add);
            VirtDomain vm = provisioner.define(plain("vm"));
            vm.start();
            assertThat(watcher.lookup("vm")).isPresent();
            assertThat(watcher.domain("vm").state()).isEqualTo(DomainState.RUNNING);
            watcher.domain("vm").destroy();
            assertThat(vm.state()).isEqualTo(DomainState.SHUTOFF);
            ((FakeVirtConnection) watcher).awaitEvents();
            assertThat(seen).extracting(LifecycleEvent::type).containsExactly(LifecycleEvent.Type.DEFINED,
                    LifecycleEvent.Type.STARTED, LifecycleEvent.Type.STOPPED);
            assertThat(((FakeVirtConnection) provisioner).events()).isEqualTo(seen);
        }
    }

    @Test
    void theHostsPagesAndKernelAreSharedToo() {
        try (VirtConnection a = VirtConnections.open("fake:///xeon-2s");
                VirtConnection b = VirtConnections.open("fake:///xeon-2s")) {
            a.setPagePool(0, PageSize.MIB_2, 100);
            assertThat(b.freePages(0, PageSize.MIB_2)).isEqualTo(100);
            assertThat(((FakeVirtConnection) b).sysfs()).containsSame(((FakeVirtConnection) a).sysfs().orElseThrow());
            assertThat(((FakeVirtConnection) b).clock()).isSameAs(((FakeVirtConnection) a).clock());
        }
    }

    @Test
    void closingOneLeavesTheOtherWorkingAndTheLastCloseForgetsTheHost() {
        VirtConnection a = VirtConnections.open("fake:///tiny");
        VirtConnection b = VirtConnections.open("fake:///tiny");
        a.define(plain("kept"));
        a.close();
        assertThatThrownBy(a::domains).isExactlyInstanceOf(ConnectionClosedException.class);
        assertThat(b.lookup("kept")).isPresent();
        b.close();
        try (VirtConnection fresh = VirtConnections.open("fake:///tiny")) {
            assertThat(fresh.domains()).as("a host without connections is gone, as test:///default's").isEmpty();
        }
    }

    @Test
    void faultsBelongToOneConnection() {
        try (FakeVirtConnection a = TestDomains.connect(Fixtures.TINY); FakeVirtConnection b = a.openAnother()) {
            a.faults().dropConnection();
            assertThat(a.isAlive()).isFalse();
            assertThat(b.isAlive()).isTrue();
            b.define(plain("vm"));
            a.faults().clear();
            assertThat(a.lookup("vm")).isPresent();
        }
    }

    @Test
    void connectionsBuiltFromFixturesAreHostsOfTheirOwn() {
        try (FakeVirtConnection a = Fixtures.get(Fixtures.TINY).connect();
                FakeVirtConnection b = Fixtures.get(Fixtures.TINY).connect();
                VirtConnection byUri = VirtConnections.open("fake:///tiny")) {
            a.define(plain("only-in-a"));
            assertThat(b.lookup("only-in-a")).isEmpty();
            assertThat(byUri.lookup("only-in-a")).isEmpty();
            assertThat(a.openAnother().lookup("only-in-a")).isPresent();
        }
    }

    @Test
    void aClosedConnectionOpensNoOther() {
        FakeVirtConnection a = Fixtures.get(Fixtures.TINY).connect();
        a.close();
        assertThatThrownBy(a::openAnother).isExactlyInstanceOf(ConnectionClosedException.class);
    }
}
