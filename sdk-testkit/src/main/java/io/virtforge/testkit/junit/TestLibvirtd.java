package io.virtforge.testkit.junit;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The private libvirtd that a test run starts for itself ({@code scripts/private-libvirtd.sh}, started and
 * stopped by {@code scripts/run-tests.sh}), so that tests needing a real QEMU driver never use the machine's own
 * {@code qemu:///system}. Its URI comes from one place: the system property {@value #URI_PROPERTY}, or else the
 * environment variable {@value #URI_ENV}. Without either there is no test daemon, and such tests skip with
 * {@link #MISSING_REASON}; there is deliberately no fallback to {@code qemu:///system}.
 */
public final class TestLibvirtd {
    /** The system property with the private daemon's URI, e.g. {@code qemu:///system?socket=/run/x/run/libvirt-sock}. */
    public static final String URI_PROPERTY = "virtforge.testLibvirtUri";
    /** The environment variable read when {@link #URI_PROPERTY} is not set. */
    public static final String URI_ENV = "VIRTFORGE_TEST_LIBVIRT_URI";
    /** Why a test that needs the private daemon is skipped without it. */
    public static final String MISSING_REASON = "no private test libvirtd: run scripts/run-tests.sh as root";

    private TestLibvirtd() {
    }

    /** The private test daemon's URI, if a test run started one. */
    public static Optional<String> uri() {
        return uri(System::getProperty, System.getenv());
    }

    static Optional<String> uri(Function<String, String> properties, Map<String, String> env) {
        String value = properties.apply(URI_PROPERTY);
        if (value == null || value.isBlank()) {
            value = env.get(URI_ENV);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /**
     * The folder of the private daemon (PRIV), from the URI's {@code socket} parameter
     * ({@code PRIV/run/libvirt-sock}): its pid files are in {@code PRIV/run}, its logs in {@code PRIV/log}.
     */
    public static Optional<Path> directory(String uri) {
        return socket(uri).map(Path::getParent).map(Path::getParent);
    }

    /** The unix socket named by the URI's {@code socket} parameter, if any. */
    public static Optional<Path> socket(String uri) {
        String query;
        try {
            query = new URI(uri).getQuery();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (query == null) {
            return Optional.empty();
        }
        for (String param : query.split("&")) {
            if (param.startsWith("socket=") && param.length() > "socket=".length()) {
                return Optional.of(Path.of(param.substring("socket=".length())));
            }
        }
        return Optional.empty();
    }

    /** The pid file of the private libvirtd ({@code PRIV/run/libvirtd.pid}). */
    public static Optional<Path> libvirtdPidFile(String uri) {
        return directory(uri).map(d -> d.resolve("run").resolve("libvirtd.pid"));
    }
}
