package io.virtforge.host.hugepages;

import io.virtforge.value.PageSize;
import java.util.List;

/**
 * The outcome of reserving huge pages for a domain.
 *
 * @param needs      what the domain needs
 * @param raised     the pools that were raised (none when the pools already had enough free pages)
 * @param notMounted page sizes needed for which no hugetlbfs is mounted: QEMU cannot back memory with
 *                   them until one is
 */
public record HugePageReservation(HugePageNeeds needs, List<PoolResize> raised, List<PageSize> notMounted) {
    /** Copies the lists. */
    public HugePageReservation {
        raised = List.copyOf(raised);
        notMounted = List.copyOf(notMounted);
    }
}
