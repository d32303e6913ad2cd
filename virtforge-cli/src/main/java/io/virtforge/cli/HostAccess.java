package io.virtforge.cli;

import io.virtforge.connect.VirtConnection;
import io.virtforge.host.sysfs.RealSysfs;
import io.virtforge.host.sysfs.Sysfs;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * What a connection's host is to this process: the fake (with its paired kernel fake), this machine
 * (a local libvirt URI: its kernel files are {@code /sys} and {@code /proc} here), libvirt's test driver
 * (nothing real behind it), or another machine.
 */
final class HostAccess {
    /** Where the host is. */
    enum Kind {
        /** A {@code fake:///} host, in this process. */
        FAKE,
        /** libvirt's test driver: nothing real behind it. */
        TEST,
        /** libvirtd on this machine. */
        LOCAL,
        /** libvirtd on another machine. */
        REMOTE
    }

    private HostAccess() {
    }

    static Kind kindOf(VirtConnection connection) {
        return kindOf(connection.uri());
    }

    static Kind kindOf(String uri) {
        URI u;
        try {
            u = new URI(uri);
        } catch (URISyntaxException e) {
            return Kind.REMOTE;
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme();
        if (scheme.startsWith("fake")) {
            return Kind.FAKE;
        }
        if (scheme.startsWith("test")) {
            return Kind.TEST;
        }
        String host = u.getHost() == null ? u.getAuthority() : u.getHost();
        return host == null || host.isEmpty() || host.equals("localhost") ? Kind.LOCAL : Kind.REMOTE;
    }

    /**
     * The host's kernel files: the ones the connection gives ({@link VirtConnection#capability}: the fake's paired
     * sysfs), else this machine's for a local libvirt URI.
     */
    static Optional<Sysfs> sysfs(VirtConnection connection) {
        Optional<Sysfs> given = connection.capability(Sysfs.class);
        if (given.isPresent()) {
            return given;
        }
        return kindOf(connection) == Kind.LOCAL ? Optional.of(new RealSysfs()) : Optional.empty();
    }

    /** The host's kernel files, or a problem (exit 1) naming why there are none. */
    static Sysfs requireSysfs(VirtConnection connection, String forWhat) {
        return sysfs(connection).orElseThrow(() -> CliException.problem(forWhat + " needs the host's /sys, which "
                + connection.uri() + " does not give (run virtforge on that host with --connect qemu:///system)"));
    }
}
