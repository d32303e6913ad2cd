package io.virtforge.fake.libvirt;

import io.virtforge.connect.DomainQos;
import io.virtforge.connect.Scope;
import io.virtforge.model.Bandwidth;
import io.virtforge.model.BlkioTune;
import io.virtforge.model.CpuTune;
import io.virtforge.model.Disk;
import io.virtforge.model.Domain;
import io.virtforge.model.IoTune;
import io.virtforge.model.IoTune.Limit;
import io.virtforge.model.MemTune;
import io.virtforge.model.NetInterface;
import io.virtforge.value.DataSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The fake's {@link DomainQos}: QoS changes applied to the domain's XML as libvirt 9.0's QEMU driver applies them
 * (checked with {@code virsh schedinfo}, {@code blkdeviotune}, {@code domiftune}, {@code memtune} and
 * {@code blkiotune} against the tests' private libvirtd): only the values given change; a disk's total limit and
 * its read/write limits replace each other; 0 removes a limit; a running domain reads its cgroup's CPU defaults
 * (shares 1024, periods 100000 µs, quotas -1, cgroup v1's) where the XML says nothing. Scopes, states and their
 * errors are {@link DomainTuning#edit}'s. Unlike the machine it was checked on, the fake's host has the tc queueing
 * disciplines and an I/O scheduler with weights, so live bandwidth and blkio changes succeed.
 */
final class QosSettings implements DomainQos {
    private static final long DEFAULT_SHARES = 1024;
    private static final long DEFAULT_PERIOD = 100_000;

    private final FakeState state;
    private final UUID uuid;
    private final String name;

    QosSettings(FakeState state, UUID uuid, String name) {
        this.state = state;
        this.uuid = uuid;
        this.name = name;
    }

    /** The definition a read of {@code scope} sees, refused as libvirt refuses it. */
    private Domain read(String operation, Scope scope) {
        synchronized (state) {
            state.call(operation);
            DomainEntry e = state.entry(uuid, name);
            if (DomainQos.readable(scope) == Scope.LIVE) {
                if (!e.active()) {
                    throw FakeErrors.notRunning(name);
                }
                return e.live;
            }
            if (!e.persistent) {
                throw FakeErrors.transientConfig(name);
            }
            return e.config;
        }
    }

    /** The scope a setter reads back: the running domain when the change reached it. */
    private static Scope readBack(Scope scope) {
        return scope == Scope.CONFIG ? Scope.CONFIG : Scope.LIVE;
    }

    // ---- CPU

    @Override
    public CpuTune scheduler(Scope scope) {
        Domain d = read("scheduler", scope);
        CpuTune t = d.cputune().orElseGet(() -> CpuTune.builder().build());
        boolean live = scope == Scope.LIVE;
        return CpuTune.builder()
                .shares(value(t.shares(), live ? DEFAULT_SHARES : null))
                .period(value(t.period(), live ? DEFAULT_PERIOD : null))
                .quota(quota(t.quota(), live))
                .globalPeriod(value(t.globalPeriod(), live ? DEFAULT_PERIOD : null))
                .globalQuota(quota(t.globalQuota(), live))
                .emulatorPeriod(value(t.emulatorPeriod(), live ? DEFAULT_PERIOD : null))
                .emulatorQuota(quota(t.emulatorQuota(), live))
                .iothreadPeriod(value(t.iothreadPeriod(), live ? DEFAULT_PERIOD : null))
                .iothreadQuota(quota(t.iothreadQuota(), live))
                .build();
    }

    private static Long value(OptionalLong v, Long dflt) {
        return v.isPresent() && v.getAsLong() != 0 ? Long.valueOf(v.getAsLong()) : dflt;
    }

    private static Long quota(Optional<Long> v, boolean live) {
        return v.filter(q -> q != 0).orElse(live ? -1L : null);
    }

    @Override
    public CpuTune setScheduler(CpuTune tune, Scope scope) {
        Objects.requireNonNull(tune, "tune");
        // libvirt's SCHED_RANGE_CHECK, in its order, before anything changes
        period("vcpu_period", tune.period());
        quota("vcpu_quota", tune.quota());
        period("emulator_period", tune.emulatorPeriod());
        quota("emulator_quota", tune.emulatorQuota());
        period("global_period", tune.globalPeriod());
        quota("global_quota", tune.globalQuota());
        period("iothread_period", tune.iothreadPeriod());
        quota("iothread_quota", tune.iothreadQuota());
        DomainTuning.edit(state, uuid, name, "setScheduler", scope, (e, d, live) -> {
            CpuTune.Builder b = d.cputune().map(CpuTune::toBuilder).orElseGet(CpuTune::builder);
            tune.shares().ifPresent(v -> b.shares(v));
            tune.period().ifPresent(v -> b.period(v));
            tune.quota().ifPresent(b::quota);
            tune.globalPeriod().ifPresent(v -> b.globalPeriod(v));
            tune.globalQuota().ifPresent(b::globalQuota);
            tune.emulatorPeriod().ifPresent(v -> b.emulatorPeriod(v));
            tune.emulatorQuota().ifPresent(b::emulatorQuota);
            tune.iothreadPeriod().ifPresent(v -> b.iothreadPeriod(v));
            tune.iothreadQuota().ifPresent(b::iothreadQuota);
            return d.toBuilder().cputune(b.build()).build();
        });
        return scheduler(readBack(scope));
    }

    private static void period(String parameter, OptionalLong v) {
        long p = v.orElse(0);
        if (p > 0 && (p < CpuTune.PERIOD_MIN || p > CpuTune.PERIOD_MAX)) {
            throw QosErrors.outOfRange(parameter, CpuTune.PERIOD_MIN, CpuTune.PERIOD_MAX);
        }
    }

    private static void quota(String parameter, Optional<Long> v) {
        long q = v.orElse(0L);
        if (q > 0 && (q < CpuTune.QUOTA_MIN || q > CpuTune.QUOTA_MAX)) {
            throw QosErrors.outOfRange(parameter, CpuTune.QUOTA_MIN, CpuTune.QUOTA_MAX);
        }
    }

    // ---- disks

    @Override
    public IoTune blockIoTune(String disk, Scope scope) {
        Domain d = read("blockIoTune", scope);
        return disk(d, disk, scope == Scope.LIVE).iotune().orElseGet(() -> IoTune.builder().build());
    }

    private static Disk disk(Domain d, String disk, boolean live) {
        Objects.requireNonNull(disk, "disk");
        return d.devices().disks().stream()
                .filter(x -> x.targetDev().filter(disk::equals).isPresent() || x.source()
                        .flatMap(s -> s.file().or(s::dev)).filter(disk::equals).isPresent())
                .findFirst()
                .orElseThrow(() -> live ? QosErrors.liveDiskMissing(disk) : QosErrors.configDiskMissing(disk));
    }

    @Override
    public IoTune setBlockIoTune(String disk, IoTune tune, Scope scope) {
        Objects.requireNonNull(tune, "tune");
        for (boolean bursts : new boolean[] {false, true}) {
            for (Limit total : List.of(Limit.TOTAL_BYTES_SEC, Limit.TOTAL_IOPS_SEC)) {
                List<Limit> group = IoTuneGroups.of(total);
                if (given(tune, total, bursts) && (given(tune, group.get(1), bursts) || given(tune, group.get(2), bursts))) {
                    throw QosErrors.totalWithSplit(total.xmlName().substring("total_".length()) + (bursts ? "_max" : ""));
                }
            }
        }
        DomainTuning.edit(state, uuid, name, "setBlockIoTune", scope, (e, d, live) -> {
            Disk old = disk(d, disk, live);
            IoTune merged = IoTuneGroups.merge(old.iotune().orElseGet(() -> IoTune.builder().build()), tune);
            for (Limit l : Limit.values()) {
                long rate = merged.rate(l).orElse(0);
                long burst = merged.burst(l).orElse(0);
                if (burst > 0 && burst < rate) {
                    throw QosErrors.burstBelowRate(l.burstName(), l.xmlName());
                }
                if (merged.burstLength(l).orElse(0) > 0 && burst == 0) {
                    throw QosErrors.lengthWithoutBurst(l.burstLengthName(), l.burstName());
                }
            }
            Disk changed = old.toBuilder().iotune(merged.isEmpty() ? null : merged).build();
            return DomainEdits.update(d, changed, live);
        });
        return blockIoTune(disk, readBack(scope));
    }

    private static boolean given(IoTune t, Limit l, boolean burst) {
        return (burst ? t.burst(l) : t.rate(l)).isPresent();
    }

    // ---- NICs

    @Override
    public Bandwidth interfaceBandwidth(String device, Scope scope) {
        Domain d = read("interfaceBandwidth", scope);
        return nic(d, device).bandwidth().orElseGet(() -> Bandwidth.of(null, null));
    }

    /** A NIC by host-side device (only the running XML has one) or MAC address, as virDomainNetFind. */
    private static NetInterface nic(Domain d, String device) {
        Objects.requireNonNull(device, "device");
        return d.devices().interfaces().stream()
                .filter(n -> n.targetDev().filter(device::equals).isPresent()
                        || n.mac().filter(m -> m.format().equalsIgnoreCase(device)).isPresent())
                .findFirst().orElseThrow(() -> FakeErrors.noSuchInterface(device));
    }

    @Override
    public Bandwidth setInterfaceBandwidth(String device, Bandwidth bandwidth, Scope scope) {
        Objects.requireNonNull(bandwidth, "bandwidth");
        DomainTuning.edit(state, uuid, name, "setInterfaceBandwidth", scope, (e, d, live) -> {
            NetInterface old = nic(d, device);
            Bandwidth was = old.bandwidth().orElseGet(() -> Bandwidth.of(null, null));
            Bandwidth.Limit in = direction(was.inbound(), bandwidth.inbound());
            Bandwidth.Limit out = direction(was.outbound(), bandwidth.outbound());
            if (in != null && in.floor().orElse(0) > 0 && !old.type().equals("network")) {
                throw QosErrors.floorNotOnNetwork(old.mac().map(m -> m.format()).orElse(device));
            }
            NetInterface changed = old.toBuilder()
                    .bandwidth(in == null && out == null ? null : Bandwidth.of(in, out)).build();
            return DomainEdits.update(d, changed, live);
        });
        return interfaceBandwidth(device, readBack(scope));
    }

    /** One direction after a change: the given attributes over the old ones; no average and no floor removes it. */
    private static Bandwidth.Limit direction(Optional<Bandwidth.Limit> was, Optional<Bandwidth.Limit> given) {
        if (given.isEmpty()) {
            return was.orElse(null);
        }
        Bandwidth.Limit g = given.get();
        Bandwidth.LimitBuilder b = was.map(Bandwidth.Limit::toBuilder).orElseGet(Bandwidth.Limit::builder);
        b.average(positive(g.average(), was.map(Bandwidth.Limit::average)));
        b.peak(positive(g.peak(), was.map(Bandwidth.Limit::peak)));
        b.burst(positive(g.burst(), was.map(Bandwidth.Limit::burst)));
        b.floor(positive(g.floor(), was.map(Bandwidth.Limit::floor)));
        Bandwidth.Limit l = b.build();
        return l.average().isEmpty() && l.floor().isEmpty() ? null : l;
    }

    private static Long positive(OptionalLong given, Optional<OptionalLong> was) {
        OptionalLong v = given.isPresent() ? given : was.orElse(OptionalLong.empty());
        return v.isPresent() && v.getAsLong() > 0 ? Long.valueOf(v.getAsLong()) : null;
    }

    // ---- memory

    @Override
    public MemTune memoryTune(Scope scope) {
        return read("memoryTune", scope).memtune().orElseGet(() -> MemTune.builder().build());
    }

    @Override
    public MemTune setMemoryTune(MemTune tune, Scope scope) {
        Objects.requireNonNull(tune, "tune");
        if (tune.minGuarantee().isPresent()) {
            throw QosErrors.parameterUnsupported("min_guarantee");
        }
        DomainTuning.edit(state, uuid, name, "setMemoryTune", scope, (e, d, live) -> {
            MemTune was = d.memtune().orElseGet(() -> MemTune.builder().build());
            DataSize hard = tune.hardLimit().or(was::hardLimit).orElse(null);
            DataSize swap = tune.swapHardLimit().or(was::swapHardLimit).orElse(null);
            if (hard != null && swap != null && hard.bytes() > swap.bytes()) {
                throw QosErrors.hardAboveSwap();
            }
            MemTune.Builder b = was.toBuilder().hardLimit(hard).swapHardLimit(swap);
            tune.softLimit().ifPresent(b::softLimit);
            return d.toBuilder().memtune(b.build()).build();
        });
        return memoryTune(readBack(scope));
    }

    // ---- block I/O cgroup

    private static BlkioTune.DeviceTune mergeDevice(BlkioTune.DeviceTune was, BlkioTune.DeviceTune given) {
        BlkioTune.DeviceBuilder b = was.toBuilder();
        given.weight().ifPresent(v -> b.weight(v));
        given.readIopsSec().ifPresent(v -> b.readIopsSec(v));
        given.writeIopsSec().ifPresent(v -> b.writeIopsSec(v));
        given.readBytesSec().ifPresent(v -> b.readBytesSec(v));
        given.writeBytesSec().ifPresent(v -> b.writeBytesSec(v));
        return b.build();
    }

    @Override
    public BlkioTune blkioTune(Scope scope) {
        return read("blkioTune", scope).blkiotune().orElseGet(() -> BlkioTune.builder().build());
    }

    @Override
    public BlkioTune setBlkioTune(BlkioTune tune, Scope scope) {
        Objects.requireNonNull(tune, "tune");
        DomainTuning.edit(state, uuid, name, "setBlkioTune", scope, (e, d, live) -> {
            BlkioTune was = d.blkiotune().orElseGet(() -> BlkioTune.builder().build());
            Map<String, BlkioTune.DeviceTune> byPath = new LinkedHashMap<>();
            for (BlkioTune.DeviceTune t : was.devices()) {
                byPath.put(t.path().orElse(""), t);
            }
            for (BlkioTune.DeviceTune t : tune.devices()) { // virDomainMergeBlkioDevice: field by field
                byPath.merge(t.path().orElse(""), t, QosSettings::mergeDevice);
            }
            BlkioTune.Builder b = was.toBuilder().devices(new ArrayList<>(byPath.values()));
            tune.weight().ifPresent(b::weight);
            return d.toBuilder().blkiotune(b.build()).build();
        });
        return blkioTune(readBack(scope));
    }
}
