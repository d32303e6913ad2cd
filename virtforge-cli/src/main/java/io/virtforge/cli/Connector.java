package io.virtforge.cli;

import io.virtforge.connect.NotFoundException;
import io.virtforge.connect.NotSupportedException;
import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtConnections;
import io.virtforge.connect.VirtException;
import java.util.function.Function;

/**
 * Opens the connection of {@code --connect}. The seam for tests: {@link #override} makes the commands of
 * the current thread use a given connection (which they then do not close), so a test can prepare a fake
 * host, run a command on it in-process, and inspect the host afterwards.
 */
final class Connector {
    /** The default URI: an embedded fake two-socket host, no libvirt needed. */
    static final String DEFAULT_URI = "fake:///xeon-2s";

    private static final ThreadLocal<Function<String, VirtConnection>> OVERRIDE = new ThreadLocal<>();

    private Connector() {
    }

    /** A connection a command uses, closed with the command unless a test lent it. */
    record Lease(VirtConnection connection, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                connection.close();
            }
        }
    }

    /** Opens {@code uri}; bad URIs are bad input (exit 2), an unreachable hypervisor a problem (exit 1). */
    static Lease open(String uri) {
        Function<String, VirtConnection> lent = OVERRIDE.get();
        try {
            return lent != null ? new Lease(lent.apply(uri), false) : new Lease(VirtConnections.open(uri), true);
        } catch (NotSupportedException | NotFoundException e) {
            throw CliException.badInput(e.getMessage());
        } catch (VirtException e) {
            throw CliException.problem("cannot connect to " + uri + ": " + why(e));
        }
    }

    /** libvirt's own reason (not the SDK's "connecting to URI failed" around it), and what to do about it. */
    static String why(VirtException e) {
        String reason = e.libvirtMessage() == null || e.libvirtMessage().isBlank() ? e.getMessage() : e.libvirtMessage();
        if (reason.contains("libvirt-sock") && reason.contains("No such file")) {
            return reason + " (libvirtd is not running: start it, e.g. systemctl start libvirtd)";
        }
        if (reason.contains("Permission denied") || reason.contains("authentication")) {
            return reason + " (run as root, or join the libvirt group)";
        }
        return reason;
    }

    /** Makes this thread's commands use {@code connection} until the returned handle is closed (tests). */
    static AutoCloseable override(VirtConnection connection) {
        return override(uri -> connection);
    }

    /** Makes this thread's commands open connections with {@code opener} until the handle is closed (tests). */
    static AutoCloseable override(Function<String, VirtConnection> opener) {
        Function<String, VirtConnection> before = OVERRIDE.get();
        OVERRIDE.set(opener);
        return () -> {
            if (before == null) {
                OVERRIDE.remove();
            } else {
                OVERRIDE.set(before);
            }
        };
    }
}
