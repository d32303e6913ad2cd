package io.virtforge.fake.libvirt;

import io.virtforge.connect.DomainState;
import io.virtforge.connect.LifecycleEvent;
import io.virtforge.model.Domain;
import io.virtforge.topology.HostState;
import io.virtforge.value.PciAddress;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's view of its {@link SharedHost}: what is the connection's own (closed or not, injected
 * faults, its lifecycle listeners and their thread), the shared state it reaches (the fields below are the
 * host's), and the state changes every lifecycle call is made of (start a domain, stop it). Every access holds
 * the host's lock ({@link #host}); events are published under it, so they arrive in the order of the changes.
 */
final class FakeState {
    private static final Logger LOG = LoggerFactory.getLogger(FakeState.class);
    private static final DateTimeFormatter QEMU_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** The hypervisor, and the lock every call holds. */
    final SharedHost host;
    final String uri;
    final DomainTable table;
    final HostResources resources;
    final EventDispatcher events;
    final FakeClock clock;
    final FakeFaults faults = new FakeFaults();
    final GuestSettings guests;
    private boolean closed;

    FakeState(SharedHost host) {
        this.host = host;
        this.uri = host.uri;
        this.table = host.table;
        this.resources = host.resources;
        this.clock = host.clock;
        this.guests = host.guests;
        this.events = new EventDispatcher(uri.replaceAll("[^A-Za-z0-9-]", ""));
    }

    /** Every call starts here: a closed or dropped connection, or an injected fault, throws. */
    void call(String operation) {
        if (closed) {
            throw FakeErrors.closed(operation);
        }
        faults.check(operation);
    }

    void close() {
        closed = true;
        events.close();
    }

    boolean closed() {
        return closed;
    }

    boolean alive() {
        return !closed && !faults.dropped();
    }

    long now() {
        return clock.nanoTime();
    }

    String timestamp() {
        return QEMU_TIME.format(clock.instant());
    }

    int nextTap() {
        return host.nextTap();
    }

    DomainEntry entry(UUID uuid, String name) {
        return table.get(uuid).orElseThrow(() -> FakeErrors.staleHandle(uuid, name));
    }

    void publish(DomainEntry e, LifecycleEvent.Type type, int detail) {
        host.publish(new LifecycleEvent(e.name, e.uuid, type, detail));
    }

    /** The running domain holding each assigned PCI device. */
    Map<PciAddress, String> holders() {
        Map<PciAddress, String> m = new HashMap<>();
        for (DomainEntry e : table.all()) {
            if (e.allocation != null) {
                e.allocation.devices.forEach(d -> m.put(d, e.name));
            }
        }
        return m;
    }

    HostState hostState() {
        List<Domain> running = table.all().stream().filter(DomainEntry::active).map(e -> e.live).toList();
        return HostState.of(resources.topology(), running);
    }

    /** Boots a domain from {@code def}: takes host resources (or throws, changing nothing), then runs it. */
    void start(DomainEntry e, Domain def) {
        start(e, def, LifecycleDetail.STARTED_BOOTED);
    }

    /** The same, with the STARTED event's detail (booted, or migrated in). */
    void start(DomainEntry e, Domain def, int detail) {
        StartChecks.check(def, host.networks, host.storage);
        int id = table.nextId();
        Allocation allocation = resources.acquire(def, id, holders(), this::timestamp);
        e.live = LiveXml.decorate(def, id, this::nextTap);
        e.id = id;
        e.state = DomainState.RUNNING;
        e.reason = 1; // VIR_DOMAIN_RUNNING_BOOTED
        e.allocation = allocation;
        e.runtime = new GuestRuntime(e.live, now());
        guests.applyTo(e.name, e.runtime, now());
        table.put(e);
        LOG.debug("started {} (id {}) holding {} pages, devices {}", e.name, id, allocation.pages, allocation.devices);
        publish(e, LifecycleEvent.Type.STARTED, detail);
    }

    /** Stops a running domain: gives back its resources; a transient domain is gone. */
    void stop(DomainEntry e, int detail) {
        e.runtime.sync(now());
        resources.release(e.allocation);
        e.allocation = null;
        e.runtime = null;
        e.live = null;
        e.id = -1;
        e.state = DomainState.SHUTOFF;
        e.reason = detail + 1; // VIR_DOMAIN_SHUTOFF_* is the STOPPED event's detail shifted by UNKNOWN = 0
        if (!e.persistent) {
            table.remove(e);
        }
        LOG.debug("stopped {} (detail {})", e.name, detail);
        publish(e, LifecycleEvent.Type.STOPPED, detail);
    }
}
