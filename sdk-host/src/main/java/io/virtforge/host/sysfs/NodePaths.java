package io.virtforge.host.sysfs;

/** Paths of NUMA nodes under {@code /sys/devices/system/node}. Huge page pools are in {@link HugePagePaths}. */
public final class NodePaths {
    /** {@code /sys/devices/system/node}. */
    public static final SysfsPath NODES = SysfsPath.of("sys", "devices", "system", "node");
    /** The online nodes, a node list such as {@code 0-1}. */
    public static final SysfsPath ONLINE = NODES.resolve("online");
    /** The possible nodes. */
    public static final SysfsPath POSSIBLE = NODES.resolve("possible");

    private NodePaths() {
    }

    /** {@code /sys/devices/system/node/node<n>}. */
    public static SysfsPath node(int node) {
        return NODES.resolveNumbered("node", node);
    }

    /** The node's CPUs, a CPU list. */
    public static SysfsPath cpulist(int node) {
        return node(node).resolve("cpulist");
    }

    /** The node's memory counters, {@code Node N MemTotal: ... kB} lines. */
    public static SysfsPath meminfo(int node) {
        return node(node).resolve("meminfo");
    }

    /** The node's distances to every node, e.g. {@code 10 21}. */
    public static SysfsPath distance(int node) {
        return node(node).resolve("distance");
    }
}
