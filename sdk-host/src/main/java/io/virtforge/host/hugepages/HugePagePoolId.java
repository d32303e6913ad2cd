package io.virtforge.host.hugepages;

import io.virtforge.host.sysfs.HugePagePaths;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.value.PageSize;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Which huge page pool: the global one of a page size ({@code /sys/kernel/mm/hugepages/hugepages-<kB>kB}),
 * whose writes the kernel spreads over the nodes, or one NUMA node's
 * ({@code /sys/devices/system/node/node<n>/hugepages/hugepages-<kB>kB}).
 *
 * @param node the node; empty for the global pool
 * @param size the page size
 */
public record HugePagePoolId(OptionalInt node, PageSize size) implements Comparable<HugePagePoolId> {
    // ordered by node, the global pools last, then by size
    /** Checks the parts. */
    public HugePagePoolId {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(size, "size");
        if (node.isPresent() && node.getAsInt() < 0) {
            throw new IllegalArgumentException("node " + node.getAsInt());
        }
    }

    /** The global pool of a size. */
    public static HugePagePoolId global(PageSize size) {
        return new HugePagePoolId(OptionalInt.empty(), size);
    }

    /** A node's pool of a size. */
    public static HugePagePoolId node(int node, PageSize size) {
        return new HugePagePoolId(OptionalInt.of(node), size);
    }

    /** True for the global pool. */
    public boolean isGlobal() {
        return node.isEmpty();
    }

    /** The pool's folder. */
    public SysfsPath folder() {
        return node.isPresent() ? HugePagePaths.pool(node.getAsInt(), size) : HugePagePaths.pool(size);
    }

    /** {@code nr_hugepages}: the pool size, and the file a resize writes. */
    public SysfsPath nrHugePages() {
        return folder().resolve("nr_hugepages");
    }

    /** {@code free_hugepages}. */
    public SysfsPath freeHugePages() {
        return folder().resolve("free_hugepages");
    }

    /** {@code surplus_hugepages}. */
    public SysfsPath surplusHugePages() {
        return folder().resolve("surplus_hugepages");
    }

    @Override
    public int compareTo(HugePagePoolId o) {
        int c = Integer.compare(node.orElse(Integer.MAX_VALUE), o.node.orElse(Integer.MAX_VALUE));
        return c != 0 ? c : size.compareTo(o.size);
    }

    /** {@code node0 2MiB} or {@code global 2MiB}. */
    @Override
    public String toString() {
        return (node.isPresent() ? "node" + node.getAsInt() : "global") + " " + size;
    }
}
