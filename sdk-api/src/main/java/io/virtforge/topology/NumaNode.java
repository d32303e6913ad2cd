package io.virtforge.topology;

import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * One host NUMA node: its memory, its CPUs, its huge page pools and its distances to the other nodes.
 *
 * @param id        the node id
 * @param memory    the node's memory
 * @param cpus      the node's CPUs (online or not)
 * @param hugePages the huge page pools by size, ascending
 * @param distances the distance to each node (including itself, usually 10), by node id
 */
public record NumaNode(int id, DataSize memory, CpuSet cpus, Map<PageSize, HugePagePool> hugePages,
        Map<Integer, Integer> distances) {
    /** Copies the maps into sorted, unmodifiable ones. */
    public NumaNode {
        if (id < 0) {
            throw new IllegalArgumentException("node id " + id);
        }
        hugePages = Collections.unmodifiableMap(new TreeMap<>(hugePages));
        distances = Collections.unmodifiableMap(new TreeMap<>(distances));
    }

    /** The pool of one page size. */
    public Optional<HugePagePool> pool(PageSize size) {
        return Optional.ofNullable(hugePages.get(size));
    }

    /** The distance to another node. */
    public OptionalInt distanceTo(int node) {
        Integer d = distances.get(node);
        return d == null ? OptionalInt.empty() : OptionalInt.of(d);
    }
}
