package io.virtforge.libvirt.jna;

import com.sun.jna.Pointer;

/** Host-level calls on a borrowed {@code virConnectPtr}. Ownership per call is noted inline. */
final class HostCalls {
    private HostCalls() {
    }

    static String domainCapabilities(Pointer conn, String emulator, String arch, String machine,
            String virttype, int flags) {
        Pointer xml = LibvirtNative.virConnectGetDomainCapabilities(conn, emulator, arch, machine, virttype, flags);
        if (xml == null) {
            throw NativeErrors.failure("virConnectGetDomainCapabilities");
        }
        return LibvirtNative.takeString(xml); // malloc'd by libvirt: copied, then freed
    }

    static int compareHypervisorCpu(Pointer conn, String emulator, String arch, String machine, String virttype,
            String cpuXml, int flags) {
        int rc = LibvirtNative.virConnectCompareHypervisorCPU(conn, emulator, arch, machine, virttype, cpuXml, flags);
        if (rc < 0) {
            throw NativeErrors.failure("virConnectCompareHypervisorCPU");
        }
        return rc;
    }

    static FreePages freePages(Pointer conn, int[] pageSizesKiB, int startCell, int cellCount) {
        requirePages(pageSizesKiB, cellCount);
        int[] sizes = pageSizesKiB.clone();
        long[] counts = new long[Math.multiplyExact(sizes.length, cellCount)]; // Java-owned, filled by libvirt
        // libvirt documents the result as "entries filled", but the test driver returns 0 after filling
        // every entry: only a negative result is relied on.
        if (LibvirtNative.virNodeGetFreePages(conn, sizes.length, sizes, startCell, cellCount, counts, 0) < 0) {
            throw NativeErrors.failure("virNodeGetFreePages");
        }
        return new FreePages(sizes, startCell, counts);
    }

    static int allocPages(Pointer conn, int[] pageSizesKiB, long[] pageCounts, int startCell, int cellCount,
            int flags) {
        requirePages(pageSizesKiB, cellCount);
        if (pageCounts.length != pageSizesKiB.length) {
            throw new IllegalArgumentException("need one page count per page size, got " + pageCounts.length
                    + " counts for " + pageSizesKiB.length + " sizes");
        }
        int adjusted = LibvirtNative.virNodeAllocPages(conn, pageSizesKiB.length, pageSizesKiB.clone(),
                pageCounts.clone(), startCell, cellCount, flags);
        if (adjusted < 0) {
            throw NativeErrors.failure("virNodeAllocPages");
        }
        return adjusted;
    }

    static int hostCpuCount(Pointer conn) {
        int cpus = LibvirtNative.virNodeGetCPUMap(conn, null, null, 0); // NULL out-params: nothing allocated
        if (cpus < 0) {
            throw NativeErrors.failure("virNodeGetCPUMap");
        }
        return cpus;
    }

    private static void requirePages(int[] pageSizesKiB, int cellCount) {
        if (pageSizesKiB.length == 0) {
            throw new IllegalArgumentException("no page sizes given");
        }
        if (cellCount <= 0) {
            throw new IllegalArgumentException("cellCount must be positive: " + cellCount);
        }
    }
}
