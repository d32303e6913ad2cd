package io.virtforge.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the shared test corpus (libvirt's test data) is: the system property {@value #PROPERTY}, else the
 * environment variable {@value #ENVIRONMENT}, else {@code ../shared/corpus} beside the project root
 * (looked for from the working directory upwards). The first candidate that is a directory wins; tests
 * skip with {@link #missingReason()} when there is none.
 */
public final class CorpusLocation {
    /** The system property naming the corpus root. */
    public static final String PROPERTY = "virtforge.corpus";
    /** The environment variable naming the corpus root. */
    public static final String ENVIRONMENT = "VIRTFORGE_CORPUS";

    private CorpusLocation() {
    }

    /** The candidates, in the order they are tried. */
    public static List<Path> candidates() {
        List<Path> c = new ArrayList<>();
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            c.add(Path.of(property));
        }
        String env = System.getenv(ENVIRONMENT);
        if (env != null && !env.isBlank()) {
            c.add(Path.of(env));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            c.add(dir.resolve("../shared/corpus"));
        }
        return c.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
    }

    /** The corpus root, if any candidate exists. */
    public static Optional<Path> find() {
        return candidates().stream().filter(Files::isDirectory).findFirst();
    }

    /** Why corpus tests are skipped. */
    public static String missingReason() {
        return "test corpus not found (set -D" + PROPERTY + "=DIR or " + ENVIRONMENT + "=DIR); tried " + candidates();
    }
}
