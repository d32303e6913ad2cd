package io.virtforge.xml;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.model.Domain;
import io.virtforge.testing.Corpus;
import io.virtforge.testing.DomTrees;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Element;

/**
 * Round trip over libvirt's own test corpus: every domain XML that parses as XML is read into the
 * typed model, written, read again, and compared with the input as an XML tree by an independent
 * oracle (the JDK's DOM parser, see {@link DomTrees}).
 *
 * <p>Normalisations the codec applies, all of which the comparison allows: attribute order,
 * whitespace-only text between elements (the writer indents as libvirt does), attribute quoting and
 * character escaping. The codec rewrites no value: the model reads typed values from the tree and
 * writes the tree back, so {@code 0x01} stays {@code 0x01}.
 *
 * <p>Files left out are listed below with their reason; the test checks that each of them really
 * fails, so the list cannot go stale.
 */
class DomainXmlCorpusRoundTripTest {
    static final List<String> FOLDERS = List.of("qemuxml2argvdata", "qemuxml2xmloutdata", "genericxml2xmlindata",
            "genericxml2xmloutdata", "domainschemadata");

    /**
     * Well-formed corpus files the model refuses, and why. Each is deliberately invalid in libvirt's
     * own test suite, and libvirt 9.0 rejects it too with the message quoted
     * ({@code virsh -c test:///default define FILE}).
     */
    static final Map<String, String> REJECTED = new TreeMap<>(Map.of(
            "qemuxml2argvdata/pci-bridge-negative-index-invalid.xml",
            "controller index -1; libvirt: \"Expected non-negative value\"",
            "qemuxml2argvdata/pci-bus-invalid.xml", "PCI bus 0x100; libvirt: \"must be <= 0xFF\"",
            "qemuxml2argvdata/pci-function-invalid.xml", "PCI function 0x8; libvirt: \"must be <= 7\"",
            "qemuxml2argvdata/pci-slot-invalid.xml", "PCI slot 0x20; libvirt: \"must be <= 0x1F\"",
            "qemuxml2argvdata/vhost_queues-invalid.xml",
            "interface driver queues -5; libvirt: \"Expected non-negative integer value\"",
            "qemuxml2argvdata/video-invalid.xml", "video ram -1; libvirt: \"cannot parse video ram\""));

    static Stream<Path> corpusFiles() {
        return FOLDERS.stream().flatMap(f -> Corpus.xmlFiles(Corpus.libvirt(f)).stream());
    }

    static String key(Path p) {
        return p.getParent().getFileName() + "/" + p.getFileName();
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusDocumentRoundTrips() {
        return corpusFiles().map(p -> DynamicTest.dynamicTest(key(p), () -> roundTrip(p)));
    }

    private void roundTrip(Path p) throws Exception {
        String input = Corpus.read(p);
        Element oracle;
        try {
            oracle = DomTrees.parse(input);
        } catch (Exception notXml) {
            // Not XML at all (libvirt keeps symlinks to other tests as one-line text files):
            // our parser must refuse it too, with a typed error.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> DomainXml.defaults().parse(input))
                    .isInstanceOf(XmlException.class);
            return;
        }
        String reason = REJECTED.get(key(p));
        if (reason != null) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> DomainXml.defaults().parse(input))
                    .as("listed as rejected (%s) but parses", reason)
                    .isInstanceOf(XmlModelException.class);
            return;
        }
        Domain domain = DomainXml.defaults().parse(input);
        String output = DomainXml.defaults().write(domain);
        Domain again = DomainXml.defaults().parse(output);
        assertThat(again).isEqualTo(domain);
        assertThat(DomainXml.defaults().write(again)).isEqualTo(output);
        assertThat(DomTrees.difference(oracle, DomTrees.parse(output))).as("difference from the input").isNull();
    }

    @Test
    void theCorpusIsLargeAndAlmostEverythingParses() {
        List<Path> files = corpusFiles().toList();
        assertThat(files).hasSizeGreaterThan(1300);
        List<String> notXml = new ArrayList<>();
        for (Path p : files) {
            try {
                DomTrees.parse(Corpus.read(p));
            } catch (Exception e) {
                notXml.add(key(p));
            }
        }
        // libvirt's corpus stores symlinks between test files as one-line text: those are all that is not XML
        assertThat(notXml).allSatisfy(k -> assertThat(Corpus.read(Corpus.require(Corpus.libvirt(k))).trim())
                .doesNotContain("<").endsWith(".xml"));
    }
}
