package io.virtforge.host.hugepages;

import io.virtforge.host.sysfs.KernelValues;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.value.PageSize;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The counters of one huge page pool as the kernel shows them.
 *
 * @param pool    which pool
 * @param total   {@code nr_hugepages}: pages in the pool, surplus ones included
 * @param free    {@code free_hugepages}: pages not in use
 * @param surplus {@code surplus_hugepages}: pages above the persistent size (in use, freed when released)
 */
public record HugePagePoolStatus(HugePagePoolId pool, long total, long free, long surplus) {
    private static final String PREFIX = "hugepages-";

    /** Pages that stay in the pool: {@code total - surplus}; what a write to {@code nr_hugepages} sets. */
    public long persistent() {
        return total - surplus;
    }

    /** Reads a pool's counters; a missing counter reads as 0. */
    public static HugePagePoolStatus read(Sysfs sysfs, HugePagePoolId pool) {
        return new HugePagePoolStatus(pool, counter(sysfs, pool.nrHugePages()), counter(sysfs, pool.freeHugePages()),
                counter(sysfs, pool.surplusHugePages()));
    }

    private static long counter(Sysfs sysfs, SysfsPath path) {
        return sysfs.readTrimmedIfExists(path).map(KernelValues::count).filter(OptionalLong::isPresent)
                .map(OptionalLong::getAsLong).orElse(0L);
    }

    /**
     * The page sizes of the {@code hugepages-<kB>kB} folders in a {@code hugepages} folder; empty when it is
     * missing. Public for {@code io.virtforge.host.discovery.HostDiscovery}, which lists the pools of each node
     * and the global ones with it.
     */
    public static List<PageSize> sizesIn(Sysfs sysfs, SysfsPath hugepagesFolder) {
        List<PageSize> sizes = new ArrayList<>();
        if (!sysfs.isDirectory(hugepagesFolder)) {
            return sizes;
        }
        for (String name : sysfs.list(hugepagesFolder)) {
            if (name.startsWith(PREFIX) && name.endsWith("kB")) {
                try {
                    sizes.add(PageSize.ofKib(Long.parseLong(name.substring(PREFIX.length(), name.length() - 2))));
                } catch (RuntimeException e) {
                    // not a pool folder
                }
            }
        }
        sizes.sort(null);
        return sizes;
    }
}
