package io.virtforge.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.testing.Corpus;
import io.virtforge.testing.CorpusTally;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import io.virtforge.xml.XmlModelException;
import io.virtforge.xml.XmlSecurityException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Element;

/**
 * CapabilitiesXml over libvirt's own capabilities test data (libvirt 4.5.0's and the fetched corpus, see
 * {@link Corpus}) and the test driver, against a DOM reading.
 */
class CapabilitiesXmlTest {
    private static final long BASE_PAGE = 4096;

    static final List<String> FOLDERS = List.of("capabilityschemadata", "vircaps2xmldata");

    @TestFactory
    Stream<DynamicNode> everyCorpusDocumentReadsLikeTheDomReading() {
        return CorpusTally.perCorpus(corpus -> FOLDERS.stream().map(folder -> CorpusTally.folder(corpus, folder,
                (p, note) -> {
                    assertMatchesDom(Corpus.read(p));
                    return "read like the DOM reading";
                })));
    }

    @TestFactory
    Stream<DynamicNode> theCorpusHasCellsWithMemoryPagesAndCpuTopologyToCompare() {
        // guards the comparison above from passing on documents without the interesting parts
        return CorpusTally.perCorpus(corpus -> Stream.of(DynamicTest.dynamicTest("cells, pools, CPUs", () -> {
            int cells = 0;
            int pools = 0;
            int cpusWithTopology = 0;
            List<Path> files = FOLDERS.stream().flatMap(f -> corpus.xmlFiles(f).stream()).toList();
            for (Path p : files) {
                for (DomReading.Cell c : DomReading.cells(DomReading.parse(Corpus.read(p)))) {
                    cells++;
                    pools += (int) c.pagesBySizeBytes().keySet().stream().filter(s -> s > BASE_PAGE).count();
                    cpusWithTopology += (int) c.cpus().stream().filter(cpu -> cpu.socket() != null).count();
                }
            }
            System.out.println("corpus " + corpus.name() + " capabilities: " + files.size() + " files, " + cells
                    + " cells, " + pools + " huge page pools, " + cpusWithTopology + " CPUs with topology");
            assertThat(files).hasSizeGreaterThanOrEqualTo(10);
            assertThat(cells).isGreaterThanOrEqualTo(20);
            assertThat(pools).isGreaterThanOrEqualTo(20);
            assertThat(cpusWithTopology).isGreaterThan(50);
        })));
    }

    static void assertMatchesDom(String xml) {
        HostTopology host = CapabilitiesXml.parse(xml);
        Element caps = DomReading.parse(xml);
        List<DomReading.Cell> cells = DomReading.cells(caps);
        // the base page is the smallest size the document lists; only larger sizes are huge page pools
        long base = DomReading.hostPageSizes(caps).stream().mapToLong(Long::longValue).min().orElse(BASE_PAGE);
        for (DomReading.Cell c : cells) {
            base = Math.min(base, c.pagesBySizeBytes().keySet().stream().mapToLong(Long::longValue).min().orElse(base));
        }
        long basePage = base;

        assertThat(host.nodes()).extracting(NumaNode::id)
                .containsExactlyElementsOf(cells.stream().map(DomReading.Cell::id).sorted().toList());
        int cpuCount = 0;
        for (DomReading.Cell cell : cells) {
            NumaNode node = host.node(cell.id()).orElseThrow();
            assertThat(node.memory().bytes()).as("memory of cell %d", cell.id()).isEqualTo(cell.memoryBytes());
            TreeSet<Integer> ids = new TreeSet<>();
            cell.cpus().forEach(c -> ids.add(c.id()));
            assertThat(node.cpus().toArray()).as("cpus of cell %d", cell.id())
                    .containsExactly(ids.stream().mapToInt(Integer::intValue).toArray());
            cpuCount += ids.size();

            Map<Long, Long> huge = new TreeMap<>();
            cell.pagesBySizeBytes().forEach((size, count) -> {
                if (size > basePage) {
                    huge.put(size, count);
                }
            });
            Map<Long, Long> pools = new TreeMap<>();
            node.hugePages().forEach((size, pool) -> {
                assertThat(pool.size()).isEqualTo(size);
                assertThat(pool.free()).as("capabilities give totals only").isEmpty();
                pools.put(size.bytes(), pool.total());
            });
            assertThat(pools).as("huge page pools of cell %d", cell.id()).isEqualTo(huge);
            assertThat(node.distances()).as("distances of cell %d", cell.id()).isEqualTo(cell.distances());

            for (DomReading.Cpu c : cell.cpus()) {
                HostCpu cpu = host.cpu(c.id()).orElseThrow();
                assertThat(cpu.node()).isEqualTo(cell.id());
                assertThat(host.nodeOf(c.id())).isEqualTo(cell.id());
                if (c.socket() != null) {
                    assertThat(cpu.socket()).hasValue(c.socket());
                } else {
                    assertThat(cpu.socket()).isEmpty();
                }
                if (c.core() != null) {
                    assertThat(cpu.core()).hasValue(c.core());
                } else {
                    assertThat(cpu.core()).isEmpty();
                }
                if (c.die() != null) {
                    assertThat(cpu.die()).hasValue(c.die());
                }
                TreeSet<Integer> siblings = c.siblings() != null ? c.siblings() : new TreeSet<>(List.of(c.id()));
                assertThat(cpu.siblings().toArray()).as("siblings of cpu %d", c.id())
                        .containsExactly(siblings.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        assertThat(host.cpus()).hasSize(cpuCount);
        for (long size : DomReading.hostPageSizes(caps)) {
            assertThat(host.pageSizes()).contains(new PageSize(size));
        }
        DomReading.attr(DomReading.child(caps, "host", "iommu"), "support")
                .ifPresent(s -> assertThat(host.iommuEnabled()).isEqualTo(s.equals("yes")));
        Element arch = DomReading.child(caps, "host", "cpu", "arch");
        if (arch != null) {
            assertThat(host.arch()).hasValue(arch.getTextContent().trim());
        }
    }

    @Test
    void aCorpusDocumentWithoutTopologyGivesAHostWithoutNodes() {
        String xml = Corpus.read(Corpus.require(Corpus.libvirt("capabilityschemadata/caps-test2.xml")));
        HostTopology host = CapabilitiesXml.parse(xml);
        assertThat(host.nodes()).isEmpty();
        assertThat(host.cpus()).isEmpty();
        assertThat(host.cpuModel()).hasValue("SandyBridge");
        assertThat(host.cpuVendor()).hasValue("Intel");
        assertThat(host.cpuFeatures()).contains("vmx", "ht");
        assertThat(host.pageSizes()).containsExactly(PageSize.KIB_4, PageSize.MIB_2, PageSize.GIB_1);
    }

    @Test
    void theTestDriversCapabilitiesParseAndMatchTheDomReading() throws Exception {
        String xml = virsh("-c", "test:///default", "capabilities");
        HostTopology host = CapabilitiesXml.parse(xml);
        List<DomReading.Cell> cells = DomReading.cells(DomReading.parse(xml));
        assertThat(cells).isNotEmpty();
        assertThat(host.nodes()).hasSize(cells.size());
        assertThat(host.cpus()).hasSize(cells.stream().mapToInt(c -> c.cpus().size()).sum());
        for (DomReading.Cell c : cells) {
            assertThat(host.node(c.id()).orElseThrow().cpus().size()).isEqualTo(c.cpus().size());
        }
        assertMatchesDom(xml);
    }

    /** Runs virsh; skips the test with a reason when it is not installed or cannot answer. */
    static String virsh(String... args) throws IOException, InterruptedException {
        Path virsh = null;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Paths.get(dir, "virsh");
            if (Files.isExecutable(p)) {
                virsh = p;
                break;
            }
        }
        Assumptions.assumeTrue(virsh != null, "virsh is not installed (apt-get install libvirt-clients)");
        List<String> cmd = new ArrayList<>();
        cmd.add(virsh.toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("virsh", ".xml");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            boolean done = p.waitFor(60, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
            }
            Assumptions.assumeTrue(done && p.exitValue() == 0, "virsh " + String.join(" ", args) + " failed");
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Test
    void cellsWithDistancesAndUnitsAreRead() {
        String xml = """
                <capabilities><host><cpu><arch>x86_64</arch></cpu><iommu support='yes'/>
                <topology><cells num='2'>
                  <cell id='0'><memory unit='MiB'>1024</memory>
                    <pages unit='KiB' size='4'>100</pages><pages unit='MiB' size='2'>16</pages>
                    <distances><sibling id='0' value='10'/><sibling id='1' value='21'/></distances>
                    <cpus num='2'><cpu id='0' socket_id='0' die_id='1' core_id='3' siblings='0,2'/>
                      <cpu id='2' socket_id='0' die_id='1' core_id='3' siblings='0,2'/></cpus></cell>
                  <cell id='1'><memory unit='KiB'>2048</memory>
                    <distances><sibling id='0' value='21'/><sibling id='1' value='10'/></distances>
                    <cpus num='1'><cpu id='1'/></cpus></cell>
                </cells></topology></host></capabilities>""";
        HostTopology host = CapabilitiesXml.parse(xml);
        assertThat(host.iommuEnabled()).isTrue();
        NumaNode n0 = host.node(0).orElseThrow();
        assertThat(n0.memory()).isEqualTo(DataSize.mib(1024));
        assertThat(n0.hugePages()).containsOnlyKeys(PageSize.MIB_2);
        assertThat(n0.pool(PageSize.MIB_2).orElseThrow().total()).isEqualTo(16);
        assertThat(n0.distanceTo(1)).hasValue(21);
        assertThat(host.node(1).orElseThrow().distanceTo(0)).hasValue(21);
        HostCpu c0 = host.cpu(0).orElseThrow();
        assertThat(c0.die()).hasValue(1);
        assertThat(c0.core()).hasValue(3);
        assertThat(c0.siblings()).isEqualTo(CpuSet.of(0, 2));
        HostCpu c1 = host.cpu(1).orElseThrow();
        assertThat(c1.socket()).isEmpty();
        assertThat(c1.siblings()).isEqualTo(CpuSet.of(1));
        assertThat(host.physicalCores()).isEqualTo(2);
        assertMatchesDom(xml);
    }

    @Test
    void aLargerBasePageIsNoHugePagePool() {
        // a ppc64 host: 64 KiB base pages, 16 MiB and 16 GiB huge pages
        String xml = """
                <capabilities><host><cpu><arch>ppc64le</arch><pages unit='KiB' size='64'/>
                <pages unit='KiB' size='16384'/><pages unit='KiB' size='16777216'/></cpu>
                <topology><cells num='1'><cell id='0'><memory unit='KiB'>8388608</memory>
                <pages unit='KiB' size='64'>131072</pages><pages unit='KiB' size='16384'>16</pages>
                <pages unit='KiB' size='16777216'>0</pages>
                <cpus num='1'><cpu id='0' socket_id='0' core_id='0' siblings='0'/></cpus></cell></cells></topology>
                </host></capabilities>""";
        HostTopology host = CapabilitiesXml.parse(xml);
        NumaNode n = host.node(0).orElseThrow();
        assertThat(n.hugePages()).containsOnlyKeys(PageSize.ofKib(16384), PageSize.ofKib(16777216));
        assertThat(n.pool(PageSize.ofKib(16384)).orElseThrow().total()).isEqualTo(16);
        assertThat(host.pageSizes()).contains(PageSize.ofKib(64));
        assertThat(DomainFootprint.defaultHugePage(host)).isEqualTo(PageSize.ofKib(16384));
        assertMatchesDom(xml);
    }

    @Test
    void theWrongRootIsAModelErrorWithAPath() {
        assertThatThrownBy(() -> CapabilitiesXml.parse("<capability><host/></capability>"))
                .isInstanceOfSatisfying(XmlModelException.class, e -> {
                    assertThat(e.path()).isEqualTo("/capability");
                    assertThat(e.getMessage()).contains("expected <capabilities>");
                });
    }

    @Test
    void aMissingHostIsAModelError() {
        assertThatThrownBy(() -> CapabilitiesXml.parse("<capabilities/>"))
                .isInstanceOfSatisfying(XmlModelException.class, e -> assertThat(e.path()).isEqualTo("/capabilities"));
    }

    @Test
    void aCellWithANonNumericIdIsAModelErrorWithAPath() {
        String xml = "<capabilities><host><topology><cells num='1'><cell id='zero'><memory>1</memory></cell>"
                + "</cells></topology></host></capabilities>";
        assertThatThrownBy(() -> CapabilitiesXml.parse(xml))
                .isInstanceOfSatisfying(XmlModelException.class, e -> {
                    assertThat(e.path()).isEqualTo("/capabilities/host/topology/cells/cell");
                    assertThat(e.getMessage()).contains("zero");
                });
    }

    @Test
    void aCellWithoutAnIdIsAModelErrorWithAPath() {
        String xml = "<capabilities><host><topology><cells num='1'><cell><memory>1</memory></cell>"
                + "</cells></topology></host></capabilities>";
        assertThatThrownBy(() -> CapabilitiesXml.parse(xml))
                .isInstanceOfSatisfying(XmlModelException.class, e -> {
                    assertThat(e.path()).isEqualTo("/capabilities/host/topology/cells/cell");
                    assertThat(e.getMessage()).contains("'id'");
                });
    }

    @Test
    void aBadPageCountOrCpuIdIsAModelErrorNamingTheCell() {
        String pages = "<capabilities><host><topology><cells num='1'><cell id='3'><memory>1</memory>"
                + "<pages size='2048'>many</pages></cell></cells></topology></host></capabilities>";
        assertThatThrownBy(() -> CapabilitiesXml.parse(pages))
                .isInstanceOfSatisfying(XmlModelException.class,
                        e -> assertThat(e.path()).isEqualTo("/capabilities/host/topology/cells/cell[@id='3']/pages"));
        String cpu = "<capabilities><host><topology><cells num='1'><cell id='3'><cpus num='1'><cpu id='x'/></cpus>"
                + "</cell></cells></topology></host></capabilities>";
        assertThatThrownBy(() -> CapabilitiesXml.parse(cpu))
                .isInstanceOfSatisfying(XmlModelException.class,
                        e -> assertThat(e.path()).startsWith("/capabilities/host/topology/cells/cell[@id='3']/cpus/cpu"));
    }

    @Test
    void aDoctypeIsRefused() {
        String xml = "<?xml version='1.0'?><!DOCTYPE capabilities [<!ENTITY x 'y'>]><capabilities><host/></capabilities>";
        assertThatThrownBy(() -> CapabilitiesXml.parse(xml)).isInstanceOf(XmlSecurityException.class);
    }
}
