package io.virtforge.fake;

import io.virtforge.connect.ConnectionProvider;
import io.virtforge.connect.NotFoundException;
import io.virtforge.connect.VirtConnection;
import io.virtforge.fake.fixtures.Fixture;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.fake.libvirt.FakeStorage;
import io.virtforge.fake.libvirt.FakeVirtConnection;

/**
 * Opens {@code fake:///<fixture>} URIs (e.g. {@code fake:///xeon-2s}) for
 * {@link io.virtforge.connect.VirtConnections}: a {@link FakeVirtConnection} to the named
 * {@link Fixtures fixture}, paired with its {@link FakeSysfs}. Connections open at the same time share one host
 * (domains, pools, events), as connections to one libvirt daemon do; after the last one closes, the next open
 * gets a fresh host ({@link FakeVirtConnection#openShared}). Registered in
 * {@code META-INF/services/io.virtforge.connect.ConnectionProvider}.
 */
public final class FakeConnectionProvider implements ConnectionProvider {
    private static final String SCHEME = "fake:";

    /** For the ServiceLoader. */
    public FakeConnectionProvider() {
    }

    @Override
    public boolean accepts(String uri) {
        return uri != null && uri.startsWith(SCHEME);
    }

    /** Throws {@link NotFoundException} naming the fixtures when the URI names none. */
    @Override
    public VirtConnection open(String uri) {
        String rest = uri.substring(SCHEME.length());
        String name = rest.startsWith("///") ? rest.substring(3) : rest.replaceFirst("^/*", "");
        int query = name.indexOf('?');
        if (query >= 0) {
            name = name.substring(0, query);
        }
        Fixture fixture;
        try {
            fixture = Fixtures.get(name);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("cannot open " + uri + ": " + e.getMessage(), 0, 0, "");
        }
        Fixture host = fixture;
        // this machine's real files count as the host's images, so that images made for real start on the fake
        return FakeVirtConnection.openShared(fixture.uri(), () -> host.builder().storage(FakeStorage.withRealFiles()));
    }
}
