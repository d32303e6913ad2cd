package io.virtforge.plan;

import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;

/**
 * One guest cell to place: its vCPUs (split into dedicated and shared by the CPU policy) and memory.
 *
 * @param index     the guest cell id
 * @param vcpus     all its vCPUs
 * @param dedicated the vCPUs needing CPUs of their own
 * @param shared    the vCPUs floating over shared CPUs
 * @param memory    its memory
 */
record CellNeed(int index, CpuSet vcpus, CpuSet dedicated, CpuSet shared, DataSize memory) {
    static CellNeed of(int index, CpuSet vcpus, DataSize memory, PlacementRequest r) {
        CpuSet dedicated = CpuSet.empty();
        for (int v : vcpus.toArray()) {
            if (r.isDedicated(v)) {
                dedicated = dedicated.union(CpuSet.of(v));
            }
        }
        return new CellNeed(index, vcpus, dedicated, vcpus.minus(dedicated), memory);
    }
}
