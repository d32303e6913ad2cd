package io.virtforge.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import io.virtforge.value.CpuSet;
import java.lang.ref.Reference;
import org.libvirt.Domain;
import org.libvirt.jna.DomainPointer;

/**
 * The flag-taking variants of two libvirt calls that libvirt-java 0.5.4 binds only without flags
 * ({@code virDomainPinVcpu}, {@code virDomainSetMemory} act on the live domain only), plus
 * {@code virDomainGetVcpuPinInfo}. They run on the native handle of libvirt-java's own {@link Domain}
 * ({@link NativeHandles#domain}), so the {@code Domain} must stay reachable and unfreed during the call.
 *
 * <p>Native memory: only Java arrays, copied in and out by JNA for the duration of a call. Errors are
 * read from the calling thread's libvirt error right after the failing call (libvirt keeps the last
 * error per thread) and mapped with {@link ErrorMapping}. Stateless and thread-safe.
 */
final class DomainFlagCalls {
    /** The C functions, bound lazily on first use. */
    interface Natives extends Library {
        Natives INSTANCE = Native.load("virt", Natives.class);

        int virDomainPinVcpuFlags(DomainPointer dom, int vcpu, byte[] cpumap, int maplen, int flags);

        int virDomainSetMemoryFlags(DomainPointer dom, NativeLong memoryKiB, int flags);

        int virDomainGetVcpuPinInfo(DomainPointer dom, int ncpumaps, byte[] cpumaps, int maplen, int flags);
    }

    private DomainFlagCalls() {
    }

    /** {@code virDomainPinVcpuFlags}. */
    static void pinVcpu(Domain dom, int vcpu, CpuSet cpus, int flags) {
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("cannot pin vCPU " + vcpu + " to no host CPU");
        }
        byte[] map = cpuMap(cpus, cpus.last().getAsInt() + 1);
        try {
            check("pinning vCPU " + vcpu, Natives.INSTANCE.virDomainPinVcpuFlags(handle(dom), vcpu, map, map.length,
                    flags));
        } finally {
            Reference.reachabilityFence(dom);
        }
    }

    /** {@code virDomainSetMemoryFlags}: the balloon target (live) or the current memory (config), in KiB. */
    static void setMemory(Domain dom, long kib, int flags) {
        try {
            check("setting the memory", Natives.INSTANCE.virDomainSetMemoryFlags(handle(dom), new NativeLong(kib),
                    flags));
        } finally {
            Reference.reachabilityFence(dom);
        }
    }

    /**
     * {@code virDomainGetVcpuPinInfo}: the host CPUs each vCPU may run on.
     *
     * @param vcpus how many vCPUs to ask for
     * @param hostCpus the host's CPU count (the width of each map)
     */
    static CpuSet[] vcpuPinInfo(Domain dom, int vcpus, int hostCpus, int flags) {
        int maplen = (hostCpus + 7) / 8;
        byte[] maps = new byte[vcpus * maplen];
        int n;
        try {
            n = check("reading the vCPU pinning", Natives.INSTANCE.virDomainGetVcpuPinInfo(handle(dom), vcpus, maps,
                    maplen, flags));
        } finally {
            Reference.reachabilityFence(dom);
        }
        CpuSet[] result = new CpuSet[Math.min(n, vcpus)];
        for (int v = 0; v < result.length; v++) {
            java.util.List<Integer> ids = new java.util.ArrayList<>();
            for (int cpu = 0; cpu < hostCpus; cpu++) {
                if ((maps[v * maplen + cpu / 8] & (1 << (cpu % 8))) != 0) {
                    ids.add(cpu);
                }
            }
            result[v] = CpuSet.of(ids);
        }
        return result;
    }

    /** libvirt's CPU map: bit n of byte n/8 for host CPU n. */
    static byte[] cpuMap(CpuSet cpus, int width) {
        byte[] map = new byte[(width + 7) / 8];
        for (int cpu : cpus.toArray()) {
            map[cpu / 8] |= (byte) (1 << (cpu % 8));
        }
        return map;
    }

    /** A CPU map as libvirt-java's {@code Domain.pinVcpu} takes it: one int per byte. */
    static int[] unsignedBytes(byte[] map) {
        int[] ints = new int[map.length];
        for (int i = 0; i < map.length; i++) {
            ints[i] = map[i] & 0xff;
        }
        return ints;
    }

    private static DomainPointer handle(Domain dom) {
        return NativeHandles.domain(dom);
    }

    private static int check(String operation, int result) {
        if (result >= 0) {
            return result;
        }
        throw NativeHandles.lastError(operation); // before any other libvirt call on this thread
    }
}
