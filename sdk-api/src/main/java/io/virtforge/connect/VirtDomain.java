package io.virtforge.connect;

import io.virtforge.model.Device;
import io.virtforge.model.Domain;
import io.virtforge.model.NumaMode;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A domain on a connection: its definition, its lifecycle, live tuning and statistics. Handles are
 * cheap and refer to the domain by UUID; when the domain goes away, calls throw
 * {@link NotFoundException}. Thread-safe.
 *
 * <p>Errors are classified as on the connection ({@link LibvirtErrors}): e.g. a pin to a CPU the host lacks
 * is a {@link HostResourceException}, a vCPU, I/O thread or memory size the domain does not have an
 * {@link InvalidDefinitionException}, a live change of a shut-off domain an {@link InvalidStateException}.
 * Once the connection is closed, every call throws {@link ConnectionClosedException}.
 */
public interface VirtDomain {
    /** The name. */
    String name();

    /** The UUID. */
    UUID uuid();

    /** The run state now. */
    DomainState state();

    /** True when persistent (defined), false when transient. */
    boolean persistent();

    /** The persistent definition (libvirt's inactive XML); for a transient domain, its current one. */
    Domain definition();

    /** The current XML, with what libvirt filled in at run time (addresses, aliases, ports). */
    Domain live();

    /** Starts a defined domain. Throws {@link InvalidStateException} if it is running. */
    void start();

    /**
     * Asks the guest to shut down (ACPI) and waits up to {@code timeout}; destroys it if it is still
     * running then. Returns true when the guest shut down by itself.
     */
    boolean shutdown(Duration timeout);

    /** Stops the domain at once (power cut). */
    void destroy();

    /** Asks the guest to reboot. */
    void reboot();

    /** Pauses the vCPUs. */
    void suspend();

    /** Resumes paused vCPUs. */
    void resume();

    /**
     * Removes the definition. A running persistent domain keeps running and becomes transient, as in
     * libvirt; a transient domain cannot be undefined ({@link InvalidStateException}).
     */
    void undefine(UndefineOption... options);

    /** Attaches a device. */
    void attachDevice(Device device, Scope scope);

    /** Detaches a device (matched as libvirt matches: by address, alias, or source). */
    void detachDevice(Device device, Scope scope);

    /** Changes a device in place (e.g. a CD-ROM's media, a NIC's link state). */
    void updateDevice(Device device, Scope scope);

    /** Pins one vCPU. */
    void pinVcpu(int vcpu, CpuSet hostCpus, Scope scope);

    /** Pins the emulator threads. */
    void pinEmulator(CpuSet hostCpus, Scope scope);

    /** Pins an I/O thread. */
    void pinIothread(int iothread, CpuSet hostCpus, Scope scope);

    /** Sets the balloon target (live) or the current memory (config). */
    void setMemory(DataSize size, Scope scope);

    /** Changes the NUMA memory policy. */
    void setNumaTune(NumaMode mode, NodeSet nodes, Scope scope);

    /** Scheduling and QoS limits (CPU, disk, NIC, memory, block I/O), read and changed live or in the configuration. */
    DomainQos qos();

    /**
     * The host CPUs each vCPU may run on (live when running, else the configuration): its pin, else the
     * domain's {@code <vcpu cpuset>}, else every host CPU, as libvirt reports affinity.
     */
    java.util.Map<Integer, CpuSet> vcpuPins();

    /** The host CPUs the emulator threads may run on (same rules as {@link #vcpuPins()}). */
    CpuSet emulatorPin();

    /** The host CPUs each I/O thread may run on, by I/O thread id. */
    java.util.Map<Integer, CpuSet> iothreadPins();

    /** The NUMA memory policy (live when running, else the configuration). */
    NumaPolicy numaTune();

    /** CPU time used by the domain, in nanoseconds. */
    long cpuTime();

    /** The vCPUs of a running domain. */
    List<VcpuInfo> vcpus();

    /** Memory statistics of a running domain. */
    MemoryStats memoryStats();

    /** I/O counters of one disk, by target name. */
    BlockStats blockStats(String disk);

    /** Traffic counters of one NIC, by host-side device name. */
    InterfaceStats interfaceStats(String device);

    /**
     * The definition to migrate from: libvirt's XML of the running domain as another host can take it
     * ({@code VIR_DOMAIN_XML_MIGRATABLE}: without what the hypervisor added for itself, such as default
     * controllers of older versions).
     *
     * @throws NotSupportedException from providers that do not migrate (the default)
     */
    default Domain migratable() {
        throw MigrationUnsupported.exception("virDomainGetXMLDesc(MIGRATABLE)", name());
    }

    /**
     * Migrates the running domain live to another host, and returns once it runs there: libvirt's
     * {@code virDomainMigrate3} with the options' destination and persistent XML, bandwidth and flags. While it
     * runs, the options' listener hears the job's statistics; {@link #abortJob()} from another thread cancels it.
     * On failure or cancel the domain keeps running here, as it was.
     *
     * @param destination an open connection of the same provider to the destination host
     * @param options     the destination XML, limits and listener
     * @throws NotSupportedException from providers that do not migrate (the default), or for a destination of
     *     another provider
     */
    default MigrationResult migrate(VirtConnection destination, MigrationOptions options) {
        throw MigrationUnsupported.exception("virDomainMigrate3", name());
    }

    /**
     * Aborts the domain's running job (a migration): libvirt's {@code virDomainAbortJob}.
     *
     * @throws InvalidStateException when no job runs
     * @throws NotSupportedException from providers that do not migrate (the default)
     */
    default void abortJob() {
        throw MigrationUnsupported.exception("virDomainAbortJob", name());
    }
}
