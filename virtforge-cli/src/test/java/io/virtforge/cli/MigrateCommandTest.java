package io.virtforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.build.DomainBuilder;
import io.virtforge.connect.DefineOptions;
import io.virtforge.connect.VirtConnection;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.model.NumaMode;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PciAddress;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code virtforge migrate} end to end on two fake hosts: the dry run's placement and XML diff (text and JSON), a
 * refusal with its code, and a migration between the two fake hosts. The live migration between real daemons is
 * sdk-libvirt's {@code LiveMigrationIT}.
 */
@Timeout(60)
class MigrateCommandTest {
    private VirtConnection xeon;
    private VirtConnection epyc;

    @BeforeEach
    void hosts() {
        xeon = Fixtures.get(Fixtures.XEON_2S).connect();
        epyc = Fixtures.get(Fixtures.EPYC_NPS4).connect();
        // a pinned VM on the Xeon's node 1, and a neighbour on the EPYC's first CPUs
        xeon.define(DomainBuilder.named("vm").memory(DataSize.gib(2)).vcpus(2)
                .numaCell(CpuSet.of(0, 1), DataSize.gib(2)).pinVcpu(0, CpuSet.of(20)).pinVcpu(1, CpuSet.of(21))
                .pinEmulator(CpuSet.of(20, 21)).memoryOn(NumaMode.STRICT, NodeSet.of(1))
                .cellMemoryOn(0, NumaMode.STRICT, NodeSet.of(1)).assemble(), DefineOptions.DEFAULT).start();
    }

    private CliRun run(String... args) {
        AutoCloseable seam = Connector.override(uri -> uri.equals("fake:///epyc-nps4") ? epyc : xeon);
        try {
            return CliRun.of(args);
        } finally {
            try {
                seam.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aDryRunPrintsTheDestinationsPlacementAndTheXmlDiff() {
        CliRun r = run("migrate", "vm", "--to", "fake:///epyc-nps4", "--dry-run");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("dry run: vm would run on fake:///epyc-nps4 as:").contains("guest cell 0 -> host node")
                .contains("vCPU 0 -> CPU").contains("XML diff").contains("<vcpupin vcpu='0' cpuset='20'/>")
                .contains("<memnode cellid='0' mode='strict' nodeset='1'/>");
        assertThat(xeon.domain("vm").state().isActive()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDryRunInJsonIsOneObject() {
        CliRun r = run("migrate", "vm", "--to", "fake:///epyc-nps4", "--dry-run", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Map<String, Object> m = (Map<String, Object>) r.json();
        assertThat(m).containsEntry("ok", true).containsEntry("dryRun", true).containsKeys("placement", "diff");
        assertThat((Map<String, Object>) m.get("placement")).containsEntry("fit", true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aVmWithAHostDeviceIsRefusedWithItsCode() {
        xeon.define(DomainBuilder.named("gpu").memory(DataSize.gib(1)).vcpus(1)
                .hostdev(PciAddress.parse("0000:3b:00.0")).assemble(), DefineOptions.unchecked());
        CliRun r = run("migrate", "gpu", "--to", "fake:///epyc-nps4", "--dry-run", "--json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat((Map<String, Object>) r.json()).containsEntry("ok", false).containsEntry("code", "VFIO_DEVICE");
        assertThat(r.err()).contains("migration refused: VFIO_DEVICE");
    }

    @Test
    void theVmMovesToTheOtherFakeHostWithItsNewPins() {
        CliRun r = run("migrate", "vm", "--to", "fake:///epyc-nps4");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(xeon.lookup("vm")).isEmpty();
        assertThat(epyc.domain("vm").state().isActive()).isTrue();
        assertThat(epyc.domain("vm").vcpuPins().values()).noneMatch(cpus -> cpus.contains(20) || cpus.contains(21));
    }

    @Test
    void badLimitsAreBadInput() {
        CliRun r = run("migrate", "vm", "--to", "fake:///epyc-nps4", "--max-downtime", "0");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    }
}
