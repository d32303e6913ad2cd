package io.virtforge.fake.kernel;

import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;

/** How a NUMA node of a {@link FakeSysfs} host looks: its memory, free memory, CPUs and distances. */
public final class NodeSpec {
    DataSize memory = DataSize.gib(16);
    DataSize freeMemory;
    CpuSet cpus = CpuSet.empty();
    int[] distances;

    NodeSpec() {
    }

    /** The node's memory size (default 16 GiB). */
    public NodeSpec memory(DataSize total) {
        this.memory = total;
        return this;
    }

    /** The memory free for huge page allocation (default three quarters of the size). */
    public NodeSpec freeMemory(DataSize free) {
        this.freeMemory = free;
        return this;
    }

    /** The node's CPUs; those not described by {@link FakeHostBuilder#cpu} get socket = node, core = CPU id. */
    public NodeSpec cpus(CpuSet set) {
        this.cpus = set;
        return this;
    }

    /** The node's CPUs, in list syntax such as {@code 0-3,8}. */
    public NodeSpec cpus(String list) {
        return cpus(CpuSet.parse(list));
    }

    /** The {@code distance} row, one entry per node in node order (default 10 to itself, 20 to others). */
    public NodeSpec distances(int... row) {
        this.distances = row.clone();
        return this;
    }

    long freeBytes() {
        return freeMemory != null ? freeMemory.bytes() : memory.bytes() / 4 * 3;
    }
}
