package io.virtforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.testing.Corpus;
import io.virtforge.testing.SeedPrograms;
import io.virtforge.topology.CapabilitiesXml;
import io.virtforge.topology.SyntheticHost;
import io.virtforge.value.DataSize;
import io.virtforge.model.DomainXml;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XmlCheckCommandTest {
    @TempDir
    Path dir;
    Path caps;
    Path corrected;

    @BeforeEach
    void files() throws Exception {
        caps = dir.resolve("caps.xml");
        Files.writeString(caps, CapabilitiesXml.write(SyntheticHost.of(2, 1, 16, 1, DataSize.gib(64), 10_000).build()));
        corrected = dir.resolve("corrected.xml");
        Files.writeString(corrected, SeedPrograms.highPerfVmCorrectedXml());
    }

    @Test
    void aCleanDomainExitsZero() {
        CliRun run = CliRun.of("xml", "check", corrected.toString(), "--host", caps.toString(), "--profile",
                "latency-sensitive");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("0 error(s), 0 warning(s)");
    }

    @Test
    void errorsExitOneAndJsonHasTheFindingsShape() {
        Path seed = Corpus.require("seed/high-perf-vm.xml");
        CliRun run = CliRun.of("xml", "check", seed.toString(), "--host", caps.toString(), "--json");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("{\"findings\":[{\"code\":\"").contains("\"severity\":\"ERROR\"",
                "\"path\":\"/domain/devices/controller[1]/driver/@iothread\"", "\"message\":", "\"hint\":");
    }

    @Test
    void otherDomainsMakeTheirCpusAndPagesTaken() throws Exception {
        Path other = dir.resolve("other.xml");
        Files.writeString(other, DomainXml.defaults().write(SeedPrograms.highPerfVm().name("neighbour").build()));
        CliRun run = CliRun.of("xml", "check", corrected.toString(), "--host", caps.toString(), "--domain",
                other.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("PIN_CPU_BUSY", "neighbour");
    }

    @Test
    void nodeDevicesBringPciDevicesAndIommuGroups() throws Exception {
        Path pf = Corpus.require(Corpus.libvirt("nodedevschemadata/pci_8086_10c9_sriov_pf.xml"));
        Path vm = dir.resolve("vm.xml");
        Files.writeString(vm, """
                <domain type='kvm'><name>p</name><memory unit='GiB'>1</memory>
                  <devices><hostdev mode='subsystem' type='pci' managed='yes'>
                    <source><address domain='0x0000' bus='0x02' slot='0x00' function='0x0'/></source>
                  </hostdev></devices></domain>""");
        CliRun without = CliRun.of("xml", "check", vm.toString(), "--host", caps.toString());
        assertThat(without.exitCode()).isEqualTo(1);
        assertThat(without.out()).contains("DEVICE_MISSING");
        CliRun with = CliRun.of("xml", "check", vm.toString(), "--host", caps.toString(), "--nodedev", pf.toString());
        assertThat(with.out()).doesNotContain("DEVICE_MISSING");
    }

    @Test
    void badInputExitsTwo() throws Exception {
        assertThat(CliRun.of("xml", "check", corrected.toString(), "--profile", "fast").exitCode()).isEqualTo(2);
        Path notCaps = dir.resolve("not-caps.xml");
        Files.writeString(notCaps, "<network/>");
        CliRun run = CliRun.of("xml", "check", corrected.toString(), "--host", notCaps.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("expected <capabilities>");
        assertThat(CliRun.of("xml", "check", corrected.toString(), "--domain", corrected.toString()).exitCode())
                .isEqualTo(2);
    }

    @Test
    void sharedVcpusAreCheckedAgainstTheOvercommitProfile() throws Exception {
        // 40 vCPUs floating over node 0's 16 CPUs: 2.5:1, past production's 2:1, within dev-test's 8:1
        io.virtforge.build.DomainBuilder b = io.virtforge.build.DomainBuilder.named("floater").vcpus(40)
                .memory(DataSize.gib(1));
        for (int v = 0; v < 40; v++) {
            b.pinVcpu(v, io.virtforge.value.CpuSet.range(0, 15));
        }
        Path vm = dir.resolve("floater.xml");
        Files.writeString(vm, DomainXml.defaults().write(b.assemble()));
        CliRun production = CliRun.of("xml", "check", vm.toString(), "--host", caps.toString());
        assertThat(production.exitCode()).as(production.toString()).isEqualTo(1);
        assertThat(production.out()).contains("ERROR OVERCOMMIT", "host node 0: 40 shared vCPUs over 16 shared CPU(s)",
                "overcommit profile production (1:1 to 2:1)");
        CliRun devTest = CliRun.of("xml", "check", vm.toString(), "--host", caps.toString(), "--overcommit", "dev-test");
        assertThat(devTest.exitCode()).as(devTest.toString()).isZero();
        assertThat(devTest.out()).doesNotContain("ERROR OVERCOMMIT");
        assertThat(CliRun.of("xml", "check", vm.toString(), "--host", caps.toString(), "--overcommit", "2:1")
                .exitCode()).as("a maximum below the warning").isEqualTo(2);
    }
}
