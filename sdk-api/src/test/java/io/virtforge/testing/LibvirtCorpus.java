package io.virtforge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One version of libvirt's test data: {@code DIR/tests/<folder>} and, for a fetched source package,
 * {@code DIR/src/conf/schemas} and the C test programs naming libvirt's negative cases. Found by
 * {@link Corpus#libvirtCorpora()}.
 *
 * @param name the folder name, {@code libvirt-VERSION}
 * @param dir the folder
 * @param origin {@code shared} or {@code fetched}
 */
public record LibvirtCorpus(String name, Path dir, String origin) {
    /** Which test program reads which data folder, and so names that folder's negative cases. */
    private static final Map<String, String> PROGRAMS = Map.of("qemuxml2argvdata", "qemuxml2argvtest.c",
            "genericxml2xmlindata", "genericxml2xmltest.c");
    private static final Pattern INVOCATION = Pattern.compile("(?<!define )\\b(DO_TEST\\w*)\\s*\\(");
    private static final Pattern FIRST_STRING = Pattern.compile("^\\s*\"([^\"]+)\"");
    /** Parse failures only: a {@code DO_TEST_FAILURE} document parses; libvirt fails later, building a command line. */
    private static final Pattern NEGATIVE = Pattern.compile(
            "PARSE_ERROR|PARSE_FAIL|_FAIL_ACTIVE|_FAIL_INACTIVE|FLAG_EXPECT_PARSE_ERROR|RESULT_FAIL_PARSE");
    private static final Map<Path, Set<String>> NEGATIVES = new ConcurrentHashMap<>();

    static LibvirtCorpus at(Path dir, String origin) {
        return new LibvirtCorpus(dir.getFileName().toString(), dir, origin);
    }

    /** The {@code tests} folder. */
    public Path tests() {
        return dir.resolve("tests");
    }

    /** A test data folder; skips (under {@code CI=true} fails) the calling test when it is absent. */
    public Path require(String relative) {
        return Corpus.requireEntry(tests().resolve(relative));
    }

    /** The {@code *.xml} files of a test data folder, sorted; skips (CI: fails) when the folder is absent. */
    public List<Path> xmlFiles(String folder) {
        return Corpus.xmlFilesIn(require(folder));
    }

    /** libvirt's RELAX NG schemas of this version ({@code src/conf/schemas}), when the corpus has them. */
    public Optional<Path> schemas() {
        Path s = dir.resolve("src/conf/schemas");
        return Files.isRegularFile(s.resolve("domain.rng")) ? Optional.of(s) : Optional.empty();
    }

    /** Whether the corpus holds libvirt's C test programs, so that {@link #negativeCases} knows them. */
    public boolean hasTestPrograms() {
        return PROGRAMS.values().stream().anyMatch(p -> Files.isRegularFile(tests().resolve(p)));
    }

    /**
     * The documents of a data folder that libvirt's own tests use only as parse-error cases (libvirt must fail
     * to parse them: {@code DO_TEST_PARSE_ERROR}, {@code DO_TEST_CAPS_LATEST_PARSE_ERROR},
     * {@code DO_TEST_FAIL_ACTIVE}... or the {@code FLAG_EXPECT_PARSE_ERROR} flag; not {@code DO_TEST_FAILURE},
     * whose documents libvirt parses), read from the test program that reads the folder
     * ({@code qemuxml2argvtest.c}, {@code genericxml2xmltest.c}). File names, with {@code .xml}; empty when
     * the corpus has no C sources or the folder no such program.
     */
    public Set<String> negativeCases(String folder) {
        String program = PROGRAMS.get(folder);
        if (program == null) {
            return Set.of();
        }
        Path source = tests().resolve(program);
        if (!Files.isRegularFile(source)) {
            return Set.of();
        }
        return NEGATIVES.computeIfAbsent(source, LibvirtCorpus::readNegatives);
    }

    private static Set<String> readNegatives(Path source) {
        String c;
        try {
            c = Files.readString(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> negative = new TreeSet<>();
        Set<String> positive = new HashSet<>();
        Matcher m = INVOCATION.matcher(c);
        while (m.find()) {
            String args = arguments(c, m.end());
            Matcher name = FIRST_STRING.matcher(args);
            if (!name.find()) {
                continue; // a macro's own definition or a call without a literal name
            }
            String file = name.group(1) + ".xml";
            if (NEGATIVE.matcher(m.group(1)).find() || NEGATIVE.matcher(args).find()) {
                negative.add(file);
            } else {
                positive.add(file);
            }
        }
        negative.removeAll(positive);
        return Set.copyOf(negative);
    }

    /** The text between an opening parenthesis (just before {@code from}) and its matching close. */
    private static String arguments(String c, int from) {
        int depth = 1;
        boolean quoted = false;
        for (int i = from; i < c.length(); i++) {
            char ch = c.charAt(i);
            if (ch == '"' && c.charAt(i - 1) != '\\') {
                quoted = !quoted;
            } else if (!quoted && ch == '(') {
                depth++;
            } else if (!quoted && ch == ')' && --depth == 0) {
                return c.substring(from, i);
            }
        }
        return c.substring(from);
    }

    @Override
    public String toString() {
        return name + " (" + origin + ", " + dir + ")";
    }
}
