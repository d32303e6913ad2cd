package io.virtforge.host.discovery;

import io.virtforge.host.hugepages.HugePagePoolId;
import io.virtforge.host.hugepages.HugePagePoolStatus;
import io.virtforge.host.sysfs.KernelValues;
import io.virtforge.host.sysfs.NodePaths;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.topology.HugePagePool;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code /sys/devices/system/node}: which nodes there are (the {@code nodeN} folders, restricted to
 * {@code online} when that file exists), and per node its CPUs ({@code cpulist}, else its {@code cpuN}
 * entries), memory ({@code MemTotal} of its {@code meminfo}), distances and huge page pools.
 */
final class NodeReader {
    private final Sysfs sysfs;

    /** One node as read. */
    record NodeInfo(int id, DataSize memory, CpuSet cpus, List<HugePagePool> pools, Map<Integer, Integer> distances) {
    }

    NodeReader(Sysfs sysfs) {
        this.sysfs = sysfs;
    }

    /** True when the kernel has NUMA: the node folder exists. */
    boolean numa() {
        return sysfs.isDirectory(NodePaths.NODES);
    }

    List<NodeInfo> nodes() {
        List<String> names = sysfs.list(NodePaths.NODES);
        CpuSet ids = KernelValues.numbered(names, "node");
        if (names.contains("online")) {
            ids = ids.intersect(KernelValues.cpuList(sysfs.readTrimmed(NodePaths.ONLINE)));
        }
        int[] order = ids.toArray();
        List<NodeInfo> nodes = new ArrayList<>(order.length);
        for (int id : order) {
            nodes.add(read(id, order));
        }
        return nodes;
    }

    private NodeInfo read(int id, int[] order) {
        SysfsPath dir = NodePaths.node(id);
        List<String> entries = sysfs.list(dir);
        CpuSet cpus = entries.contains("cpulist") ? KernelValues.cpuList(sysfs.readTrimmed(NodePaths.cpulist(id)))
                : KernelValues.numbered(entries, "cpu");
        DataSize memory = entries.contains("meminfo")
                ? DataSize.kib(KernelValues.meminfoKib(sysfs.read(NodePaths.meminfo(id)), "MemTotal").orElse(0))
                : DataSize.ZERO;
        Map<Integer, Integer> distances = new TreeMap<>();
        if (entries.contains("distance")) {
            String[] row = sysfs.readTrimmed(NodePaths.distance(id)).split("\\s+");
            for (int i = 0; i < row.length && i < order.length; i++) {
                int d = KernelValues.integer(row[i]).orElse(-1);
                if (d >= 0) {
                    distances.put(order[i], d);
                }
            }
        }
        List<HugePagePool> pools = entries.contains("hugepages") ? pools(HugePagePoolId::node, id, dir.resolve("hugepages"))
                : List.of();
        return new NodeInfo(id, memory, cpus, pools, distances);
    }

    /** The pools of a {@code hugepages} folder. */
    List<HugePagePool> pools(PoolNaming naming, int node, SysfsPath folder) {
        List<HugePagePool> pools = new ArrayList<>();
        for (PageSize size : HugePagePoolStatus.sizesIn(sysfs, folder)) {
            HugePagePoolStatus s = HugePagePoolStatus.read(sysfs, naming.id(node, size));
            pools.add(HugePagePool.of(size, s.total(), Math.min(s.free(), s.total())));
        }
        return pools;
    }

    /** Names a pool of a node (or, for the global pools, ignores the node). */
    @FunctionalInterface
    interface PoolNaming {
        HugePagePoolId id(int node, PageSize size);
    }
}
