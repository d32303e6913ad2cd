package io.virtforge.fleet;

import io.virtforge.plan.PlacementRequest;
import io.virtforge.topology.HostCpu;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.HugePagePool;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;

/**
 * Small hosts for the fleet's examples: one node, no SMT, a 2 MiB pool counted from its total. Public for the
 * other claim stores' tests (the test-jar).
 */
public final class Hosts {
    private Hosts() {
    }

    /** A host of one node with {@code cpus} CPUs and {@code pages} 2 MiB huge pages, nothing in use. */
    public static HostState host(int cpus, long pages) {
        HostTopology.Builder b = HostTopology.builder().arch("x86_64").pageSize(PageSize.KIB_4)
                .pageSize(PageSize.MIB_2).node(0, DataSize.gib(16)).distance(0, 0, 10)
                // totals only, as libvirt's capabilities give them: free pages are the total minus what domains hold
                .hugePages(0, HugePagePool.ofTotal(PageSize.MIB_2, pages));
        for (int i = 0; i < cpus; i++) {
            b.cpu(HostCpu.of(i, 0).withTopology(0, 0, i, CpuSet.of(i)));
        }
        return HostState.of(b.build());
    }

    /** Two dedicated vCPUs and 1 GiB of 2 MiB pages (512 pages). */
    public static PlacementRequest small() {
        return PlacementRequest.builder(2, DataSize.gib(1)).pageSize(PageSize.MIB_2).build();
    }
}
