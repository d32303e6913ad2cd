package io.virtforge.fleet.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link SchedulerProcess}es, each in a JVM of its own on the test class path, and makes sure none
 * outlives the test: {@link #close()} kills every one still running.
 */
final class SchedulerJvms implements AutoCloseable {
    private final Path logs;
    private final List<Process> started = new ArrayList<>();

    /** Child JVMs whose stderr goes to files in {@code logs}. */
    SchedulerJvms(Path logs) throws IOException {
        this.logs = Files.createDirectories(logs);
    }

    /** A scheduler JVM running the mode with its arguments (see {@link SchedulerProcess}). */
    Scheduler start(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SchedulerProcess.class.getName()));
        command.addAll(List.of(args));
        Path log = logs.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        started.add(process);
        return new Scheduler(name, process, log);
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** One child JVM: its stdout line by line, its stdin, its stderr log. */
    static final class Scheduler {
        private final String name;
        private final Process process;
        private final Path log;
        private final BufferedReader out;

        Scheduler(String name, Process process, Path log) {
            this.name = name;
            this.process = process;
            this.log = log;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        Process process() {
            return process;
        }

        /** The next line it says; fails with its log when it ends first. */
        String nextLine() throws IOException {
            String line = out.readLine();
            if (line == null) {
                throw new IllegalStateException(name + " ended without a word; its log says:\n" + logText());
            }
            return line;
        }

        /** Every line until it ends, after which its exit code must be 0. */
        List<String> remainingLines() throws IOException, InterruptedException {
            List<String> lines = new ArrayList<>();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
            if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(name + " failed; its log says:\n" + logText());
            }
            return lines;
        }

        /** Writes a line to its stdin. */
        void say(String line) throws IOException {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        private String logText() throws IOException {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        }
    }
}
