package io.virtforge.fake.kernel;

import io.virtforge.host.sysfs.Errno;
import io.virtforge.host.sysfs.HugePagePaths;
import io.virtforge.host.sysfs.NodePaths;
import io.virtforge.host.sysfs.ProcPaths;
import io.virtforge.fake.kernel.fs.DynamicAttribute;
import io.virtforge.fake.kernel.fs.FakeFile;
import io.virtforge.fake.kernel.fs.FakeTree;
import io.virtforge.fake.kernel.fs.KernelError;
import io.virtforge.fake.kernel.fs.KernelText;
import io.virtforge.value.PageSize;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Huge page pools, per node and size, with the kernel's allocation behaviour: each node has a budget of
 * free memory; growing a pool takes pages from it (surplus pages first become persistent again) until it
 * runs out, so under memory pressure a write of N gives fewer pages and still succeeds, as in
 * {@code set_max_huge_pages()}; shrinking frees free pages and turns pages still in use into surplus
 * pages. A global write spreads pages over the nodes round-robin. {@code free_hugepages} is
 * {@code nr_hugepages} minus the pages in use (set by tests). Also renders {@code meminfo}.
 */
final class HugePages {
    private final FakeTree tree;
    private final SortedMap<Integer, NodeMemory> nodes;
    private final List<PageSize> sizes;
    private final PageSize defaultSize;
    private final Map<Integer, Map<PageSize, HugePagePool>> pools = new HashMap<>();
    private int cursor;

    HugePages(FakeTree tree, SortedMap<Integer, NodeMemory> nodes, List<PageSize> sizes) {
        this.tree = tree;
        this.nodes = nodes;
        this.sizes = List.copyOf(sizes);
        this.defaultSize = sizes.contains(PageSize.MIB_2) ? PageSize.MIB_2 : sizes.get(0);
        for (int node : nodes.keySet()) {
            for (PageSize size : sizes) {
                pools.computeIfAbsent(node, n -> new HashMap<>()).put(size, new HugePagePool());
                installNodePool(node, size);
            }
        }
        sizes.forEach(this::installGlobalPool);
        tree.put(HugePagePaths.SYSCTL_NR_HUGEPAGES, FakeFile.of(DynamicAttribute.of(
                () -> sum(defaultSize, HugePagePool::persistent) + "\n", this::writeSysctl)));
        nodes.keySet().forEach(n -> tree.put(NodePaths.meminfo(n), FakeFile.view(() -> nodeMeminfo(n))));
    }

    private void installNodePool(int node, PageSize size) {
        HugePagePool pool = pool(node, size);
        tree.put(HugePagePaths.nrHugePages(node, size), FakeFile.of(DynamicAttribute.of(
                () -> pool.nr + "\n", v -> setNode(node, size, parseCount(v)))));
        tree.put(HugePagePaths.freeHugePages(node, size), FakeFile.view(() -> pool.free() + "\n"));
        tree.put(HugePagePaths.surplusHugePages(node, size), FakeFile.view(() -> pool.surplus + "\n"));
    }

    private void installGlobalPool(PageSize size) {
        tree.put(HugePagePaths.nrHugePages(size), FakeFile.of(DynamicAttribute.of(
                () -> sum(size, p -> p.nr) + "\n", v -> setGlobal(size, parseCount(v)))));
        tree.put(HugePagePaths.freeHugePages(size), FakeFile.view(() -> sum(size, HugePagePool::free) + "\n"));
        tree.put(HugePagePaths.surplusHugePages(size), FakeFile.view(() -> sum(size, p -> p.surplus) + "\n"));
        tree.put(HugePagePaths.pool(size).resolve("resv_hugepages"), FakeFile.readOnly("0\n"));
        tree.put(HugePagePaths.pool(size).resolve("nr_overcommit_hugepages"), FakeFile.readWrite("0\n"));
    }

    private static long parseCount(String value) {
        return KernelText.parseUnsigned(value, 10, Long.MAX_VALUE);
    }

    private void writeSysctl(String value) {
        long count;
        try {
            count = parseCount(value);
        } catch (KernelError e) {
            throw new KernelError(Errno.EINVAL, "nr_hugepages: " + e.getMessage());
        }
        setGlobal(defaultSize, count);
    }

    HugePagePool pool(int node, PageSize size) {
        Map<PageSize, HugePagePool> byNode = pools.get(node);
        HugePagePool pool = byNode == null ? null : byNode.get(size);
        if (pool == null) {
            throw new IllegalArgumentException("no " + size + " huge page pool on node " + node);
        }
        return pool;
    }

    NodeMemory memory(int node) {
        NodeMemory m = nodes.get(node);
        if (m == null) {
            throw new IllegalArgumentException("no node " + node);
        }
        return m;
    }

    private long sum(PageSize size, ToLongFunction<HugePagePool> counter) {
        return nodes.keySet().stream().mapToLong(n -> counter.applyAsLong(pool(n, size))).sum();
    }

    /** Adds one persistent page to a node's pool if it can; false when the node's memory is exhausted. */
    private boolean growOne(int node, PageSize size) {
        HugePagePool pool = pool(node, size);
        if (pool.surplus > 0) {
            pool.surplus--;
            return true;
        }
        NodeMemory memory = memory(node);
        if (memory.freeBytes < size.bytes()) {
            return false;
        }
        memory.freeBytes -= size.bytes();
        pool.nr++;
        return true;
    }

    /** Removes one persistent page: frees a free page, or makes a page in use surplus. */
    private boolean shrinkOne(int node, PageSize size) {
        HugePagePool pool = pool(node, size);
        if (pool.persistent() == 0) {
            return false;
        }
        if (pool.free() > 0) {
            pool.nr--;
            memory(node).freeBytes += size.bytes();
        } else {
            pool.surplus++;
        }
        return true;
    }

    /** A write of {@code target} to a node's {@code nr_hugepages}. */
    void setNode(int node, PageSize size, long target) {
        HugePagePool pool = pool(node, size);
        while (pool.persistent() < target && growOne(node, size)) {
            // take pages while memory lasts
        }
        while (pool.persistent() > target && shrinkOne(node, size)) {
            // give pages back
        }
    }

    /** A write of {@code target} to the global {@code nr_hugepages}: round-robin over the nodes. */
    void setGlobal(PageSize size, long target) {
        boolean grow = sum(size, HugePagePool::persistent) < target;
        Predicate<Integer> step = grow ? n -> growOne(n, size) : n -> shrinkOne(n, size);
        List<Integer> ids = new ArrayList<>(nodes.keySet());
        int stuck = 0;
        while (stuck < ids.size() && (grow ? sum(size, HugePagePool::persistent) < target
                : sum(size, HugePagePool::persistent) > target)) {
            int node = ids.get(cursor++ % ids.size());
            stuck = step.test(node) ? 0 : stuck + 1;
        }
    }

    /** Sets how many pages of a node's pool are in use (mapped by guests). */
    void setInUse(int node, PageSize size, long pages) {
        HugePagePool pool = pool(node, size);
        if (pages < 0 || pages > pool.nr) {
            throw new IllegalArgumentException(pages + " pages in use, but the pool has " + pool.nr);
        }
        pool.inUse = pages;
    }

    private String nodeMeminfo(int node) {
        return MeminfoText.node(node, memory(node), pool(node, defaultSize));
    }

    /** {@code /proc/meminfo}, summed over the nodes. */
    String systemMeminfo() {
        HugePagePool total = new HugePagePool();
        total.nr = sum(defaultSize, p -> p.nr);
        total.inUse = sum(defaultSize, p -> p.inUse);
        total.surplus = sum(defaultSize, p -> p.surplus);
        long hugetlb = sizes.stream().mapToLong(s -> sum(s, p -> p.nr) * s.bytes()).sum();
        long memTotal = nodes.values().stream().mapToLong(m -> m.totalBytes).sum();
        long memFree = nodes.values().stream().mapToLong(m -> m.freeBytes).sum();
        return MeminfoText.system(memTotal, memFree, total, defaultSize.bytes(), hugetlb);
    }

    /** Installs a generated {@code /proc/meminfo}. */
    void installSystemMeminfo() {
        tree.put(ProcPaths.MEMINFO, FakeFile.view(this::systemMeminfo));
    }
}
