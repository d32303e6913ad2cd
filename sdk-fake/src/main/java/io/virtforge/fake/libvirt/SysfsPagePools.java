package io.virtforge.fake.libvirt;

import io.virtforge.host.sysfs.HugePagePaths;
import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;

/**
 * Huge page pools read from and written to a paired {@link FakeSysfs}: sizes from {@code nr_hugepages},
 * free pages from {@code free_hugepages}, pool changes as writes of {@code nr_hugepages} (as libvirt's
 * {@code virNodeAllocPages} does), pages guests map as the fake kernel's pages in use.
 */
final class SysfsPagePools implements PagePools {
    private final FakeSysfs sysfs;

    SysfsPagePools(FakeSysfs sysfs) {
        this.sysfs = sysfs;
    }

    private long read(io.virtforge.host.sysfs.SysfsPath path) {
        return Long.parseLong(sysfs.readTrimmed(path));
    }

    @Override
    public boolean hasPool(int node, PageSize size) {
        return sysfs.exists(HugePagePaths.nrHugePages(node, size));
    }

    @Override
    public long total(int node, PageSize size) {
        return read(HugePagePaths.nrHugePages(node, size));
    }

    @Override
    public long free(int node, PageSize size) {
        return read(HugePagePaths.freeHugePages(node, size));
    }

    @Override
    public long setTotal(int node, PageSize size, long count) {
        sysfs.write(HugePagePaths.nrHugePages(node, size), Long.toString(count));
        return total(node, size);
    }

    @Override
    public void take(int node, PageSize size, long pages) {
        sysfs.setHugePagesInUse(node, size, total(node, size) - free(node, size) + pages);
    }

    @Override
    public void give(int node, PageSize size, long pages) {
        sysfs.setHugePagesInUse(node, size, Math.max(0, total(node, size) - free(node, size) - pages));
    }

    @Override
    public void setFreeMemory(int node, DataSize free) {
        sysfs.setNodeFreeMemory(node, free);
    }
}
