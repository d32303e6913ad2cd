package io.virtforge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one place that knows where the test corpora are. There are two:
 * <ul>
 * <li>the <b>shared corpus</b> (libvirt 4.5.0's test data, the seed's XML, xmlconf): the system property
 * {@value #SHARED_PROPERTY}, else the environment variable {@value #SHARED_ENVIRONMENT}, else
 * {@code ../shared/corpus} beside the project root;</li>
 * <li>the <b>fetched corpus</b>, libvirt's test data matching the installed libvirt, which
 * {@code scripts/fetch-libvirt-corpus.sh} puts in {@code .corpus/libvirt-VERSION/} (with a {@code .complete}
 * marker) at the project root: the system property {@value #LIBVIRT_PROPERTY}, else the environment
 * variable {@value #LIBVIRT_ENVIRONMENT} (either naming a {@code libvirt-VERSION} folder), else the newest
 * complete {@code .corpus/libvirt-*}.</li>
 * </ul>
 * The project root is the system property {@value #ROOT_PROPERTY} (the build passes it), else the first
 * folder upwards from the working directory that holds {@code .corpus} or a {@code pom.xml} with modules.
 *
 * <p>A missing corpus skips the test with the reason, unless the environment variable {@code CI} is
 * {@code true}: then it fails it, so that a CI run cannot pass by testing nothing.
 */
public final class Corpus {
    /** The system property naming the shared corpus root. */
    public static final String SHARED_PROPERTY = "virtforge.corpus";
    /** The environment variable naming the shared corpus root. */
    public static final String SHARED_ENVIRONMENT = "VIRTFORGE_CORPUS";
    /** The system property naming the fetched libvirt corpus ({@code libvirt-VERSION} folder). */
    public static final String LIBVIRT_PROPERTY = "virtforge.libvirtCorpus";
    /** The environment variable naming the fetched libvirt corpus. */
    public static final String LIBVIRT_ENVIRONMENT = "VIRTFORGE_LIBVIRT_CORPUS";
    /** The system property naming the project root. */
    public static final String ROOT_PROPERTY = "virtforge.root";
    /** The libvirt version of the shared corpus. */
    public static final String SHARED_LIBVIRT_VERSION = "4.5.0";
    /** The marker the fetch script leaves in a complete corpus. */
    public static final String COMPLETE_MARKER = ".complete";
    /** How to get the fetched corpus. */
    public static final String FETCH_HINT = "run scripts/fetch-libvirt-corpus.sh";

    private static final Pattern LIBVIRT_FOLDER = Pattern.compile("libvirt-(\\d+(?:\\.\\d+)*)");
    private static final Pattern MODULES = Pattern.compile("<modules>");

    private Corpus() {
    }

    // ------------------------------------------------------------------ locating

    /** Whether this is a CI run ({@code CI=true}): missing corpora fail instead of skipping. */
    public static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The project root, if it can be found. */
    public static Optional<Path> projectRoot() {
        Optional<Path> given = directory(System.getProperty(ROOT_PROPERTY));
        if (given.isPresent()) {
            return given;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".corpus")) || isAggregator(dir.resolve("pom.xml"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static boolean isAggregator(Path pom) {
        try {
            return Files.isRegularFile(pom) && MODULES.matcher(Files.readString(pom)).find();
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Path> directory(String name) {
        if (name == null || name.isBlank() || !Files.isDirectory(Path.of(name))) {
            return Optional.empty();
        }
        return Optional.of(Path.of(name).toAbsolutePath().normalize());
    }

    /** The shared corpus root, if present. */
    public static Optional<Path> root() {
        return directory(System.getProperty(SHARED_PROPERTY))
                .or(() -> directory(System.getenv(SHARED_ENVIRONMENT)))
                .or(() -> projectRoot().flatMap(r -> directory(r.resolve("../shared/corpus").normalize().toString())));
    }

    /** The fetched libvirt corpus: the one named by property or environment, else the newest complete one. */
    public static Optional<LibvirtCorpus> fetched() {
        Optional<Path> given = directory(System.getProperty(LIBVIRT_PROPERTY))
                .or(() -> directory(System.getenv(LIBVIRT_ENVIRONMENT)));
        if (given.isPresent()) {
            return Optional.of(LibvirtCorpus.at(given.get(), "fetched"));
        }
        return projectRoot().flatMap(r -> newestComplete(r.resolve(".corpus")))
                .map(d -> LibvirtCorpus.at(d, "fetched"));
    }

    /** The newest {@code libvirt-VERSION} folder of {@code folder} that holds the complete marker. */
    static Optional<Path> newestComplete(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> LIBVIRT_FOLDER.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.isRegularFile(p.resolve(COMPLETE_MARKER)))
                    .max(Comparator.comparing(p -> versionKey(p.getFileName().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sortable key for {@code libvirt-1.2.3}: the numbers, zero-padded. */
    static String versionKey(String folder) {
        Matcher m = LIBVIRT_FOLDER.matcher(folder);
        if (!m.matches()) {
            return "";
        }
        StringBuilder key = new StringBuilder();
        for (String part : m.group(1).split("\\.")) {
            key.append(String.format("%09d.", Long.parseLong(part)));
        }
        return key.toString();
    }

    /** The libvirt 4.5.0 test data of the shared corpus, if present. */
    public static Optional<LibvirtCorpus> shared() {
        return root().map(r -> r.resolve("libvirt-" + SHARED_LIBVIRT_VERSION)).filter(Files::isDirectory)
                .map(d -> LibvirtCorpus.at(d, "shared"));
    }

    /**
     * Both libvirt corpora, each either present or with the reason it is not: the shared libvirt 4.5.0 one
     * and the fetched one, in that order.
     */
    public static List<Located> libvirtCorpora() {
        List<Located> all = new ArrayList<>();
        all.add(shared().map(Located::present).orElseGet(() -> Located.absent("libvirt-" + SHARED_LIBVIRT_VERSION,
                "shared test corpus not found: set -D" + SHARED_PROPERTY + "=DIR or " + SHARED_ENVIRONMENT
                        + "=DIR (expected ../shared/corpus next to the project, holding libvirt-"
                        + SHARED_LIBVIRT_VERSION + ")")));
        all.add(fetched().map(Located::present).orElseGet(() -> Located.absent("libvirt-fetched",
                "libvirt's test corpus for the installed libvirt not found in " + projectRoot()
                        .map(r -> r.resolve(".corpus").toString()).orElse("<project root>/.corpus") + ": "
                        + FETCH_HINT + " (or set -D" + LIBVIRT_PROPERTY + "=DIR or " + LIBVIRT_ENVIRONMENT + "=DIR)")));
        return all;
    }

    /** A libvirt corpus that was looked for: present, or missing with the reason. */
    public record Located(String name, Optional<LibvirtCorpus> corpus, String reason) {
        static Located present(LibvirtCorpus c) {
            return new Located(c.name(), Optional.of(c), "");
        }

        static Located absent(String name, String reason) {
            return new Located(name, Optional.empty(), reason);
        }

        /** The corpus; skips (or under CI fails) the calling test with the reason when it is missing. */
        public LibvirtCorpus require() {
            if (corpus.isEmpty()) {
                Corpus.missing(reason);
            }
            return corpus.get();
        }
    }

    /**
     * Ends the calling test because a corpus is missing: an aborted (skipped) test, or a failed one under
     * {@code CI=true}.
     */
    public static void missing(String reason) {
        missing(ci(), reason);
    }

    static void missing(boolean ci, String reason) {
        if (ci) {
            Assertions.fail("CI=true and " + reason);
        }
        Assumptions.abort(reason);
    }

    // ------------------------------------------------------------------ the shared corpus

    /** The shared corpus root; skips (under CI fails) the calling test with a reason when absent. */
    public static Path require() {
        Optional<Path> root = root();
        if (root.isEmpty()) {
            missing("test corpus not found: set -D" + SHARED_PROPERTY + "=DIR or " + SHARED_ENVIRONMENT
                    + "=DIR (expected ../shared/corpus next to the project)");
        }
        return root.get();
    }

    /** A path inside the shared corpus; skips (under CI fails) the test when the corpus or the path is absent. */
    public static Path require(String relative) {
        return requireEntry(require().resolve(relative));
    }

    static Path requireEntry(Path p) {
        if (!Files.exists(p)) {
            missing("corpus entry missing: " + p);
        }
        return p;
    }

    /** The {@code *.xml} files of a shared corpus folder, sorted by name. */
    public static List<Path> xmlFiles(String folder) {
        return xmlFilesIn(require(folder));
    }

    /** The {@code *.xml} regular files (links followed) of a folder, sorted by name. */
    public static List<Path> xmlFilesIn(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".xml") && Files.isRegularFile(p)).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The libvirt 4.5.0 test folder of the shared corpus, relative to its root. */
    public static String libvirt(String folder) {
        return "libvirt-" + SHARED_LIBVIRT_VERSION + "/tests/" + folder;
    }

    /** Reads a file as UTF-8. */
    public static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
