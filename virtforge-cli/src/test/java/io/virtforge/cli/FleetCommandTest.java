package io.virtforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.virtforge.model.DomainXml;
import io.virtforge.testing.SeedPrograms;
import io.virtforge.topology.CapabilitiesXml;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.SyntheticHost;
import io.virtforge.value.DataSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code virtforge fleet place} on a folder of three hosts: "big" (2 nodes of 32 CPUs, labels ssd and gpu, a GPU
 * on node 1), "busy" (the same host, no label, holding the domain "web" on CPUs 2-9 and 16 GiB of node 0's
 * huge pages) and "small" (1 node of 16 CPUs, 8 GiB of huge pages, label ssd).
 */
class FleetCommandTest {
    static final String GPU = """
            <device>
              <name>pci_0000_3b_00_0</name>
              <parent>computer</parent>
              <driver><name>vfio-pci</name></driver>
              <capability type='pci'>
                <class>0x030200</class>
                <domain>0</domain><bus>59</bus><slot>0</slot><function>0</function>
                <product id='0x1eb8'>TU104GL [Tesla T4]</product>
                <vendor id='0x10de'>NVIDIA Corporation</vendor>
                <iommuGroup number='30'><address domain='0x0000' bus='0x3b' slot='0x00' function='0x0'/></iommuGroup>
                <numa node='1'/>
              </capability>
            </device>
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path hosts;

    @BeforeEach
    void fleet() throws Exception {
        hosts = dir.resolve("hosts");
        Path big = host("big", TWO_NODES, "ssd\ngpu\n");
        Files.createDirectories(big.resolve("nodedev"));
        Files.writeString(big.resolve("nodedev/pci_0000_3b_00_0.xml"), GPU);
        Path busy = host("busy", TWO_NODES, null);
        Files.writeString(busy.resolve("web.xml"), DomainXml.defaults().write(SeedPrograms.highPerfVm().name("web").build()));
        host("small", ONE_NODE, "# one socket\nssd\n");
    }

    private static final HostTopology TWO_NODES = SyntheticHost.of(2, 1, 16, 2, DataSize.gib(64), 10_000).iommu(true).build();
    private static final HostTopology ONE_NODE = SyntheticHost.of(1, 1, 8, 2, DataSize.gib(32), 4096).iommu(true).build();

    /** A host folder: capabilities, and labels unless null. */
    private Path host(String name, HostTopology topology, String labels) throws Exception {
        Path h = Files.createDirectories(hosts.resolve(name));
        Files.writeString(h.resolve("capabilities.xml"), CapabilitiesXml.write(topology));
        if (labels != null) {
            Files.writeString(h.resolve("labels"), labels);
        }
        return h;
    }

    private CliRun place(String... more) {
        List<String> args = new ArrayList<>(List.of("fleet", "place", "--hosts", hosts.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** {@code virtforge plan} on one host folder alone: its capabilities, node devices and domains. */
    private CliRun planOn(String host, String... more) throws Exception {
        Path h = hosts.resolve(host);
        List<String> args = new ArrayList<>(List.of("plan", "--host", h.resolve("capabilities.xml").toString()));
        for (Path f : xmlFiles(h)) {
            String text = Files.readString(f);
            args.addAll(List.of(text.startsWith("<domain") ? "--domain" : "--nodedev", f.toString()));
        }
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static List<Path> xmlFiles(Path h) throws Exception {
        try (Stream<Path> s = Files.walk(h)) {
            return s.filter(p -> p.toString().endsWith(".xml") && !p.getFileName().toString().equals("capabilities.xml"))
                    .sorted().toList();
        }
    }

    private static String host(CliRun run) throws Exception {
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return JSON.readTree(run.out()).get("host").asText();
    }

    @Test
    void packTakesTheFullestHostThatFitsAndSpreadTheEmptiest() throws Exception {
        assertThat(host(place("--vcpus", "4", "--memory", "8", "--json"))).isEqualTo("small");
        assertThat(host(place("--vcpus", "4", "--memory", "8", "--strategy", "pack", "--json"))).isEqualTo("small");
        assertThat(host(place("--vcpus", "4", "--memory", "8", "--strategy", "spread", "--json"))).isEqualTo("big");
        // busy is big less web's 8 CPUs: the fullest once small is too small
        assertThat(host(place("--vcpus", "20", "--memory", "8", "--json"))).isEqualTo("busy");
    }

    @Test
    void theAnswerForTheChosenHostIsWhatPlanPrintsForThatHostAlone() throws Exception {
        String[][] requests = {
            {"--vcpus", "4", "--memory", "8"},
            {"--vcpus", "4", "--memory", "8", "--strategy", "spread", "--numa-nodes", "2", "--iothreads", "1"},
            {"--vcpus", "20", "--memory", "8", "--emulator-threads", "isolate"},
            {"--vcpus", "6", "--memory", "6", "--numa-cpus", "0-3;4-5", "--numa-mem", "4GiB;2GiB", "--avoid", "small"},
            {"--vcpus", "2", "--memory", "4", "--pci", "0000:3b:00.0", "--page-size", "2MiB"},
        };
        for (String[] request : requests) {
            CliRun fleet = place(Stream.concat(Stream.of(request), Stream.of("--json")).toArray(String[]::new));
            assertThat(fleet.exitCode()).as(fleet.toString()).isZero();
            JsonNode answer = JSON.readTree(fleet.out());
            String chosen = answer.get("host").asText();
            List<String> planArgs = new ArrayList<>();
            for (int i = 0; i < request.length; i += 2) {
                if (!request[i].equals("--avoid")) {
                    planArgs.addAll(List.of(request[i], request[i + 1]));
                }
            }
            planArgs.add("--json");
            CliRun plan = planOn(chosen, planArgs.toArray(String[]::new));
            assertThat(plan.exitCode()).as(plan.toString()).isZero();

            ObjectNode withoutHost = ((ObjectNode) answer.deepCopy()).without("host");
            assertThat(withoutHost).as(String.join(" ", request)).isEqualTo(JSON.readTree(plan.out()));
            assertThat(fieldNames(answer)).as("fit, host, then plan's fields in plan's order")
                    .isEqualTo(Stream.concat(Stream.of("fit", "host"),
                            fieldNames(JSON.readTree(plan.out())).stream().skip(1)).toList());
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void theTextIsTheHostAndThePlacementAsPlanDrawsIt() throws Exception {
        CliRun run = place("--vcpus", "4", "--memory", "8", "--strategy", "spread");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("host big\n" + planOn("big", "--vcpus", "4", "--memory", "8", "--strategy",
                "spread").out());
    }

    @Test
    void requiredLabelsAvoidAndTheDevicesOfAHost() throws Exception {
        assertThat(host(place("--vcpus", "4", "--memory", "8", "--require-label", "gpu", "--json"))).isEqualTo("big");
        assertThat(host(place("--vcpus", "4", "--memory", "8", "--require-label", "ssd", "--avoid", "small",
                "--json"))).isEqualTo("big");
        assertThat(host(place("--vcpus", "4", "--memory", "8", "--avoid", "small", "--json"))).isEqualTo("busy");
        // only big has the GPU, pack or not
        assertThat(host(place("--vcpus", "2", "--memory", "4", "--pci", "0000:3b:00.0", "--json"))).isEqualTo("big");
    }

    @Test
    void affinityAndAntiAffinityFollowTheDomainsOnTheHosts() throws Exception {
        assertThat(host(place("--vcpus", "4", "--memory", "8", "--affinity", "web", "--json"))).isEqualTo("busy");
        assertThat(host(place("--vcpus", "4", "--memory", "8", "--strategy", "spread", "--anti-affinity", "web",
                "--json"))).isEqualTo("big");
        // no host holds the group yet: its first member goes anywhere
        assertThat(host(place("--vcpus", "4", "--memory", "8", "--affinity", "db", "--json"))).isEqualTo("small");

        CliRun both = place("--vcpus", "4", "--memory", "8", "--affinity", "web", "--anti-affinity", "web", "--json");
        assertThat(both.exitCode()).as(both.toString()).isEqualTo(1);
        assertThat(JSON.readTree(both.out())).isEqualTo(JSON.readTree(
                "{\"fit\":false,\"rejected\":{\"AFFINITY\":2,\"ANTI_AFFINITY\":1}}"));
    }

    @Test
    void noFitCountsTheHostsByReasonAndExitsOne() throws Exception {
        CliRun json = place("--vcpus", "40", "--memory", "8", "--numa-nodes", "1", "--require-label", "ssd", "--json");
        assertThat(json.exitCode()).as(json.toString()).isEqualTo(1);
        assertThat(json.out()).isEqualTo("{\"fit\":false,\"rejected\":{\"MISSING_LABEL\":1,\"NOT_ENOUGH_CPUS\":2}}\n");
        assertThat(json.err()).isEmpty();

        CliRun text = place("--vcpus", "40", "--memory", "8", "--numa-nodes", "1", "--require-label", "ssd");
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).isEqualTo("no host fits (3 hosts):\n  MISSING_LABEL    1 host\n  NOT_ENOUGH_CPUS  2 hosts\n");
    }

    @Test
    void aBadFleetFolderExitsTwoWithWhatIsWrong() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path noCaps = Files.createDirectories(dir.resolve("nocaps/h1"));
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.copy(hosts.resolve("big/capabilities.xml"), Files.createDirectories(broken.resolve("h")).resolve("capabilities.xml"));
        Files.writeString(broken.resolve("h/vm.xml"), "<domain type='kvm'><name>vm</name>");
        String[][] cases = {
            {dir.resolve("none").toString(), dir.resolve("none") + ": no such folder"},
            {empty.toString(), empty + " holds no host: make one folder per host"},
            {noCaps.getParent().toString(), noCaps.getParent() + ": no capabilities.xml in h1"},
            {broken.toString(), broken.resolve("h/vm.xml") + ": line 1, column "},
        };
        for (String[] c : cases) {
            CliRun run = CliRun.of("fleet", "place", "--hosts", c[0], "--vcpus", "2", "--memory", "4");
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).as(run.toString()).startsWith("virtforge: " + c[1]);
            assertThat(run.out()).isEmpty();

            CliRun json = CliRun.of("fleet", "place", "--hosts", c[0], "--vcpus", "2", "--memory", "4", "--json");
            assertThat(json.exitCode()).isEqualTo(2);
            assertThat(JSON.readTree(json.out()).get("ok").asBoolean()).isFalse();
            assertThat(JSON.readTree(json.out()).get("error").asText()).startsWith(c[1]);
        }
    }

    @Test
    void aBadCommandLineExitsTwoWithWhatIsWrong() {
        String[][] cases = {
            {"--vcpus", "2", "--memory", "4x"}, {"virtforge: --memory: "},
            {"--vcpus", "0", "--memory", "4"}, {"virtforge: --vcpus must be between 1 and 4096, not 0"},
            {"--vcpus", "2", "--memory", "4", "--strategy", "fill"}, {"virtforge: 'fill' is not one of [pack, spread]"},
            {"--vcpus", "2", "--memory", "4", "--avoid", "bgi"},
                {"virtforge: --avoid bgi: " + "HOSTS has no host bgi (its hosts: big, busy, small)"},
        };
        for (int i = 0; i < cases.length; i += 2) {
            CliRun run = place(cases[i]);
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).as(run.toString()).startsWith(cases[i + 1][0].replace("HOSTS", hosts.toString()))
                    .doesNotContain("Usage:");
        }
        CliRun missing = CliRun.of("fleet", "place", "--vcpus", "2", "--memory", "4");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("virtforge: missing required option: '--hosts=DIR'\n"
                + "try 'virtforge fleet place --help'\n");
    }

    @Test
    void helpSaysWhatTheFolderHolds() {
        CliRun help = CliRun.of("fleet", "place", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: virtforge fleet place").contains("--hosts=DIR", "capabilities.xml",
                "<device>", "labels", "--require-label", "--avoid", "--anti-affinity", "--affinity", "--strategy",
                "--vcpus", "--numa-cpus", "Exit 0 on a fit, 1 on no fit, 2 on bad input.");
        CliRun fleet = CliRun.of("fleet", "--help");
        assertThat(fleet.out()).startsWith("Usage: virtforge fleet").contains("place");
    }

    @Test
    void placeAnMdevOnTheOnlyHostThatCanMakeIt() throws Exception {
        Files.writeString(Files.createDirectories(hosts.resolve("busy/nodedev")).resolve("pci_0000_b1_00_0.xml"),
                PlanCommandTest.VGPU_PARENT);
        assertThat(host(place("--vcpus", "2", "--memory", "4", "--mdev", "nvidia-588", "--json"))).isEqualTo("busy");
        CliRun none = place("--vcpus", "2", "--memory", "4", "--mdev", "nvidia-588:3");
        assertThat(none.exitCode()).as(none.toString()).isEqualTo(1);
    }

    @Test
    void theOvercommitProfileHoldsOnEveryHost() throws Exception {
        // 100 shared vCPUs in one cell: no node of any host has 50 CPUs for production's 2:1; dev-test's 8:1 fits
        String[] shared = {"--vcpus", "100", "--memory", "4", "--numa-nodes", "1", "--cpu-policy", "shared", "--json"};
        CliRun production = place(append(shared, "--overcommit", "production"));
        assertThat(production.exitCode()).as(production.toString()).isEqualTo(1);
        assertThat(host(place(append(shared, "--overcommit", "dev-test")))).isEqualTo("small");
        assertThat(place(append(shared, "--overcommit", "9:1")).exitCode()).isEqualTo(2);
    }

    private static String[] append(String[] args, String... more) {
        String[] out = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, out, args.length, more.length);
        return out;
    }
}
