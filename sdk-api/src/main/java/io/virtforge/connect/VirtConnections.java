package io.virtforge.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Opens connections by URI through the {@link ConnectionProvider}s on the class path. */
public final class VirtConnections {
    private VirtConnections() {
    }

    /**
     * Opens a connection: {@code qemu:///system}, {@code test:///default}, {@code qemu+ssh://host/system}
     * (with sdk-libvirt), {@code fake:///xeon-2s} (with sdk-testkit).
     */
    public static VirtConnection open(String uri) {
        for (ConnectionProvider p : providers()) {
            if (p.accepts(uri)) {
                return p.open(uri);
            }
        }
        throw new NotSupportedException("no provider on the class path opens '" + uri + "' (sdk-libvirt opens "
                + "libvirt URIs, sdk-testkit opens fake:///)", 0, 0, "");
    }

    /** The providers found. */
    public static List<ConnectionProvider> providers() {
        List<ConnectionProvider> list = new ArrayList<>();
        ServiceLoader.load(ConnectionProvider.class).forEach(list::add);
        return list;
    }
}
