package io.virtforge.fake.libvirt;

import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;

/**
 * The host's huge page pools per node and size as the fake hypervisor sees them: kept by the connection
 * itself ({@link LedgerPagePools}) or read from and written to a paired {@link FakeSysfs}
 * ({@link SysfsPagePools}). Pages a running domain maps are "in use": not free, but still in the pool.
 */
interface PagePools {
    /** True when the node has a pool of that size. */
    boolean hasPool(int node, PageSize size);

    /** Pages in the pool ({@code nr_hugepages}). */
    long total(int node, PageSize size);

    /** Pages not in use ({@code free_hugepages}). */
    long free(int node, PageSize size);

    /** Grows or shrinks the pool towards {@code count} as the kernel does; returns the pool's size after. */
    long setTotal(int node, PageSize size, long count);

    /** A guest maps free pages. */
    void take(int node, PageSize size, long pages);

    /** A guest unmaps pages. */
    void give(int node, PageSize size, long pages);

    /** Sets the node memory left for growing pools. */
    void setFreeMemory(int node, DataSize free);
}
