package io.virtforge.topology;

import io.virtforge.value.PageSize;
import java.util.OptionalLong;

/**
 * The huge pages of one size on one host NUMA node.
 *
 * @param size  the page size
 * @param total pages in the pool ({@code nr_hugepages})
 * @param free  pages not in use ({@code free_hugepages}); empty when the source gives only totals
 *              (libvirt's capabilities), in which case {@link HostState} derives it from the domains
 */
public record HugePagePool(PageSize size, long total, OptionalLong free) {
    /** Checks the counts. */
    public HugePagePool {
        if (total < 0 || (free.isPresent() && (free.getAsLong() < 0 || free.getAsLong() > total))) {
            throw new IllegalArgumentException("bad pool counts: total " + total + ", free " + free);
        }
    }

    /** A pool whose free count is unknown. */
    public static HugePagePool ofTotal(PageSize size, long total) {
        return new HugePagePool(size, total, OptionalLong.empty());
    }

    /** A pool with known total and free counts. */
    public static HugePagePool of(PageSize size, long total, long free) {
        return new HugePagePool(size, total, OptionalLong.of(free));
    }
}
