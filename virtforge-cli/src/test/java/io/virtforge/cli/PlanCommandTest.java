package io.virtforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.testing.LibvirtSchema;
import io.virtforge.testing.MdevSamples;
import io.virtforge.testing.SeedPrograms;
import io.virtforge.topology.CapabilitiesXml;
import io.virtforge.topology.SyntheticHost;
import io.virtforge.value.DataSize;
import io.virtforge.model.DomainXml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
    @TempDir
    Path dir;
    Path caps;

    @BeforeEach
    void host() throws Exception {
        caps = dir.resolve("caps.xml");
        Files.writeString(caps, CapabilitiesXml.write(SyntheticHost.of(2, 1, 16, 2, DataSize.gib(64), 10_000).build()));
    }

    @Test
    void jsonShapeOfAFit() {
        CliRun run = CliRun.of("plan", "--host", caps.toString(), "--vcpus", "8", "--memory", "16", "--numa-nodes", "2",
                "--iothreads", "1", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("{\"fit\":true,\"cells\":[{\"guestCell\":0,\"hostNode\":")
                .contains("\"vcpuPins\":{\"0\":", "\"memory\":\"8GiB\"", "\"pageSize\":\"2MiB\"", "\"emulatorPin\":",
                        "\"iothreadPins\":{\"1\":", "\"devices\":[]");
    }

    @Test
    void otherDomainsPinsAreAvoided() throws Exception {
        Path existing = dir.resolve("existing.xml");
        Files.writeString(existing, DomainXml.defaults().write(SeedPrograms.highPerfVm().name("existing").build()));
        CliRun run = CliRun.of("plan", "--host", caps.toString(), "--domain", existing.toString(), "--vcpus", "8",
                "--memory", "16", "--page-size", "2MiB");
        assertThat(run.exitCode()).isZero();
        for (int cpu = 2; cpu <= 9; cpu++) {
            assertThat(run.out()).doesNotContain("-> CPU " + cpu + "\n");
        }
    }

    @Test
    void xmlIsTheValidPlacedDomain() {
        CliRun run = CliRun.of("plan", "--host", caps.toString(), "--vcpus", "4", "--memory", "4GiB", "--xml",
                "--name", "placed", "--emulator-threads", "isolate");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("<domain type='kvm'>").contains("<name>placed</name>", "<vcpupin", "<memnode");
        assertThat(LibvirtSchema.errors("domain", run.out())).isEmpty();
    }

    @Test
    void noFitExitsOneWithReasonsPerNode() {
        CliRun run = CliRun.of("plan", "--host", caps.toString(), "--vcpus", "40", "--memory", "16", "--numa-nodes", "1",
                "--json");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("{\"fit\":false,\"reasons\":[").contains("\"hostNode\":0", "\"hostNode\":1",
                "\"code\":\"NOT_ENOUGH_CPUS\"");
    }

    @Test
    void badInputExitsTwo() {
        assertThat(CliRun.of("plan", "--host", caps.toString(), "--vcpus", "4", "--memory", "4x").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("plan", "--host", caps.toString(), "--vcpus", "4", "--memory", "4", "--thread-policy",
                "maybe").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("plan", "--host", caps.toString(), "--vcpus", "4", "--memory", "4", "--numa-cpus", "0-1",
                "--numa-mem", "2;2").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("plan", "--host", dir.resolve("nope.xml").toString(), "--vcpus", "4", "--memory", "4")
                .exitCode()).isEqualTo(2);
    }

    @Test
    void asymmetricCellsFromTheCommandLine() {
        CliRun run = CliRun.of("plan", "--host", caps.toString(), "--vcpus", "6", "--memory", "6", "--numa-cpus",
                "0-3;4-5", "--numa-mem", "4GiB;2GiB", "--json");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\"memory\":\"4GiB\"", "\"memory\":\"2GiB\"");
    }

    private CliRun plan(String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("plan", "--host", caps.toString()));
        args.addAll(java.util.List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void nonsenseIsRefusedWithWhatIsWrong() {
        String[][] cases = {
            {"--vcpus", "2", "--memory", "1B"}, {"--memory", "1B is too small: at least 16MiB"},
            {"--vcpus", "2", "--memory", "4", "--iothreads", "100000"}, {"--iothreads must be between 0 and 64"},
            {"--vcpus", "2", "--memory", "4", "--numa-nodes", "0"}, {"--numa-nodes must be between 1 and 2"},
            {"--vcpus", "3", "--memory", "4", "--numa-cpus", "0-1;1-2", "--numa-mem", "2;2"},
                {"--numa-cpus: vCPU 1 in both cell 0 and cell 1; each vCPU goes in exactly one cell"},
            {"--vcpus", "2", "--memory", "4", "--reserved-cpus", "0-99"},
                {"--reserved-cpus 0-99: the host has no CPU 64-99 (its online CPUs are 0-63)"},
            {"--vcpus", "2", "--memory", "4", "--xml", "--json"}, {"--json and --xml cannot go together"},
        };
        for (int i = 0; i < cases.length; i += 2) {
            CliRun run = plan(cases[i]);
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).as(run.toString()).contains(cases[i + 1][0]).doesNotContain("Usage:");
        }
        CliRun decimal = plan("--vcpus", "2", "--memory", "16GB");
        assertThat(decimal.exitCode()).as(decimal.toString()).isZero();
        assertThat(decimal.out()).as("in the largest unit, not 15625000KiB").contains("host node 0: 14.9 GiB on base pages");

        CliRun json = plan("--vcpus", "2", "--memory", "4", "--xml", "--json");
        assertThat(MiniJson.<Boolean>get(json.json(), "ok")).isFalse();
    }

    /** A vGPU parent at 0000:b1:00.0 on node 1 with 2 instances of nvidia-588 left. */
    static final String VGPU_PARENT = MdevSamples.a10Parent(0xb1, 1, 2);

    private CliRun planMdev(String... more) throws Exception {
        Path gpu = dir.resolve("pci_0000_b1_00_0.xml");
        Files.writeString(gpu, VGPU_PARENT);
        List<String> args = new java.util.ArrayList<>(List.of("plan", "--host", caps.toString(), "--nodedev",
                gpu.toString(), "--vcpus", "4", "--memory", "4"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void mdevInstancesArePlannedOnTheirParentsNode() throws Exception {
        CliRun run = planMdev("--mdev", "nvidia-588:2", "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("\"mdevs\":[").contains("\"hostNode\":1");
        assertThat(run.out().split("\"type\":\"nvidia-588\"", -1)).hasSize(3);
        CliRun xml = planMdev("--mdev", "nvidia-588", "--xml");
        assertThat(xml.exitCode()).as(xml.toString()).isZero();
        assertThat(xml.out()).contains("<hostdev mode='subsystem' type='mdev'");
    }

    @Test
    void moreMdevInstancesThanTheHostCanMakeDoNotFit() throws Exception {
        CliRun run = planMdev("--mdev", "nvidia-588:3");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).startsWith("no fit");
    }

    @Test
    void aBadMdevOptionIsBadInput() throws Exception {
        for (String bad : List.of("nvidia-588:0", ":2", "nvidia-588:x", "nvidia-588:17")) {
            CliRun run = planMdev("--mdev", bad);
            assertThat(run.exitCode()).as(bad + ": " + run).isEqualTo(2);
            assertThat(run.err()).contains("--mdev");
        }
    }

    @Test
    void sharedVcpusFloatAtTheOvercommitProfilesRatio() {
        // node 0 has 32 CPUs: 100 shared vCPUs in one cell need more than production's 2:1, within dev-test's 8:1
        String[] shared = {"plan", "--host", caps.toString(), "--vcpus", "100", "--memory", "4", "--numa-nodes", "1",
                "--cpu-policy", "shared", "--json"};
        CliRun production = CliRun.of(append(shared, "--overcommit", "production"));
        assertThat(production.exitCode()).as(production.toString()).isEqualTo(1);
        assertThat(production.out()).contains("NOT_ENOUGH_SHARED_CPU", "at ratio 2.0:1");
        assertThat(CliRun.of(shared).out()).as("without --overcommit a request floats 1:1").contains("at ratio 1.0:1");
        CliRun devTest = CliRun.of(append(shared, "--overcommit", "dev-test"));
        assertThat(devTest.exitCode()).as(devTest.toString()).isZero();
        assertThat(CliRun.of(append(shared, "--overcommit", "3:4")).exitCode()).isZero();
    }

    @Test
    void aMixedGuestOnAnOvercommittedHostIsRefusedUnderTheProfile() throws Exception {
        // another domain's 60 vCPUs float over node 1: with a mixed guest of 8, 68 vCPUs on 32 cores, 2.13:1
        io.virtforge.build.DomainBuilder b = io.virtforge.build.DomainBuilder.named("floater").vcpus(60)
                .memory(DataSize.gib(1));
        for (int v = 0; v < 60; v++) {
            b.pinVcpu(v, io.virtforge.value.CpuSet.parse("16-31,48-63"));
        }
        Path floater = dir.resolve("floater.xml");
        Files.writeString(floater, DomainXml.defaults().write(b.assemble()));
        String[] mixed = {"plan", "--host", caps.toString(), "--domain", floater.toString(), "--vcpus", "8", "--memory",
                "4", "--cpu-policy", "mixed", "--dedicated-vcpus", "0-3", "--json"};
        CliRun production = CliRun.of(mixed);
        assertThat(production.exitCode()).as(production.toString()).isEqualTo(1);
        assertThat(production.out()).contains("\"code\":\"OVERCOMMIT\"", "68 vCPUs on 32 physical cores");
        assertThat(CliRun.of(append(mixed, "--overcommit", "vdi")).exitCode()).isZero();
    }

    @Test
    void anUnknownOvercommitProfileIsBadInput() {
        CliRun run = CliRun.of("plan", "--host", caps.toString(), "--vcpus", "2", "--memory", "2", "--overcommit", "huge");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--overcommit", "dev-test (4:1 to 8:1)", "vdi (8:1 to 16:1)");
    }

    private static String[] append(String[] args, String... more) {
        String[] out = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, out, args.length, more.length);
        return out;
    }
}
