package io.virtforge.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.virtforge.testing.Corpus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' own {@code promtool} (Debian's {@code prometheus} package, installed by
 * scripts/setup-libvirt-host.sh) as the oracle of the exposition format and its naming rules. Absent, the test
 * skips with the reason; under {@code CI=true} it fails.
 */
final class Promtool {
    static final Path BINARY = Path.of("/usr/bin/promtool");

    private Promtool() {
    }

    /** Skips (or fails under CI) when promtool is not installed. */
    static void require() {
        if (!Files.isExecutable(BINARY)) {
            if (Corpus.ci()) {
                fail(BINARY + " is missing: scripts/setup-libvirt-host.sh installs Debian's prometheus package");
            }
            assumeTrue(false, BINARY + " is missing (Debian's prometheus package)");
        }
    }

    /** {@code promtool check metrics}'s exit code and output for an exposition on its standard input. */
    static Result checkMetrics(String exposition) throws IOException, InterruptedException {
        require();
        Process p = new ProcessBuilder(BINARY.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("promtool did not end in 60 s");
        }
        return new Result(p.exitValue(), output);
    }

    /** What promtool said. */
    record Result(int exitCode, String output) {
    }
}
