package io.virtforge.fake.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.build.DomainBuilder;
import io.virtforge.check.Finding;
import io.virtforge.check.Report;
import io.virtforge.host.audit.HostTuningAudit;
import io.virtforge.host.audit.TuningPlan;
import io.virtforge.host.sysfs.MemoryTuningPaths;
import io.virtforge.fake.kernel.FakeHostBuilder;
import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.model.Domain;
import io.virtforge.model.NumaMode;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostTuningAuditTest {
    private static Domain hugeOnNode1() {
        return DomainBuilder.named("big").vcpus(2).memory(DataSize.gib(4)).hugepages(PageSize.MIB_2)
                .memoryOn(NumaMode.STRICT, NodeSet.of(1)).assemble();
    }

    @Test
    void findsEveryUntunedKnobWithItsPath() {
        Report r = new HostTuningAudit(HostFixtures.twoSocketXeonHost()).audit(List.of(hugeOnNode1()));
        assertThat(r.findings()).extracting(Finding::code).containsExactlyInAnyOrder("THP_ENABLED", "THP_DEFRAG",
                "KSM_RUNNING", "KSM_SHARING", "CPU_GOVERNOR", "CSTATES", "IOMMU_NOT_PT", "IO_SCHEDULER", "IO_SCHEDULER",
                "HUGEPAGES_SHORT");
        assertThat(r.findings("THP_ENABLED").get(0).path()).isEqualTo("/sys/kernel/mm/transparent_hugepage/enabled");
        assertThat(r.findings("CPU_GOVERNOR").get(0).message()).contains("CPUs 4-7,12-15").contains("powersave");
        assertThat(r.findings("IO_SCHEDULER")).extracting(Finding::path)
                .containsExactly("/sys/block/nvme0n1/queue/scheduler", "/sys/block/sda/queue/scheduler");
        Finding short1 = r.findings("HUGEPAGES_SHORT").get(0);
        assertThat(short1.path()).isEqualTo("/sys/devices/system/node/node1/hugepages/hugepages-2048kB/nr_hugepages");
        assertThat(short1.message()).contains("2048 free pages fewer than 2048");
        assertThat(r.hasErrors()).isTrue();
        assertThat(r.toJson()).startsWith("{\"findings\":[{\"code\":\"HUGEPAGES_SHORT\"");
    }

    @Test
    void aTunedHostHasOnlyWhatItLacks() {
        FakeSysfs epyc = HostFixtures.epycFourNodesPerSocket();
        Report r = new HostTuningAudit(epyc).audit();
        assertThat(r.findings()).extracting(Finding::code).containsExactly("IOMMU_OFF");
        assertThat(new HostTuningAudit(HostFixtures.gpuServer()).audit().findings()).extracting(Finding::code)
                .containsExactly("THP_ENABLED", "THP_DEFRAG", "CSTATES"); // THP madvise by default
        FakeSysfs unmounted = HostFixtures.twoSocketXeon().mounts("proc /proc proc rw 0 0").build();
        assertThat(new HostTuningAudit(unmounted).audit().has("HUGETLBFS_NOT_MOUNTED")).isTrue();
    }

    @Test
    void thePlanFixesThpKsmAndSchedulersAndApplyMakesIt() {
        FakeSysfs sysfs = HostFixtures.twoSocketXeonHost();
        HostTuningAudit audit = new HostTuningAudit(sysfs);
        TuningPlan plan = audit.plan();
        assertThat(plan.toText()).isEqualTo("""
                /sys/kernel/mm/transparent_hugepage/enabled: always -> never (THP_ENABLED)
                /sys/kernel/mm/transparent_hugepage/defrag: always -> never (THP_DEFRAG)
                /sys/kernel/mm/ksm/run: 1 -> 2 (KSM_RUNNING)
                /sys/block/nvme0n1/queue/scheduler: mq-deadline -> none (IO_SCHEDULER)
                /sys/block/sda/queue/scheduler: bfq -> mq-deadline (IO_SCHEDULER)
                5 write(s)
                """);
        audit.apply(plan);
        assertThat(sysfs.readTrimmed(MemoryTuningPaths.THP_ENABLED)).isEqualTo("always madvise [never]");
        Report after = audit.audit();
        assertThat(after.has("THP_ENABLED") || after.has("KSM_RUNNING") || after.has("IO_SCHEDULER")).isFalse();
        assertThat(audit.plan().isEmpty()).isFalse(); // pages_sharing stays until the kernel unmerges
    }

    @Test
    void everyWriteOfTheTuningCanFailAndNothingChanges() {
        assertThat(FaultAtEveryWrite.check(HostFixtures::twoSocketXeonHost, s -> {
            HostTuningAudit audit = new HostTuningAudit(s);
            audit.apply(audit.plan());
        })).isEqualTo(5);
    }

    private static Report cpuAudit(FakeHostBuilder host) {
        return new HostTuningAudit(host.node(0, n -> n.cpus("0-3")).build()).audit();
    }

    @Test
    void anIntelHostUnderIntelIdleIsToldToCapIntelIdle() {
        Report r = cpuAudit(FakeSysfs.builder().cpuPower("GenuineIntel", "intel_idle", "intel_pstate")
                .cmdline("BOOT_IMAGE=/vmlinuz intel_iommu=on iommu=pt"));
        Finding f = r.findings("CSTATES").get(0);
        assertThat(f.message()).contains("intel_idle");
        assertThat(f.hint()).contains("intel_idle.max_cstate=1");
        assertThat(cpuAudit(FakeSysfs.builder().cmdline("intel_iommu=on iommu=pt intel_idle.max_cstate=0")).has("CSTATES"))
                .isFalse();
    }

    @Test
    void anAmdHostUnderAcpiIdleGetsProcessorMaxCstateAndAmdAdviceOnly() {
        FakeHostBuilder amd = FakeSysfs.builder().cpuPower("AuthenticAMD", "acpi_idle", "amd-pstate-epp")
                .cpu(0, c -> c.governor("powersave")).cmdline("BOOT_IMAGE=/vmlinuz").iommu(false);
        Report r = cpuAudit(amd);
        assertThat(r.findings("CSTATES").get(0).hint()).contains("processor.max_cstate=1").doesNotContain("intel");
        assertThat(r.findings("CPU_GOVERNOR").get(0).hint()).contains("amd_pstate=passive").doesNotContain("intel");
        assertThat(r.findings("IOMMU_OFF").get(0).hint()).contains("amd_iommu=on").contains("AMD-Vi")
                .doesNotContain("intel");
        assertThat(r.findings()).extracting(Finding::hint).noneMatch(h -> h.contains("intel_"));
    }

    @Test
    void noCpuidleDriverMeansNoCstateFinding() {
        assertThat(cpuAudit(FakeSysfs.builder().cpuPower("AuthenticAMD", "none", null)).has("CSTATES")).isFalse();
        assertThat(cpuAudit(FakeSysfs.builder().cpuPower("GenuineIntel", null, null)).has("CSTATES")).isFalse();
    }

    @Test
    void aMissingCommandLineIsNotAFinding() {
        assertThat(cpuAudit(FakeSysfs.builder().cmdline(null)).has("CSTATES")).isFalse();
    }
}
