package io.virtforge.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Locates the shared corpus and the documents a benchmark reads. The corpus root is the system property
 * {@code virtforge.corpus}, then the environment variable {@code VIRTFORGE_CORPUS}, then
 * {@code ../shared/corpus} next to the first directory, from the working directory up, that holds a
 * {@code pom.xml} (the project root when run from anywhere inside the project).
 */
public final class BenchCorpus {
    /** The seed document every seed and JAXB benchmark uses, relative to the corpus root. */
    public static final String SEED = "seed/high-perf-vm.xml";
    /** The default document set of {@code corpusRoundTrip}, relative to the corpus root. */
    public static final String QEMUXML2ARGV = "libvirt-4.5.0/tests/qemuxml2argvdata";

    private BenchCorpus() {
    }

    /** The corpus root, if found. */
    public static Optional<Path> root() {
        for (String configured : new String[] {System.getProperty("virtforge.corpus"), System.getenv("VIRTFORGE_CORPUS")}) {
            if (configured != null && !configured.isBlank() && Files.isDirectory(Paths.get(configured))) {
                return Optional.of(Paths.get(configured).toAbsolutePath().normalize());
            }
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/corpus").normalize();
            if (Files.isDirectory(candidate) && Files.exists(dir.resolve("pom.xml"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The corpus root, or an exception that says how to point at it. */
    public static Path requireRoot() {
        return root().orElseThrow(() -> new IllegalStateException("corpus not found: run from inside the "
                + "project (it reads ../shared/corpus next to the project root), or pass -Dvirtforge.corpus=DIR "
                + "or set VIRTFORGE_CORPUS=DIR"));
    }

    /**
     * Resolves a path as given (absolute, or relative to the working directory) when it exists, else
     * relative to the corpus root.
     */
    public static Path resolve(String spec) {
        Path direct = Paths.get(spec);
        if (direct.isAbsolute() || Files.exists(direct)) {
            return direct.toAbsolutePath().normalize();
        }
        return requireRoot().resolve(spec).normalize();
    }

    /** The seed document's text. */
    public static String seed() {
        return read(resolve(SEED));
    }

    /**
     * The files a spec names, sorted: a file; a directory (its {@code *.xml} files, not recursive); or a
     * glob such as {@code libvirt-4.5.0/tests/qemuxml2argvdata/cpu-*.xml} or {@code /abs/dir/**.xml},
     * whose fixed leading directories are resolved like {@link #resolve(String)}; or {@code @LIST}, a file
     * naming one document per line (how a peer and the codec are given exactly the same documents).
     */
    public static List<Path> files(String spec) {
        if (spec.startsWith("@")) {
            return listed(resolve(spec.substring(1)));
        }
        int meta = firstGlobChar(spec);
        if (meta < 0) {
            Path p = resolve(spec);
            if (Files.isRegularFile(p)) {
                return List.of(p);
            }
            if (!Files.isDirectory(p)) {
                throw new IllegalArgumentException("no such file or directory: " + p);
            }
            try (Stream<Path> s = Files.list(p)) {
                return s.filter(f -> f.getFileName().toString().endsWith(".xml") && Files.isRegularFile(f))
                        .sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        int slash = spec.lastIndexOf('/', meta);
        Path base = slash < 0 ? Paths.get("").toAbsolutePath() : resolve(slash == 0 ? "/" : spec.substring(0, slash));
        String pattern = spec.substring(slash + 1);
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        try (Stream<Path> s = Files.walk(base)) {
            List<Path> found = s.filter(Files::isRegularFile)
                    .filter(f -> matcher.matches(base.relativize(f)))
                    .sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalArgumentException("no file matches " + pattern + " under " + base);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> listed(Path list) {
        try (Stream<String> lines = Files.lines(list)) {
            List<Path> named = lines.map(String::strip).filter(l -> !l.isEmpty()).map(BenchCorpus::resolve).toList();
            if (named.isEmpty()) {
                throw new IllegalArgumentException("no document listed in " + list);
            }
            return named;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int firstGlobChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            if ("*?[{".indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** Reads a file as UTF-8 (strictly: a file that is not UTF-8 throws). */
    public static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8: " + p, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
