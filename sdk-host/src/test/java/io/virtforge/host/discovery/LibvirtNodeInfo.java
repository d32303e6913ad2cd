package io.virtforge.host.discovery;

import io.virtforge.topology.HostCpu;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.NumaNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * libvirt 4.5.0's node info summary ({@code virHostCPUGetInfoPopulateLinux()}), computed from a discovered
 * topology, in the format of {@code tests/virhostcpudata/*.expected} without the MHz (which comes from
 * {@code /proc/cpuinfo}): per node, the sockets of its online CPUs, the cores per socket and the SMT
 * siblings; the largest of each over the nodes; and when nodes x sockets x cores x threads does not
 * equal the CPU count, libvirt's fallback of 1 node, 1 socket, all CPUs as cores, 1 thread. On s390
 * every logical CPU counts as a core; a socket of -1 (ARM) counts as 0.
 *
 * @param online  online CPUs
 * @param max     nodes x sockets x cores x threads
 * @param nodes   nodes
 * @param sockets sockets per node
 * @param cores   cores per socket
 * @param threads threads per core
 */
record LibvirtNodeInfo(int online, int max, int nodes, int sockets, int cores, int threads) {
    private static final Pattern EXPECTED = Pattern.compile(
            "CPUs: (\\d+)/(\\d+), MHz: \\d+, Nodes: (\\d+), Sockets: (\\d+), Cores: (\\d+), Threads: (\\d+)\\s*");

    /** Parses an {@code .expected} line. */
    static LibvirtNodeInfo parse(String text) {
        Matcher m = EXPECTED.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a node info line: " + text);
        }
        return new LibvirtNodeInfo(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                Integer.parseInt(m.group(6)));
    }

    /** The summary libvirt computes for the host, for the given architecture. */
    static LibvirtNodeInfo of(HostTopology host, String arch) {
        boolean s390 = arch.startsWith("s390");
        int processors = 0;
        int offline = 0;
        int sockets = 0;
        int cores = 0;
        int threads = 0;
        for (NumaNode node : host.nodes()) {
            List<HostCpu> cpus = node.cpus().stream().mapToObj(id -> host.cpu(id).orElseThrow()).toList();
            Set<Integer> nodeSockets = new HashSet<>();
            Map<Integer, Set<Integer>> coresBySocket = new HashMap<>();
            for (HostCpu c : cpus) {
                if (!c.online()) {
                    offline++;
                    continue;
                }
                processors++;
                int socket = Math.max(0, c.socket().orElse(0));
                nodeSockets.add(socket);
                coresBySocket.computeIfAbsent(socket, k -> new HashSet<>()).add(s390 ? c.id() : c.core().orElse(0));
                threads = Math.max(threads, c.siblings().size());
            }
            sockets = Math.max(sockets, nodeSockets.size());
            for (Set<Integer> s : coresBySocket.values()) {
                cores = Math.max(cores, s.size());
            }
        }
        int nodes = host.nodes().size();
        if (nodes * sockets * cores * threads != processors + offline) {
            return new LibvirtNodeInfo(processors, processors + offline, 1, 1, processors + offline, 1);
        }
        return new LibvirtNodeInfo(processors, nodes * sockets * cores * threads, nodes, sockets, cores, threads);
    }

    @Override
    public String toString() {
        return "CPUs: " + online + "/" + max + ", Nodes: " + nodes + ", Sockets: " + sockets + ", Cores: " + cores
                + ", Threads: " + threads;
    }
}
