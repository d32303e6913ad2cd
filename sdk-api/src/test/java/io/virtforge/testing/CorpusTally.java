package io.virtforge.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.TestAbortedException;

/**
 * Corpus tests as JUnit dynamic tests over (libvirt corpus, file), with their counts: one container per
 * libvirt corpus ({@link Corpus#libvirtCorpora()}; a missing one is a single skipped test, or a failed one
 * under {@code CI=true}), in it one test per file, then a {@code counts} test that prints a line such as
 * {@code corpus libvirt-9.0.0 qemuxml2argvdata: 1070 files, 1065 round-tripped, 5 failed} and the failures
 * (file and message) and notes, and checks the folder was not empty.
 */
public final class CorpusTally {
    /** The outcome of a file whose check threw. */
    public static final String FAILED = "failed";
    /** The outcome of a file whose check skipped itself. */
    public static final String SKIPPED = "skipped";

    private final String corpus;
    private final String subject;
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int files;

    /**
     * A check of one file: returns its outcome (a short phrase such as {@code round-tripped}); may note a
     * detail worth printing with the counts (why a negative case was refused, say).
     */
    @FunctionalInterface
    public interface Check {
        /** Checks the file; throws when it fails. */
        String check(Path file, Consumer<String> note) throws Throwable;
    }

    /** A tally of {@code subject} (a folder, usually) in a corpus. */
    public CorpusTally(String corpus, String subject) {
        this.corpus = corpus;
        this.subject = subject;
    }

    /** A container per libvirt corpus, holding what {@code body} makes of it. */
    public static Stream<DynamicNode> perCorpus(Function<LibvirtCorpus, Stream<? extends DynamicNode>> body) {
        return Corpus.libvirtCorpora().stream().map(located -> located.corpus()
                .<DynamicNode>map(c -> DynamicContainer.dynamicContainer(c.name(), body.apply(c)))
                .orElseGet(() -> DynamicTest.dynamicTest(located.name(), () -> Corpus.missing(located.reason()))));
    }

    /** A container for a folder of a corpus: a test per file, checked by {@code check}, then the counts. */
    public static DynamicContainer folder(LibvirtCorpus c, String folder, Check check) {
        return files(c, folder, () -> c.xmlFiles(folder), check);
    }

    /**
     * A container for some files of a corpus: a test per file, checked by {@code check}, then the counts. The
     * files are asked for here, so that a missing folder becomes a single skipped (CI: failed) test.
     */
    public static DynamicContainer files(LibvirtCorpus c, String subject, Supplier<List<Path>> files, Check check) {
        CorpusTally tally = new CorpusTally(c.name(), subject);
        List<Path> list;
        try {
            list = files.get();
        } catch (TestAbortedException | AssertionError missing) {
            return DynamicContainer.dynamicContainer(subject, Stream.of(DynamicTest.dynamicTest(subject, () -> {
                throw missing;
            })));
        }
        Stream<DynamicNode> tests = list.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
                () -> tally.run(p, check)));
        return DynamicContainer.dynamicContainer(subject,
                Stream.concat(tests, Stream.of(DynamicTest.dynamicTest("counts", tally::report))));
    }

    /** Runs a check on a file and counts its outcome; rethrows what it throws. */
    public void run(Path file, Check check) throws Throwable {
        String outcome;
        try {
            outcome = check.check(file, detail -> note(file.getFileName() + ": " + detail));
        } catch (TestAbortedException e) {
            add(SKIPPED);
            throw e;
        } catch (Throwable e) {
            add(FAILED);
            failures.add(file.getFileName() + ": " + firstLine(e));
            throw e;
        }
        add(outcome);
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage()).strip();
        int nl = m.indexOf('\n');
        return e.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl) + " …");
    }

    private synchronized void note(String detail) {
        notes.add(detail);
    }

    /** Counts one file with its outcome. */
    public synchronized void add(String outcome) {
        files++;
        outcomes.merge(outcome, 1, Integer::sum);
    }

    /** How many files had this outcome. */
    public synchronized int count(String outcome) {
        return outcomes.getOrDefault(outcome, 0);
    }

    /** How many files were counted. */
    public synchronized int files() {
        return files;
    }

    /** The line, e.g. {@code corpus libvirt-9.0.0 qemuxml2argvdata: 1070 files, 1070 round-tripped}. */
    public synchronized String line() {
        StringBuilder b = new StringBuilder("corpus ").append(corpus).append(' ').append(subject).append(": ")
                .append(files).append(" files");
        outcomes.forEach((outcome, n) -> b.append(", ").append(n).append(' ').append(outcome));
        return b.toString();
    }

    /** Prints the line and the failures; fails when no file was counted. */
    public synchronized void report() {
        System.out.println(line());
        notes.forEach(n -> System.out.println("  " + n));
        failures.forEach(f -> System.out.println("  " + FAILED + ": " + f));
        if (files == 0) {
            throw new AssertionError("no files counted: " + line());
        }
    }
}
