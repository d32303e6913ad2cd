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

    private static int readFlags(Scope scope) {
        return Flags.affect(DomainQos.readable(scope));
    }

    private static Scope readBack(Scope scope) {
        return scope == Scope.CONFIG ? Scope.CONFIG : Scope.LIVE;
    }

    private void set(String operation, Map<String, Object> params, Scope scope, NativeSet call) {
        if (params.isEmpty()) {
            return; // libvirt takes an empty change as a no-op too, but some drivers refuse nparams 0
        }
        int flags = Flags.affect(Objects.requireNonNull(scope, "scope"));
        on(operation, (c, d) -> {
            call.set(d, params, flags);
            return null;
        });
    }

    @FunctionalInterface
    private interface NativeSet {
        void set(org.libvirt.Domain dom, Map<String, Object> params, int flags);
    }

    @Override
    public CpuTune scheduler(Scope scope) {
        int flags = readFlags(scope);
        return QosParameters.readScheduler(on("reading the scheduler parameters",
                (c, d) -> NativeLibvirt.schedulerParameters(d, flags)));
    }

    @Override
    public CpuTune setScheduler(CpuTune tune, Scope scope) {
        set("setting the scheduler parameters", QosParameters.scheduler(tune), scope,
                NativeLibvirt::setSchedulerParameters);
        return scheduler(readBack(scope));
    }

    @Override
    public IoTune blockIoTune(String disk, Scope scope) {
        int flags = readFlags(scope);
        return QosParameters.readBlockIoTune(on("reading the I/O throttling of disk " + disk,
                (c, d) -> NativeLibvirt.blockIoTune(d, disk, flags)));
    }

    @Override
    public IoTune setBlockIoTune(String disk, IoTune tune, Scope scope) {
        Objects.requireNonNull(disk, "disk");
        set("setting the I/O throttling of disk " + disk, QosParameters.blockIoTune(tune), scope,
                (d, p, f) -> NativeLibvirt.setBlockIoTune(d, disk, p, f));
        return blockIoTune(disk, readBack(scope));
    }

    @Override
    public Bandwidth interfaceBandwidth(String device, Scope scope) {
        int flags = readFlags(scope);
        return QosParameters.readBandwidth(on("reading the bandwidth of interface " + device,
                (c, d) -> NativeLibvirt.interfaceParameters(d, device, flags)));
    }

    @Override
    public Bandwidth setInterfaceBandwidth(String device, Bandwidth bandwidth, Scope scope) {
        Objects.requireNonNull(device, "device");
        set("setting the bandwidth of interface " + device, QosParameters.bandwidth(bandwidth), scope,
                (d, p, f) -> NativeLibvirt.setInterfaceParameters(d, device, p, f));
        return interfaceBandwidth(device, readBack(scope));
    }

    @Override
    public MemTune memoryTune(Scope scope) {
        int flags = readFlags(scope);
        return QosParameters.readMemory(on("reading the memory parameters", (c, d) -> NativeLibvirt.memoryParameters(d, flags)));
    }

    @Override
    public MemTune setMemoryTune(MemTune tune, Scope scope) {
        set("setting the memory parameters", QosParameters.memory(tune), scope, NativeLibvirt::setMemoryParameters);
        return memoryTune(readBack(scope));
    }

    @Override
    public BlkioTune blkioTune(Scope scope) {
        int flags = readFlags(scope);
        return QosParameters.readBlkio(on("reading the blkio parameters", (c, d) -> NativeLibvirt.blkioParameters(d, flags)));
    }

    @Override
    public BlkioTune setBlkioTune(BlkioTune tune, Scope scope) {
        set("setting the blkio parameters", QosParameters.blkio(tune), scope, NativeLibvirt::setBlkioParameters);
        return blkioTune(readBack(scope));
    }
}
