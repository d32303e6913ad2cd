package io.virtforge.connect;

import io.virtforge.model.Domain;
import io.virtforge.model.DomainType;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A connection to a hypervisor: libvirt ({@code qemu:///system}, {@code test:///default},
 * {@code qemu+ssh://host/system}...) or Virtforge's fake ({@code fake:///xeon-2s}). Opened with
 * {@link VirtConnections#open(String)}, so code is the same against both. Thread-safe; close it when done.
 *
 * <p><b>Errors.</b> Every call throws a {@link VirtException} of the class {@link LibvirtErrors} gives for
 * libvirt's error (the same class on every provider), never a bare runtime exception for the hypervisor's
 * refusal. Every call after {@link #close()} (except {@link #close()} itself and {@link #isAlive()}) throws
 * {@link ConnectionClosedException}, and so do the calls of the domain handles it gave.
 */
public interface VirtConnection extends AutoCloseable {
    /** The URI the connection was opened with. */
    String uri();

    /** The host: libvirt's capabilities plus its PCI node devices. */
    HostTopology topology();

    /** The host and what its running domains use. */
    HostState hostState();

    /** Every domain, defined or running. */
    List<DomainSummary> domains();

    /** A domain by name. */
    Optional<VirtDomain> lookup(String name);

    /** A domain by UUID. */
    Optional<VirtDomain> lookup(UUID uuid);

    /** A domain by name; throws {@link NotFoundException} (with the hypervisor's own error) when there is none. */
    VirtDomain domain(String name);

    /** Defines (or redefines) a persistent domain, checking its structure first. */
    default VirtDomain define(Domain domain) {
        return define(domain, DefineOptions.DEFAULT);
    }

    /**
     * Defines (or redefines) a persistent domain. Validation failures throw
     * {@link io.virtforge.check.DomainValidationException} before libvirt is asked.
     */
    VirtDomain define(Domain domain, DefineOptions options);

    /** Creates and starts a transient domain (gone when it stops). */
    VirtDomain create(Domain domain, DefineOptions options);

    /** Free huge pages of a size on a host node, as the kernel counts them now. */
    long freePages(int node, PageSize size);

    /**
     * Sets a node's pool of huge pages of a size to {@code count} pages; returns how many the kernel
     * actually has afterwards (fewer under memory pressure).
     */
    long setPagePool(int node, PageSize size, long count);

    /** Detaches a PCI device from its host driver and binds it to vfio-pci (for {@code managed='no'} passthrough). */
    void detachNodeDevice(PciAddress device);

    /** Gives a detached PCI device back to its host driver. */
    void reattachNodeDevice(PciAddress device);

    /** Statistics of every domain in one call. */
    List<DomainStats> allDomainStats();

    /** Registers a lifecycle listener; events arrive on the connection's event thread, in order. */
    Subscription onLifecycle(Consumer<LifecycleEvent> listener);

    /**
     * Replaces a lost connection by a new one to the same URI. Domain handles stay valid (they refer to
     * domains by UUID) and listeners move over; events that happened while disconnected are lost.
     *
     * @throws ConnectionLostException while the hypervisor still cannot be reached
     * @throws ConnectionClosedException after {@link #close()}: a closed connection is never reopened
     */
    void reconnect();

    /**
     * A facet of the host this connection can give, such as its sysfs or its clock, looked up by type: the
     * first facet that is an instance of {@code type}, or empty when the connection has none. It lets code
     * that works on any connection use what a particular one offers without knowing its class. Virtforge's
     * fake ({@code fake:///}) gives its paired kernel fake (as {@code io.virtforge.host.sysfs.Sysfs} and its own
     * type) and its controllable clock (as {@link java.time.InstantSource} and its own type); a libvirt
     * connection gives none (a local host's {@code /sys} is this machine's, a remote one's is out of reach).
     *
     * @param type the facet's type, e.g. {@code Sysfs.class}
     * @param <T>  the facet's type
     * @return the facet, or empty when this connection does not give one of that type
     */
    default <T> Optional<T> capability(Class<T> type) {
        return Optional.empty();
    }

    /**
     * Whether a libvirt virtual network exists and is started, so that a caller can refuse a domain whose NIC
     * names it before defining anything (libvirt itself only notices at start). The default is
     * {@link NetworkStatus#UNKNOWN}, for providers that do not know networks.
     *
     * @param name the network's name, as in {@code <interface type='network'><source network='NAME'/>}
     */
    default NetworkStatus network(String name) {
        return NetworkStatus.UNKNOWN;
    }

    /**
     * What the host offers for guests of {@code type} on {@code arch}: the emulator and the machine types
     * (with their canonical names, e.g. {@code q35 -> pc-q35-7.2}), so that a caller can refuse a domain type
     * the host cannot run (KVM without a usable {@code /dev/kvm}) or an unknown machine type before defining
     * anything. Present and {@linkplain GuestSupport#offered() not offered} when the host has no emulator for
     * the pair. The default is empty, for providers that cannot tell; a caller then skips the check.
     *
     * @param type the domain type, e.g. {@link DomainType#KVM}
     * @param arch the guest architecture, e.g. {@code x86_64}
     */
    default Optional<GuestSupport> guestSupport(DomainType type, String arch) {
        return Optional.empty();
    }

    /**
     * Whether this host's hypervisor can give a domain its guest CPU ({@code <cpu>} of mode {@code custom}, or
     * {@code host-model} as a running domain's XML expands it), for the domain's type, architecture and machine:
     * libvirt's {@code virConnectCompareHypervisorCPU}, asked before a domain is moved here. The default is empty,
     * for providers that cannot tell; a caller then skips the check.
     *
     * @param domain the domain whose {@code <cpu>} is compared (one without a {@code <cpu>} gets the default CPU)
     */
    default Optional<CpuComparison> compareGuestCpu(io.virtforge.model.Domain domain) {
        return Optional.empty();
    }

    /**
     * The host's mediated devices through libvirt's node device API: parents and their types, instances, and their
     * creation, definition and removal. The default is {@link MediatedDevices#unsupported}, for providers without
     * node devices (every call throws {@link NotSupportedException}).
     */
    default MediatedDevices mdevs() {
        return MediatedDevices.unsupported(uri());
    }

    /** True while the connection works; false after {@link #close()} (it does not throw). */
    boolean isAlive();

    /**
     * Closes the connection; closing twice does nothing. Every later call on it or on its domain handles
     * throws {@link ConnectionClosedException}.
     */
    @Override
    void close();
}
