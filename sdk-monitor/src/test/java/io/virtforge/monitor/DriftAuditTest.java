package io.virtforge.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.build.DomainBuilder;
import io.virtforge.check.Report;
import io.virtforge.connect.Scope;
import io.virtforge.connect.VirtDomain;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fake.kernel.FakeQemuProcess;
import io.virtforge.fake.kernel.FakeQemuProcesses;
import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.fake.libvirt.FakeVirtConnection;
import io.virtforge.model.NumaMode;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each drift code, triggered through the fake kernel's QEMU processes, and silent while the tuning holds. */
class DriftAuditTest {
    private static final long SECOND = 1_000_000_000L;
    private final FakeVirtConnection fake = Fixtures.get(Fixtures.XEON_2S).connect();
    private final FakeSysfs kernel = fake.sysfs().orElseThrow();
    private final FakeQemuProcesses processes = new FakeQemuProcesses(kernel);
    private final MonitorCollector collector = MonitorCollector.of(fake, Optional.of(kernel));
    private final DriftAudit audit = new DriftAudit(DriftThresholds.DEFAULTS);

    @AfterEach
    void close() {
        fake.close();
    }

    /** A guest bound to node 1, its 2 vCPUs pinned to host CPUs 16 and 17 (node 1 of xeon-2s). */
    private VirtDomain tuned(String name, boolean hugepages) {
        DomainBuilder b = DomainBuilder.named(name).memory(DataSize.gib(1)).vcpus(2)
                .memoryOn(NumaMode.STRICT, NodeSet.of(1)).pinVcpu(0, CpuSet.of(16)).pinVcpu(1, CpuSet.of(17));
        if (hugepages) {
            b.hugepages(PageSize.MIB_2);
        }
        VirtDomain vm = fake.define(b.build());
        vm.start();
        processes.sync(fake);
        return vm;
    }

    private FakeQemuProcess process(VirtDomain vm) {
        return processes.of(vm.uuid()).orElseThrow();
    }

    /** Two samples one second apart; {@code between} runs after the first. */
    private Report overOneSecond(Runnable between) {
        MonitorSample first = collector.collect();
        fake.clock().advance(Duration.ofSeconds(1));
        between.run();
        return audit.report(first, collector.collect());
    }

    @Test
    void aGuestWhoseTuningHoldsHasNoFinding() {
        VirtDomain vm = tuned("vm", true);
        processes.advanceHostCpu(16, 0).advanceHostCpu(17, 0);
        Report report = overOneSecond(() -> {
            process(vm).advanceVcpu(0, SECOND * 9 / 10, SECOND / 100).advanceVcpu(1, SECOND / 2, 0);
            processes.advanceHostCpu(16, SECOND * 9 / 10).advanceHostCpu(17, SECOND / 2);
        });
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void memoryOnAnotherNodeThanTheStrictBindingIsMemoryOffNode() {
        VirtDomain vm = tuned("vm", false);
        process(vm).smallPagesOn(1, DataSize.mib(768)).smallPagesOn(0, DataSize.mib(256));
        List<DriftFinding> findings = audit.findings(collector.collect());
        assertThat(findings).extracting(DriftFinding::code).containsExactly(DriftCode.MEMORY_OFF_NODE);
        assertThat(findings.get(0).finding().path()).isEqualTo("/domain[name='vm']/numatune/memory");
        assertThat(findings.get(0).finding().message()).contains("25.3 %", "260 MiB", "nodes 1"); // 256 MiB of the guest + 4 MiB of QEMU's own
    }

    @Test
    void memoryOffNodeBelowTheThresholdIsNoFinding() {
        VirtDomain vm = tuned("vm", false);
        process(vm).smallPagesOn(1, DataSize.mib(1000)).smallPagesOn(0, DataSize.mib(24));
        assertThat(audit.findings(collector.collect())).isEmpty();
    }

    @Test
    void aHugePageGuestOnSmallPagesIsHugepagesNotUsed() {
        VirtDomain small = tuned("small", false);
        VirtDomain wantsHuge = fake.define(DomainBuilder.named("huge").memory(DataSize.gib(1)).vcpus(1)
                .hugepages(PageSize.MIB_2).build());
        wantsHuge.start();
        // as if hugetlbfs were not mounted: QEMU backs the guest with anonymous small pages
        processes.start(wantsHuge.uuid(), "huge", 1).smallPagesOn(0, DataSize.gib(1));
        List<DriftFinding> findings = audit.findings(collector.collect());
        assertThat(findings).extracting(DriftFinding::domain, DriftFinding::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("huge", DriftCode.HUGEPAGES_NOT_USED));
        assertThat(small.uuid()).isNotEqualTo(wantsHuge.uuid());
    }

    @Test
    void aLiveRePinIsPinDrift() {
        VirtDomain vm = tuned("vm", true);
        vm.pinVcpu(1, CpuSet.of(20), Scope.LIVE);
        List<DriftFinding> findings = audit.findings(collector.collect());
        assertThat(findings).extracting(DriftFinding::code).containsExactly(DriftCode.PIN_DRIFT);
        assertThat(findings.get(0).finding().path()).isEqualTo("/domain[name='vm']/cputune/vcpupin[@vcpu='1']");
        assertThat(findings.get(0).finding().message()).contains("host CPUs 20", "defined on 17");
    }

    @Test
    void aVcpuWaitingForItsCpuIsVcpuSteal() {
        VirtDomain vm = tuned("vm", true);
        Report report = overOneSecond(() -> process(vm).advanceVcpu(1, SECOND / 2, SECOND / 5));
        assertThat(report.findings()).extracting(f -> f.code()).containsExactly("VCPU_STEAL");
        assertThat(report.findings().get(0).message()).contains("vCPU 1", "20.0 %");
    }

    @Test
    void otherTasksOnADedicatedCpuAreDedicatedCpuShared() {
        VirtDomain vm = tuned("vm", true);
        processes.advanceHostCpu(16, 0).advanceHostCpu(17, 0);
        Report report = overOneSecond(() -> {
            process(vm).advanceVcpu(0, SECOND / 2, 0).advanceVcpu(1, SECOND / 2, 0);
            // CPU 16 ran the vCPU half a second and something else for 300 ms more
            processes.advanceHostCpu(16, SECOND * 8 / 10).advanceHostCpu(17, SECOND / 2);
        });
        assertThat(report.findings()).extracting(f -> f.code()).containsExactly("DEDICATED_CPU_SHARED");
        assertThat(report.findings().get(0).message()).contains("host CPU 16", "vCPU 0", "30.0 %");
    }

    @Test
    void aSharedCpuIsNotDedicated() {
        VirtDomain vm = fake.define(DomainBuilder.named("vm").memory(DataSize.gib(1)).vcpus(2)
                .pinVcpus(CpuSet.of(16)).build());
        vm.start();
        processes.sync(fake);
        processes.advanceHostCpu(16, 0);
        Report report = overOneSecond(() -> {
            process(vm).advanceVcpu(0, SECOND / 2, 0).advanceVcpu(1, SECOND / 2, 0);
            processes.advanceHostCpu(16, SECOND);
        });
        assertThat(report.findings()).isEmpty();
    }
}
