package io.virtforge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.virtforge.build.DomainBuilder;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fake.libvirt.FakeVirtConnection;
import io.virtforge.model.NumaMode;
import io.virtforge.testing.Corpus;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HostSvgTest {
    /** A name with every character XML must escape, and one it cannot carry at all. */
    static final String AWKWARD = "cache<&>\"'";
    static final Path RSVG = Path.of("/usr/bin/rsvg-convert");
    @TempDir
    Path dir;

    /** The README's example host: xeon-2s with a pinned database (I/O thread, huge pages, a NIC) and a web guest. */
    static FakeVirtConnection exampleHost() {
        FakeVirtConnection xeon = Fixtures.get(Fixtures.XEON_2S).connect();
        xeon.define(DomainBuilder.named("db").vcpus(4).memory(DataSize.gib(8)).hugepages(PageSize.of(DataSize.gib(1)))
                .memoryOn(NumaMode.STRICT, NodeSet.of(0))
                .pinVcpu(0, CpuSet.of(2)).pinVcpu(1, CpuSet.of(34)).pinVcpu(2, CpuSet.of(3)).pinVcpu(3, CpuSet.of(35))
                .pinEmulator(CpuSet.of(1)).iothreads(1).pinIothread(1, CpuSet.of(33))
                .hostdev(PciAddress.parse("0000:18:00.0")).build()).start();
        xeon.define(DomainBuilder.named("web").vcpus(2).memory(DataSize.gib(2)).pinVcpu(0, CpuSet.of(20))
                .pinVcpu(1, CpuSet.of(52)).pinEmulator(CpuSet.of(1)).build()).start();
        return xeon;
    }

    @Test
    void oneGroupPerNodeCoreAndCpuWithTheDomainsColoursAndALegend() throws Exception {
        FakeVirtConnection xeon = exampleHost();
        Path file = dir.resolve("host.svg");

        CliRun run = CliRun.on(xeon, "host", "--svg", file.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("core 0/2: CPU 2 [db vCPU 0], CPU 34 [db vCPU 1]");
        Document svg = parse(Files.readString(file));
        assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(all(svg, "//*[local-name()='g'][@class='node']")).extracting(e -> e.getAttribute("data-node"))
                .containsExactly("0", "1");
        assertThat(all(svg, "//*[local-name()='g'][@class='core']")).hasSize(32);
        assertThat(all(svg, "//*[local-name()='g'][@data-node='0']//*[local-name()='g'][@class='core']"))
                .extracting(e -> e.getAttribute("data-cpus")).startsWith("0,32", "1,33", "2,34");
        assertThat(all(svg, "//*[local-name()='g'][@class='cpu']")).hasSize(64);
        String dbColour = fill(svg, "//*[local-name()='g'][@class='legend-entry'][@data-domain='db']/*[local-name()='rect']");
        String webColour = fill(svg, "//*[local-name()='g'][@class='legend-entry'][@data-domain='web']/*[local-name()='rect']");
        assertThat(dbColour).isNotEqualTo(webColour);
        // CPU 1 carries both emulators, CPU 33 db's I/O thread, CPU 2 db's vCPU 0: each in the owner's colour
        assertThat(all(svg, "//*[@data-cpu='1']/*[@class='use']")).extracting(e -> e.getAttribute("data-domain") + " "
                + e.getAttribute("data-kind") + " " + e.getAttribute("fill"))
                .containsExactly("db emulator " + dbColour, "web emulator " + webColour);
        assertThat(all(svg, "//*[@data-cpu='33']/*[@class='use']")).extracting(e -> e.getAttribute("data-kind")
                + " " + e.getAttribute("fill")).containsExactly("iothread " + dbColour);
        assertThat(text(svg, "//*[@data-cpu='2']")).contains("CPU 2", "v0");
        assertThat(text(svg, "//*[@data-cpu='20']")).contains("web vCPU 0");
        // db's 8 GiB of 1 GiB pages on node 0 in its colour; the NIC it owns marked with it
        Element pool = all(svg, "//*[@data-node='0']/*[@class='hugepages'][@data-size='1GiB']").get(0);
        assertThat(pool.getAttribute("data-free")).isEqualTo("8");
        assertThat(all(svg, "//*[@data-node='0']/*[@class='hugepages'][@data-size='1GiB']/*[@class='pool-used']"))
                .extracting(e -> e.getAttribute("data-domain") + " " + e.getAttribute("fill"))
                .containsExactly("db " + dbColour);
        assertThat(all(svg, "//*[@data-node='0']/*[@class='pci'][@data-owner='db']"))
                .extracting(e -> e.getAttribute("data-address")).containsExactly("0000:18:00.0");
        assertThat(all(svg, "//*[local-name()='g'][@class='legend']")).hasSize(1);
        assertThat(text(svg, "//*[@class='legend']")).contains("db: 4 vCPUs on CPUs 2-3,34-35, emulator on 1, "
                + "I/O threads on 33", "web: 2 vCPUs on CPUs 20,52");
    }

    @Test
    void namesAreEscapedSoTheXmlParsesAndSaysThemBack() throws Exception {
        FakeVirtConnection xeon = Fixtures.get(Fixtures.XEON_2S).connect();
        xeon.define(DomainBuilder.named(AWKWARD).vcpus(1).memory(DataSize.gib(1)).pinVcpu(0, CpuSet.of(7)).build())
                .start();

        String svg = new HostSvg(new HostPicture(xeon.hostState(), java.util.Optional.empty())).render("a<b>&c");

        Document doc = parse(svg);
        assertThat(all(doc, "//*[@class='legend-entry']")).extracting(e -> e.getAttribute("data-domain"))
                .containsExactly(AWKWARD);
        assertThat(text(doc, "//*[@data-cpu='7']")).contains(AWKWARD + " vCPU 0");
        assertThat(text(doc, "/*/*[local-name()='title']")).isEqualTo("Host a<b>&c");
        assertThat(HostSvg.esc("a\u0001b\uD800")).isEqualTo("a\uFFFDb\uFFFD");
        assertThat(HostSvg.esc("\uD83D\uDE00")).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void aHostWithoutDomainsSaysSoInTheLegend() throws Exception {
        Path file = dir.resolve("gpu.svg");
        CliRun run = CliRun.of("host", "--connect", "fake:///gpu-server", "--svg", file.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Document svg = parse(Files.readString(file));
        assertThat(all(svg, "//*[@class='legend-entry']")).isEmpty();
        assertThat(text(svg, "//*[@class='legend']")).contains("none running");
        assertThat(all(svg, "//*[@class='pci']")).isNotEmpty();
    }

    @Test
    void aVfGoesWithItsOwnerAndTheUnassignedOnesStayOut() throws Exception {
        FakeVirtConnection sriov = Fixtures.get(Fixtures.SRIOV_HOST).connect();
        sriov.define(DomainBuilder.named("nfv").vcpus(1).memory(DataSize.gib(1))
                .hostdev(PciAddress.parse("0000:3b:02.1")).build()).start();

        Document svg = parse(new HostSvg(new HostPicture(sriov.hostState(), java.util.Optional.empty()))
                .render("fake:///sriov-host"));

        assertThat(all(svg, "//*[@data-node='1']/*[@class='pci']")).extracting(e -> e.getAttribute("data-address")
                + " " + e.getAttribute("data-owner")).contains("0000:3b:00.0 ", "0000:3b:02.1 nfv")
                .noneMatch(a -> a.startsWith("0000:3b:02.0"));
    }

    @Test
    void aLongTitleWidensThePicture() throws Exception {
        String source = "qemu+ssh://root@" + "h".repeat(200) + "/system";
        Element root = parse(new HostSvg(new HostPicture(Fixtures.get(Fixtures.XEON_2S).connect().hostState(),
                java.util.Optional.empty())).render(source)).getDocumentElement();

        assertThat(Integer.parseInt(root.getAttribute("width"))).isGreaterThan((int) (source.length() * 16 * 0.6));
    }

    @Test
    void anUnwritableFileIsAProblemNamingIt() {
        CliRun run = CliRun.of("host", "--connect", "fake:///xeon-2s", "--svg", dir.resolve("no/such/dir.svg").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot write the picture to " + dir.resolve("no/such/dir.svg"));
    }

    /** rsvg-convert (Debian's librsvg2-bin) draws it: a PNG of the SVG's size, kept in target/ to look at. */
    @Test
    void rsvgConvertRendersItToPng() throws Exception {
        Path svg = Path.of("target", "host-xeon-2s.svg");
        Files.createDirectories(svg.getParent());
        CliRun run = CliRun.on(exampleHost(), "host", "--svg", svg.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();

        Path png = render(svg);

        byte[] bytes = Files.readAllBytes(png);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        Element root = parse(Files.readString(svg)).getDocumentElement();
        int width = java.nio.ByteBuffer.wrap(bytes, 16, 4).getInt();
        int height = java.nio.ByteBuffer.wrap(bytes, 20, 4).getInt();
        assertThat(width + "x" + height).isEqualTo(root.getAttribute("width") + "x" + root.getAttribute("height"));
    }

    @Test
    void numaCompareDrawsBothLayoutsSideBySide() throws Exception {
        Path svg = Path.of("target", "numa-compare-xeon-2s.svg");
        Files.createDirectories(svg.getParent());

        CliRun run = CliRun.of("numa-compare", "--connect", "fake:///xeon-2s", "--vcpus", "4", "--memory", "8",
                "--svg", svg.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Document doc = parse(Files.readString(svg));
        List<Element> panels = all(doc, "/*/*[@class='panel']");
        assertThat(panels).hasSize(2);
        assertThat(Integer.parseInt(panels.get(1).getAttribute("x"))).isEqualTo(Integer.parseInt(panels.get(0)
                .getAttribute("width")));
        assertThat(panels).extracting(p -> p.getElementsByTagNameNS("*", "text").item(0).getTextContent())
                .satisfiesExactly(t -> assertThat(t).startsWith("Aligned layout: one guest cell"),
                        t -> assertThat(t).startsWith("Crossing layout: two guest cells"));
        // the aligned guest's vCPUs all on one node, the crossing one's on both
        assertThat(all(doc, "/*/*[@class='panel'][1]//*[@class='node'][.//*[@data-domain='numa-aligned'][@data-kind='vcpus']]"))
                .hasSize(1);
        assertThat(all(doc, "/*/*[@class='panel'][2]//*[@class='node'][.//*[@data-domain='numa-crossing'][@data-kind='vcpus']]"))
                .hasSize(2);
        assertThat(text(doc, "/*/*[@class='panel'][2]/*[@class='notes']")).contains("no numatune", "NUMA");
        render(svg);
    }

    /** Renders an SVG to a PNG beside it with rsvg-convert; skips (fails under CI) where it is not installed. */
    static Path render(Path svg) throws Exception {
        if (!Files.isExecutable(RSVG)) {
            if (Corpus.ci()) {
                fail(RSVG + " is missing: scripts/setup-libvirt-host.sh installs Debian's librsvg2-bin");
            }
            assumeTrue(false, RSVG + " is missing (Debian's librsvg2-bin)");
        }
        Path png = svg.resolveSibling(svg.getFileName().toString().replaceAll("\\.svg$", "") + ".png");
        Process p = new ProcessBuilder(RSVG.toString(), "--format", "png", "--output", png.toString(), svg.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("rsvg-convert ends").isTrue();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(said).isZero();
        assertThat(said).as("rsvg-convert warnings").isEmpty();
        return png;
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Element> all(Document doc, String xpath) throws Exception {
        XPath x = XPathFactory.newInstance().newXPath();
        NodeList nodes = (NodeList) x.evaluate(xpath, doc, XPathConstants.NODESET);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    private static String text(Document doc, String xpath) throws Exception {
        List<Element> e = all(doc, xpath);
        assertThat(e).as(xpath).hasSize(1);
        return e.get(0).getTextContent();
    }

    private static String fill(Document doc, String xpath) throws Exception {
        List<Element> e = all(doc, xpath);
        assertThat(e).as(xpath).hasSize(1);
        return e.get(0).getAttribute("fill");
    }
}
