package io.virtforge.connect;

/**
 * Opens connections for some URIs. Implementations are found with {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/io.virtforge.connect.ConnectionProvider} entry): sdk-libvirt provides
 * libvirt's URIs, sdk-testkit provides {@code fake:///}.
 */
public interface ConnectionProvider {
    /** True when this provider opens the URI. */
    boolean accepts(String uri);

    /** Opens a connection. */
    VirtConnection open(String uri);
}
