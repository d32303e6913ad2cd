package io.virtforge.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.virtforge.build.DomainBuilder;
import io.virtforge.connect.Scope;
import io.virtforge.connect.VirtDomain;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fake.kernel.FakeQemuProcesses;
import io.virtforge.fake.libvirt.FakeVirtConnection;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.monitor.DriftAudit;
import io.virtforge.monitor.DriftThresholds;
import io.virtforge.monitor.MonitorCollector;
import io.virtforge.monitor.MonitorScraper;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The binder in a Micrometer registry: names and units, values that follow, series that come and go. */
class VirtforgeMeterBinderTest {
    private final FakeVirtConnection xeon = Fixtures.get(Fixtures.XEON_2S).connect();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final VirtforgeMeterBinder binder = new VirtforgeMeterBinder(new MonitorScraper(
            MonitorCollector.of(xeon, xeon.capability(Sysfs.class)), new DriftAudit(DriftThresholds.DEFAULTS)),
            Duration.ofHours(1));

    @AfterEach
    void close() {
        binder.close();
        xeon.close();
    }

    @Test
    void domainsMetersFollowItsLife() {
        VirtDomain vm = xeon.define(DomainBuilder.named("vm").memory(DataSize.gib(1)).vcpus(2)
                .pinVcpu(0, CpuSet.of(16)).pinVcpu(1, CpuSet.of(17)).build());
        vm.start();
        new FakeQemuProcesses(xeon.sysfs().orElseThrow()).sync(xeon);
        binder.bindTo(registry);

        FunctionCounter cpu = registry.get("virtforge.domain.cpu").tag("domain", "vm").functionCounter();
        assertThat(cpu.getId().getBaseUnit()).isEqualTo("seconds");
        Gauge pinDrift = registry.get("virtforge.drift.findings").tags("domain", "vm", "code", "PIN_DRIFT").gauge();
        assertThat(pinDrift.value()).isZero();
        assertThat(registry.get("virtforge.domain.memory.node").tags("domain", "vm", "node", "0").gauge().value())
                .isEqualTo(DataSize.gib(1).bytes() + (4 << 20));

        xeon.clock().advance(Duration.ofSeconds(10));
        vm.pinVcpu(1, CpuSet.of(40), Scope.LIVE);
        binder.refresh();
        assertThat(pinDrift.value()).isEqualTo(1);
        assertThat(cpu.count()).as("the fake guest ran for 10 s").isPositive();

        vm.destroy();
        binder.refresh();
        assertThat(registry.find("virtforge.domain.cpu").tag("domain", "vm").functionCounter()).isNull();
        assertThat(registry.find("virtforge.drift.findings").gauges()).isEmpty();
        assertThat(registry.get("virtforge.domains.running").gauge().value()).isZero();
        assertThat(registry.getMeters()).hasSize(binder.size());
    }
}
