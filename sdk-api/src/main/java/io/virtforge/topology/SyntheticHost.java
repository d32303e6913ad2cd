package io.virtforge.topology;

import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;

/**
 * Generates regular hosts the way Linux numbers them, for fixtures, tests and benchmarks: CPU ids go
 * core by core through every node, then the second SMT thread of every core follows (so on a 2x16x2
 * host, CPU 0's sibling is CPU 32). Distances are 10 locally, 11 within a socket, 21 across sockets.
 */
public final class SyntheticHost {
    private SyntheticHost() {
    }

    /**
     * A host of {@code sockets} sockets, each split into {@code nodesPerSocket} NUMA nodes of
     * {@code coresPerNode} cores with {@code threadsPerCore} threads, {@code memoryPerNode} each, and a
     * pool of {@code hugePages2m} free 2 MiB pages per node (1 GiB pages supported, none reserved).
     */
    public static HostTopology.Builder of(int sockets, int nodesPerSocket, int coresPerNode, int threadsPerCore,
            DataSize memoryPerNode, long hugePages2m) {
        HostTopology.Builder b = HostTopology.builder().arch("x86_64")
                .pageSize(PageSize.KIB_4).pageSize(PageSize.MIB_2).pageSize(PageSize.GIB_1);
        int nodes = sockets * nodesPerSocket;
        int cores = nodes * coresPerNode;
        for (int n = 0; n < nodes; n++) {
            b.node(n, memoryPerNode);
            b.hugePages(n, HugePagePool.of(PageSize.MIB_2, hugePages2m, hugePages2m));
            b.hugePages(n, HugePagePool.of(PageSize.GIB_1, 0, 0));
            for (int m = 0; m < nodes; m++) {
                b.distance(n, m, n == m ? 10 : n / nodesPerSocket == m / nodesPerSocket ? 11 : 21);
            }
        }
        for (int core = 0; core < cores; core++) {
            int node = core / coresPerNode;
            int socket = node / nodesPerSocket;
            int[] threads = new int[threadsPerCore];
            for (int t = 0; t < threadsPerCore; t++) {
                threads[t] = core + t * cores;
            }
            CpuSet siblings = CpuSet.of(threads);
            for (int t : threads) {
                b.cpu(HostCpu.of(t, node).withTopology(socket, 0, core % (coresPerNode * nodesPerSocket), siblings));
            }
        }
        return b;
    }
}
