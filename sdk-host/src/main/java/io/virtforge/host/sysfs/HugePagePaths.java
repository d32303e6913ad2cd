package io.virtforge.host.sysfs;

import io.virtforge.value.PageSize;

/**
 * Paths of huge page pools: the global ones under {@code /sys/kernel/mm/hugepages} and the per-node ones
 * under {@code /sys/devices/system/node/node<n>/hugepages}, each in a {@code hugepages-<kB>kB} folder.
 */
public final class HugePagePaths {
    /** {@code /sys/kernel/mm/hugepages}. */
    public static final SysfsPath GLOBAL = SysfsPath.of("sys", "kernel", "mm", "hugepages");
    /** {@code /proc/sys/vm/nr_hugepages}: the default-size pool, sysctl form. */
    public static final SysfsPath SYSCTL_NR_HUGEPAGES = SysfsPath.of("proc", "sys", "vm", "nr_hugepages");

    private HugePagePaths() {
    }

    /** The folder name of a pool, {@code hugepages-2048kB}. */
    public static String poolName(PageSize size) {
        return "hugepages-" + size.kib() + "kB";
    }

    /** {@code /sys/kernel/mm/hugepages/hugepages-<kB>kB}. */
    public static SysfsPath pool(PageSize size) {
        return GLOBAL.resolve(poolName(size));
    }

    /** {@code /sys/devices/system/node/node<n>/hugepages/hugepages-<kB>kB}. */
    public static SysfsPath pool(int node, PageSize size) {
        return NodePaths.node(node).resolve("hugepages", poolName(size));
    }

    /** The global pool's page count; writing it grows or shrinks the pool. */
    public static SysfsPath nrHugePages(PageSize size) {
        return pool(size).resolve("nr_hugepages");
    }

    /** The global pool's free pages. */
    public static SysfsPath freeHugePages(PageSize size) {
        return pool(size).resolve("free_hugepages");
    }

    /** The global pool's surplus pages. */
    public static SysfsPath surplusHugePages(PageSize size) {
        return pool(size).resolve("surplus_hugepages");
    }

    /** A node's page count; writing it grows or shrinks that node's pool. */
    public static SysfsPath nrHugePages(int node, PageSize size) {
        return pool(node, size).resolve("nr_hugepages");
    }

    /** A node's free pages. */
    public static SysfsPath freeHugePages(int node, PageSize size) {
        return pool(node, size).resolve("free_hugepages");
    }

    /** A node's surplus pages. */
    public static SysfsPath surplusHugePages(int node, PageSize size) {
        return pool(node, size).resolve("surplus_hugepages");
    }
}
