package io.virtforge.libvirt;

import io.virtforge.connect.LibvirtErrors;
import io.virtforge.connect.ConnectionClosedException;
import io.virtforge.connect.ConnectionLostException;
import io.virtforge.connect.DefinePolicy;
import io.virtforge.connect.DefineOptions;
import io.virtforge.connect.DomainState;
import io.virtforge.connect.DomainStats;
import io.virtforge.connect.DomainSummary;
import io.virtforge.connect.GuestSupport;
import io.virtforge.connect.LifecycleEvent;
import io.virtforge.connect.NetworkStatus;
import io.virtforge.connect.NotFoundException;
import io.virtforge.connect.NotSupportedException;
import io.virtforge.connect.Subscription;
import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtDomain;
import io.virtforge.connect.VirtException;
import io.virtforge.libvirt.jna.NativeFlags;
import io.virtforge.libvirt.jna.NativeLibvirt;
import io.virtforge.libvirt.jna.NativeLibvirtException;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainType;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import io.virtforge.xml.XmlParser;
import io.virtforge.model.DomainXml;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link VirtConnection} to libvirt over libvirt-java 0.5.4 and the SDK's JNA bindings, for any libvirt
 * URI: {@code qemu:///system}, {@code test:///default}, and remote ones ({@code qemu+ssh://host/system},
 * {@code qemu+tcp://...}, {@code qemu+tls://...}), which are passed to libvirt unchanged (authentication
 * is libvirt's default, e.g. SSH keys or certificates; interactive credentials are not supported).
 *
 * <p><b>Event loop and keepalive.</b> Opening the first connection registers libvirt's default event
 * loop and runs it on one SDK-owned daemon thread for the life of the JVM (see {@link EventLoop}); then
 * keepalive ({@code virConnectSetKeepAlive}, by default every 5 s, dropped after 3 unanswered) is
 * switched on where the driver supports it (remote and daemon-backed drivers; the in-process test
 * driver does not). A daemon that dies or a network that fails is therefore noticed within about
 * 20 s even while the connection is idle: {@link #isAlive()} turns false and calls throw
 * {@link ConnectionLostException}.
 *
 * <p><b>Recovering from a lost connection.</b> On {@link ConnectionLostException} call
 * {@link #reconnect()} (retrying with a back-off while the daemon comes back): it opens a new libvirt
 * connection to the same URI, swaps it in and closes the old one. Domain handles ({@link LibvirtDomain})
 * refer to their domain by UUID and look it up on every call, so handles taken before the reconnect keep
 * working; lifecycle subscriptions are moved to the new connection (events that happened while
 * disconnected are lost: re-read the state you depend on). Nothing reconnects behind the caller's back.
 *
 * <p><b>Threads.</b> A connection is safe for use by many threads at once: libvirt connections are
 * thread-safe, each call uses its own libvirt-java {@code Domain} objects, and a read-write lock keeps
 * {@link #reconnect()} and {@link #close()} from swapping or closing the native connection under a
 * running call (they wait for running calls; calls wait for them). Lifecycle listeners run on this
 * connection's own event dispatch thread, one event at a time, in libvirt's order.
 *
 * <p><b>Native memory.</b> Each call frees what it got from libvirt before it returns: libvirt-java
 * {@code Domain} objects are {@code free()}d in {@code finally} blocks (a live {@code virDomainPtr}
 * holds a reference on the connection and on the driver's state), never left to finalizers, and the JNA
 * layer frees its own allocations. {@link #openDomainHandles()} counts libvirt-java domain objects taken
 * and not yet freed; it is 0 whenever no call is running. The one exception is deliberate and bounded: the
 * object a define or create gets waits for the new handle's first call, which so needs no lookup
 * ({@link #heldDomainHandles()}, at most 64, freed before close and reconnect).
 *
 * <p><b>Direct calls where it counts.</b> Define, create, the persistence check of undefine, undefine and
 * every free go to libvirt through JNA direct mapping, the document written straight into native memory as
 * UTF-8 ({@link NativeLibvirt#defineDomain}); libvirt-java's interface mapping (a proxy, argument conversion,
 * a malloc'd copy of each string) cost more than the SDK's own work on a define + undefine. The objects stay
 * libvirt-java {@code Domain}s, so every other call uses them as before.
 *
 * <p>libvirt's default error handler, which prints every error to stderr, is replaced (per connection,
 * and once process-wide with {@code virSetErrorFunc} for errors outside a connection) by one that logs at
 * DEBUG through SLF4J: errors reach the caller as exceptions.
 */
public final class LibvirtConnection implements VirtConnection {
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtConnection.class);
    private static final DomainXml XML = DomainXml.defaults();
    /** Held strongly: libvirt keeps a native pointer to it. */
    private static final Libvirt.VirErrorCallback LOG_ERRORS = (userData, error) -> {
        if (LOG.isDebugEnabled()) {
            LOG.debug("libvirt error {} (domain {}): {}", error.code, error.domain, error.message);
        }
    };

    /**
     * Keepalive settings ({@code virConnectSetKeepAlive}).
     *
     * @param intervalSeconds seconds between keepalive probes while idle; 0 or less switches keepalive off
     * @param count probes without answer after which the connection is closed
     */
    public record KeepAlive(int intervalSeconds, int count) {
        /** Every 5 s, dropped after 3 unanswered probes (libvirt's own client default). */
        public static final KeepAlive DEFAULT = new KeepAlive(5, 3);
        /** No keepalive. */
        public static final KeepAlive DISABLED = new KeepAlive(0, 0);

        /** Whether keepalive is on. */
        public boolean enabled() {
            return intervalSeconds > 0;
        }
    }

    /** A call on the libvirt connection. */
    @FunctionalInterface
    interface ConnectCall<T> {
        T apply(Connect conn) throws LibvirtException;
    }

    /** A call on one domain of the connection. */
    @FunctionalInterface
    interface DomainCall<T> {
        T apply(Connect conn, org.libvirt.Domain dom) throws LibvirtException;
    }

    private static boolean globalErrorHandlerSet; // guarded by LibvirtConnection.class

    private final String uri;
    private final KeepAlive keepAlive;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final LifecycleDispatcher events;
    private final AtomicLong openDomainHandles = new AtomicLong();
    private final AtomicLong heldDomainHandles = new AtomicLong();
    /** Up to 64 objects from define/create wait for their handle's first call (see HandedOverPointers). */
    private final HandedOverPointers handedOver = new HandedOverPointers(64, this::releaseHeld);
    private Connect conn; // guarded by lock
    private boolean closed; // guarded by lock
    private volatile int referencesLeftAtClose = -1;

    private LibvirtConnection(String uri, KeepAlive keepAlive) {
        this.uri = uri;
        this.keepAlive = keepAlive;
        this.events = new LifecycleDispatcher(uri);
        this.conn = connect(uri, keepAlive);
    }

    /** Opens a connection with {@link KeepAlive#DEFAULT}. */
    public static LibvirtConnection open(String uri) {
        return open(uri, KeepAlive.DEFAULT);
    }

    /**
     * Opens a connection.
     *
     * @throws ConnectionLostException when the daemon cannot be reached
     * @throws VirtException for any other failure to connect (unknown driver, authentication...)
     */
    public static LibvirtConnection open(String uri, KeepAlive keepAlive) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(keepAlive, "keepAlive");
        return new LibvirtConnection(uri, keepAlive);
    }

    private static Connect connect(String uri, KeepAlive keepAlive) {
        EventLoop.ensureRunning();
        logErrorsInsteadOfPrinting();
        Connect c;
        try {
            c = new Connect(uri);
        } catch (LibvirtException e) {
            throw ErrorMapping.map("connecting to " + uri, e);
        }
        try {
            c.setConnectionErrorCallback(LOG_ERRORS);
        } catch (LibvirtException e) {
            LOG.debug("cannot route libvirt's errors of {} to the log: {}", uri, e.getError());
        }
        if (keepAlive.enabled() && !uri.startsWith("test:")) { // the test driver is in-process: nothing to keep alive
            try {
                c.setKeepAlive(keepAlive.intervalSeconds(), keepAlive.count());
            } catch (LibvirtException e) {
                // local drivers (test:///) answer NO_SUPPORT: nothing to keep alive
                LOG.debug("no keepalive on {}: {}", uri, e.getError() == null ? e : e.getError().getMessage());
            }
        }
        LOG.debug("connected to {}", uri);
        return c;
    }

    /** Once per JVM: libvirt's process-wide error handler (errors outside a connection, e.g. failed opens). */
    private static synchronized void logErrorsInsteadOfPrinting() {
        if (!globalErrorHandlerSet) {
            try {
                Connect.setErrorCallback(LOG_ERRORS);
                globalErrorHandlerSet = true;
            } catch (LibvirtException e) {
                LOG.debug("cannot route libvirt's global errors to the log: {}", e.getError());
            }
        }
    }

    // ------------------------------------------------------------------ plumbing

    /** Runs a call on the connection under the read lock, mapping libvirt's errors. */
    <T> T call(String operation, ConnectCall<T> fn) {
        return call(operation, LibvirtErrors.Call.GENERAL, fn);
    }

    /** Runs a call of a kind (which decides how some errors map) on the connection. */
    <T> T call(String operation, LibvirtErrors.Call kind, ConnectCall<T> fn) {
        lock.readLock().lock();
        try {
            return fn.apply(current(operation));
        } catch (LibvirtException e) {
            throw ErrorMapping.map(operation, e, kind);
        } catch (NativeLibvirtException e) {
            throw ErrorMapping.map(operation, e, kind);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Looks the domain up by UUID, runs the call on it and frees it. */
    <T> T onDomain(UUID uuid, String operation, LibvirtErrors.Call kind, DomainCall<T> fn) {
        return onDomain(uuid, NOTHING_HELD, operation, kind, fn);
    }

    private static final AtomicReference<org.libvirt.Domain> NOTHING_HELD = new AtomicReference<>();

    /**
     * Runs the call on the object waiting in {@code held} (see {@link HandedOverPointers}) when there still is
     * one, else on the domain looked up by UUID; frees it either way.
     */
    <T> T onDomain(UUID uuid, AtomicReference<org.libvirt.Domain> held, String operation, LibvirtErrors.Call kind,
            DomainCall<T> fn) {
        return call(operation, kind, c -> {
            org.libvirt.Domain waiting = held.get() == null ? null : held.getAndSet(null);
            if (waiting != null) {
                // from held to open: the call frees it like any looked-up object
                heldDomainHandles.decrementAndGet();
                openDomainHandles.incrementAndGet();
            }
            org.libvirt.Domain d = waiting != null ? waiting : acquire(c.domainLookupByUUID(uuid));
            try {
                return fn.apply(c, d);
            } finally {
                release(d);
            }
        });
    }

    private Connect current(String operation) {
        if (closed) {
            throw LibvirtErrors.closed(operation);
        }
        if (conn == null) {
            throw new ConnectionLostException("not connected to " + uri + ": the last reconnect() failed; call "
                    + "reconnect() again", 0, 0, "");
        }
        return conn;
    }

    /** Counts a libvirt-java domain object as open. */
    org.libvirt.Domain acquire(org.libvirt.Domain dom) {
        openDomainHandles.incrementAndGet();
        return dom;
    }

    /** Frees a libvirt-java domain object at once (its {@code virDomainPtr} pins the connection). */
    void release(org.libvirt.Domain dom) {
        free(dom, openDomainHandles);
    }

    private static void free(org.libvirt.Domain dom, AtomicLong countedIn) {
        try {
            NativeLibvirt.freeDomain(dom);
        } catch (NativeLibvirtException e) {
            LOG.warn("virDomainFree failed: {}", e.getMessage());
        } finally {
            countedIn.decrementAndGet();
        }
    }

    /** A held object evicted or released before close: freed, and no longer counted as held. */
    private void releaseHeld(org.libvirt.Domain dom) {
        free(dom, heldDomainHandles);
    }

    /**
     * The handle of a domain just defined or created from {@code model}, given the object libvirt returned for
     * its first call (so that call looks nothing up); the object is freed here if the handle cannot be made.
     */
    private LibvirtDomain handOver(org.libvirt.Domain dom, Domain model) throws LibvirtException {
        LibvirtDomain h;
        try {
            h = handle(dom, model);
        } catch (LibvirtException | RuntimeException e) {
            release(dom);
            throw e;
        }
        openDomainHandles.decrementAndGet();
        heldDomainHandles.incrementAndGet();
        return h.holding(handedOver.hold(dom));
    }

    private LibvirtDomain handle(org.libvirt.Domain dom) throws LibvirtException {
        return new LibvirtDomain(this, UUID.fromString(dom.getUUIDString()), dom.getName());
    }

    /** The handle of a domain just defined from {@code model}: libvirt keeps its name, and its UUID when given. */
    private LibvirtDomain handle(org.libvirt.Domain dom, Domain model) throws LibvirtException {
        UUID uuid = model.uuid().isPresent() ? model.uuid().get() : UUID.fromString(dom.getUUIDString());
        return new LibvirtDomain(this, uuid, model.name());
    }

    /**
     * libvirt-java domain objects currently taken and not yet freed by this connection's calls (0 when no
     * call is running): a leak check. The objects define and create hand to their new handles are counted
     * apart, by {@link #heldDomainHandles()}.
     */
    public long openDomainHandles() {
        return openDomainHandles.get();
    }

    /**
     * Objects from define and create that wait for their handle's first call, which then needs no lookup
     * by UUID: at most 64 (the oldest is freed beyond that), all freed before the native connection is
     * closed or replaced.
     */
    public long heldDomainHandles() {
        return heldDomainHandles.get();
    }

    /**
     * The number of references libvirt reported left on the native connection when {@link #close()} closed
     * it ({@code virConnectClose}'s answer): 0 unless something still holds a domain or callback of it;
     * -1 before close.
     */
    public int referencesLeftAtClose() {
        return referencesLeftAtClose;
    }

    // ------------------------------------------------------------------ connection

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public HostTopology topology() {
        return call("reading the host topology of " + uri, HostReader::topology);
    }

    @Override
    public HostState hostState() {
        return call("reading the host state of " + uri, c -> {
            HostTopology host = HostReader.withFreePages(c, HostReader.topology(c));
            List<Domain> running = new ArrayList<>();
            for (org.libvirt.Domain d : acquireAll(c.listAllDomains(Flags.LIST_DOMAINS_ACTIVE))) {
                try {
                    running.add(XML.parse(d.getXMLDesc(0)));
                } catch (LibvirtException e) {
                    if (!ErrorMapping.hasCode(e, LibvirtErrors.VIR_ERR_NO_DOMAIN)) {
                        throw e;
                    }
                    // stopped (and gone, if transient) since the listing: it uses nothing now
                } catch (RuntimeException e) {
                    LOG.warn("domain XML of {} not understood; left out of the host state: {}", safeName(d), e.toString());
                } finally {
                    release(d);
                }
            }
            return HostState.of(host, running);
        });
    }

    private org.libvirt.Domain[] acquireAll(org.libvirt.Domain[] all) {
        for (org.libvirt.Domain d : all) {
            acquire(d);
        }
        return all;
    }

    private static String safeName(org.libvirt.Domain d) {
        try {
            return d.getName();
        } catch (LibvirtException e) {
            return "?";
        }
    }

    @Override
    public List<DomainSummary> domains() {
        return call("listing the domains of " + uri, c -> {
            List<DomainSummary> list = new ArrayList<>();
            org.libvirt.Domain[] all = acquireAll(c.listAllDomains(0));
            try {
                for (org.libvirt.Domain d : all) {
                    try {
                        list.add(new DomainSummary(d.getName(), UUID.fromString(d.getUUIDString()),
                                DomainState.fromLibvirt(d.getInfo().state.ordinal()), d.isPersistent() == 1));
                    } catch (LibvirtException e) {
                        if (!ErrorMapping.hasCode(e, LibvirtErrors.VIR_ERR_NO_DOMAIN)) {
                            throw e;
                        }
                        // a transient domain that stopped (or one undefined) since the listing
                    }
                }
            } finally {
                for (org.libvirt.Domain d : all) {
                    release(d);
                }
            }
            return list;
        });
    }

    @Override
    public Optional<VirtDomain> lookup(String name) {
        Objects.requireNonNull(name, "name");
        return call("looking up domain '" + name + "'", c -> {
            org.libvirt.Domain d;
            try {
                d = acquire(c.domainLookupByName(name));
            } catch (LibvirtException e) {
                if (ErrorMapping.hasCode(e, LibvirtErrors.VIR_ERR_NO_DOMAIN)) {
                    return Optional.empty();
                }
                throw e;
            }
            try {
                return Optional.of(handle(d));
            } finally {
                release(d);
            }
        });
    }

    /** {@code virNetworkLookupByName} and {@code virNetworkIsActive}; libvirt's NO_NETWORK is {@code MISSING}. */
    @Override
    public NetworkStatus network(String name) {
        Objects.requireNonNull(name, "name");
        try {
            return call("look up network " + name, c -> {
                org.libvirt.Network n = c.networkLookupByName(name);
                try {
                    return n.isActive() == 1 ? NetworkStatus.ACTIVE : NetworkStatus.INACTIVE;
                } finally {
                    n.free();
                }
            });
        } catch (NotFoundException e) {
            return NetworkStatus.MISSING;
        }
    }

    /**
     * Read from the host capabilities ({@code virConnectGetCapabilities}), which list every machine type per
     * arch and domain type with its canonical name (domain capabilities give only one machine). libvirt leaves
     * a domain type out there when it has no emulator for it (kvm without a usable {@code /dev/kvm}), so that
     * is answered as not offered rather than as the error {@code virConnectGetDomainCapabilities} would give;
     * a driver without capabilities (NO_SUPPORT) answers empty.
     */
    @Override
    public Optional<GuestSupport> guestSupport(DomainType type, String arch) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(arch, "arch");
        try {
            return Optional.of(call("reading the capabilities of " + uri, c -> GuestSupport.fromCapabilities(
                    XmlParser.defaults().parse(c.getCapabilities()), type, arch)));
        } catch (NotSupportedException e) {
            return Optional.empty();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The domain's {@code <cpu>} without its guest NUMA cells, with its type, {@code <os><type arch machine>};
     * empty when this libvirt cannot compare (the test driver).
     */
    @Override
    public Optional<io.virtforge.connect.CpuComparison> compareGuestCpu(io.virtforge.model.Domain domain) {
        Objects.requireNonNull(domain, "domain");
        String cpu = domain.cpu().map(c -> c.xml().toBuilder().removeElements("numa").build().toString())
                .orElse("<cpu/>");
        String arch = domain.os().flatMap(o -> o.arch()).orElse(null);
        String machine = domain.os().flatMap(o -> o.machine()).orElse(null);
        String virttype = domain.typeAsString().orElse(null);
        try {
            int rc = call("comparing the guest CPU of " + domain.name() + " on " + uri,
                    c -> NativeLibvirt.compareHypervisorCpu(c, null, arch, machine, virttype, cpu, 0));
            return Optional.of(io.virtforge.connect.CpuComparison.values()[Math.min(rc, 2)]);
        } catch (NotSupportedException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<VirtDomain> lookup(UUID uuid) {
        Objects.requireNonNull(uuid, "uuid");
        try {
            return Optional.of(domain(uuid));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public LibvirtDomain domain(String name) {
        Objects.requireNonNull(name, "name");
        return call("looking up domain '" + name + "'", c -> {
            org.libvirt.Domain d = acquire(c.domainLookupByName(name));
            try {
                return handle(d);
            } finally {
                release(d);
            }
        });
    }

    /** A domain by UUID; throws {@link NotFoundException} with libvirt's error when there is none. */
    public LibvirtDomain domain(UUID uuid) {
        Objects.requireNonNull(uuid, "uuid");
        return onDomain(uuid, "looking up domain " + uuid, LibvirtErrors.Call.GENERAL, (c, d) -> handle(d));
    }

    @Override
    public LibvirtDomain define(Domain domain) {
        return define(domain, DefineOptions.DEFAULT);
    }

    @Override
    public LibvirtDomain define(Domain domain, DefineOptions options) {
        DefinePolicy.check(domain, options, this::hostState);
        return call("defining domain '" + domain.name() + "'", LibvirtErrors.Call.DEFINE,
                c -> handOver(acquire(NativeLibvirt.defineDomain(c, domain.document())), domain));
    }

    @Override
    public LibvirtDomain create(Domain domain, DefineOptions options) {
        DefinePolicy.check(domain, options, this::hostState);
        return call("creating domain '" + domain.name() + "'", LibvirtErrors.Call.START,
                c -> handOver(acquire(NativeLibvirt.createDomain(c, domain.document(), 0)), domain));
    }

    // ------------------------------------------------------------------ host resources

    @Override
    public long freePages(int node, PageSize size) {
        Objects.requireNonNull(size, "size");
        int kib = Math.toIntExact(size.kib());
        return call("reading free " + size + " pages of node " + node,
                c -> NativeLibvirt.freePages(c, new int[] {kib}, node, 1).count(node, kib));
    }

    @Override
    public long setPagePool(int node, PageSize size, long count) {
        Objects.requireNonNull(size, "size");
        if (count < 0) {
            throw new IllegalArgumentException("negative page count " + count);
        }
        int kib = Math.toIntExact(size.kib());
        return call("setting the " + size + " page pool of node " + node + " to " + count, c -> {
            NativeLibvirt.allocPages(c, new int[] {kib}, new long[] {count}, node, 1, NativeFlags.ALLOC_PAGES_SET);
            long now = HostReader.poolTotal(c, node, size);
            if (now != count) {
                LOG.info("asked for {} {} pages on node {}, the kernel has {}", count, size, node, now);
            }
            return now;
        });
    }

    /** The host's mediated devices through libvirt's node device API ({@link LibvirtMdevs}). */
    @Override
    public io.virtforge.connect.MediatedDevices mdevs() {
        return new LibvirtMdevs(this);
    }

    @Override
    public void detachNodeDevice(PciAddress device) {
        Objects.requireNonNull(device, "device");
        call("detaching node device " + device.nodeDeviceName(), c -> {
            NativeLibvirt.detachNodeDevice(c, device.nodeDeviceName(), null);
            return null;
        });
    }

    @Override
    public void reattachNodeDevice(PciAddress device) {
        Objects.requireNonNull(device, "device");
        call("re-attaching node device " + device.nodeDeviceName(), c -> {
            NativeLibvirt.reattachNodeDevice(c, device.nodeDeviceName());
            return null;
        });
    }

    @Override
    public List<DomainStats> allDomainStats() {
        return call("reading the statistics of all domains",
                c -> NativeLibvirt.allDomainStats(c, 0, 0).stream().map(StatsMapper::toDomainStats).toList());
    }

    // ------------------------------------------------------------------ events and liveness

    @Override
    public Subscription onLifecycle(Consumer<LifecycleEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        Subscription s = call("subscribing to lifecycle events", c -> events.subscribe(c, listener));
        return () -> {
            lock.readLock().lock();
            try {
                s.close();
            } finally {
                lock.readLock().unlock();
            }
        };
    }

    @Override
    public boolean isAlive() {
        lock.readLock().lock();
        try {
            return !closed && conn != null && conn.isAlive();
        } catch (LibvirtException e) {
            return false;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Replaces the native connection with a new one to the same URI (see the class comment). Waits for
     * running calls to finish. If connecting fails, the old connection is kept (closed only on success)
     * and the exception thrown; call again later.
     *
     * @throws ConnectionLostException while the daemon cannot be reached
     * @throws ConnectionClosedException after {@link #close()}
     */
    @Override
    public void reconnect() {
        String operation = "reconnecting to " + uri;
        lock.readLock().lock();
        try {
            if (closed) {
                throw LibvirtErrors.closed(operation); // before connecting: a closed connection is never reopened
            }
        } finally {
            lock.readLock().unlock();
        }
        Connect fresh = connect(uri, keepAlive);
        lock.writeLock().lock();
        try {
            if (closed) { // closed while connecting
                closeQuietly(fresh);
                throw LibvirtErrors.closed(operation);
            }
            handedOver.releaseAll(); // they belong to the old native connection
            Connect old = conn;
            conn = fresh;
            try {
                events.moveTo(fresh);
            } finally {
                if (old != null) {
                    closeQuietly(old);
                }
            }
            LOG.info("reconnected to {}", uri);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static int closeQuietly(Connect c) {
        try {
            return c.close();
        } catch (LibvirtException e) {
            LOG.debug("closing a lost connection failed: {}", e.getError());
            return -1;
        }
    }

    /**
     * Unsubscribes all listeners (waiting up to 5 s for the ones running), then closes the native
     * connection once running calls have finished; closing twice does nothing.
     */
    @Override
    public void close() {
        lock.readLock().lock(); // listeners still running may call this connection meanwhile
        try {
            if (closed) {
                return;
            }
            events.close();
        } finally {
            lock.readLock().unlock();
        }
        EventLoop.settle(); // a callback deregistered mid-dispatch lets go of the connection only afterwards
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            handedOver.releaseAll(); // each holds a reference on the native connection
            if (conn != null) {
                int left = closeQuietly(conn);
                referencesLeftAtClose = left;
                if (left > 0) {
                    LOG.warn("{} references left on the libvirt connection to {} after close", left, uri);
                }
                conn = null;
            }
            LOG.debug("closed the connection to {}", uri);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "LibvirtConnection[" + uri + "]";
    }
}
