package io.virtforge.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.build.DomainBuilder;
import io.virtforge.connect.ConnectionLostException;
import io.virtforge.connect.VirtDomain;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fake.kernel.FakeQemuProcesses;
import io.virtforge.fake.libvirt.FakeVirtConnection;
import io.virtforge.value.DataSize;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a sample holds, without host files, and across a lost connection. */
class MonitorCollectorTest {
    private final FakeVirtConnection fake = Fixtures.get(Fixtures.XEON_2S).connect();

    @AfterEach
    void close() {
        fake.close();
    }

    private VirtDomain running(String name) {
        VirtDomain vm = fake.define(DomainBuilder.named(name).memory(DataSize.gib(1)).vcpus(2).build());
        vm.start();
        return vm;
    }

    @Test
    void onlyRunningDomainsWithTheirProcessesAndTheHost() {
        VirtDomain vm = running("vm");
        fake.define(DomainBuilder.named("off").memory(DataSize.gib(1)).vcpus(1).build());
        new FakeQemuProcesses(fake.sysfs().orElseThrow()).sync(fake);

        MonitorSample s = MonitorCollector.of(fake, fake.capability(io.virtforge.host.sysfs.Sysfs.class)).collect();

        assertThat(s.domains()).extracting(DomainSample::name).containsExactly("vm");
        DomainSample d = s.domains().get(0);
        assertThat(d.uuid()).isEqualTo(vm.uuid());
        assertThat(d.process()).hasValueSatisfying(p -> {
            assertThat(p.vcpus()).extracting(VcpuThread::vcpu).containsExactly(0, 1);
            assertThat(p.memory().bytesPerNode()).containsEntry(0, DataSize.gib(1).bytes() + (4 << 20));
        });
        assertThat(s.host().pools()).isNotEmpty();
        assertThat(s.at()).isEqualTo(fake.clock().instant());
    }

    @Test
    void withoutHostFilesTheLibvirtPartStays() {
        running("vm");
        MonitorSample s = MonitorCollector.of(fake, Optional.empty()).collect();
        assertThat(s.domains()).singleElement().satisfies(d -> assertThat(d.process()).isEmpty());
        assertThat(s.host()).isEqualTo(HostSample.unknown());
    }

    @Test
    void aLostConnectionIsReconnectedOnceThenReported() {
        running("vm");
        MonitorCollector collector = MonitorCollector.of(fake, Optional.empty());
        fake.faults().dropConnection();
        assertThat(collector.collect().domains()).hasSize(1);
        assertThat(fake.isAlive()).isTrue();

        fake.faults().dropConnection().failNext("reconnect",
                new ConnectionLostException("still down", 38, 7, "Cannot recv data"));
        assertThatThrownBy(collector::collect).isInstanceOf(ConnectionLostException.class);
    }
}
