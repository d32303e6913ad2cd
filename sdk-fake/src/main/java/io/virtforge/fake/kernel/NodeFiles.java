package io.virtforge.fake.kernel;

import io.virtforge.host.sysfs.CpuPaths;
import io.virtforge.host.sysfs.NodePaths;
import io.virtforge.fake.kernel.fs.FakeFile;
import io.virtforge.fake.kernel.fs.FakeTree;
import io.virtforge.value.CpuSet;
import io.virtforge.value.NodeSet;
import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code /sys/devices/system/node}: {@code online}, {@code possible}, {@code has_cpu},
 * {@code has_memory}, and per node {@code cpulist}, {@code distance} and a link per CPU. The
 * {@code meminfo} files and huge page pools are {@link HugePages}'.
 */
final class NodeFiles {
    private NodeFiles() {
    }

    static void install(FakeTree tree, Map<Integer, NodeSpec> nodes, Collection<CpuState> cpus) {
        NodeSet ids = NodeSet.of(nodes.keySet());
        tree.put(NodePaths.ONLINE, FakeFile.readOnly(ids.format() + "\n"));
        tree.put(NodePaths.POSSIBLE, FakeFile.readOnly(ids.format() + "\n"));
        tree.put(NodePaths.NODES.resolve("has_memory"), FakeFile.readOnly(ids.format() + "\n"));
        NodeSet withCpus = NodeSet.of(cpus.stream().map(CpuState::node).distinct().toList());
        tree.put(NodePaths.NODES.resolve("has_cpu"), FakeFile.readOnly(withCpus.format() + "\n"));
        for (Map.Entry<Integer, NodeSpec> e : nodes.entrySet()) {
            int node = e.getKey();
            CpuSet mine = CpuSet.of(cpus.stream().filter(c -> c.node() == node).map(CpuState::id).toList());
            tree.put(NodePaths.cpulist(node), FakeFile.readOnly(mine.format() + "\n"));
            tree.put(NodePaths.distance(node), FakeFile.readOnly(distances(node, e.getValue(), nodes) + "\n"));
            mine.stream().forEach(cpu -> tree.link(NodePaths.node(node).resolveNumbered("cpu", cpu), CpuPaths.cpu(cpu)));
        }
    }

    private static String distances(int node, NodeSpec spec, Map<Integer, NodeSpec> nodes) {
        if (spec.distances != null) {
            if (spec.distances.length != nodes.size()) {
                throw new IllegalArgumentException("node " + node + " has " + spec.distances.length
                        + " distances for " + nodes.size() + " nodes");
            }
            StringJoiner row = new StringJoiner(" ");
            for (int d : spec.distances) {
                row.add(Integer.toString(d));
            }
            return row.toString();
        }
        StringJoiner row = new StringJoiner(" ");
        nodes.keySet().forEach(other -> row.add(other == node ? "10" : "20"));
        return row.toString();
    }
}
