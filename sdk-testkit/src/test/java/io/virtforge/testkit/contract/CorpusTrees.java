package io.virtforge.testkit.contract;

import io.virtforge.host.sysfs.RealSysfs;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.fake.kernel.SysfsSnapshot;
import io.virtforge.testing.Corpus;
import io.virtforge.testing.LibvirtCorpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * libvirt's captured sysfs trees ({@code tests/vircaps2xmldata/linux-*}, {@code tests/virhostcpudata/linux-*})
 * read two ways: {@link RealSysfs} over libvirt's {@code tests} folder, and a {@link FakeSysfs} into which
 * each tree is loaded at the same place. Loaded once per corpus and test run.
 */
final class CorpusTrees {
    private static final List<String> GROUPS = List.of("vircaps2xmldata", "virhostcpudata");
    private static final Map<Path, CorpusTrees> LOADED = new HashMap<>();
    final String corpus;
    final RealSysfs real;
    final FakeSysfs fake;
    final List<SysfsPath> trees;
    final SysfsSnapshot realSnapshot;
    final SysfsSnapshot fakeSnapshot;

    private CorpusTrees(String corpus, Path tests) {
        this.corpus = corpus;
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

    /**
     * The trees of a libvirt corpus ({@link Corpus#libvirtCorpora()}: 0 is libvirt 4.5.0's, 1 the fetched one),
     * or a skipped test (under {@code CI=true} a failed one) when the corpus is absent.
     */
    static synchronized CorpusTrees get(int corpus) {
        LibvirtCorpus c = Corpus.libvirtCorpora().get(corpus).require();
        c.require(GROUPS.get(0));
        return LOADED.computeIfAbsent(c.tests(), tests -> new CorpusTrees(c.name(), tests));
    }

    /** How many files and links the captures hold, for the test's counts. */
    String counts() {
        return "corpus " + corpus + " sysfs trees: " + trees.size() + " trees, " + realSnapshot.files().size()
                + " files, " + realSnapshot.directories().size() + " directories, read the same by both";
    }
}
