package io.virtforge.fake.kernel;

/** {@code /proc/meminfo} and per-node {@code meminfo} text, in the kernel's layout. */
final class MeminfoText {
    private MeminfoText() {
    }

    /** A node's {@code meminfo}: {@code Node 0 MemTotal:       16777216 kB} and the default pool's counters. */
    static String node(int node, NodeMemory memory, HugePagePool defaultPool) {
        String p = "Node " + node + " ";
        return p + String.format("MemTotal:       %8d kB\n", memory.totalBytes >> 10)
                + p + String.format("MemFree:        %8d kB\n", memory.freeBytes >> 10)
                + p + String.format("MemUsed:        %8d kB\n", (memory.totalBytes - memory.freeBytes) >> 10)
                + p + String.format("HugePages_Total: %5d\n", defaultPool.nr)
                + p + String.format("HugePages_Free:  %5d\n", defaultPool.free())
                + p + String.format("HugePages_Surp:  %5d\n", defaultPool.surplus);
    }

    /** {@code /proc/meminfo}'s memory and huge page lines. */
    static String system(long totalBytes, long freeBytes, HugePagePool defaultPool, long defaultPageBytes,
            long hugetlbBytes) {
        return String.format("MemTotal:       %8d kB\n", totalBytes >> 10)
                + String.format("MemFree:        %8d kB\n", freeBytes >> 10)
                + String.format("MemAvailable:   %8d kB\n", freeBytes >> 10)
                + String.format("HugePages_Total:   %5d\n", defaultPool.nr)
                + String.format("HugePages_Free:    %5d\n", defaultPool.free())
                + String.format("HugePages_Rsvd:    %5d\n", 0)
                + String.format("HugePages_Surp:    %5d\n", defaultPool.surplus)
                + String.format("Hugepagesize:   %8d kB\n", defaultPageBytes >> 10)
                + String.format("Hugetlb:        %8d kB\n", hugetlbBytes >> 10);
    }
}
