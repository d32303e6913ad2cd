package io.virtforge.plan;

import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.IommuGroup;
import io.virtforge.topology.PciDevice;
import io.virtforge.value.PciAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The passthrough side of planning: which free, assignable devices can serve each request, which host
 * nodes make each of them acceptable under the NUMA affinity policy, and a matching of requests to
 * distinct devices given the nodes a placement uses.
 */
final class DeviceChooser {
    /** A device that can serve a request, and the nodes that make it acceptable (null: any node). */
    record Candidate(PciDevice device, Set<Integer> anchors) {
    }

    final List<DeviceRequest> requests;
    final List<List<Candidate>> candidates = new ArrayList<>();

    DeviceChooser(PlacementRequest r, HostState state, HostView view, boolean relaxed) {
        requests = r.devices();
        HostTopology host = state.topology();
        for (DeviceRequest req : requests) {
            List<Candidate> list = new ArrayList<>();
            for (PciDevice d : host.pciDevices()) {
                if (req.matches(d) && assignable(d, req, state)) {
                    list.add(new Candidate(d, relaxed ? null : anchors(d, r.deviceAffinity(), view)));
                }
            }
            candidates.add(list);
        }
    }

    /** Free, not a bridge, IOMMU on, its group viable, and (for a VF) listed under its PF. */
    static boolean assignable(PciDevice d, DeviceRequest req, HostState state) {
        HostTopology host = state.topology();
        if (d.isBridge() || !host.iommuEnabled() || state.assignedTo(d.address()).isPresent()) {
            return false;
        }
        if (req.asNic() && !host.pciDevice(d.physfn().orElseThrow()).map(p -> p.virtfns().contains(d.address()))
                .orElse(false)) {
            return false;
        }
        IommuGroup group = d.iommuGroup().stream().boxed().findFirst().flatMap(host::iommuGroup).orElse(null);
        if (group == null) {
            return false;
        }
        for (PciAddress member : group.devices()) {
            PciDevice m = host.pciDevice(member).orElse(null);
            if (m == null || m.address().equals(d.address()) || m.isBridge()) {
                continue;
            }
            String driver = m.driver().orElse(null);
            if (driver != null && !driver.equals("vfio-pci") && !driver.equals("pci-stub")) {
                return false;
            }
        }
        return true;
    }

    private static Set<Integer> anchors(PciDevice d, NumaAffinity affinity, HostView view) {
        return anchors(d.numaNode().orElse(-1), affinity, view);
    }

    /** The nodes that make a device on {@code node} (-1: unknown) acceptable; null: any node. */
    static Set<Integer> anchors(int node, NumaAffinity affinity, HostView view) {
        return switch (affinity) {
            case REQUIRED, PREFERRED -> node < 0 ? Set.of() : Set.of(node);
            case LEGACY -> node < 0 ? null : Set.of(node);
            case SOCKET -> {
                if (node < 0 || !view.nodes.containsKey(node)) {
                    yield Set.of();
                }
                int socket = view.nodes.get(node).socket();
                Set<Integer> same = new TreeSet<>();
                view.nodes.values().forEach(n -> {
                    if (n.socket() == socket) {
                        same.add(n.id());
                    }
                });
                yield same;
            }
        };
    }

    /** The first request no candidate can serve, or -1. */
    int firstUnservable() {
        return Matching.firstUnservable(candidates);
    }

    /** Host nodes that anchor some candidate: where the required-node sets are drawn from. */
    Set<Integer> anchorNodes() {
        return Matching.anchorNodes(candidates, Candidate::anchors);
    }

    /** Distinct devices, one per request, each acceptable given the used nodes; null when impossible. */
    List<PciDevice> choose(Set<Integer> usedNodes) {
        List<Candidate> chosen = Matching.match(candidates, c -> acceptable(c, usedNodes), c -> c.device().address());
        return chosen == null ? null : chosen.stream().map(Candidate::device).toList();
    }

    private static boolean acceptable(Candidate c, Set<Integer> used) {
        if (c.anchors() == null) {
            return true;
        }
        for (int n : c.anchors()) {
            if (used.contains(n)) {
                return true;
            }
        }
        return false;
    }

    /** Subsets of {@code nodes} of size 0..max, smallest first, each in the nodes' order. */
    static List<int[]> subsets(int[] nodes, int max) {
        List<int[]> out = new ArrayList<>();
        for (int size = 0; size <= Math.min(max, nodes.length); size++) {
            combine(nodes, size, 0, new int[size], 0, out);
        }
        return out;
    }

    private static void combine(int[] nodes, int size, int from, int[] acc, int depth, List<int[]> out) {
        if (depth == size) {
            out.add(Arrays.copyOf(acc, size));
            return;
        }
        for (int i = from; i <= nodes.length - (size - depth); i++) {
            acc[depth] = nodes[i];
            combine(nodes, size, i + 1, acc, depth + 1, out);
        }
    }
}
