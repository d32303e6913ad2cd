package io.virtforge.fake.libvirt;

import io.virtforge.connect.DefineOptions;
import io.virtforge.connect.DefinePolicy;
import io.virtforge.connect.DomainState;
import io.virtforge.connect.DomainStats;
import io.virtforge.connect.DomainSummary;
import io.virtforge.connect.GuestSupport;
import io.virtforge.connect.LifecycleEvent;
import io.virtforge.connect.NetworkStatus;
import io.virtforge.connect.Subscription;
import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtDomain;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainType;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * An in-memory hypervisor behind {@link VirtConnection}, for testing control-plane code without libvirt.
 * Opened as {@code fake:///<fixture>} through {@link io.virtforge.connect.VirtConnections} (see
 * {@link Fixtures}) or built from a {@link HostTopology}, optionally paired with a {@link FakeSysfs} that
 * describes the same host.
 *
 * <p>It behaves as libvirt 9.0's QEMU driver ({@code qemu:///system}) does, checked against a real one (issue 19):
 * its domain state machine (persistent and transient domains; running, paused, shut off; a redefinition of a
 * running domain changes its next configuration; undefining a running domain makes it transient; a transient
 * domain is gone when it stops; a paused domain suspends again quietly and refuses a shutdown), its define-time
 * checks and rewrites (the parser's refusals, the host's emulators and machine types, elements it does not know
 * dropped, or refused with {@link Builder#strictXml}), and its checks at start of the host's world: networks,
 * disk images ({@link #storage()}), host CPUs and NUMA nodes of every pin and cpuset, huge pages per node, PCI
 * devices, their binding and an IOMMU. Misuse is answered with the exception types the SDK promises, carrying
 * the QEMU driver's codes, error domains and messages, classified by {@link io.virtforge.connect.LibvirtErrors}
 * as for libvirt. Huge pages are taken from per-node pools at start and given back at stop, assigned PCI devices
 * are exclusive and (with a paired {@link FakeSysfs}) rebound to vfio-pci through sysfs. Connections to one
 * host ({@link #openAnother()}, or one {@code fake:///} URI) share it as libvirt's connections share a daemon.
 * Statistics grow with a {@link FakeClock}; {@link #faults()} injects failures and a lost connection;
 * {@link #guests()} plays the guests' part. Virtual networks are names with a started flag ({@code default},
 * started, unless the builder says otherwise), for {@link #network(String)}; it offers {@code kvm} and
 * {@code qemu} guests with {@link #DEFAULT_MACHINES}, for {@link #guestSupport}. Events arrive on one thread
 * owned by the connection, in order.
 * Thread-safe.
 */
public final class FakeVirtConnection implements VirtConnection {
    private final FakeState state;
    private final FakeSysfs sysfs;
    private final FakeGuests guests;
    private final FakeNetworks networks;
    private final List<GuestSupport> guestSupport;

    private FakeVirtConnection(FakeState state) {
        this.state = state;
        this.sysfs = state.host.sysfs;
        this.guests = new FakeGuests(state);
        this.networks = state.host.networks;
        this.guestSupport = state.host.guestSupport;
    }

    /** A connection to a host described by a topology, with its own clock. */
    public static FakeVirtConnection of(HostTopology host) {
        return builder(host).build();
    }

    /** A builder for a connection to a host. */
    public static Builder builder(HostTopology host) {
        return new Builder(host);
    }

    // ---- VirtConnection

    @Override
    public String uri() {
        return state.uri;
    }

    @Override
    public HostTopology topology() {
        synchronized (state.host) {
            state.call("topology");
            return state.resources.topology();
        }
    }

    @Override
    public HostState hostState() {
        synchronized (state.host) {
            state.call("hostState");
            return state.hostState();
        }
    }

    @Override
    public List<DomainSummary> domains() {
        synchronized (state.host) {
            state.call("domains");
            List<DomainSummary> list = new ArrayList<>();
            for (DomainEntry e : state.table.all()) {
                list.add(new DomainSummary(e.name, e.uuid, e.state, e.persistent));
            }
            return list;
        }
    }

    @Override
    public Optional<VirtDomain> lookup(String name) {
        synchronized (state.host) {
            state.call("lookup");
            return state.table.named(name).map(this::handle);
        }
    }

    @Override
    public Optional<VirtDomain> lookup(UUID uuid) {
        synchronized (state.host) {
            state.call("lookup");
            return state.table.get(uuid).map(this::handle);
        }
    }

    @Override
    public VirtDomain domain(String name) {
        synchronized (state.host) {
            state.call("domain");
            return handle(state.table.named(name).orElseThrow(() -> FakeErrors.noDomainNamed(name)));
        }
    }

    private VirtDomain handle(DomainEntry e) {
        return new FakeDomain(state, e.uuid, e.name);
    }

    @Override
    public VirtDomain define(Domain domain, DefineOptions options) {
        Objects.requireNonNull(domain, "domain");
        synchronized (state.host) {
            Domain d = checked("define", domain, options);
            DefinitionChecks.checkFileName(d.name());
            DomainEntry e = state.table.entryFor(d);
            int detail = e.persistent ? LifecycleDetail.DEFINED_UPDATED : LifecycleDetail.DEFINED_ADDED;
            e.config = d;
            e.persistent = true;
            state.table.put(e);
            state.publish(e, LifecycleEvent.Type.DEFINED, detail);
            return handle(e);
        }
    }

    @Override
    public VirtDomain create(Domain domain, DefineOptions options) {
        Objects.requireNonNull(domain, "domain");
        synchronized (state.host) {
            Domain d = checked("create", domain, options);
            DomainEntry e = state.table.entryFor(d);
            if (e.active()) {
                throw FakeErrors.alreadyActive(e.name);
            }
            state.start(e, d);
            return handle(e);
        }
    }

    /**
     * The call's fault hook, the define policy every provider shares, then what libvirt's own parser refuses;
     * the domain as libvirt would keep it. Callers hold the state's lock.
     */
    private Domain checked(String call, Domain domain, DefineOptions options) {
        state.call(call);
        DefinePolicy.check(domain, options, state::hostState);
        if (state.host.strictXml) {
            KnownElements.unknown(domain).stream().findFirst().ifPresent(path -> {
                throw FakeErrors.schemaInvalid(domain.name(), path);
            });
        }
        DefinitionChecks.check(domain);
        QemuDriverChecks.check(domain, guestSupport, state.host.arch);
        QemuValidation.check(domain, state.host.arch, guestSupport);
        return DefinitionChecks.normalize(domain);
    }

    /**
     * The incoming half of a migration ({@link FakeMigration}): the destination XML parsed and checked as a
     * define, the guest started here (STARTED, migrated), then defined when {@code persist}; on a refusal nothing
     * here changed.
     */
    VirtDomain receive(Domain incoming, boolean persist) {
        synchronized (state.host) {
            Domain d = checked("migrate", incoming, DefineOptions.unchecked());
            DomainEntry e = state.table.entryFor(d);
            if (e.active()) {
                throw FakeErrors.alreadyActive(e.name);
            }
            boolean wasPersistent = e.persistent;
            state.start(e, d, LifecycleDetail.STARTED_MIGRATED);
            if (persist) {
                e.config = d;
                e.persistent = true;
                state.publish(e, LifecycleEvent.Type.DEFINED, wasPersistent ? LifecycleDetail.DEFINED_UPDATED
                        : LifecycleDetail.DEFINED_ADDED);
            }
            return handle(e);
        }
    }

    /** The host this connection is open to. */
    SharedHost host() {
        return state.host;
    }

    @Override
    public long freePages(int node, PageSize size) {
        synchronized (state.host) {
            state.call("freePages");
            return state.resources.freePages(node, size);
        }
    }

    @Override
    public long setPagePool(int node, PageSize size, long count) {
        synchronized (state.host) {
            state.call("setPagePool");
            return state.resources.setPagePool(node, size, count);
        }
    }

    @Override
    public void detachNodeDevice(PciAddress device) {
        synchronized (state.host) {
            state.call("detachNodeDevice");
            state.resources.detach(device, state.holders());
        }
    }

    @Override
    public void reattachNodeDevice(PciAddress device) {
        synchronized (state.host) {
            state.call("reattachNodeDevice");
            state.resources.reattach(device, state.holders());
        }
    }

    @Override
    public List<DomainStats> allDomainStats() {
        synchronized (state.host) {
            state.call("allDomainStats");
            List<DomainStats> list = new ArrayList<>();
            for (DomainEntry e : state.table.all()) {
                list.add(StatsReader.bulk(state, e));
            }
            return list;
        }
    }

    @Override
    public Subscription onLifecycle(Consumer<LifecycleEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (state.host) {
            state.call("onLifecycle");
            return state.events.subscribe(listener);
        }
    }

    @Override
    public boolean isAlive() {
        synchronized (state.host) {
            return state.alive();
        }
    }

    /**
     * Revives a connection dropped with {@code faults().dropConnection()}; fails as injected with
     * {@code failNext("reconnect", ...)}, and with {@link io.virtforge.connect.ConnectionClosedException} after
     * {@link #close()}.
     */
    @Override
    public void reconnect() {
        synchronized (state.host) {
            if (state.closed()) {
                throw FakeErrors.closed("reconnect"); // as on libvirt: a closed connection is never reopened
            }
            state.faults.reconnect();
        }
    }

    /** Closes this connection; the host lives on while another connection to it is open. */
    @Override
    public void close() {
        synchronized (state.host) {
            if (state.closed()) {
                return;
            }
            state.close();
        }
        state.host.disconnect(state);
    }

    /**
     * Another connection to the same host, as a second {@code virConnectOpen} of its URI: it sees the same
     * domains, pools, networks, guests and clock, and every lifecycle event of the host from now on; it has
     * its own {@link #faults()}, listeners and {@link #close()}. Throws
     * {@link io.virtforge.connect.ConnectionClosedException} when this connection is closed.
     */
    public FakeVirtConnection openAnother() {
        synchronized (state.host) {
            state.call("openAnother");
        }
        return new FakeVirtConnection(state.host.connect());
    }

    /**
     * A connection to the fake host open under {@code uri} in this JVM, sharing it as connections to one libvirt
     * daemon share its domains; when no connection to {@code uri} is open, a connection built by {@code newHost}
     * (whose host later opens of {@code uri} then share). A host lives while a connection to it is open, as
     * libvirt's {@code test:///default} does: after the last close, the next open gets a fresh one. What
     * {@link io.virtforge.connect.VirtConnections#open} gives for {@code fake:///} URIs.
     */
    public static FakeVirtConnection openShared(String uri, java.util.function.Supplier<Builder> newHost) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(newHost, "newHost");
        return new FakeVirtConnection(SharedHost.open(uri, () -> newHost.get().uri(uri).host()));
    }

    // ---- the fake's own controls

    /** The clock the statistics follow. */
    public FakeClock clock() {
        return state.clock;
    }

    /** Failures to inject. */
    public FakeFaults faults() {
        return state.faults;
    }

    /** The guests' side: shutdown behaviour, crashes, I/O rates, unused memory. */
    public FakeGuests guests() {
        return guests;
    }

    /** The paired kernel fake, when there is one. */
    public Optional<FakeSysfs> sysfs() {
        return Optional.ofNullable(sysfs);
    }

    /**
     * The facets this host gives: its paired kernel fake, when there is one, as any type it is an instance of
     * ({@link FakeSysfs}, {@link io.virtforge.host.sysfs.Sysfs}), and its {@linkplain #clock() clock} as any type that
     * is an instance of ({@link FakeClock}, {@link java.time.InstantSource}); empty for any other type.
     */
    @Override
    public <T> Optional<T> capability(Class<T> type) {
        Objects.requireNonNull(type, "type");
        if (sysfs != null && type.isInstance(sysfs)) {
            return Optional.of(type.cast(sysfs));
        }
        FakeClock clock = clock();
        return type.isInstance(clock) ? Optional.of(type.cast(clock)) : Optional.empty();
    }

    /**
     * The host's mediated devices as libvirt shows them: those of the paired kernel fake (none without one); see
     * {@link FakeMdevs}.
     */
    @Override
    public io.virtforge.connect.MediatedDevices mdevs() {
        return new FakeMdevs(state);
    }

    /** The network's status: {@code default} is started on a new host; see {@link Builder#network}. */
    @Override
    public NetworkStatus network(String name) {
        return networks.status(name);
    }

    /**
     * The machine types a fixture host offers for its {@code kvm} and {@code qemu} guests, as QEMU 7.2 would
     * list them: the versioned {@code pc-i440fx-7.2}, {@code pc-q35-7.2}, {@code pc-i440fx-6.2} and
     * {@code pc-q35-6.2}, and the aliases {@code pc -> pc-i440fx-7.2} and {@code q35 -> pc-q35-7.2}.
     */
    public static final List<GuestSupport.Machine> DEFAULT_MACHINES = List.of(
            GuestSupport.Machine.of("pc-i440fx-7.2"), GuestSupport.Machine.alias("pc", "pc-i440fx-7.2"),
            GuestSupport.Machine.of("pc-q35-7.2"), GuestSupport.Machine.alias("q35", "pc-q35-7.2"),
            GuestSupport.Machine.of("pc-i440fx-6.2"), GuestSupport.Machine.of("pc-q35-6.2"));

    /**
     * What the host offers for {@code type} on {@code arch}: by default {@code kvm} and {@code qemu} guests of
     * the host's architecture ({@code x86_64} for every fixture) with emulator
     * {@code /usr/bin/qemu-system-ARCH} and {@link #DEFAULT_MACHINES}; not offered for any other pair. See
     * {@link Builder#withoutDomainType} and {@link Builder#machines}.
     */
    @Override
    public Optional<GuestSupport> guestSupport(DomainType type, String arch) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(arch, "arch");
        return Optional.of(guestSupport.stream().filter(g -> g.type() == type && g.arch().equals(arch)).findFirst()
                .orElse(GuestSupport.notOffered(type, arch)));
    }

    /** Adds or changes a virtual network, started or not ({@code virsh net-define}, {@code net-start/destroy}). */
    public void setNetwork(String name, boolean active) {
        networks.put(name, active);
    }

    /**
     * The host's disk images: a domain starts (and a disk is hot-plugged) only when every disk's file or block
     * device is there, as QEMU checks ("Cannot access storage file"). Shared by the host's connections.
     */
    public FakeStorage storage() {
        return state.host.storage;
    }

    /** Removes a virtual network ({@code virsh net-undefine}); {@link #network} then says it is missing. */
    public void removeNetwork(String name) {
        networks.remove(name);
    }

    /** Sets a node's memory left for growing huge page pools: less memory, partial {@link #setPagePool} results. */
    public void setNodeFreeMemory(int node, DataSize free) {
        synchronized (state.host) {
            state.resources.setFreeMemory(node, free);
        }
    }

    /** Every lifecycle event published so far, in order (delivered or not). */
    public List<LifecycleEvent> events() {
        return state.events.history();
    }

    /** Waits (up to 10 s) until every event published so far has reached the listeners. */
    public void awaitEvents() {
        state.events.await(Duration.ofSeconds(10));
    }

    /** The state of a domain by name, for assertions; empty when there is none. Not subject to faults. */
    public Optional<DomainState> stateOf(String name) {
        synchronized (state.host) {
            return state.table.named(name).map(e -> e.state);
        }
    }

    @Override
    public String toString() {
        return "FakeVirtConnection[" + state.uri + "]";
    }

    /** Builds a {@link FakeVirtConnection}. */
    public static final class Builder {
        private final HostTopology host;
        private String uri = "fake:///custom";
        private FakeSysfs sysfs;
        private FakeClock clock;
        private final Map<String, Boolean> networks = new TreeMap<>(Map.of("default", true));
        private final EnumSet<DomainType> types = EnumSet.of(DomainType.KVM, DomainType.QEMU);
        private List<GuestSupport.Machine> machines = DEFAULT_MACHINES;
        private FakeStorage storage = FakeStorage.empty();
        private final List<GuestSupport> extraGuests = new ArrayList<>();
        private boolean strictXml;

        private Builder(HostTopology host) {
            this.host = Objects.requireNonNull(host, "host");
        }

        /** The URI the connection reports (default {@code fake:///custom}). */
        public Builder uri(String value) {
            this.uri = Objects.requireNonNull(value, "uri");
            return this;
        }

        /**
         * Pairs a kernel fake describing the same host: huge page pools are its pools, and assigned PCI devices
         * are rebound to vfio-pci in it through sysfs.
         */
        public Builder sysfs(FakeSysfs value) {
            this.sysfs = value;
            return this;
        }

        /** The clock (default: a new {@link FakeClock}). */
        public Builder clock(FakeClock value) {
            this.clock = value;
            return this;
        }

        /**
         * The disk images the host has (default: {@link FakeStorage#empty()}, so a domain with a disk starts
         * only once its image is {@linkplain FakeStorage#add added}, as on QEMU).
         */
        public Builder storage(FakeStorage value) {
            this.storage = Objects.requireNonNull(value, "storage");
            return this;
        }

        /** Adds a virtual network, started or not (default: only {@code default}, started). */
        public Builder network(String name, boolean active) {
            networks.put(Objects.requireNonNull(name, "name"), active);
            return this;
        }

        /** Leaves a virtual network out, {@code default} included. */
        public Builder withoutNetwork(String name) {
            networks.remove(name);
            return this;
        }

        /**
         * Offers no guests of {@code type}: {@code withoutDomainType(DomainType.KVM)} is a host without a usable
         * {@code /dev/kvm} (libvirt then lists only {@code qemu} guests).
         */
        public Builder withoutDomainType(DomainType type) {
            types.remove(Objects.requireNonNull(type, "type"));
            return this;
        }

        /**
         * The machine types offered for {@code kvm} and {@code qemu} guests (default
         * {@link FakeVirtConnection#DEFAULT_MACHINES}).
         */
        public Builder machines(List<GuestSupport.Machine> value) {
            this.machines = List.copyOf(value);
            return this;
        }

        /**
         * Offers one more kind of guest, or replaces the one of its type and architecture (e.g. {@code i686}
         * guests with {@code /usr/bin/qemu-system-i386}); a guest that is not {@linkplain GuestSupport#offered()
         * offered} is not run. Applied after {@link #withoutDomainType} and {@link #machines}.
         */
        public Builder guest(GuestSupport value) {
            extraGuests.add(Objects.requireNonNull(value, "guest"));
            return this;
        }

        /**
         * Refuses definitions with elements libvirt does not know under {@code <domain>} or {@code <devices>}
         * ({@link io.virtforge.connect.InvalidDefinitionException}, code 92, as libvirt's define with schema
         * validation), instead of dropping them as a plain libvirt define does: for tests that want a typo
         * flagged.
         */
        public Builder strictXml(boolean on) {
            this.strictXml = on;
            return this;
        }

        /** Builds the first connection to a new host of its own; {@link #openAnother()} opens more. */
        public FakeVirtConnection build() {
            return new FakeVirtConnection(host().connect());
        }

        private SharedHost host() {
            PagePools pools = sysfs != null ? new SysfsPagePools(sysfs) : new LedgerPagePools(host);
            PciBindings bindings = sysfs != null ? new SysfsPciBindings(sysfs) : new LedgerPciBindings(host);
            String arch = host.arch().orElse("x86_64");
            Map<String, GuestSupport> guestSupport = new java.util.LinkedHashMap<>();
            for (DomainType t : types) {
                guestSupport.put(t + "/" + arch, GuestSupport.of(t, arch, "/usr/bin/qemu-system-" + arch, machines));
            }
            for (GuestSupport g : extraGuests) {
                guestSupport.put(g.type() + "/" + g.arch(), g);
            }
            return new SharedHost(uri, new HostResources(host, pools, bindings), clock != null ? clock : new FakeClock(),
                    sysfs, new FakeNetworks(networks), storage, List.copyOf(guestSupport.values()), strictXml);
        }
    }
}
