package io.virtforge.samples;

import static io.virtforge.testkit.assertions.VirtforgeAssertions.assertThat;
import static io.virtforge.testkit.assertions.VirtforgeAssertions.assertThatThrownBy;

import io.virtforge.connect.HostResourceException;
import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtDomain;
import io.virtforge.fake.libvirt.FakeClock;
import io.virtforge.fake.libvirt.FakeVirtConnection;
import io.virtforge.testkit.junit.FakeHost;
import io.virtforge.testkit.junit.VirtforgeTest;
import io.virtforge.topology.HostTopology;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * How you test your own control-plane code offline: {@link VmProvisioner} runs against sdk-testkit's fake
 * hypervisor on a fixture host, with no libvirt, in milliseconds. Each test gets a fresh host; the fake's
 * faults, clock and guests play what a real host would do.
 */
@VirtforgeTest
@FakeHost("xeon-2s") // 2 sockets x 16 cores x 2 threads, 8192 free 2 MiB pages per node
class OfflineControlPlaneTest {

    @Test
    void provisionedVmsGetTheirOwnCpusOnOneNode(VirtConnection connection, HostTopology host) {
        VmProvisioner provisioner = new VmProvisioner(connection);

        VirtDomain a = provisioner.provision("a", 8, DataSize.gib(8));
        VirtDomain b = provisioner.provision("b", 8, DataSize.gib(8));

        assertThat(a).isRunning().isPersistent();
        assertThat(a.live()).usesHugepages(PageSize.MIB_2).hasNumaCells(1).hasVcpus(8);
        CpuSet cpusOfA = a.vcpuPins().values().stream().reduce(CpuSet.empty(), CpuSet::union);
        CpuSet cpusOfB = b.vcpuPins().values().stream().reduce(CpuSet.empty(), CpuSet::union);
        assertThat(cpusOfA.intersects(cpusOfB)).isFalse();
        int node = a.numaTune().nodes().first().getAsInt();
        assertThat(host.node(node).orElseThrow().cpus().containsAll(cpusOfA)).isTrue();
        assertThat(connection.hostState()).hasDomains("a", "b").hasCpuPinnedBy(cpusOfA.first().getAsInt(), "a");
    }

    @Test
    void aFullHostIsReportedWithThePlannersReasons(VirtConnection connection) {
        VmProvisioner provisioner = new VmProvisioner(connection);
        provisioner.provision("big0", 8, DataSize.gib(16)); // every 2 MiB page of one node
        provisioner.provision("big1", 8, DataSize.gib(16)); // and of the other

        assertThatThrownBy(() -> provisioner.provision("one-more", 2, DataSize.gib(2)))
                .isInstanceOf(VmProvisioner.NoCapacityException.class).hasMessageContaining("NOT_ENOUGH_HUGEPAGES");
        assertThat(connection.lookup("one-more")).isEmpty();
        assertThat(connection.hostState()).hasFreeHugePages(0, PageSize.MIB_2, 0).hasFreeHugePages(1, PageSize.MIB_2, 0);
    }

    @Test
    void aVmThatFailsToStartLeavesNoDefinitionBehind(FakeVirtConnection fake) {
        fake.faults().failNext("start", new HostResourceException("Unable to allocate memory", 1, 10,
                "Unable to allocate memory"));

        assertThatThrownBy(() -> new VmProvisioner(fake).provision("db", 4, DataSize.gib(4)))
                .isInstanceOf(HostResourceException.class);
        assertThat(fake.lookup("db")).isEmpty();
        assertThat(fake.hostState()).hasFreeHugePages(0, PageSize.MIB_2, 8192).hasFreeHugePages(1, PageSize.MIB_2, 8192);
    }

    @Test
    void retiringAGuestThatIgnoresShutdownDestroysIt(FakeVirtConnection fake) {
        VmProvisioner provisioner = new VmProvisioner(fake);
        provisioner.provision("stubborn", 2, DataSize.gib(2));
        fake.guests().ignoreShutdown("stubborn");

        provisioner.retire("stubborn", Duration.ofSeconds(30));

        assertThat(fake.lookup("stubborn")).isEmpty();
        assertThat(fake.hostState().domains()).isEmpty();
    }

    @Test
    void cpuUseFollowsTheFakeClock(FakeVirtConnection fake, FakeClock clock) {
        VmProvisioner provisioner = new VmProvisioner(fake);
        VirtDomain vm = provisioner.provision("busy", 4, DataSize.gib(4));
        long before = vm.cpuTime();

        clock.advance(Duration.ofSeconds(10)); // the fake's vCPUs run flat out while the clock moves

        assertThat(provisioner.busy(vm, before, Duration.ofSeconds(10))).isEqualTo(1.0);
        assertThat(vm.live()).hasMemoryOnNodes(NodeSet.of(vm.numaTune().nodes().first().getAsInt()));
    }
}
