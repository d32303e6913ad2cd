package io.virtforge.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.testing.AttributeMutants;
import io.virtforge.testing.Corpus;
import io.virtforge.testing.DomTrees;
import io.virtforge.testing.LibvirtSchema;
import io.virtforge.testing.RngAttributes;
import io.virtforge.xml.XmlException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * Forward compatibility: a document libvirt accepts never makes the model fail. Newer libvirt
 * versions relax the schema (an attribute that was required becomes optional and libvirt stops
 * writing it) and add values to enumerations, so this test mutates every domain in libvirt's test
 * corpora the way a newer libvirt may write it, one attribute at a time: every attribute libvirt's
 * schema marks optional is removed, and every attribute the schema restricts to a list of values
 * (other than yes/no switches) gets a value not in the list. Each mutant must read and be written
 * back unchanged (compared as XML trees by the JDK's parser, {@link DomTrees}).
 *
 * <p>Left out: corpus documents the model refuses as they are because libvirt refuses them too
 * (its negative tests, listed in {@code qemuxml2argvtest.c} as parse errors or failures, or named
 * {@code *-invalid*}), and removals that the schema itself refuses (an attribute optional in one
 * definition of an element but required in the one the document uses); both are counted and printed.
 */
class ForwardCompatibilityTest {
    static final List<String> FOLDERS = List.of("qemuxml2argvdata", "qemuxml2xmloutdata", "genericxml2xmlindata",
            "domainschemadata");
    private static final Pattern NEGATIVE = Pattern.compile(
            "DO_TEST[A-Z_]*(?:PARSE_ERROR|FAILURE)[A-Z_]*\\(\\s*\"([^\"]+)\"");

    /** The JDK's parser as {@link DomTrees} configures it, kept per thread: thousands of parses. */
    private static final ThreadLocal<DocumentBuilder> PARSER = ThreadLocal.withInitial(() -> {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return f.newDocumentBuilder();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    });
    private static RngAttributes schema;

    /** The installed libvirt's schema, else the one of the fetched libvirt source. */
    @BeforeAll
    static void readSchema() throws Exception {
        Path rng = Optional.of(LibvirtSchema.DIR.resolve("domain.rng")).filter(Files::isReadable)
                .or(() -> fetchedTests().map(t -> t.resolveSibling("src/conf/schemas/domain.rng"))
                        .filter(Files::isReadable))
                .orElse(null);
        Assumptions.assumeTrue(rng != null, "libvirt's schema domain.rng is neither installed in " + LibvirtSchema.DIR
                + " nor fetched into .corpus/libvirt-*/src/conf/schemas");
        schema = RngAttributes.read(rng);
    }

    @Test
    void theSchemaReaderFindsWhatLibvirtMakesOptional() {
        assertThat(schema.optionalAt("/domain/devices/disk/driver")).contains("name", "type", "cache", "io");
        assertThat(schema.optionalAt("/domain/devices/controller")).contains("index", "model");
        assertThat(schema.optionalAt("/domain/pm/suspend-to-mem")).contains("enabled");
        // required in every definition: never removed
        assertThat(schema.optionalAt("/domain/devices/interface")).doesNotContain("type");
        assertThat(schema.optionalAt("/domain/cputune/vcpupin")).doesNotContain("vcpu", "cpuset");
        assertThat(schema.all()).hasSizeGreaterThan(500);
    }

    /** The corpus of the installed libvirt version (9.0 on Debian 12), fetched by scripts/fetch-libvirt-corpus.sh. */
    @Test
    void fetchedLibvirtCorpusMutantsParseAndRoundTrip() {
        Path tests = fetchedTests().orElse(null);
        Assumptions.assumeTrue(tests != null, "no fetched libvirt corpus (.corpus/libvirt-*/tests in the project)");
        check(tests.getParent().getFileName().toString(), folders(tests), negativeTests(tests));
    }

    /** The shared libvirt 4.5.0 corpus; its negative tests are named as in the newer libvirt's test list. */
    @Test
    void libvirt45CorpusMutantsParseAndRoundTrip() {
        Path tests = Corpus.require(Corpus.libvirt(""));
        check("libvirt-4.5.0", folders(tests), fetchedTests().map(ForwardCompatibilityTest::negativeTests)
                .orElse(Set.of()));
    }

    private void check(String corpus, List<Path> files, Set<String> negative) {
        // documents are independent (each has its own tree): spread them over the cores
        AttributeMutants mutants = new AttributeMutants(schema);
        List<Outcome> outcomes = files.parallelStream().map(f -> mutate(f, negative, mutants))
                .filter(o -> o != null).toList();
        Map<String, Long> excluded = new TreeMap<>(outcomes.stream().filter(o -> o.excluded() != null)
                .collect(Collectors.groupingBy(Outcome::excluded, Collectors.counting())));
        int removals = outcomes.stream().mapToInt(Outcome::removals).sum();
        int unknownValues = outcomes.stream().mapToInt(Outcome::unknownValues).sum();
        Map<String, Long> schemaInvalid = new TreeMap<>(outcomes.stream().flatMap(o -> o.schemaInvalid().stream())
                .collect(Collectors.groupingBy(w -> w.replaceAll("\\[\\d+]", ""), Collectors.counting())));
        List<String> failures = outcomes.stream().flatMap(o -> o.failures().stream()).toList();
        System.out.printf("forward compatibility, %s: %d domain documents, %d mutants tried (%d without an optional "
                + "attribute, %d with an unknown enumerated value), %d failures, %d mutants refused by the schema "
                + "itself, %d documents excluded:%n", corpus, outcomes.size(), removals + unknownValues, removals,
                unknownValues, failures.size(), schemaInvalid.values().stream().mapToLong(Long::longValue).sum(),
                excluded.values().stream().mapToLong(Long::longValue).sum());
        excluded.forEach((reason, n) -> System.out.println("  " + n + " x " + reason));
        System.out.println("  mutants the schema refuses, by attribute: " + schemaInvalid);
        failures.stream().limit(50).forEach(f -> System.out.println("  FAILED " + f));
        assertThat(outcomes).hasSizeGreaterThan(1000);
        assertThat(removals).isGreaterThan(1000);
        assertThat(unknownValues).isGreaterThan(1000);
        assertThat(failures).isEmpty();
    }

    /** What happened to one corpus document and its mutants. */
    private record Outcome(String excluded, int removals, int unknownValues, List<String> schemaInvalid,
            List<String> failures) {
    }

    /** Checks one corpus file's mutants; null when the file holds no domain. */
    private static Outcome mutate(Path file, Set<String> negative, AttributeMutants mutants) {
        String name = file.getParent().getFileName() + "/" + file.getFileName();
        String original = Corpus.read(file);
        Element root = domainOrNull(original);
        if (root == null) {
            return null;
        }
        try {
            DomainXml.defaults().parse(original);
        } catch (XmlException refused) {
            String reason = refused.getMessage().replaceAll("line \\d+, column \\d+: ", "");
            return isNegativeTest(file, negative)
                    ? new Outcome("libvirt's negative test " + name + ": " + reason, 0, 0, List.of(), List.of())
                    : new Outcome(null, 0, 0, List.of(), List.of(name + " (original): " + reason));
        }
        List<String> failures = new ArrayList<>();
        List<String> schemaInvalid = new ArrayList<>();
        int removals = mutants.removals(root, m -> {
            String problem = roundTripProblem(m);
            if (problem == null) {
                return;
            }
            if (schemaRefuses(m.xml(), original)) {
                schemaInvalid.add(m.where());
            } else {
                failures.add(name + " " + m.change() + " " + m.where() + ": " + problem);
            }
        });
        // a value the schema does not list is schema-invalid by construction: every failure counts
        int unknownValues = mutants.unknownValues(root, m -> {
            String problem = roundTripProblem(m);
            if (problem != null) {
                failures.add(name + " " + m.change() + " at " + m.where() + ": " + problem);
            }
        });
        return new Outcome(null, removals, unknownValues, schemaInvalid, failures);
    }

    /** Why the mutant does not read or round-trip, or null when it does. */
    private static String roundTripProblem(AttributeMutants.Mutant m) {
        try {
            String output = DomainXml.defaults().write(DomainXml.defaults().parse(m.xml()));
            String diff = DomTrees.difference(m.root(), PARSER.get().parse(
                    new ByteArrayInputStream(output.getBytes(StandardCharsets.UTF_8))).getDocumentElement());
            return diff == null ? null : "written differently: " + diff;
        } catch (Exception e) {
            return e.getMessage();
        }
    }

    private static boolean schemaRefuses(String mutant, String original) {
        return !LibvirtSchema.errors("domain", mutant).isEmpty() && LibvirtSchema.errors("domain", original).isEmpty();
    }

    private static Element domainOrNull(String xml) {
        try {
            Element root = DomTrees.parse(xml);
            return root.getTagName().equals("domain") ? root : null;
        } catch (Exception notXml) {
            return null; // libvirt keeps symlinks between test files as one-line text files
        }
    }

    private static boolean isNegativeTest(Path file, Set<String> negative) {
        String fileName = file.getFileName().toString();
        String stem = fileName.substring(0, fileName.indexOf('.')); // foo.x86_64-latest.xml: test foo
        return negative.contains(stem) || stem.contains("-invalid");
    }

    /** The corpus files of the folders that hold domain documents, sorted. */
    private static List<Path> folders(Path tests) {
        List<Path> files = new ArrayList<>();
        for (String folder : FOLDERS) {
            Path dir = tests.resolve(folder);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(p -> p.toString().endsWith(".xml")).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return files;
    }

    /** The names of libvirt's qemuxml2argv tests that expect a parse error or a failure. */
    static Set<String> negativeTests(Path tests) {
        Set<String> names = new TreeSet<>();
        Path source = tests.resolve("qemuxml2argvtest.c");
        if (Files.isReadable(source)) {
            Matcher m = NEGATIVE.matcher(Corpus.read(source));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** {@code .corpus/libvirt-X.Y.Z/tests} in the project root (the last by name when there are several), if fetched. */
    static Optional<Path> fetchedTests() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path corpus = dir.resolve(".corpus");
            if (Files.isDirectory(corpus) && Files.exists(dir.resolve("pom.xml"))) {
                try (Stream<Path> s = Files.list(corpus)) {
                    return s.filter(p -> p.getFileName().toString().startsWith("libvirt-"))
                            .map(p -> p.resolve("tests")).filter(Files::isDirectory).max(Path::compareTo);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return Optional.empty();
    }
}
