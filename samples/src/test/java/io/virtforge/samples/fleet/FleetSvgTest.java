package io.virtforge.samples.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The picture is well-formed SVG with one mark per host in each strategy's panel, titled with its figures. */
class FleetSvgTest {
    private static final FleetSimOptions OPTIONS = new FleetSimOptions(12, 3, 0.3, 0.5, 0.25, 120, 20, false,
            Optional.empty());
    private static List<StrategyReport> reports;
    private static Document svg;

    @BeforeAll
    static void draw() throws Exception {
        reports = FleetSim.run(OPTIONS);
        svg = parse(FleetSvg.of(OPTIONS, reports).getBytes(StandardCharsets.UTF_8));
    }

    /** The JDK's parser, namespace-aware, refusing a DOCTYPE: throws unless the bytes are well-formed XML. */
    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    @Test
    void itIsAnSvgDocumentWithOnePanelPerStrategy() throws Exception {
        assertThat(svg.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(nodes("//*[local-name()='g'][@class='strategy']/@id")).containsExactly("pack", "spread");
    }

    @Test
    void eachPanelHasOneMarkPerHostInHostOrder() throws Exception {
        for (StrategyReport r : reports) {
            List<String> tooltips = nodes("//*[local-name()='g'][@id='" + r.strategy().label()
                    + "']/*[local-name()='g'][@class='host']/*[local-name()='title']");
            assertThat(tooltips).hasSize(OPTIONS.hosts());
            assertThat(tooltips).extracting(t -> t.substring(0, t.indexOf(':')))
                    .isEqualTo(r.hosts().stream().map(HostUse::id).toList());
        }
    }

    @Test
    void eachPanelIsTitledWithItsFigures() throws Exception {
        for (StrategyReport r : reports) {
            List<String> titles = nodes("//*[local-name()='g'][@id='" + r.strategy().label()
                    + "']/*[local-name()='text']");
            assertThat(String.join("\n", titles)).contains(r.placed() + " placed, " + r.refused() + " refused")
                    .contains(r.strandedCpus() + " CPUs stranded on " + r.strandedHosts() + " hosts")
                    .contains(r.emptyHosts() + " hosts empty, " + r.hostsTakingLargest() + " take an x16");
        }
    }

    @Test
    void thePictureInTheReadmeIsWellFormedWithTheDefaultFleetInEachPanel() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("ARCHITECTURE.md"))) {
            root = root.getParent();
        }
        Document committed = parse(Files.readAllBytes(root.resolve("docs/fleet-sim.svg")));
        for (FleetStrategy s : FleetStrategy.values()) {
            assertThat(nodes(committed, "//*[local-name()='g'][@id='" + s.label() + "']/*[local-name()='g'][@class='host']"))
                    .hasSize(FleetSimOptions.defaults().hosts());
        }
    }

    @Test
    void theColourRampRunsFromLightToDark() {
        assertThat(FleetSvg.colour(0)).isEqualTo("#f7fbff");
        assertThat(FleetSvg.colour(1)).isEqualTo("#08306b");
        assertThat(FleetSvg.colour(-1)).isEqualTo("#f7fbff");
        assertThat(brightness(FleetSvg.colour(0.3))).isGreaterThan(brightness(FleetSvg.colour(0.6)));
    }

    private static int brightness(String colour) {
        int rgb = Integer.parseInt(colour.substring(1), 16);
        return (rgb >> 16) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
    }

    private static List<String> nodes(String expression) throws Exception {
        return nodes(svg, expression);
    }

    private static List<String> nodes(Document document, String expression) throws Exception {
        XPath xpath = XPathFactory.newInstance().newXPath();
        NodeList list = (NodeList) xpath.evaluate(expression, document, XPathConstants.NODESET);
        return IntStream.range(0, list.getLength()).mapToObj(i -> list.item(i).getTextContent())
                .toList();
    }
}
