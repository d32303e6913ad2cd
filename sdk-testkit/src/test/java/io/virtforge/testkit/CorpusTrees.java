package io.virtforge.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.virtforge.host.RealSysfs;
import io.virtforge.host.SysfsPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * libvirt's captured sysfs trees ({@code tests/vircaps2xmldata/linux-*}, {@code tests/virhostcpudata/linux-*})
 * read two ways: {@link RealSysfs} over libvirt's {@code tests} folder, and a {@link FakeSysfs} into which
 * each tree is loaded at the same place. Loaded once per test run.
 */
final class CorpusTrees {
    private static final List<String> GROUPS = List.of("vircaps2xmldata", "virhostcpudata");
    private static CorpusTrees loaded;
    final RealSysfs real;
    final FakeSysfs fake;
    final List<SysfsPath> trees;
    final SysfsSnapshot realSnapshot;
    final SysfsSnapshot fakeSnapshot;

    private CorpusTrees(Path tests) {
        real = new RealSysfs(tests);
        fake = FakeSysfs.empty();
        trees = new ArrayList<>();
        for (String group : GROUPS) {
            try (Stream<Path> entries = Files.list(tests.resolve(group))) {
                entries.filter(p -> p.getFileName().toString().startsWith("linux-") && Files.isDirectory(p)).sorted()
                        .forEach(p -> {
                            SysfsPath at = SysfsPath.of(group, p.getFileName().toString());
                            trees.add(at);
                            fake.importTree(p, at);
                        });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        realSnapshot = SysfsSnapshot.capture(real, trees);
        fakeSnapshot = SysfsSnapshot.capture(fake, trees);
    }

    private static Optional<Path> testsFolder() {
        return CorpusLocation.find().map(c -> c.resolve("libvirt-4.5.0").resolve("tests"))
                .filter(t -> Files.isDirectory(t.resolve(GROUPS.get(0))));
    }

    /** The trees, or a skipped test when the corpus is absent. */
    static synchronized CorpusTrees get() {
        Optional<Path> tests = testsFolder();
        assumeTrue(tests.isPresent(), () -> CorpusLocation.missingReason() + " (needs libvirt-4.5.0/tests)");
        if (loaded == null) {
            loaded = new CorpusTrees(tests.get());
        }
        return loaded;
    }
}
