package io.virtforge.connect;

/**
 * Opens connections for some URIs. Implementations are found with {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/io.virtforge.connect.ConnectionProvider} entry): sdk-libvirt provides
 * libvirt's URIs, sdk-fake provides {@code fake:///}.
 */
public interface ConnectionProvider {
    /** True when this provider opens the URI. */
    boolean accepts(String uri);

    /** Opens a connection. */
    VirtConnection open(String uri);

    /**
     * This provider's rank when more than one provider {@linkplain #accepts accepts} a URI:
     * {@link VirtConnections#open} uses the one with the highest priority and logs a warning naming the
     * providers it passed over (on a tie, the first the {@link java.util.ServiceLoader} found wins, with the
     * same warning). The providers of the SDK keep the default, 0; a provider meant to take over URIs another
     * one also accepts (a wrapper, a recording proxy) declares a higher one.
     *
     * @return the priority; higher wins, 0 by default
     */
    default int priority() {
        return 0;
    }
}
