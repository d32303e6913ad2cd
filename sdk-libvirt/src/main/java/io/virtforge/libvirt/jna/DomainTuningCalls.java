package io.virtforge.libvirt.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * Pinning and NUMA tuning calls on a borrowed {@code virDomainPtr}. CPU maps are libvirt's format: byte
 * {@code n/8}, bit {@code n%8} set for host CPU {@code n}, which is exactly {@link BitSet#toByteArray()}.
 */
final class DomainTuningCalls {
    /** The fields of {@code virDomainSetNumaParameters} and their required native types. */
    static final Map<String, TypedParamType> NUMA_SCHEMA =
            Map.of("numa_mode", TypedParamType.INT, "numa_nodeset", TypedParamType.STRING);

    private DomainTuningCalls() {
    }

    static void pinEmulator(Pointer dom, BitSet cpus, int flags) {
        byte[] map = cpumap(cpus); // Java-owned, only read by libvirt
        if (LibvirtNative.virDomainPinEmulator(dom, map, map.length, flags) < 0) {
            throw NativeErrors.failure("virDomainPinEmulator");
        }
    }

    static BitSet emulatorPinInfo(Pointer dom, int flags) {
        Pointer conn = LibvirtNative.virDomainGetConnect(dom); // borrowed from the domain, no reference taken
        if (conn == null) {
            throw NativeErrors.failure("virDomainGetConnect");
        }
        byte[] map = new byte[(HostCalls.hostCpuCount(conn) + 7) / 8]; // Java-owned, filled by libvirt
        int rc = LibvirtNative.virDomainGetEmulatorPinInfo(dom, map, map.length, flags);
        if (rc < 0) {
            throw NativeErrors.failure("virDomainGetEmulatorPinInfo");
        }
        return rc == 0 ? new BitSet() : BitSet.valueOf(map);
    }

    static void pinIOThread(Pointer dom, int iothreadId, BitSet cpus, int flags) {
        byte[] map = cpumap(cpus);
        if (LibvirtNative.virDomainPinIOThread(dom, iothreadId, map, map.length, flags) < 0) {
            throw NativeErrors.failure("virDomainPinIOThread");
        }
    }

    static List<IOThreadInfo> ioThreads(Pointer dom, int flags) {
        PointerByReference out = new PointerByReference();
        int n = LibvirtNative.virDomainGetIOThreadInfo(dom, out, flags);
        if (n < 0) {
            throw NativeErrors.failure("virDomainGetIOThreadInfo");
        }
        Pointer array = out.getValue(); // malloc'd array of n malloc'd infos: all ours to free
        try {
            List<IOThreadInfo> infos = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Pointer info = array.getPointer((long) i * NativeLayout.POINTER);
                Pointer map = info.getPointer(NativeLayout.IOT_CPUMAP);
                int len = info.getInt(NativeLayout.IOT_CPUMAPLEN);
                BitSet cpus = map == null || len <= 0 ? new BitSet() : BitSet.valueOf(map.getByteArray(0, len));
                infos.add(new IOThreadInfo(info.getInt(NativeLayout.IOT_ID), cpus));
            }
            return infos;
        } finally {
            for (int i = 0; i < n; i++) {
                LibvirtNative.virDomainIOThreadInfoFree(array.getPointer((long) i * NativeLayout.POINTER));
            }
            LibvirtNative.free(array);
        }
    }

    static Map<String, Object> numaParameters(Pointer dom, int flags) {
        IntByReference count = new IntByReference(0);
        if (LibvirtNative.virDomainGetNumaParameters(dom, null, count, flags) < 0) { // asks for the count
            throw NativeErrors.failure("virDomainGetNumaParameters");
        }
        int n = count.getValue();
        if (n == 0) {
            return Map.of();
        }
        try (Memory params = new Memory((long) n * NativeLayout.TP_SIZE)) { // Java-owned array
            params.clear();
            try {
                if (LibvirtNative.virDomainGetNumaParameters(dom, params, count, flags) < 0) {
                    throw NativeErrors.failure("virDomainGetNumaParameters");
                }
                return TypedParams.decode(params, Math.min(n, count.getValue()));
            } finally {
                LibvirtNative.virTypedParamsClear(params, n); // frees the strings libvirt put in; zeroed slots are skipped
            }
        }
    }

    static void setNumaParameters(Pointer dom, Map<String, ?> params, int flags) {
        try (TypedParams.Encoded enc = TypedParams.encode(params, NUMA_SCHEMA)) { // Java-owned, read by libvirt
            if (LibvirtNative.virDomainSetNumaParameters(dom, enc.pointer(), enc.count(), flags) < 0) {
                throw NativeErrors.failure("virDomainSetNumaParameters");
            }
        }
    }

    private static byte[] cpumap(BitSet cpus) {
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("empty CPU set");
        }
        return cpus.toByteArray();
    }
}
