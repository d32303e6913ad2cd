package io.virtforge.libvirt.jna;

import com.sun.jna.Pointer;
import io.virtforge.xml.XmlDocument;
import java.lang.ref.Reference;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.libvirt.Connect;
import org.libvirt.Domain;

/**
 * libvirt calls that libvirt-java 0.5.4 lacks, run on the native handles of libvirt-java's own
 * {@link Connect} and {@link Domain} objects, so one connection serves both libraries.
 *
 * <p><b>Errors.</b> A failing libvirt call throws {@link NativeLibvirtException} with libvirt's error
 * code, domain and message. Invalid Java arguments throw {@link IllegalArgumentException}; a closed
 * {@code Connect} or freed {@code Domain} throws {@link IllegalStateException}; a missing libvirt
 * library throws {@link IllegalStateException} (check {@link #isAvailable()} first).
 *
 * <p><b>Threads.</b> All methods are stateless and thread-safe. libvirt connections may be shared by
 * many threads (the driver serialises what it must), and libvirt's last-error slot is thread-local:
 * each call reads its own error on its own thread right after failing. Do not close the
 * {@code Connect} (or free the {@code Domain}) while calls on it are running on other threads.
 *
 * <p><b>Memory.</b> Nothing native outlives a call: whatever libvirt allocates is copied into Java
 * values and freed before the method returns, on success and on failure. The libvirt-java objects are
 * kept reachable for the duration of each call, so their finalizers cannot close the handle under it.
 *
 * <p><b>Event loop.</b> None of these calls needs one. If the connection uses keepalive or events,
 * register libvirt's default event loop ({@code org.libvirt.Library.initEventLoop()}) before opening it.
 */
public final class NativeLibvirt {
    private NativeLibvirt() {
    }

    /** Whether the libvirt C library could be loaded and every function here bound. */
    public static boolean isAvailable() {
        return Availability.FAILURE == null;
    }

    /** Why the libvirt C library is unusable, or empty when {@link #isAvailable()}. */
    public static Optional<String> unavailableReason() {
        return Optional.ofNullable(Availability.FAILURE).map(Throwable::toString);
    }

    // ---- host --------------------------------------------------------------------------------

    /** Timer callbacks libvirt may still call: JNA needs them reachable until then. */
    private static final java.util.Set<Object> PENDING_TIMERS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Waits until libvirt's default event loop (which a thread must be running) has finished what it was doing
     * and run one more iteration: a timer of 0 ms fires only in an iteration after the one that added it. Work a
     * dispatch defers to its end (dropping the connection reference of a lifecycle callback deregistered while
     * events were being delivered) is then done.
     *
     * @return false when the loop did not come round within the timeout (or the timer could not be added)
     */
    public static boolean awaitEventLoopIteration(java.time.Duration timeout) {
        java.util.concurrent.CountDownLatch fired = new java.util.concurrent.CountDownLatch(1);
        LibvirtNative.TimeoutCallback callback = new LibvirtNative.TimeoutCallback() {
            @Override
            public void invoke(int timer, Pointer opaque) {
                LibvirtNative.virEventRemoveTimeout(timer);
                PENDING_TIMERS.remove(this);
                fired.countDown();
            }
        };
        PENDING_TIMERS.add(callback);
        int timer = LibvirtNative.virEventAddTimeout(0, callback, null, null);
        if (timer < 0) {
            PENDING_TIMERS.remove(callback);
            return false;
        }
        try {
            if (fired.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LibvirtNative.virEventRemoveTimeout(timer); // the callback stays reachable in case it runs all the same
        return false;
    }

    /**
     * {@code virConnectGetDomainCapabilities}: the domain capabilities XML for a combination of emulator,
     * architecture, machine type and virtualisation type; any of them may be {@code null} for the
     * driver's default.
     */
    public static String domainCapabilities(Connect conn, String emulator, String arch, String machine,
            String virttype) {
        return domainCapabilities(conn, emulator, arch, machine, virttype, 0);
    }

    /** As {@link #domainCapabilities(Connect, String, String, String, String)}, with libvirt flags. */
    public static String domainCapabilities(Connect conn, String emulator, String arch, String machine,
            String virttype, int flags) {
        return onConnection(conn, c -> HostCalls.domainCapabilities(c, emulator, arch, machine, virttype, flags));
    }

    /**
     * {@code virConnectCompareHypervisorCPU}: how a guest CPU ({@code <cpu>} XML) compares with what the hypervisor
     * gives for the emulator, architecture, machine and virtualisation type ({@code null}: the driver's default).
     *
     * @return 0 incompatible, 1 identical, 2 superset (libvirt's {@code virCPUCompareResult})
     */
    public static int compareHypervisorCpu(Connect conn, String emulator, String arch, String machine,
            String virttype, String cpuXml, int flags) {
        Objects.requireNonNull(cpuXml, "cpuXml");
        return onConnection(conn, c -> HostCalls.compareHypervisorCpu(c, emulator, arch, machine, virttype, cpuXml,
                flags));
    }

    /**
     * {@code virNodeGetFreePages}: free pages of each given size on {@code cellCount} consecutive NUMA cells
     * starting at {@code startCell}.
     *
     * @param pageSizesKiB page sizes in KiB, e.g. {@code {4, 2048, 1048576}}; at least one
     */
    public static FreePages freePages(Connect conn, int[] pageSizesKiB, int startCell, int cellCount) {
        Objects.requireNonNull(pageSizesKiB, "pageSizesKiB");
        return onConnection(conn, c -> HostCalls.freePages(c, pageSizesKiB, startCell, cellCount));
    }

    /**
     * {@code virNodeAllocPages}: grows (or with {@link NativeFlags#ALLOC_PAGES_SET} sets) the host's pool of
     * pages of each size on {@code cellCount} cells from {@code startCell}.
     *
     * @param pageCounts one count per entry of {@code pageSizesKiB}
     * @return the number of NUMA cells libvirt adjusted
     */
    public static int allocPages(Connect conn, int[] pageSizesKiB, long[] pageCounts, int startCell, int cellCount,
            int flags) {
        Objects.requireNonNull(pageSizesKiB, "pageSizesKiB");
        Objects.requireNonNull(pageCounts, "pageCounts");
        return onConnection(conn, c -> HostCalls.allocPages(c, pageSizesKiB, pageCounts, startCell, cellCount,
                flags));
    }

    /** {@code virNodeGetCPUMap}: the number of host CPUs, i.e. the width of every CPU map. */
    public static int hostCpuCount(Connect conn) {
        return onConnection(conn, HostCalls::hostCpuCount);
    }

    // ---- node devices ------------------------------------------------------------------------

    /** {@code virConnectListAllNodeDevices}: names of the host's devices, filtered by libvirt flags. */
    public static List<String> listAllNodeDeviceNames(Connect conn, int flags) {
        return onConnection(conn, c -> NodeDeviceCalls.listNames(c, flags));
    }

    /** {@code virNodeDeviceGetXMLDesc}: the XML of the named node device. */
    public static String nodeDeviceXml(Connect conn, String name, int flags) {
        Objects.requireNonNull(name, "name");
        return onConnection(conn, c -> NodeDeviceCalls.xml(c, name, flags));
    }

    /**
     * {@code virNodeDeviceDetachFlags}: detaches a (PCI) device from its host driver for assignment.
     *
     * @param driver the stub driver, e.g. {@code "vfio"}, or {@code null} for the hypervisor's default
     */
    public static void detachNodeDevice(Connect conn, String name, String driver) {
        Objects.requireNonNull(name, "name");
        runOnConnection(conn, c -> NodeDeviceCalls.detach(c, name, driver, 0));
    }

    /** {@code virNodeDeviceReAttach}: gives a detached device back to its host driver. */
    public static void reattachNodeDevice(Connect conn, String name) {
        Objects.requireNonNull(name, "name");
        runOnConnection(conn, c -> NodeDeviceCalls.reattach(c, name));
    }

    /** {@code virNodeDeviceCreateXML}: creates (and starts) a transient device; its name. */
    public static String createNodeDevice(Connect conn, String xml) {
        Objects.requireNonNull(xml, "xml");
        return onConnection(conn, c -> NodeDeviceCalls.createXml(c, xml, 0));
    }

    /** {@code virNodeDeviceDefineXML} (libvirt 7.3): defines a persistent device without starting it; its name. */
    public static String defineNodeDevice(Connect conn, String xml) {
        Objects.requireNonNull(xml, "xml");
        return onConnection(conn, c -> NodeDeviceCalls.defineXml(c, xml, 0));
    }

    /** {@code virNodeDeviceCreate} (libvirt 7.3): starts a defined, inactive device. */
    public static void startNodeDevice(Connect conn, String name) {
        Objects.requireNonNull(name, "name");
        runOnConnection(conn, c -> NodeDeviceCalls.start(c, name));
    }

    /** {@code virNodeDeviceDestroy}: stops (removes) a device. */
    public static void destroyNodeDevice(Connect conn, String name) {
        Objects.requireNonNull(name, "name");
        runOnConnection(conn, c -> NodeDeviceCalls.destroy(c, name));
    }

    /** {@code virNodeDeviceUndefine} (libvirt 7.3): removes a device's persistent definition. */
    public static void undefineNodeDevice(Connect conn, String name) {
        Objects.requireNonNull(name, "name");
        runOnConnection(conn, c -> NodeDeviceCalls.undefine(c, name));
    }

    /** {@code virNodeDeviceIsActive} and {@code virNodeDeviceIsPersistent} (libvirt 7.3) of a device. */
    public static NodeDeviceStatus nodeDeviceStatus(Connect conn, String name) {
        Objects.requireNonNull(name, "name");
        return onConnection(conn, c -> NodeDeviceCalls.status(c, name));
    }

    // ---- defining domains --------------------------------------------------------------------

    /**
     * {@code virDomainDefineXML}, with the document written straight into native memory (no Java string on
     * the way). Returns a libvirt-java object owning the new reference, which the caller frees
     * ({@link #freeDomain} or its {@code free()}).
     */
    public static Domain defineDomain(Connect conn, XmlDocument xml) {
        Objects.requireNonNull(xml, "xml");
        return onConnection(conn, c -> Handles.adopt(conn, DomainDefinitionCalls.define(c, xml)));
    }

    /** {@code virDomainCreateXML} (a transient domain, started), as {@link #defineDomain}. */
    public static Domain createDomain(Connect conn, XmlDocument xml, int flags) {
        Objects.requireNonNull(xml, "xml");
        return onConnection(conn, c -> Handles.adopt(conn, DomainDefinitionCalls.create(c, xml, flags)));
    }

    /** {@code virDomainIsPersistent}. */
    public static boolean isPersistent(Domain dom) {
        return onDomain(dom, DomainDefinitionCalls::isPersistent);
    }

    /** {@code virDomainUndefineFlags}; the object stays the caller's to free. */
    public static void undefineDomain(Domain dom, int flags) {
        onDomain(dom, d -> {
            DomainDefinitionCalls.undefine(d, flags);
            return null;
        });
    }

    /**
     * {@code virDomainFree} of the object's reference, as its {@code free()} does (which is then a no-op, as
     * is its finalizer), by a direct call; nothing when it was freed already.
     */
    public static void freeDomain(Domain dom) {
        Objects.requireNonNull(dom, "dom");
        requireAvailable();
        Pointer d = Handles.take(dom);
        if (d != null) {
            DomainDefinitionCalls.free(d);
        }
    }

    // ---- domain tuning -----------------------------------------------------------------------

    /**
     * {@code virDomainPinEmulator}: restricts the domain's emulator threads to {@code cpus}.
     *
     * @param cpus host CPUs (bit n = CPU n); not empty
     * @param flags {@link NativeFlags#AFFECT_CURRENT}, {@code _LIVE}, {@code _CONFIG}
     */
    public static void pinEmulator(Domain dom, BitSet cpus, int flags) {
        Objects.requireNonNull(cpus, "cpus");
        onDomain(dom, d -> {
            DomainTuningCalls.pinEmulator(d, cpus, flags);
            return null;
        });
    }

    /**
     * {@code virDomainGetEmulatorPinInfo}: the host CPUs the emulator threads may use (a map as wide as
     * {@link #hostCpuCount}); empty when libvirt reports no emulator pinning.
     */
    public static BitSet emulatorPinInfo(Domain dom, int flags) {
        return onDomain(dom, d -> DomainTuningCalls.emulatorPinInfo(d, flags));
    }

    /** {@code virDomainPinIOThread}: restricts one IOThread to {@code cpus} (not empty). */
    public static void pinIOThread(Domain dom, int iothreadId, BitSet cpus, int flags) {
        Objects.requireNonNull(cpus, "cpus");
        onDomain(dom, d -> {
            DomainTuningCalls.pinIOThread(d, iothreadId, cpus, flags);
            return null;
        });
    }

    /** {@code virDomainGetIOThreadInfo}: the domain's IOThreads and their CPU affinity. */
    public static List<IOThreadInfo> ioThreadInfo(Domain dom, int flags) {
        return onDomain(dom, d -> DomainTuningCalls.ioThreads(d, flags));
    }

    /**
     * {@code virDomainGetNumaParameters}: e.g. {@code numa_mode} (Integer, {@code virDomainNumatuneMemMode})
     * and {@code numa_nodeset} (String). Value types as in {@link #allDomainStats}.
     */
    public static Map<String, Object> numaParameters(Domain dom, int flags) {
        return onDomain(dom, d -> DomainTuningCalls.numaParameters(d, flags));
    }

    /**
     * {@code virDomainSetNumaParameters}. {@code numa_mode} is sent as int and {@code numa_nodeset} as
     * string; any other field is typed from its Java value (libvirt rejects unknown fields). A map read
     * by {@link #numaParameters} can be sent back unchanged.
     */
    public static void setNumaParameters(Domain dom, Map<String, ?> params, int flags) {
        Objects.requireNonNull(params, "params");
        onDomain(dom, d -> {
            DomainTuningCalls.setNumaParameters(d, params, flags);
            return null;
        });
    }

    // ---- migration ---------------------------------------------------------------------------

    /**
     * {@code virDomainMigrate3}: migrates the domain to the connection {@code dest}, returning once it runs there
     * (or failed: then it still runs here).
     *
     * @param params {@code migrate_uri}, {@code destination_name}, {@code destination_xml}, {@code persistent_xml}
     *               (strings), {@code bandwidth} (MiB/s, a Long); other fields typed from their Java value
     * @param flags  {@link NativeFlags#MIGRATE_LIVE} and the other {@code MIGRATE_*} flags, or'ed
     */
    public static void migrate3(Domain dom, Connect dest, Map<String, ?> params, int flags) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(dest, "dest");
        try {
            onDomain(dom, d -> {
                MigrationCalls.migrate3(d, Handles.connection(dest), params, flags);
                return null;
            });
        } finally {
            Reference.reachabilityFence(dest);
        }
    }

    /**
     * {@code virDomainGetJobStats}: the domain's current job (or with {@link NativeFlags#JOB_STATS_COMPLETED} its
     * last completed one).
     */
    public static JobStats jobStats(Domain dom, int flags) {
        return onDomain(dom, d -> MigrationCalls.jobStats(d, flags));
    }

    // ---- QoS parameters ----------------------------------------------------------------------
    // Reads decode as allDomainStats' values do; writes take a schema of native types for the fields they name
    // (other fields are typed from their Java value) and send only the fields in the map.

    /** {@code virDomainGetSchedulerParametersFlags}: {@code cpu_shares}, {@code vcpu_period}, {@code vcpu_quota}... */
    public static Map<String, Object> schedulerParameters(Domain dom, int flags) {
        return onDomain(dom, d -> QosCalls.get("virDomainGetSchedulerParametersFlags",
                (p, n) -> LibvirtNative.virDomainGetSchedulerParametersFlags(d, p, n, flags), false));
    }

    /** {@code virDomainSetSchedulerParametersFlags}. */
    public static void setSchedulerParameters(Domain dom, Map<String, ?> params,
            int flags) {
        Objects.requireNonNull(params, "params");
        onDomain(dom, d -> {
            QosCalls.set("virDomainSetSchedulerParametersFlags", params, QosCalls.SCHEDULER,
                    (p, n) -> LibvirtNative.virDomainSetSchedulerParametersFlags(d, p, n, flags));
            return null;
        });
    }

    /** {@code virDomainGetBlockIoTune} of one disk (target or source path). */
    public static Map<String, Object> blockIoTune(Domain dom, String disk, int flags) {
        Objects.requireNonNull(disk, "disk");
        return onDomain(dom, d -> QosCalls.get("virDomainGetBlockIoTune",
                (p, n) -> LibvirtNative.virDomainGetBlockIoTune(d, disk, p, n, flags), true));
    }

    /** {@code virDomainSetBlockIoTune} of one disk. */
    public static void setBlockIoTune(Domain dom, String disk, Map<String, ?> params,
            int flags) {
        Objects.requireNonNull(disk, "disk");
        onDomain(dom, d -> {
            QosCalls.set("virDomainSetBlockIoTune", params, QosCalls.BLOCK_IO_TUNE,
                    (p, n) -> LibvirtNative.virDomainSetBlockIoTune(d, disk, p, n, flags));
            return null;
        });
    }

    /** {@code virDomainGetInterfaceParameters} of one NIC (host-side device or MAC address). */
    public static Map<String, Object> interfaceParameters(Domain dom, String device, int flags) {
        Objects.requireNonNull(device, "device");
        return onDomain(dom, d -> QosCalls.get("virDomainGetInterfaceParameters",
                (p, n) -> LibvirtNative.virDomainGetInterfaceParameters(d, device, p, n, flags), true));
    }

    /** {@code virDomainSetInterfaceParameters} of one NIC. */
    public static void setInterfaceParameters(Domain dom, String device, Map<String, ?> params, int flags) {
        Objects.requireNonNull(device, "device");
        onDomain(dom, d -> {
            QosCalls.set("virDomainSetInterfaceParameters", params, QosCalls.INTERFACE,
                    (p, n) -> LibvirtNative.virDomainSetInterfaceParameters(d, device, p, n, flags));
            return null;
        });
    }

    /** {@code virDomainGetMemoryParameters}: {@code hard_limit} and so on, in KiB. */
    public static Map<String, Object> memoryParameters(Domain dom, int flags) {
        return onDomain(dom, d -> QosCalls.get("virDomainGetMemoryParameters",
                (p, n) -> LibvirtNative.virDomainGetMemoryParameters(d, p, n, flags), true));
    }

    /** {@code virDomainSetMemoryParameters}. */
    public static void setMemoryParameters(Domain dom, Map<String, ?> params,
            int flags) {
        onDomain(dom, d -> {
            QosCalls.set("virDomainSetMemoryParameters", params, QosCalls.MEMORY,
                    (p, n) -> LibvirtNative.virDomainSetMemoryParameters(d, p, n, flags));
            return null;
        });
    }

    /** {@code virDomainGetBlkioParameters}: {@code weight} and the {@code device_*} lists. */
    public static Map<String, Object> blkioParameters(Domain dom, int flags) {
        return onDomain(dom, d -> QosCalls.get("virDomainGetBlkioParameters",
                (p, n) -> LibvirtNative.virDomainGetBlkioParameters(d, p, n, flags), true));
    }

    /** {@code virDomainSetBlkioParameters}. */
    public static void setBlkioParameters(Domain dom, Map<String, ?> params,
            int flags) {
        onDomain(dom, d -> {
            QosCalls.set("virDomainSetBlkioParameters", params, QosCalls.BLKIO,
                    (p, n) -> LibvirtNative.virDomainSetBlkioParameters(d, p, n, flags));
            return null;
        });
    }

    // ---- statistics --------------------------------------------------------------------------

    /**
     * {@code virConnectGetAllDomainStats}: statistics of every domain matching {@code flags}.
     *
     * <p>Parameter values decode as: int to {@link Integer}; uint, llong and ullong to {@link Long} (an
     * ullong of 2^63 or more reads negative, use {@link Long#toUnsignedString(long)}); double to
     * {@link Double}; boolean to {@link Boolean}; string to {@link String}.
     *
     * @param stats {@code NativeFlags.STATS_*} groups or'ed, or 0 for every group the driver supports
     * @param flags {@code NativeFlags.GET_ALL_DOMAINS_STATS_*}
     */
    public static List<DomainStatsRecord> allDomainStats(Connect conn, int stats, int flags) {
        return onConnection(conn, c -> StatsCalls.allDomainStats(c, stats, flags));
    }

    // ---- plumbing ----------------------------------------------------------------------------

    private static void runOnConnection(Connect conn, Consumer<Pointer> call) {
        onConnection(conn, c -> {
            call.accept(c);
            return null;
        });
    }

    private static <T> T onConnection(Connect conn, Function<Pointer, T> call) {
        Objects.requireNonNull(conn, "conn");
        requireAvailable();
        try {
            return call.apply(Handles.connection(conn));
        } finally {
            Reference.reachabilityFence(conn); // libvirt-java's finalizer closes the handle
        }
    }

    private static <T> T onDomain(Domain dom, Function<Pointer, T> call) {
        Objects.requireNonNull(dom, "dom");
        requireAvailable();
        try {
            return call.apply(Handles.domain(dom));
        } finally {
            Reference.reachabilityFence(dom); // libvirt-java's finalizer frees the handle
        }
    }

    private static void requireAvailable() {
        if (Availability.FAILURE != null) {
            throw new IllegalStateException("libvirt C library unavailable: " + Availability.FAILURE,
                    Availability.FAILURE);
        }
    }

    /** Loads the library once, lazily, remembering why it failed. */
    private static final class Availability {
        static final Throwable FAILURE = load();

        private static Throwable load() {
            try {
                LibvirtNative.ensureLoaded();
                return null;
            } catch (LinkageError e) {
                return e;
            }
        }
    }
}
