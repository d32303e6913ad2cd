package io.virtforge.xml;

import io.virtforge.model.DomainXml;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.testing.Corpus;
import io.virtforge.testing.CorpusTally;
import io.virtforge.testing.LibvirtCorpus;
import io.virtforge.testing.LibvirtSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * libvirt's RELAX NG schema as the oracle of the codec's output over libvirt's corpora (see {@link Corpus}):
 * every domain document the schema accepts must still be accepted after the model read and wrote it. The
 * schema is the corpus' own ({@code src/conf/schemas} of a fetched libvirt source, version-matched) when it
 * has one, else the installed one ({@link LibvirtSchema#DIR}). Documents the schema refuses (libvirt's
 * negative cases, documents for other drivers' extensions) are counted, not compared.
 */
class CorpusSchemaTest {
    @TestFactory
    Stream<DynamicNode> whatTheSchemaAcceptsItAcceptsAfterTheRoundTrip() {
        return CorpusTally.perCorpus(corpus -> {
            LibvirtSchema schema = corpus.schemas().map(LibvirtSchema::in).orElseGet(LibvirtSchema::installed);
            return DomainXmlCorpusRoundTripTest.FOLDERS.stream().map(folder -> CorpusTally.files(corpus,
                    folder + " against " + schema.dir(), () -> corpus.xmlFiles(folder),
                    (p, note) -> validateRoundTrip(schema, corpus, folder, p, note)));
        });
    }

    private static String validateRoundTrip(LibvirtSchema schema, LibvirtCorpus corpus, String folder, Path p,
            Consumer<String> note) {
        String input = Corpus.read(p);
        if (!schema.validate("domain", input).isEmpty()) {
            return "refused by the schema, not compared";
        }
        String output;
        try {
            output = DomainXml.defaults().write(DomainXml.defaults().parse(input));
        } catch (XmlModelException e) {
            if (corpus.negativeCases(folder).contains(p.getFileName().toString())) {
                note.accept("a libvirt parse-error case the schema accepts, refused by the model: " + e.getMessage());
                return DomainXmlCorpusRoundTripTest.NEGATIVE_REFUSED;
            }
            throw new AssertionError(corpus.name() + " " + DomainXmlCorpusRoundTripTest.key(p)
                    + ": the schema accepts it, the model refuses it: " + e.getMessage(), e);
        }
        List<String> errors = schema.validate("domain", output);
        assertThat(errors).as("schema errors of the SDK's output for %s %s", corpus.name(),
                DomainXmlCorpusRoundTripTest.key(p)).isEmpty();
        return "valid, and valid after the round trip";
    }
}
