package io.virtforge.libvirt.jna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * A session on libvirt's test driver ({@code test:///default}) opened through libvirt-java.
 *
 * <p>Within one process every {@code test:///default} connection shares one driver state, which lives
 * until the last reference to it is gone; domain (and node device) handles hold references too. So the
 * session hands out domains, frees them all on {@link #close()}, and then checks that closing the
 * connection released the last reference: the next session starts from the driver's fresh default
 * state (2 NUMA cells, 8 host CPUs, one running domain {@code test}, the node device {@code computer}),
 * and any native reference these bindings leaked would fail the test.
 *
 * <p>Skips only when the libvirt C library cannot be loaded at all.
 */
final class TestDriver implements AutoCloseable {
    static final String URI = "test:///default";

    private final Connect conn;
    private final List<Domain> domains = new ArrayList<>();

    private TestDriver(Connect conn) {
        this.conn = conn;
    }

    static TestDriver open() throws LibvirtException {
        assumeTrue(NativeLibvirt.isAvailable(), () -> "libvirt C library (libvirt.so.0) cannot be loaded: "
                + NativeLibvirt.unavailableReason().orElse(""));
        return new TestDriver(new Connect(URI));
    }

    Connect conn() {
        return conn;
    }

    /** The default running domain {@code test}. */
    Domain testDomain() throws LibvirtException {
        return track(conn.domainLookupByName("test"));
    }

    /** Defines (without starting) a minimal domain. */
    Domain define(String name, String extraXml) throws LibvirtException {
        return track(conn.domainDefineXML("<domain type='test'><name>" + name + "</name>"
                + "<memory unit='KiB'>1048576</memory><vcpu>2</vcpu>" + extraXml
                + "<os><type arch='i686'>hvm</type></os></domain>"));
    }

    /** Defines and starts a domain with {@code iothreads} IOThreads (ids 1..n). */
    Domain startWithIOThreads(String name, int iothreads) throws LibvirtException {
        Domain dom = define(name, "<iothreads>" + iothreads + "</iothreads>");
        dom.create();
        return dom;
    }

    /** Adds an IOThread to a running domain (test-only binding; libvirt-java 0.5.4 lacks it). */
    static void addIOThread(Domain dom, int iothreadId) {
        assertThat(TestNatives.virDomainAddIOThread(Handles.domain(dom), iothreadId, NativeFlags.AFFECT_LIVE))
                .as("virDomainAddIOThread").isZero();
    }

    /** Frees {@code dom} at close (a no-op for one freed before). */
    Domain track(Domain dom) {
        domains.add(dom);
        return dom;
    }

    @Override
    public void close() throws LibvirtException {
        for (Domain dom : domains) {
            dom.free();
        }
        assertThat(conn.close()).as("references left on the test driver connection after close").isZero();
    }
}
