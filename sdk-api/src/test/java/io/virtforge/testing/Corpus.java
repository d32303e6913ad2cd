package io.virtforge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the shared test corpus (libvirt's own test data and the seed's XML). Looked up in the
 * system property {@code virtforge.corpus}, then the environment variable {@code VIRTFORGE_CORPUS},
 * then {@code ../shared/corpus} next to the project root. Tests that need it skip with a reason when
 * it is absent, so the build passes for a user without a copy.
 */
public final class Corpus {
    private Corpus() {
    }

    /** The corpus root, if present. */
    public static Optional<Path> root() {
        String prop = System.getProperty("virtforge.corpus");
        if (prop != null && !prop.isBlank() && Files.isDirectory(Paths.get(prop))) {
            return Optional.of(Paths.get(prop).toAbsolutePath().normalize());
        }
        String env = System.getenv("VIRTFORGE_CORPUS");
        if (env != null && !env.isBlank() && Files.isDirectory(Paths.get(env))) {
            return Optional.of(Paths.get(env).toAbsolutePath().normalize());
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/corpus").normalize();
            if (Files.isDirectory(candidate) && Files.exists(dir.resolve("pom.xml"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The corpus root; skips the calling test with a reason when absent. */
    public static Path require() {
        Optional<Path> root = root();
        Assumptions.assumeTrue(root.isPresent(), "test corpus not found: set -Dvirtforge.corpus=DIR or "
                + "VIRTFORGE_CORPUS=DIR (expected ../shared/corpus next to the project)");
        return root.get();
    }

    /** A path inside the corpus; skips the test when the corpus or the path is absent. */
    public static Path require(String relative) {
        Path p = require().resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "corpus entry missing: " + p);
        return p;
    }

    /** The {@code *.xml} files of a corpus folder, sorted by name. */
    public static List<Path> xmlFiles(String folder) {
        try (Stream<Path> s = Files.list(require(folder))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The libvirt 4.5.0 test folder. */
    public static String libvirt(String folder) {
        return "libvirt-4.5.0/tests/" + folder;
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
