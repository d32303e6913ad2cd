package io.virtforge.fake.libvirt;

import io.virtforge.connect.GuestSupport;
import io.virtforge.connect.LifecycleEvent;
import io.virtforge.fake.kernel.FakeSysfs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * One fake hypervisor, shared by every connection open to it, as libvirt's drivers share their state between
 * the connections of a daemon: the domains, the host's resources, its clock, networks and guests. What belongs
 * to one connection (closed or not, injected faults, lifecycle listeners) is its {@link FakeState}. Every change
 * holds this object's lock.
 *
 * <p>Hosts opened by URI ({@link #open}) live as long as a connection to them is open, as libvirt's
 * {@code test:///default} does: the next open after the last close gets a fresh host. (A {@code qemu:///system}
 * daemon keeps its domains for good; a test that wants that holds one connection open.)
 */
final class SharedHost {
    private static final Map<String, SharedHost> BY_URI = new HashMap<>();

    final String uri;
    final DomainTable table = new DomainTable();
    final HostResources resources;
    final FakeClock clock;
    final GuestSettings guests = new GuestSettings();
    final FakeNetworks networks;
    final FakeStorage storage;
    final FakeSysfs sysfs;
    /** The guests the host offers, one per virtualization type and architecture. */
    final List<GuestSupport> guestSupport;
    /** The host's own architecture, the guests' default. */
    final String arch;
    /** Whether a define refuses elements libvirt would drop, as with libvirt's schema validation. */
    final boolean strictXml;
    /** Persistent mediated devices by node device name, as mdevctl keeps their definitions ({@link FakeMdevs}). */
    final Map<String, io.virtforge.connect.MdevDefinition> mdevDefinitions = new java.util.TreeMap<>();
    private final List<FakeState> connections = new CopyOnWriteArrayList<>();
    /** The host's UUID, as libvirt's capabilities give it (a migration to the same host is refused by it). */
    final java.util.UUID hostUuid = java.util.UUID.randomUUID();
    private boolean registered;
    private int taps;

    SharedHost(String uri, HostResources resources, FakeClock clock, FakeSysfs sysfs, FakeNetworks networks,
            FakeStorage storage, List<GuestSupport> guestSupport, boolean strictXml) {
        this.strictXml = strictXml;
        this.storage = storage;
        this.uri = uri;
        this.resources = resources;
        this.clock = clock;
        this.sysfs = sysfs;
        this.networks = networks;
        this.guestSupport = List.copyOf(guestSupport);
        this.arch = resources.base().arch().orElse("x86_64");
    }

    /**
     * A new connection to the host open under {@code uri} in this JVM, or, when none is open, to the host
     * {@code newHost} builds, which later opens of {@code uri} then share.
     */
    static FakeState open(String uri, Supplier<SharedHost> newHost) {
        synchronized (BY_URI) {
            SharedHost host = BY_URI.get(uri);
            if (host == null) {
                host = newHost.get();
                host.registered = true;
                BY_URI.put(uri, host);
            }
            return host.connect();
        }
    }

    /** A new connection to this host. */
    FakeState connect() {
        synchronized (BY_URI) {
            FakeState state = new FakeState(this);
            connections.add(state);
            return state;
        }
    }

    /** Forgets a closed connection; a registered host without connections is forgotten by its URI. */
    void disconnect(FakeState state) {
        synchronized (BY_URI) {
            connections.remove(state);
            if (registered && connections.isEmpty()) {
                BY_URI.remove(uri, this);
                registered = false;
            }
        }
    }

    /** Tells every open connection; callers hold this host's lock, so events arrive in the order of the changes. */
    void publish(LifecycleEvent event) {
        for (FakeState c : connections) {
            c.events.publish(event);
        }
    }

    int nextTap() {
        return taps++;
    }
}
