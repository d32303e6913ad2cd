package io.virtforge.libvirt;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.virtforge.libvirt.jna.NativeLibvirt;
import io.virtforge.testkit.junit.TestLibvirtd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * What the integration tests need from the machine, checked once, with JUnit assumptions that skip a
 * test (with the reason) where it is missing: the libvirt C library and its test driver; the private test
 * libvirtd with QEMU that {@code scripts/run-tests.sh} starts ({@link TestLibvirtd}; never the machine's own
 * {@code qemu:///system}) and the test guest of {@code scripts/build-test-guest.sh}; root.
 */
final class Hosts {
    static final String TEST_URI = "test:///default";
    static final Path GUEST_DIR = Path.of(System.getProperty("virtforge.guest", "/var/lib/virtforge/guest"));

    private Hosts() {
    }

    /** Skips unless libvirt loads and {@code test:///default} opens. */
    static void assumeTestDriver() {
        assumeTrue(NativeLibvirt.isAvailable(), () -> "libvirt C library (libvirt.so.0) cannot be loaded: "
                + NativeLibvirt.unavailableReason().orElse(""));
        String failure = null;
        try {
            Connect c = new Connect(TEST_URI);
            c.close();
        } catch (LibvirtException | LinkageError e) {
            failure = e.toString();
        }
        String reason = failure;
        assumeTrue(reason == null, () -> "cannot open " + TEST_URI + ": " + reason);
    }

    /** The private test libvirtd's URI; skips the test when the run started none. */
    static String qemuUri() {
        Optional<String> uri = TestLibvirtd.uri();
        assumeTrue(uri.isPresent(), TestLibvirtd.MISSING_REASON);
        return uri.get();
    }

    /**
     * The second private test libvirtd's URI ({@code scripts/private-libvirtd.sh start 2}, the system property
     * {@code virtforge.testLibvirtUri2}), a second host for live migration; skips the test when the run started
     * none or it does not answer.
     */
    static String secondQemuUri() {
        String uri = System.getProperty("virtforge.testLibvirtUri2", System.getenv("VIRTFORGE_TEST_LIBVIRT_URI2"));
        assumeTrue(uri != null && !uri.isBlank(), "no second private test libvirtd: run scripts/run-tests.sh as root");
        assumeTrue(virshAnswers(uri, Duration.ofSeconds(15)), () -> "the second private test libvirtd does not answer at "
                + uri + " (scripts/private-libvirtd.sh status 2)");
        return uri.strip();
    }

    /**
     * The private test libvirtd's socket ({@code PRIV/run/libvirt-sock}); skips without one. A URI of another
     * driver with {@code ?socket=} this reaches that daemon instead of the machine's own.
     */
    static String qemuSocket() {
        String uri = qemuUri();
        Optional<Path> socket = TestLibvirtd.socket(uri);
        assumeTrue(socket.isPresent(), () -> "the test daemon's URI names no socket: " + uri);
        return socket.get().toString();
    }

    /**
     * Skips unless the private test libvirtd answers ({@code virsh -c URI version}) and the test guest was built
     * ({@code GUEST_DIR/vmlinuz}; see scripts/README.md).
     */
    static void assumeTestLibvirtd() {
        assumeTestDriver();
        String uri = qemuUri();
        assumeTrue(virshAnswers(uri, Duration.ofSeconds(15)), () -> "the private test libvirtd does not answer at "
                + uri + " (scripts/private-libvirtd.sh status)");
        assumeTrue(Files.exists(GUEST_DIR.resolve("vmlinuz")),
                () -> "test guest missing: " + GUEST_DIR.resolve("vmlinuz") + " (run scripts/build-test-guest.sh)");
    }

    /** Routes a raw libvirt-java connection's errors to nowhere (libvirt prints them to stderr by default). */
    static Connect quiet(Connect c) throws LibvirtException {
        c.setConnectionErrorCallback(QUIET);
        return c;
    }

    private static final org.libvirt.jna.Libvirt.VirErrorCallback QUIET = (userData, error) -> { };

    /** Skips unless the tests run as root. */
    static void assumeRoot() {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    }

    /** Whether {@code virsh -c URI version} succeeds within the timeout. */
    static boolean virshAnswers(String uri, Duration timeout) {
        try {
            return run(timeout, "virsh", "-c", uri, "version").exitCode == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** A command's outcome. */
    record Result(int exitCode, String output) {
    }

    /** Runs a command, merging stderr into the output; exit code -1 on timeout (the process is killed). */
    static Result run(Duration timeout, String... command) throws IOException {
        Path out = Files.createTempFile("virtforge-cmd", ".out");
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                Files.deleteIfExists(out);
                return new Result(-1, "");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(-1, "");
        }
        try {
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
