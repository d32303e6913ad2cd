package io.virtforge.plan;

import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where one guest NUMA cell goes: its host node, the host CPUs of each of its vCPUs (one CPU for a
 * dedicated vCPU, the node's shared set for a shared one), its memory and page size.
 *
 * @param guestCell  the guest cell id
 * @param hostNode   the host node
 * @param guestVcpus the cell's vCPUs
 * @param vcpuPins   host CPUs per vCPU
 * @param memory     the cell's memory
 * @param pageSize   the huge page size; empty for base pages
 */
public record CellPlacement(int guestCell, int hostNode, CpuSet guestVcpus, Map<Integer, CpuSet> vcpuPins,
        DataSize memory, Optional<PageSize> pageSize) {
    /** Copies the pins, sorted by vCPU. */
    public CellPlacement {
        vcpuPins = Collections.unmodifiableMap(new TreeMap<>(vcpuPins));
    }

    /** Every host CPU the cell's vCPUs may use. */
    public CpuSet hostCpus() {
        CpuSet all = CpuSet.empty();
        for (CpuSet s : vcpuPins.values()) {
            all = all.union(s);
        }
        return all;
    }
}
