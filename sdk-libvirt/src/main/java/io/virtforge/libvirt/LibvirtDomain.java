package io.virtforge.libvirt;

import io.virtforge.connect.BlockStats;
import io.virtforge.connect.DomainState;
import io.virtforge.connect.InterfaceStats;
import io.virtforge.connect.InvalidStateException;
import io.virtforge.connect.LibvirtErrors;
import io.virtforge.connect.MemoryStats;
import io.virtforge.connect.NumaPolicy;
import io.virtforge.connect.NotFoundException;
import io.virtforge.connect.Scope;
import io.virtforge.connect.UndefineOption;
import io.virtforge.connect.VcpuInfo;
import io.virtforge.connect.VirtDomain;
import io.virtforge.libvirt.jna.IOThreadInfo;
import io.virtforge.libvirt.jna.NativeFlags;
import io.virtforge.libvirt.jna.NativeLibvirt;
import io.virtforge.model.Device;
import io.virtforge.model.Domain;
import io.virtforge.model.NumaMode;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.libvirt.DomainBlockStats;
import org.libvirt.DomainInterfaceStats;
import org.libvirt.LibvirtException;
import org.libvirt.MemoryStatistic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A domain of a {@link LibvirtConnection}. The handle holds only the domain's UUID (and the name it had
 * when the handle was made): every call looks the domain up by UUID on the connection's current native
 * connection, acts, and frees libvirt-java's {@code Domain} object before returning. (The first call on a
 * handle that define or create returned uses the object they got instead of a lookup; see
 * {@link LibvirtConnection#heldDomainHandles()}.) Handles are
 * therefore cheap, need no closing, stay valid across {@link LibvirtConnection#reconnect()}, and throw
 * {@link NotFoundException} (libvirt's {@code VIR_ERR_NO_DOMAIN}) once the domain is gone. Thread-safe.
 *
 * <p>Besides {@link VirtDomain}, it reads back the tuning libvirt applied ({@link #vcpuPins()},
 * {@link #emulatorPin()}, {@link #iothreadPins()}, {@link #numaTune()}) and gives libvirt's own XML
 * ({@link #definitionXml()}, {@link #liveXml()}).
 */
public final class LibvirtDomain implements VirtDomain {
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtDomain.class);
    private static final Duration SHUTDOWN_POLL = Duration.ofMillis(100);

    private final LibvirtConnection connection;
    private final UUID uuid;
    private final String name;
    /** The object define or create got from libvirt, until the first call takes it; empty otherwise. */
    private final AtomicReference<org.libvirt.Domain> handedOver;

    LibvirtDomain(LibvirtConnection connection, UUID uuid, String name) {
        this(connection, uuid, name, new AtomicReference<>());
    }

    private LibvirtDomain(LibvirtConnection connection, UUID uuid, String name,
            AtomicReference<org.libvirt.Domain> handedOver) {
        this.connection = connection;
        this.uuid = uuid;
        this.name = name;
        this.handedOver = handedOver;
    }

    /** This handle, whose first call uses the object waiting in {@code slot} instead of a lookup. */
    LibvirtDomain holding(AtomicReference<org.libvirt.Domain> slot) {
        return new LibvirtDomain(connection, uuid, name, slot);
    }

    private <T> T on(String operation, LibvirtConnection.DomainCall<T> fn) {
        return connection.onDomain(uuid, handedOver, operation + " of domain '" + name + "'", LibvirtErrors.Call.GENERAL,
                fn);
    }

    private void run(String operation, DomainAction action) {
        on(operation, (c, d) -> {
            action.apply(d);
            return null;
        });
    }

    @FunctionalInterface
    private interface DomainAction {
        void apply(org.libvirt.Domain dom) throws LibvirtException;
    }

    /** The connection the handle belongs to. */
    public LibvirtConnection connection() {
        return connection;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public UUID uuid() {
        return uuid;
    }

    @Override
    public DomainState state() {
        return on("reading the state", (c, d) -> DomainState.fromLibvirt(d.getInfo().state.ordinal()));
    }

    @Override
    public boolean persistent() {
        return on("reading persistence", (c, d) -> d.isPersistent() == 1);
    }

    @Override
    public Domain definition() {
        return DomainXml.parse(definitionXml());
    }

    @Override
    public Domain live() {
        return DomainXml.parse(liveXml());
    }

    /** libvirt's inactive XML ({@code virDomainGetXMLDesc} with {@code VIR_DOMAIN_XML_INACTIVE}). */
    public String definitionXml() {
        return on("reading the definition", (c, d) -> d.getXMLDesc(Flags.XML_INACTIVE));
    }

    @Override
    public Domain migratable() {
        return DomainXml.parse(on("reading the migratable XML",
                (c, d) -> d.getXMLDesc(Flags.XML_MIGRATABLE | Flags.XML_SECURE)));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Client-driven {@code virDomainMigrate3} from this connection to {@code destination} (which must be a
     * {@link LibvirtConnection}); the job's statistics ({@code virDomainGetJobStats}) are read every progress
     * interval on a thread of its own, and the completed job's on the destination afterwards.
     */
    @Override
    public io.virtforge.connect.MigrationResult migrate(io.virtforge.connect.VirtConnection destination,
            io.virtforge.connect.MigrationOptions options) {
        return LibvirtMigration.migrate(this, Objects.requireNonNull(destination, "destination"),
                Objects.requireNonNull(options, "options"));
    }

    @Override
    public void abortJob() {
        run("aborting the job", org.libvirt.Domain::abortJob);
    }

    /** libvirt's current XML ({@code virDomainGetXMLDesc}, no flags). */
    public String liveXml() {
        return on("reading the live XML", (c, d) -> d.getXMLDesc(0));
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void start() {
        connection.onDomain(uuid, handedOver, "starting domain '" + name + "'", LibvirtErrors.Call.START,
                (c, d) -> d.create());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Polls the state every 100 ms. A transient domain that disappears counts as shut down.
     *
     * @throws InvalidStateException if the domain is not running
     */
    @Override
    public boolean shutdown(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        run("shutting down", org.libvirt.Domain::shutdown);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!activeOrGone()) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                break;
            }
            sleep();
        }
        try {
            destroy();
            LOG.info("domain '{}' did not shut down within {}; destroyed", name, timeout);
            return false;
        } catch (InvalidStateException | NotFoundException e) {
            return true; // it stopped by itself between the last poll and the destroy
        }
    }

    private boolean activeOrGone() {
        try {
            return state().isActive();
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(SHUTDOWN_POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the shutdown", e);
        }
    }

    @Override
    public void destroy() {
        run("destroying", org.libvirt.Domain::destroy);
    }

    @Override
    public void reboot() {
        run("rebooting", d -> d.reboot(0));
    }

    @Override
    public void suspend() {
        run("suspending", org.libvirt.Domain::suspend);
    }

    @Override
    public void resume() {
        run("resuming", org.libvirt.Domain::resume);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The transient check is the SDK's own (libvirt's test driver would undefine a transient domain);
     * its exception carries code 55 ({@code VIR_ERR_OPERATION_INVALID}) and the message the QEMU driver
     * reports, with error domain 0 (raised by the SDK).
     */
    @Override
    public void undefine(UndefineOption... options) {
        int flags = Flags.undefine(options);
        run("undefining", d -> {
            if (!NativeLibvirt.isPersistent(d)) {
                throw LibvirtErrors.exception("cannot undefine transient domain '" + name + "'",
                        LibvirtErrors.VIR_ERR_OPERATION_INVALID, LibvirtErrors.VIR_FROM_NONE,
                        "Requested operation is not valid: cannot undefine transient domain", LibvirtErrors.Call.GENERAL);
            }
            NativeLibvirt.undefineDomain(d, flags);
        });
    }

    // ------------------------------------------------------------------ devices

    @Override
    public void attachDevice(Device device, Scope scope) {
        String xml = DomainXml.writeDevice(device);
        int flags = Flags.affect(scope);
        run("attaching a " + device.kind(), d -> d.attachDeviceFlags(xml, flags));
    }

    @Override
    public void detachDevice(Device device, Scope scope) {
        String xml = DomainXml.writeDevice(device);
        int flags = Flags.affect(scope);
        run("detaching a " + device.kind(), d -> d.detachDeviceFlags(xml, flags));
    }

    @Override
    public void updateDevice(Device device, Scope scope) {
        String xml = DomainXml.writeDevice(device);
        int flags = Flags.affect(scope);
        run("updating a " + device.kind(), d -> d.updateDeviceFlags(xml, flags));
    }

    // ------------------------------------------------------------------ tuning

    /**
     * {@inheritDoc}
     *
     * <p>{@link Scope#LIVE} uses {@code virDomainPinVcpu} (live only, taken by every driver, the test
     * driver included); the other scopes {@code virDomainPinVcpuFlags}.
     */
    @Override
    public void pinVcpu(int vcpu, CpuSet hostCpus, Scope scope) {
        Objects.requireNonNull(hostCpus, "hostCpus");
        int flags = Flags.affect(scope);
        if (scope == Scope.LIVE) {
            int[] map = DomainFlagCalls.unsignedBytes(DomainFlagCalls.cpuMap(hostCpus, hostCpus.last().orElse(0) + 1));
            run("pinning vCPU " + vcpu, d -> d.pinVcpu(vcpu, map));
        } else {
            run("pinning vCPU " + vcpu, d -> DomainFlagCalls.pinVcpu(d, vcpu, hostCpus, flags));
        }
    }

    @Override
    public void pinEmulator(CpuSet hostCpus, Scope scope) {
        BitSet cpus = bits(hostCpus);
        int flags = Flags.affect(scope);
        run("pinning the emulator", d -> NativeLibvirt.pinEmulator(d, cpus, flags));
    }

    @Override
    public void pinIothread(int iothread, CpuSet hostCpus, Scope scope) {
        BitSet cpus = bits(hostCpus);
        int flags = Flags.affect(scope);
        run("pinning I/O thread " + iothread, d -> NativeLibvirt.pinIOThread(d, iothread, cpus, flags));
    }

    @Override
    public void setMemory(DataSize size, Scope scope) {
        Objects.requireNonNull(size, "size");
        int flags = Flags.affect(scope);
        run("setting the memory to " + size, d -> DomainFlagCalls.setMemory(d, size.toKibRoundedUp(), flags));
    }

    /** {@inheritDoc} Through libvirt's QoS calls over JNA ({@link LibvirtQos}). */
    @Override
    public io.virtforge.connect.DomainQos qos() {
        return new LibvirtQos(connection, uuid, name);
    }

    /** {@inheritDoc} Sends {@code numa_mode} and {@code numa_nodeset} ({@code virDomainSetNumaParameters}). */
    @Override
    public void setNumaTune(NumaMode mode, NodeSet nodes, Scope scope) {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(nodes, "nodes");
        if (mode == NumaMode.UNRECOGNIZED) {
            throw new IllegalArgumentException("no libvirt value for NUMA mode " + mode);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("numa_mode", mode.ordinal()); // virDomainNumatuneMemMode: strict 0, preferred 1, interleave 2, restrictive 3
        params.put("numa_nodeset", nodes.format());
        int flags = Flags.affect(scope);
        run("setting the NUMA policy", d -> NativeLibvirt.setNumaParameters(d, params, flags));
    }

    /** The host CPUs each vCPU may run on, by vCPU ({@code virDomainGetVcpuPinInfo}; live if running, else config). */
    @Override
    public Map<Integer, CpuSet> vcpuPins() {
        return on("reading the vCPU pinning", (c, d) -> {
            CpuSet[] maps = DomainFlagCalls.vcpuPinInfo(d, d.getInfo().nrVirtCpu, NativeLibvirt.hostCpuCount(c),
                    NativeFlags.AFFECT_CURRENT);
            Map<Integer, CpuSet> pins = new TreeMap<>();
            for (int v = 0; v < maps.length; v++) {
                pins.put(v, maps[v]);
            }
            return pins;
        });
    }

    /** The host CPUs the emulator threads may run on ({@code virDomainGetEmulatorPinInfo}; live if running). */
    @Override
    public CpuSet emulatorPin() {
        return on("reading the emulator pinning", (c, d) -> cpus(NativeLibvirt.emulatorPinInfo(d,
                NativeFlags.AFFECT_CURRENT)));
    }

    /** The host CPUs each I/O thread may run on, by I/O thread id ({@code virDomainGetIOThreadInfo}). */
    @Override
    public Map<Integer, CpuSet> iothreadPins() {
        return on("reading the I/O thread pinning", (c, d) -> {
            Map<Integer, CpuSet> pins = new TreeMap<>();
            for (IOThreadInfo info : NativeLibvirt.ioThreadInfo(d, NativeFlags.AFFECT_CURRENT)) {
                pins.put(info.iothreadId(), cpus(info.cpuAffinity()));
            }
            return pins;
        });
    }

    /** The NUMA memory policy ({@code virDomainGetNumaParameters}; live if running, else config). */
    @Override
    public NumaPolicy numaTune() {
        return on("reading the NUMA policy", (c, d) -> {
            Map<String, Object> p = NativeLibvirt.numaParameters(d, NativeFlags.AFFECT_CURRENT);
            int mode = p.get("numa_mode") instanceof Number n ? n.intValue() : -1;
            NumaMode[] modes = NumaMode.values();
            String nodeset = p.get("numa_nodeset") instanceof String s ? s : "";
            return new NumaPolicy(mode >= 0 && mode < modes.length - 1 ? modes[mode] : NumaMode.UNRECOGNIZED,
                    nodeset.isEmpty() ? NodeSet.empty() : NodeSet.parse(nodeset));
        });
    }

    private static BitSet bits(CpuSet set) {
        Objects.requireNonNull(set, "hostCpus");
        BitSet b = new BitSet();
        for (int cpu : set.toArray()) {
            b.set(cpu);
        }
        return b;
    }

    private static CpuSet cpus(BitSet bits) {
        return CpuSet.of(bits.stream().boxed().toList());
    }

    // ------------------------------------------------------------------ statistics

    @Override
    public long cpuTime() {
        return on("reading the CPU time", (c, d) -> d.getInfo().cpuTime);
    }

    @Override
    public List<VcpuInfo> vcpus() {
        return on("reading the vCPUs", (c, d) -> {
            List<VcpuInfo> list = new ArrayList<>();
            for (org.libvirt.VcpuInfo v : d.getVcpusInfo()) {
                list.add(new VcpuInfo(v.number, v.state == null ? 0 : v.state.ordinal(), v.cpuTime, v.cpu));
            }
            return list;
        });
    }

    @Override
    public MemoryStats memoryStats() {
        return on("reading the memory statistics", (c, d) -> {
            Map<Integer, Long> byTag = new TreeMap<>();
            for (MemoryStatistic s : d.memoryStats(Flags.MEMORY_STAT_NR)) {
                byTag.put(s.getTag(), s.getValue());
            }
            return new MemoryStats(stat(byTag, Flags.MEMORY_STAT_ACTUAL_BALLOON), stat(byTag, Flags.MEMORY_STAT_UNUSED),
                    stat(byTag, Flags.MEMORY_STAT_AVAILABLE), stat(byTag, Flags.MEMORY_STAT_RSS));
        });
    }

    private static OptionalLong stat(Map<Integer, Long> byTag, int tag) {
        Long v = byTag.get(tag);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    @Override
    public BlockStats blockStats(String disk) {
        Objects.requireNonNull(disk, "disk");
        return on("reading the I/O counters of disk " + disk, (c, d) -> {
            DomainBlockStats s = d.blockStats(disk);
            return new BlockStats(disk, s.rd_req, s.rd_bytes, s.wr_req, s.wr_bytes);
        });
    }

    @Override
    public InterfaceStats interfaceStats(String device) {
        Objects.requireNonNull(device, "device");
        return on("reading the traffic counters of " + device, (c, d) -> {
            DomainInterfaceStats s = d.interfaceStats(device);
            return new InterfaceStats(device, s.rx_bytes, s.rx_packets, s.tx_bytes, s.tx_packets);
        });
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LibvirtDomain other && other.connection == connection && other.uuid.equals(uuid);
    }

    @Override
    public int hashCode() {
        return uuid.hashCode();
    }

    @Override
    public String toString() {
        return "LibvirtDomain[" + name + " " + uuid + " on " + connection.uri() + "]";
    }

    /** The XML codec, one place. */
    private static final class DomainXml {
        private static final io.virtforge.model.DomainXml CODEC = io.virtforge.model.DomainXml.defaults();

        static Domain parse(String xml) {
            return CODEC.parse(xml);
        }

        static String writeDevice(Device device) {
            return CODEC.writeDevice(Objects.requireNonNull(device, "device"));
        }
    }
}
