package io.virtforge.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code virtforge} as a child JVM, as a user meets it: real stdout/stderr (buffered, flushed or not
 * at exit), real signals. Slower than {@link CliRun}; for what only a process shows.
 */
final class CliProcess {
    private final Process process;
    private final Path out;
    private final Path err;

    private CliProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code virtforge ARGS} with the given system properties. */
    static CliProcess start(Map<String, String> properties, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Virtforge.class.getName());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("virtforge-out", ".txt");
        Path err = Files.createTempFile("virtforge-err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        return new CliProcess(p, out, err);
    }

    /** Runs {@code virtforge ARGS} to its end. */
    static CliRun run(String... args) throws Exception {
        return start(Map.of(), args).await();
    }

    long pid() {
        return process.pid();
    }

    /** What the process has written to stdout so far. */
    String outSoFar() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** What the process has written to stderr so far. */
    String errSoFar() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    /**
     * Sends SIGINT, as Ctrl-C in a terminal does; SIGTERM where this JVM ignores SIGINT. A process started in
     * the background of a non-interactive shell ({@code mvn test &}, some CI runners) inherits SIGINT
     * ignored, and so would the child: it would never see the signal. Both signals run the same shutdown
     * hook, so the undo is tested either way.
     */
    void interrupt() throws Exception {
        String signal = sigintIgnoredHere() ? "-TERM" : "-INT";
        new ProcessBuilder("kill", signal, Long.toString(process.pid())).start().waitFor();
    }

    /** Whether SIGINT (signal 2, bit 1 of the SigIgn mask in /proc/self/status) is ignored by this JVM. */
    static boolean sigintIgnoredHere() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                return (mask & 0b10) != 0;
            }
        }
        return false;
    }

    /** Waits for the end (at most a minute) and returns what the process wrote. */
    CliRun await() throws Exception {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("virtforge did not end in 60 s; stderr: " + errSoFar());
        }
        try {
            return new CliRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
