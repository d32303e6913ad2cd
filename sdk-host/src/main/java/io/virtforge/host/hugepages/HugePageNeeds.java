package io.virtforge.host.hugepages;

import io.virtforge.value.PageSize;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The huge pages a domain needs: per host node and size for guest cells bound to host nodes
 * ({@code numatune}), and per size in the global pool for cells bound to no node (the kernel takes
 * those pages from any node).
 *
 * @param domain the domain's name
 * @param pages  pages needed, by pool (node pools and global pools)
 */
public record HugePageNeeds(String domain, Map<HugePagePoolId, Long> pages) {
    /** Copies the map, sorted. */
    public HugePageNeeds {
        pages = Collections.unmodifiableMap(new TreeMap<>(pages));
    }

    /** The needs of several domains together. */
    public static HugePageNeeds combined(String name, java.util.Collection<HugePageNeeds> needs) {
        Map<HugePagePoolId, Long> sum = new TreeMap<>();
        needs.forEach(n -> n.pages().forEach((pool, count) -> sum.merge(pool, count, Long::sum)));
        return new HugePageNeeds(name, sum);
    }

    /** The page sizes needed. */
    public Set<PageSize> sizes() {
        Set<PageSize> sizes = new TreeSet<>();
        pages.keySet().forEach(p -> sizes.add(p.size()));
        return sizes;
    }

    /** True when the domain needs no huge pages. */
    public boolean isEmpty() {
        return pages.isEmpty();
    }
}
