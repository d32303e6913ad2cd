package io.virtforge.fake.libvirt;

import io.virtforge.fake.kernel.FakeHostBuilder;
import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.NumaNode;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import java.util.HashMap;
import java.util.Map;

/**
 * Huge page pools kept in memory, from a {@link HostTopology}'s pools (a pool without a free count starts
 * all free). Each node has a budget of memory for growing pools, by default three quarters of the node (the
 * pages already in the pools not counted against it), as {@link FakeHostBuilder}'s nodes have, so a connection
 * with or without a paired {@link FakeSysfs} answers alike: growing takes pages while the budget lasts (a
 * partial result, as the kernel's), shrinking gives free pages back.
 */
final class LedgerPagePools implements PagePools {
    private final Map<Integer, Map<PageSize, long[]>> pools = new HashMap<>(); // {total, inUse}
    private final Map<Integer, Long> budget = new HashMap<>();

    LedgerPagePools(HostTopology host) {
        for (NumaNode n : host.nodes()) {
            Map<PageSize, long[]> byNode = new HashMap<>();
            for (io.virtforge.topology.HugePagePool p : n.hugePages().values()) {
                long free = p.free().orElse(p.total());
                byNode.put(p.size(), new long[] {p.total(), p.total() - free});
            }
            pools.put(n.id(), byNode);
            budget.put(n.id(), n.memory().bytes() / 4 * 3);
        }
    }

    private long[] pool(int node, PageSize size) {
        long[] p = pools.getOrDefault(node, Map.of()).get(size);
        if (p == null) {
            throw new IllegalArgumentException("no " + size + " pool on node " + node);
        }
        return p;
    }

    @Override
    public boolean hasPool(int node, PageSize size) {
        return pools.getOrDefault(node, Map.of()).containsKey(size);
    }

    @Override
    public long total(int node, PageSize size) {
        return pool(node, size)[0];
    }

    @Override
    public long free(int node, PageSize size) {
        long[] p = pool(node, size);
        return p[0] - p[1];
    }

    @Override
    public long setTotal(int node, PageSize size, long count) {
        long[] p = pool(node, size);
        long left = budget.get(node);
        while (p[0] < count && left >= size.bytes()) {
            p[0]++;
            left -= size.bytes();
        }
        while (p[0] > count && p[0] > p[1]) {
            p[0]--;
            left += size.bytes();
        }
        budget.put(node, left);
        return p[0];
    }

    @Override
    public void take(int node, PageSize size, long pages) {
        long[] p = pool(node, size);
        if (pages > p[0] - p[1]) {
            throw new IllegalStateException(pages + " pages asked, " + (p[0] - p[1]) + " free");
        }
        p[1] += pages;
    }

    @Override
    public void give(int node, PageSize size, long pages) {
        long[] p = pool(node, size);
        p[1] = Math.max(0, p[1] - pages);
    }

    @Override
    public void setFreeMemory(int node, DataSize free) {
        if (!budget.containsKey(node)) {
            throw new IllegalArgumentException("no node " + node);
        }
        budget.put(node, free.bytes());
    }
}
