package io.virtforge.xml;

import io.virtforge.model.DomainXml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.model.Domain;
import io.virtforge.testing.Corpus;
import io.virtforge.testing.CorpusTally;
import io.virtforge.testing.DomTrees;
import io.virtforge.testing.LibvirtCorpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Element;

/**
 * Round trip over libvirt's own test corpora (libvirt 4.5.0's and the one matching the installed libvirt, see
 * {@link Corpus}), folder by folder, printing the counts: every domain XML that parses as XML is read into the
 * typed model, written, read again, and compared with the input as an XML tree by an independent
 * oracle (the JDK's DOM parser, see {@link DomTrees}).
 *
 * <p>Normalisations the codec applies, all of which the comparison allows: attribute order,
 * whitespace-only text between elements (the writer indents as libvirt does), attribute quoting and
 * character escaping. The codec rewrites no value: the model reads typed values from the tree and
 * writes the tree back, so {@code 0x01} stays {@code 0x01}.
 *
 * <p>Files left out are listed below with their reason; the test checks that each of them really
 * fails, so the list cannot go stale. A document libvirt's own test programs use only as a parse-error case
 * ({@link LibvirtCorpus#negativeCases}) may be refused by the model; every other refusal is a failure.
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

    /** The outcome of a document the model reads, writes and reads back unchanged. */
    static final String ROUND_TRIPPED = "round-tripped";
    /** The outcome of a document libvirt's tests use only as a parse-error case, which the model refuses. */
    static final String NEGATIVE_REFUSED = "libvirt parse-error cases, refused";

    /** The domain documents of a corpus, folder by folder. */
    static Stream<Path> corpusFiles(LibvirtCorpus corpus) {
        return FOLDERS.stream().flatMap(f -> corpus.xmlFiles(f).stream());
    }

    static String key(Path p) {
        return p.getParent().getFileName() + "/" + p.getFileName();
    }

    @TestFactory
    Stream<DynamicNode> everyCorpusDocumentRoundTrips() {
        return CorpusTally.perCorpus(corpus -> FOLDERS.stream()
                .map(folder -> CorpusTally.folder(corpus, folder, (p, note) -> roundTrip(corpus, folder, p, note))));
    }

    /**
     * Round-trips one document; returns the outcome. A document libvirt's own tests use only as a negative
     * case may be refused by the model (libvirt refuses it too); if the model reads it, it must round-trip.
     */
    private static String roundTrip(LibvirtCorpus corpus, String folder, Path p, Consumer<String> note)
            throws Exception {
        String input = Corpus.read(p);
        Element oracle;
        try {
            oracle = DomTrees.parse(input);
        } catch (Exception notXml) {
            // Not XML at all (libvirt 4.5.0's copy keeps symlinks to other tests as one-line text files):
            // our parser must refuse it too, with a typed error.
            assertThatThrownBy(() -> DomainXml.defaults().parse(input)).isInstanceOf(XmlException.class);
            return "not XML, refused";
        }
        String reason = REJECTED.get(key(p));
        if (reason != null) {
            assertThatThrownBy(() -> DomainXml.defaults().parse(input))
                    .as("listed as rejected (%s) but parses", reason)
                    .isInstanceOf(XmlModelException.class);
            return "invalid, refused as libvirt refuses them";
        }
        boolean negative = corpus.negativeCases(folder).contains(p.getFileName().toString());
        Domain domain;
        try {
            domain = DomainXml.defaults().parse(input);
        } catch (XmlModelException e) {
            if (negative) {
                note.accept("a libvirt parse-error case, refused: " + e.getMessage());
                return NEGATIVE_REFUSED;
            }
            throw new AssertionError(corpus.name() + " " + key(p) + ": the model refuses it: " + e.getMessage(), e);
        }
        String output = DomainXml.defaults().write(domain);
        Domain again = DomainXml.defaults().parse(output);
        assertThat(again).isEqualTo(domain);
        assertThat(DomainXml.defaults().write(again)).isEqualTo(output);
        assertThat(DomTrees.difference(oracle, DomTrees.parse(output))).as("difference from the input").isNull();
        return negative ? "libvirt parse-error cases, " + ROUND_TRIPPED : ROUND_TRIPPED;
    }

    @TestFactory
    Stream<DynamicNode> theCorpusIsLargeAndAlmostEverythingParses() {
        return CorpusTally.perCorpus(corpus -> Stream.of(DynamicTest.dynamicTest("size and XML", () -> {
            List<Path> files = corpusFiles(corpus).toList();
            assertThat(files).hasSizeGreaterThan(1300);
            List<Path> notXml = new ArrayList<>();
            for (Path p : files) {
                try {
                    DomTrees.parse(Corpus.read(p));
                } catch (Exception e) {
                    notXml.add(p);
                }
            }
            // libvirt 4.5.0's copy stores symlinks between test files as one-line text: those are all that is not XML
            assertThat(notXml).allSatisfy(p -> assertThat(Corpus.read(p).trim()).doesNotContain("<").endsWith(".xml"));
            System.out.println("corpus " + corpus.name() + " domain documents: " + files.size() + " files, "
                    + (files.size() - notXml.size()) + " XML, " + notXml.size() + " link stubs");
        })));
    }
}
