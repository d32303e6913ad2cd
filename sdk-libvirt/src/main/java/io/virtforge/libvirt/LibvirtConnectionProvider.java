package io.virtforge.libvirt;

import io.virtforge.connect.ConnectionProvider;
import io.virtforge.connect.VirtConnection;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@link ConnectionProvider} for libvirt URIs, found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/io.virtforge.connect.ConnectionProvider}: it accepts every URI with a scheme
 * except {@code fake:} (sdk-fake's), e.g. {@code qemu:///system}, {@code test:///default},
 * {@code qemu+ssh://host/system}, {@code qemu+tls://host/system}, and passes it to libvirt unchanged.
 * Stateless and thread-safe.
 */
public final class LibvirtConnectionProvider implements ConnectionProvider {
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):.*", Pattern.DOTALL);

    /** Creates the provider (for the service loader). */
    public LibvirtConnectionProvider() {
    }

    @Override
    public boolean accepts(String uri) {
        if (uri == null) {
            return false;
        }
        Matcher m = SCHEME.matcher(uri);
        return m.matches() && !m.group(1).toLowerCase(Locale.ROOT).equals("fake");
    }

    @Override
    public VirtConnection open(String uri) {
        if (!accepts(uri)) {
            throw new IllegalArgumentException("not a libvirt URI: " + uri);
        }
        return LibvirtConnection.open(uri);
    }
}
