package io.virtforge.libvirt.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The QoS calls on a borrowed {@code virDomainPtr}: scheduler, block I/O tune, interface, memory and blkio
 * parameters, each a {@code virTypedParameter} array in both directions. Reads ask libvirt for the count first
 * (except the scheduler's, which has no such query: it gets as many slots as libvirt's remote protocol allows,
 * {@code REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX}, 16) and give Java values ({@link TypedParams#decode}).
 */
final class QosCalls {
    /** libvirt's REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX: more slots than this and the daemon refuses the call. */
    static final int SCHEDULER_SLOTS = 16;

    /** The native types libvirt's {@code virTypedParamsValidate} requires of each call's fields. */
    static final Map<String, TypedParamType> SCHEDULER = Map.of("cpu_shares", TypedParamType.ULLONG,
            "vcpu_period", TypedParamType.ULLONG, "vcpu_quota", TypedParamType.LLONG,
            "emulator_period", TypedParamType.ULLONG, "emulator_quota", TypedParamType.LLONG,
            "global_period", TypedParamType.ULLONG, "global_quota", TypedParamType.LLONG,
            "iothread_period", TypedParamType.ULLONG, "iothread_quota", TypedParamType.LLONG);
    static final Map<String, TypedParamType> BLOCK_IO_TUNE = blockIoTuneSchema();
    static final Map<String, TypedParamType> INTERFACE = Map.of("inbound.average", TypedParamType.UINT,
            "inbound.peak", TypedParamType.UINT, "inbound.burst", TypedParamType.UINT,
            "inbound.floor", TypedParamType.UINT, "outbound.average", TypedParamType.UINT,
            "outbound.peak", TypedParamType.UINT, "outbound.burst", TypedParamType.UINT);
    static final Map<String, TypedParamType> MEMORY = Map.of("hard_limit", TypedParamType.ULLONG,
            "soft_limit", TypedParamType.ULLONG, "swap_hard_limit", TypedParamType.ULLONG,
            "min_guarantee", TypedParamType.ULLONG);
    static final Map<String, TypedParamType> BLKIO = Map.of("weight", TypedParamType.UINT,
            "device_weight", TypedParamType.STRING, "device_read_iops_sec", TypedParamType.STRING,
            "device_write_iops_sec", TypedParamType.STRING, "device_read_bytes_sec", TypedParamType.STRING,
            "device_write_bytes_sec", TypedParamType.STRING);

    private static Map<String, TypedParamType> blockIoTuneSchema() {
        Map<String, TypedParamType> m = new HashMap<>();
        for (String kind : List.of("total", "read", "write")) {
            for (String unit : List.of("bytes_sec", "iops_sec")) {
                for (String suffix : List.of("", "_max", "_max_length")) {
                    m.put(kind + "_" + unit + suffix, TypedParamType.ULLONG);
                }
            }
        }
        m.put("size_iops_sec", TypedParamType.ULLONG);
        m.put("group_name", TypedParamType.STRING);
        return Map.copyOf(m);
    }

    private QosCalls() {
    }

    /** One libvirt getter of a parameter array: fills {@code params} (or, when NULL, stores the count in {@code n}). */
    @FunctionalInterface
    interface Getter {
        int get(Pointer params, IntByReference n);
    }

    /** One libvirt setter of a parameter array. */
    @FunctionalInterface
    interface Setter {
        int set(Pointer params, int n);
    }

    static Map<String, Object> get(String function, Getter getter, boolean countQuery) {
        int slots = SCHEDULER_SLOTS;
        IntByReference count = new IntByReference(0);
        if (countQuery) {
            if (getter.get(null, count) < 0) {
                throw NativeErrors.failure(function);
            }
            slots = count.getValue();
            if (slots == 0) {
                return Map.of();
            }
        }
        count.setValue(slots);
        try (Memory params = new Memory((long) slots * NativeLayout.TP_SIZE)) { // Java-owned array
            params.clear();
            try {
                if (getter.get(params, count) < 0) {
                    throw NativeErrors.failure(function);
                }
                return TypedParams.decode(params, Math.min(slots, count.getValue()));
            } finally {
                LibvirtNative.virTypedParamsClear(params, slots); // the strings libvirt put in; zeroed slots skipped
            }
        }
    }

    static void set(String function, Map<String, ?> values, Map<String, TypedParamType> schema, Setter setter) {
        try (TypedParams.Encoded enc = TypedParams.encode(values, schema)) { // Java-owned, only read by libvirt
            if (setter.set(enc.pointer(), enc.count()) < 0) {
                throw NativeErrors.failure(function);
            }
        }
    }
}
