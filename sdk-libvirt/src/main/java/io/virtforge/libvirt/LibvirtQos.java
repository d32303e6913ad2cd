package io.virtforge.libvirt;

import io.virtforge.connect.DomainQos;
import io.virtforge.connect.LibvirtErrors;
import io.virtforge.connect.Scope;
import io.virtforge.libvirt.jna.NativeLibvirt;
import io.virtforge.model.Bandwidth;
import io.virtforge.model.BlkioTune;
import io.virtforge.model.CpuTune;
import io.virtforge.model.IoTune;
import io.virtforge.model.MemTune;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@link DomainQos} over libvirt's QoS calls, which libvirt-java 0.5.4 lacks (it has the scheduler call without
 * flags only): through {@link NativeLibvirt} on the domain's handle, values converted by {@link QosParameters},
 * errors classified by {@link LibvirtErrors} as every call of the connection's. A setter that libvirt accepted
 * then reads back with the live flag when it changed the running domain, else with the config flag.
 */
final class LibvirtQos implements DomainQos {
    private final LibvirtConnection connection;
    private final UUID uuid;
    private final String name;

    LibvirtQos(LibvirtConnection connection, UUID uuid, String name) {
        this.connection = connection;
        this.uuid = uuid;
        this.name = name;
    }

    private <T> T on(String operation, LibvirtConnection.DomainCall<T> fn) {
        return connection.onDomain(uuid, operation + " of domain '" + name + "'", LibvirtErrors.Call.GENERAL, fn);
    }

    /** One QoS element: its name for messages, libvirt's getter and setter, and the conversions. */
    private record Kind<T>(String what, NativeGet get, NativeSet set, Function<T, Map<String, Object>> toParams,
            Function<Map<String, Object>, T> fromParams) {
    }

    @FunctionalInterface
    private interface NativeGet {
        Map<String, Object> get(org.libvirt.Domain dom, int flags);
    }

    @FunctionalInterface
    private interface NativeSet {
        void set(org.libvirt.Domain dom, Map<String, Object> params, int flags);
    }

    private static final Kind<CpuTune> SCHEDULER = new Kind<>("the scheduler parameters",
            NativeLibvirt::schedulerParameters, NativeLibvirt::setSchedulerParameters, QosParameters::scheduler,
            QosParameters::readScheduler);
    private static final Kind<MemTune> MEMORY = new Kind<>("the memory parameters", NativeLibvirt::memoryParameters,
            NativeLibvirt::setMemoryParameters, QosParameters::memory, QosParameters::readMemory);
    private static final Kind<BlkioTune> BLKIO = new Kind<>("the blkio parameters", NativeLibvirt::blkioParameters,
            NativeLibvirt::setBlkioParameters, QosParameters::blkio, QosParameters::readBlkio);

    private static Kind<IoTune> disk(String disk) {
        Objects.requireNonNull(disk, "disk");
        return new Kind<>("the I/O throttling of disk " + disk, (d, f) -> NativeLibvirt.blockIoTune(d, disk, f),
                (d, p, f) -> NativeLibvirt.setBlockIoTune(d, disk, p, f), QosParameters::blockIoTune,
                QosParameters::readBlockIoTune);
    }

    private static Kind<Bandwidth> nic(String device) {
        Objects.requireNonNull(device, "device");
        return new Kind<>("the bandwidth of interface " + device,
                (d, f) -> NativeLibvirt.interfaceParameters(d, device, f),
                (d, p, f) -> NativeLibvirt.setInterfaceParameters(d, device, p, f), QosParameters::bandwidth,
                QosParameters::readBandwidth);
    }

    private <T> T read(Kind<T> kind, Scope scope) {
        int flags = Flags.affect(DomainQos.readable(scope));
        return kind.fromParams().apply(on("reading " + kind.what(), (c, d) -> kind.get().get(d, flags)));
    }

    /** Sends what the value sets (nothing when it sets nothing), then reads back where the change went. */
    private <T> T change(Kind<T> kind, T value, Scope scope) {
        Map<String, Object> params = kind.toParams().apply(Objects.requireNonNull(value, "value"));
        int flags = Flags.affect(Objects.requireNonNull(scope, "scope"));
        if (!params.isEmpty()) { // some drivers refuse nparams 0
            on("setting " + kind.what(), (c, d) -> {
                kind.set().set(d, params, flags);
                return null;
            });
        }
        return read(kind, scope == Scope.CONFIG ? Scope.CONFIG : Scope.LIVE);
    }

    @Override
    public CpuTune scheduler(Scope scope) {
        return read(SCHEDULER, scope);
    }

    @Override
    public CpuTune setScheduler(CpuTune tune, Scope scope) {
        return change(SCHEDULER, tune, scope);
    }

    @Override
    public IoTune blockIoTune(String disk, Scope scope) {
        return read(disk(disk), scope);
    }

    @Override
    public IoTune setBlockIoTune(String disk, IoTune tune, Scope scope) {
        return change(disk(disk), tune, scope);
    }

    @Override
    public Bandwidth interfaceBandwidth(String device, Scope scope) {
        return read(nic(device), scope);
    }

    @Override
    public Bandwidth setInterfaceBandwidth(String device, Bandwidth bandwidth, Scope scope) {
        return change(nic(device), bandwidth, scope);
    }

    @Override
    public MemTune memoryTune(Scope scope) {
        return read(MEMORY, scope);
    }

    @Override
    public MemTune setMemoryTune(MemTune tune, Scope scope) {
        return change(MEMORY, tune, scope);
    }

    @Override
    public BlkioTune blkioTune(Scope scope) {
        return read(BLKIO, scope);
    }

    @Override
    public BlkioTune setBlkioTune(BlkioTune tune, Scope scope) {
        return change(BLKIO, tune, scope);
    }
}
