package io.virtforge.testkit.junit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out whether libvirt answers at a URI, the way Testcontainers finds Docker: the client library
 * ({@code libvirt.so.0}) must be installed, {@code virsh} must be on the {@code PATH}, and
 * {@code virsh -c <uri> version} must succeed before a timeout (a missing or hung daemon fails). The result
 * says why, for the skip message.
 */
public final class LibvirtProbe {
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtProbe.class);
    private static final List<Path> LIBRARY_DIRS = List.of(Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/usr/lib64"),
            Path.of("/usr/lib"), Path.of("/usr/local/lib"), Path.of("/usr/lib/aarch64-linux-gnu"),
            Path.of("/opt/homebrew/lib"), Path.of("/usr/local/opt/libvirt/lib"));
    private static final LibvirtProbe SYSTEM = new LibvirtProbe(List.of("libvirt.so.0", "libvirt.0.dylib"),
            LIBRARY_DIRS, pathDirs());
    private final List<String> libraryNames;
    private final List<Path> libraryDirs;
    private final List<Path> binDirs;

    /**
     * What the probe found.
     *
     * @param available true when libvirt answered
     * @param reason    what was found or missing, for people
     */
    public record Result(boolean available, String reason) {
    }

    LibvirtProbe(List<String> libraryNames, List<Path> libraryDirs, List<Path> binDirs) {
        this.libraryNames = List.copyOf(libraryNames);
        this.libraryDirs = List.copyOf(libraryDirs);
        this.binDirs = List.copyOf(binDirs);
    }

    /** The probe of this machine: the usual library folders and the {@code PATH}. */
    public static LibvirtProbe system() {
        return SYSTEM;
    }

    private static List<Path> pathDirs() {
        List<Path> dirs = new ArrayList<>();
        String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
        for (String p : path.split(File.pathSeparator)) {
            if (!p.isBlank()) {
                dirs.add(Path.of(p));
            }
        }
        return dirs;
    }

    /** Checks the URI; never throws. */
    public Result check(String uri, Duration timeout) {
        Optional<Path> library = find(libraryDirs, libraryNames);
        if (library.isEmpty()) {
            return new Result(false, "libvirt is not installed: no " + String.join(" or ", libraryNames) + " in "
                    + libraryDirs + " (install libvirt0 / libvirt-libs)");
        }
        Optional<Path> virsh = find(binDirs, List.of("virsh"));
        if (virsh.isEmpty()) {
            return new Result(false, "virsh is not on the PATH (install libvirt-clients) to reach " + uri);
        }
        return run(virsh.get(), uri, timeout);
    }

    private static Optional<Path> find(List<Path> dirs, List<String> names) {
        for (Path d : dirs) {
            for (String n : names) {
                Path p = d.resolve(n);
                if (Files.isRegularFile(p) || Files.isSymbolicLink(p) && Files.exists(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    private static Result run(Path virsh, String uri, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(virsh.toString(), "-c", uri, "version").redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(false, "cannot run " + virsh + ": " + e.getMessage());
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        try {
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Result(false, "libvirt did not answer at " + uri + " within " + timeout.toSeconds()
                        + " s (virsh -c " + uri + " version hung: daemon stopped or unreachable?)");
            }
            String text = output.get(timeout.toMillis(), TimeUnit.MILLISECONDS).strip();
            String first = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
            if (p.exitValue() != 0) {
                return new Result(false, "libvirt does not answer at " + uri + ": virsh -c " + uri + " version exited "
                        + p.exitValue() + (first.isEmpty() ? "" : ": " + lastError(text)));
            }
            LOG.debug("libvirt at {}: {}", uri, text.replace('\n', ' '));
            return new Result(true, "libvirt answers at " + uri + " (" + text.lines().filter(l -> l.startsWith("Running"))
                    .findFirst().orElse(first) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return new Result(false, "interrupted while probing " + uri);
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
            return new Result(false, "cannot read virsh's answer for " + uri + ": " + e);
        }
    }

    private static String lastError(String text) {
        return text.lines().filter(l -> l.startsWith("error:")).reduce((a, b) -> b).orElse(text.lines()
                .reduce((a, b) -> b).orElse(""));
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
