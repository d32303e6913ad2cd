package io.virtforge.libvirt;

import io.virtforge.model.Bandwidth;
import io.virtforge.model.BlkioTune;
import io.virtforge.model.CpuTune;
import io.virtforge.model.IoTune;
import io.virtforge.model.IoTune.Limit;
import io.virtforge.model.MemTune;
import io.virtforge.value.DataSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The model's QoS elements as libvirt's typed parameters and back: the names {@code virDomainSet/Get...Parameters}
 * and {@code ...BlockIoTune} use, with 0 (and memory's "unlimited") read as absent, as libvirt's XML leaves them
 * out. Pure conversion, no libvirt call.
 */
final class QosParameters {
    /** libvirt's VIR_DOMAIN_MEMORY_PARAM_UNLIMITED, in KiB: what a memory limit that is not set reads as. */
    static final long MEMORY_UNLIMITED = 9_007_199_254_740_991L;
    private static final List<String> BLKIO_LISTS = List.of("device_weight", "device_read_iops_sec",
            "device_write_iops_sec", "device_read_bytes_sec", "device_write_bytes_sec");

    private QosParameters() {
    }

    // ---- scheduler

    static Map<String, Object> scheduler(CpuTune t) {
        Map<String, Object> p = new LinkedHashMap<>();
        t.shares().ifPresent(v -> p.put("cpu_shares", v));
        t.period().ifPresent(v -> p.put("vcpu_period", v));
        t.quota().ifPresent(v -> p.put("vcpu_quota", v));
        t.emulatorPeriod().ifPresent(v -> p.put("emulator_period", v));
        t.emulatorQuota().ifPresent(v -> p.put("emulator_quota", v));
        t.globalPeriod().ifPresent(v -> p.put("global_period", v));
        t.globalQuota().ifPresent(v -> p.put("global_quota", v));
        t.iothreadPeriod().ifPresent(v -> p.put("iothread_period", v));
        t.iothreadQuota().ifPresent(v -> p.put("iothread_quota", v));
        return p;
    }

    static CpuTune readScheduler(Map<String, Object> p) {
        return CpuTune.builder().shares(nonZero(p, "cpu_shares")).period(nonZero(p, "vcpu_period"))
                .quota(nonZero(p, "vcpu_quota")).emulatorPeriod(nonZero(p, "emulator_period"))
                .emulatorQuota(nonZero(p, "emulator_quota")).globalPeriod(nonZero(p, "global_period"))
                .globalQuota(nonZero(p, "global_quota")).iothreadPeriod(nonZero(p, "iothread_period"))
                .iothreadQuota(nonZero(p, "iothread_quota")).build();
    }

    // ---- block I/O tune

    static Map<String, Object> blockIoTune(IoTune t) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (Limit l : Limit.values()) {
            t.rate(l).ifPresent(v -> p.put(l.xmlName(), v));
            t.burst(l).ifPresent(v -> p.put(l.burstName(), v));
            t.burstLength(l).ifPresent(v -> p.put(l.burstLengthName(), v));
        }
        t.sizeIopsSec().ifPresent(v -> p.put("size_iops_sec", v));
        t.groupName().ifPresent(v -> p.put("group_name", v));
        return p;
    }

    static IoTune readBlockIoTune(Map<String, Object> p) {
        IoTune.Builder b = IoTune.builder();
        for (Limit l : Limit.values()) {
            b.rate(l, nonZero(p, l.xmlName())).burst(l, nonZero(p, l.burstName()))
                    .burstLength(l, nonZero(p, l.burstLengthName()));
        }
        b.sizeIopsSec(nonZero(p, "size_iops_sec"));
        Object group = p.get("group_name");
        if (group instanceof String g && !g.isEmpty()) {
            b.groupName(g);
        }
        return b.build();
    }

    // ---- interface

    static Map<String, Object> bandwidth(Bandwidth bw) {
        Map<String, Object> p = new LinkedHashMap<>();
        bw.inbound().ifPresent(l -> direction("inbound", l, p));
        bw.outbound().ifPresent(l -> direction("outbound", l, p));
        return p;
    }

    private static void direction(String prefix, Bandwidth.Limit l, Map<String, Object> p) {
        l.average().ifPresent(v -> p.put(prefix + ".average", v));
        l.peak().ifPresent(v -> p.put(prefix + ".peak", v));
        l.burst().ifPresent(v -> p.put(prefix + ".burst", v));
        l.floor().ifPresent(v -> p.put(prefix + ".floor", v));
    }

    static Bandwidth readBandwidth(Map<String, Object> p) {
        return Bandwidth.of(direction("inbound", p), direction("outbound", p));
    }

    private static Bandwidth.Limit direction(String prefix, Map<String, Object> p) {
        Long average = nonZero(p, prefix + ".average");
        Long floor = nonZero(p, prefix + ".floor");
        if (average == null && floor == null) {
            return null; // libvirt's XML has no such direction then
        }
        return Bandwidth.Limit.builder().average(average).peak(nonZero(p, prefix + ".peak"))
                .burst(nonZero(p, prefix + ".burst")).floor(floor).build();
    }

    // ---- memory

    static Map<String, Object> memory(MemTune t) {
        Map<String, Object> p = new LinkedHashMap<>();
        t.hardLimit().ifPresent(v -> p.put("hard_limit", v.toKibRoundedUp()));
        t.softLimit().ifPresent(v -> p.put("soft_limit", v.toKibRoundedUp()));
        t.swapHardLimit().ifPresent(v -> p.put("swap_hard_limit", v.toKibRoundedUp()));
        t.minGuarantee().ifPresent(v -> p.put("min_guarantee", v.toKibRoundedUp()));
        return p;
    }

    static MemTune readMemory(Map<String, Object> p) {
        Function<String, DataSize> kib = name -> {
            Long v = nonZero(p, name);
            return v == null || v >= MEMORY_UNLIMITED ? null : DataSize.kib(v);
        };
        return MemTune.builder().hardLimit(kib.apply("hard_limit")).softLimit(kib.apply("soft_limit"))
                .swapHardLimit(kib.apply("swap_hard_limit")).minGuarantee(kib.apply("min_guarantee")).build();
    }

    // ---- blkio

    /** {@code weight}, and each device list as libvirt's "path,value,path,value" string. */
    static Map<String, Object> blkio(BlkioTune t) {
        Map<String, Object> p = new LinkedHashMap<>();
        t.weight().ifPresent(v -> p.put("weight", (long) v));
        List<Function<BlkioTune.DeviceTune, OptionalLong>> values = List.of(BlkioTune.DeviceTune::weight,
                BlkioTune.DeviceTune::readIopsSec, BlkioTune.DeviceTune::writeIopsSec,
                BlkioTune.DeviceTune::readBytesSec, BlkioTune.DeviceTune::writeBytesSec);
        for (int i = 0; i < BLKIO_LISTS.size(); i++) {
            List<String> parts = new ArrayList<>();
            for (BlkioTune.DeviceTune d : t.devices()) {
                OptionalLong v = values.get(i).apply(d);
                if (d.path().isPresent() && v.isPresent()) {
                    parts.add(d.path().get() + "," + v.getAsLong());
                }
            }
            if (!parts.isEmpty()) {
                p.put(BLKIO_LISTS.get(i), String.join(",", parts));
            }
        }
        return p;
    }

    static BlkioTune readBlkio(Map<String, Object> p) {
        Map<String, BlkioTune.DeviceBuilder> devices = new LinkedHashMap<>();
        for (String list : BLKIO_LISTS) {
            Object v = p.get(list);
            if (!(v instanceof String s) || s.isEmpty()) {
                continue;
            }
            String[] parts = s.split(",");
            for (int i = 0; i + 1 < parts.length; i += 2) {
                BlkioTune.DeviceBuilder b = devices.computeIfAbsent(parts[i], BlkioTune.DeviceTune::builder);
                long value = Long.parseLong(parts[i + 1].trim());
                Long n = value == 0 ? null : value;
                switch (list) {
                    case "device_weight" -> b.weight(n);
                    case "device_read_iops_sec" -> b.readIopsSec(n);
                    case "device_write_iops_sec" -> b.writeIopsSec(n);
                    case "device_read_bytes_sec" -> b.readBytesSec(n);
                    default -> b.writeBytesSec(n);
                }
            }
        }
        Long weight = nonZero(p, "weight");
        return BlkioTune.builder().weight(weight == null ? null : weight.intValue())
                .devices(devices.values().stream().map(BlkioTune.DeviceBuilder::build).toList()).build();
    }

    private static Long nonZero(Map<String, Object> p, String name) {
        Object v = p.get(name);
        if (v instanceof Number n && n.longValue() != 0) {
            return n.longValue();
        }
        return null;
    }

}
