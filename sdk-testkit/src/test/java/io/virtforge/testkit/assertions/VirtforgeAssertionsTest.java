package io.virtforge.testkit.assertions;

import static io.virtforge.testkit.assertions.VirtforgeAssertions.assertThat;
import static io.virtforge.testkit.assertions.VirtforgeAssertions.assertThatThrownBy;

import io.virtforge.build.DomainBuilder;
import io.virtforge.check.Finding;
import io.virtforge.check.Report;
import io.virtforge.check.Severity;
import io.virtforge.connect.VirtDomain;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fake.libvirt.FakeVirtConnection;
import io.virtforge.model.Domain;
import io.virtforge.model.NumaMode;
import io.virtforge.topology.HostState;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The assertions pass when they should and fail with messages that say what is there instead. */
class VirtforgeAssertionsTest {
    private static final PciAddress NIC = PciAddress.parse(Fixtures.XEON_NIC);
    private final Domain tuned = DomainBuilder.named("db").memory(DataSize.gib(8)).vcpus(4).numaCells(2)
            .hugepages(PageSize.GIB_1).memoryOn(NumaMode.STRICT, NodeSet.of(1)).pinVcpus(CpuSet.of(16, 17, 18, 19))
            .pinEmulator(CpuSet.of(20)).iothreads(1).pinIothread(1, CpuSet.of(21)).hostdev(NIC)
            .disk(d -> d.file("/x.qcow2")).build();
    private final Domain plain = DomainBuilder.named("web").memory(DataSize.gib(2)).vcpus(2).build();

    @Test
    void domainAssertionsPass() {
        assertThat(tuned).hasName("db").hasVcpus(4).hasVcpuPinnedTo(0, 16).hasVcpuPinnedTo(3, 19).hasEmulatorPinnedTo(20)
                .hasIothreadPinnedTo(1, 21).usesHugepages(PageSize.GIB_1).hasMemory(DataSize.gib(8))
                .hasCurrentMemory(DataSize.gib(8)).hasNumaCells(2).hasMemoryOnNodes(NodeSet.of(1))
                .hasNumaMode(NumaMode.STRICT).hasHostdev(NIC).hasDisk("vda");
        assertThat(plain).hasNoVcpuPins().doesNotUseHugepages().hasNumaCells(0);
    }

    @Test
    void domainAssertionsSayWhatTheDomainHasInstead() {
        assertThatThrownBy(() -> assertThat(tuned).hasVcpuPinnedTo(0, 2, 3))
                .hasMessage("Expecting domain 'db' to pin vCPU 0 to host CPUs 2-3 but it pins it to 16");
        assertThatThrownBy(() -> assertThat(plain).hasVcpuPinnedTo(1, 4))
                .hasMessage("Expecting domain 'web' to pin vCPU 1 to host CPUs 4 but vCPU 1 is not pinned (no vCPU pins)");
        assertThatThrownBy(() -> assertThat(tuned).hasVcpuPinnedTo(7, 4))
                .hasMessage("Expecting domain 'db' to pin vCPU 7 to host CPUs 4 but vCPU 7 is not pinned (pins 0->16, "
                        + "1->17, 2->18, 3->19)");
        assertThatThrownBy(() -> assertThat(plain).hasEmulatorPinnedTo(0))
                .hasMessage("Expecting domain 'web' to pin its emulator threads to host CPUs 0 but they are not pinned");
        assertThatThrownBy(() -> assertThat(tuned).usesHugepages(PageSize.MIB_2))
                .hasMessage("Expecting domain 'db' to be backed by 2MiB huge pages but it uses [1GiB]");
        assertThatThrownBy(() -> assertThat(plain).usesHugepages(PageSize.MIB_2))
                .hasMessage("Expecting domain 'web' to be backed by 2MiB huge pages but it uses no huge pages");
        assertThatThrownBy(() -> assertThat(plain).hasMemory(DataSize.gib(4)))
                .hasMessage("Expecting domain 'web' to have 4GiB of memory but it has 2GiB");
        assertThatThrownBy(() -> assertThat(tuned).hasNumaCells(1))
                .hasMessage("Expecting domain 'db' to have 1 guest NUMA cells but it has 2");
        assertThatThrownBy(() -> assertThat(tuned).hasMemoryOnNodes(NodeSet.of(0)))
                .hasMessage("Expecting domain 'db' to bind its memory to host nodes 0 but it binds it to 1");
        assertThatThrownBy(() -> assertThat(plain).hasMemoryOnNodes(NodeSet.of(0)))
                .hasMessage("Expecting domain 'web' to bind its memory to host nodes 0 but it binds it to no node");
        assertThatThrownBy(() -> assertThat(plain).hasHostdev(NIC))
                .hasMessage("Expecting domain 'web' to pass host device 0000:18:00.0 through but it passes none");
        assertThatThrownBy(() -> assertThat(tuned).doesNotUseHugepages())
                .hasMessage("Expecting domain 'db' to use no huge pages but it uses [1GiB]");
    }

    private static Finding finding(String code, Severity severity) {
        return new Finding(code, severity, "/domain", code + " happened", "fix it");
    }

    @Test
    void reportAssertionsPassAndFailWithTheFindings() {
        Report warnings = Report.of(List.of(finding("OVERCOMMIT", Severity.WARNING)));
        Report errors = Report.of(List.of(finding("PIN_CPU_MISSING", Severity.ERROR), finding("OVERCOMMIT",
                Severity.WARNING)));
        assertThat(warnings).hasNoErrors().hasFinding("OVERCOMMIT").hasFinding("OVERCOMMIT", Severity.WARNING)
                .hasNoFinding("PIN_CPU_MISSING");
        assertThat(Report.empty()).isClean().hasNoErrors();
        assertThat(errors).hasErrors();
        assertThatThrownBy(() -> assertThat(errors).hasNoErrors()).hasMessage("Expecting no errors but the report has 1:\n"
                + "  ERROR PIN_CPU_MISSING /domain: PIN_CPU_MISSING happened Hint: fix it");
        assertThatThrownBy(() -> assertThat(warnings).hasFinding("NUMA_CROSSING")).hasMessage(
                "Expecting a finding NUMA_CROSSING but the report has:\n"
                        + "  WARNING OVERCOMMIT /domain: OVERCOMMIT happened Hint: fix it");
        assertThatThrownBy(() -> assertThat(warnings).hasFinding("OVERCOMMIT", Severity.ERROR)).hasMessage(
                "Expecting a finding OVERCOMMIT of severity ERROR but it has:\n"
                        + "  WARNING OVERCOMMIT /domain: OVERCOMMIT happened Hint: fix it");
        assertThatThrownBy(() -> assertThat(errors).hasNoFinding("OVERCOMMIT")).hasMessage(
                "Expecting no finding OVERCOMMIT but the report has:\n"
                        + "  WARNING OVERCOMMIT /domain: OVERCOMMIT happened Hint: fix it");
        assertThatThrownBy(() -> assertThat(Report.empty()).hasErrors())
                .hasMessage("Expecting errors but the report has none; its findings:\n  (none)");
    }

    @Test
    void hostStateAndDomainHandleAssertions() {
        try (FakeVirtConnection fake = Fixtures.get(Fixtures.XEON_2S).connect()) {
            fake.storage().add("/x.qcow2");
            VirtDomain db = fake.define(tuned);
            assertThat(db).isShutOff().isPersistent();
            db.start();
            assertThat(db).isRunning();
            HostState state = fake.hostState();
            assertThat(state).hasDomains("db").hasCpuPinnedBy(16, "db").hasCpuFree(0).hasDeviceAssignedTo(NIC, "db")
                    .hasFreeHugePages(1, PageSize.GIB_1, 8).hasDeviceFree(PciAddress.parse(Fixtures.XEON_NIC2));
            assertThatThrownBy(() -> assertThat(state).hasFreeHugePages(1, PageSize.GIB_1, 16))
                    .hasMessage("Expecting 16 free 1GiB pages on node 1 but there are 8 (domains hold 8)");
            assertThatThrownBy(() -> assertThat(state).hasCpuPinnedBy(0, "db"))
                    .hasMessage("Expecting domain 'db' to pin a vCPU to host CPU 0 but no domain does");
            assertThatThrownBy(() -> assertThat(state).hasDeviceAssignedTo(PciAddress.parse(Fixtures.XEON_NIC2), "db"))
                    .hasMessage("Expecting PCI device 0000:18:00.1 to be assigned to 'db' but it is not assigned");
            assertThatThrownBy(() -> assertThat(state).hasDomains("db", "web"))
                    .hasMessage("Expecting the host to be used by [db, web] but it is used by [db]");
            assertThatThrownBy(() -> assertThat(db).isPaused())
                    .hasMessage("Expecting domain 'db' to be PAUSED but it is RUNNING");
            assertThatThrownBy(() -> assertThat(db).isTransient())
                    .hasMessage("Expecting domain 'db' to be transient but it is persistent");
        }
    }
}
