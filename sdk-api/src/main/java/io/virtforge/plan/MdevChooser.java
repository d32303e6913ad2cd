package io.virtforge.plan;

import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.MdevInstance;
import io.virtforge.topology.MdevParent;
import io.virtforge.topology.MdevType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The mediated device side of planning: the slots that can serve each {@link MdevRequest} (each free
 * instance of its type, and each instance its parents can still create), which host nodes make a slot
 * acceptable under the NUMA affinity policy (the parent's node, as for a PCI device), and a matching of
 * requests to distinct slots given the nodes a placement uses.
 */
final class MdevChooser {
    /** One instance: existing (free) or to create; {@code anchors} null means any node. */
    private record Slot(MdevChoice choice, Set<Integer> anchors) {
    }

    private final List<List<Slot>> candidates = new ArrayList<>();

    MdevChooser(PlacementRequest r, HostState state, HostView view, boolean relaxed) {
        if (r.mdevs().isEmpty()) {
            // Nothing to choose; the walk over every domain's devices below was three quarters of the
            // allocation of a plan without mdevs, run once per guest cell layout.
            return;
        }
        HostTopology host = state.topology();
        Set<UUID> used = usedInstances(state);
        int wanted = r.mdevs().size();
        Map<String, List<Slot>> byType = new HashMap<>();
        for (MdevRequest req : r.mdevs()) {
            List<Slot> slots = byType.computeIfAbsent(req.type(), t -> slots(t, host, used, wanted, view, r, relaxed));
            candidates.add(slots);
        }
    }

    private static List<Slot> slots(String type, HostTopology host, Set<UUID> used, int wanted, HostView view,
            PlacementRequest r, boolean relaxed) {
        List<Slot> slots = new ArrayList<>();
        for (MdevInstance i : host.mdevInstances()) {
            if (i.type().equals(type) && !used.contains(i.uuid())) {
                slots.add(new Slot(new MdevChoice(type, i.parent(), i.uuid(), false, deviceApi(host, i.parent(), type)),
                        relaxed ? null : DeviceChooser.anchors(i.numaNode().orElse(-1), r.deviceAffinity(), view)));
            }
        }
        for (MdevParent p : host.mdevParents()) {
            int available = p.type(type).map(MdevType::availableInstances).orElse(0);
            // more slots per parent than requests could never be used
            for (int k = 0, n = 0; k < Math.min(available, wanted); n++) {
                UUID uuid = newUuid(p.device(), type, n);
                if (host.mdevInstance(uuid).isEmpty()) {
                    slots.add(new Slot(new MdevChoice(type, p.device(), uuid, true, deviceApi(host, p.device(), type)),
                            relaxed ? null : DeviceChooser.anchors(p.numaNode().orElse(-1), r.deviceAffinity(), view)));
                    k++;
                }
            }
        }
        return slots;
    }

    private static String deviceApi(HostTopology host, String parent, String type) {
        return host.mdevParent(parent).flatMap(p -> p.type(type)).map(MdevType::deviceApi).orElse("vfio-pci");
    }

    /** A UUID for the n-th instance to create, the same for the same host and request (plans are repeatable). */
    static UUID newUuid(String parent, String type, int n) {
        return UUID.nameUUIDFromBytes(("virtforge-mdev/" + parent + "/" + type + "/" + n)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The instances domains on the host already name in {@code <hostdev type='mdev'>}. */
    static Set<UUID> usedInstances(HostState state) {
        Set<UUID> used = new TreeSet<>();
        state.domains().forEach(d -> d.devices().hostdevs().forEach(h -> h.mdevUuid().ifPresent(u -> {
            try {
                used.add(UUID.fromString(u));
            } catch (IllegalArgumentException e) {
                // a malformed UUID names no instance; the validator reports the domain
            }
        })));
        return used;
    }

    /** The first request no candidate can serve, or -1. */
    int firstUnservable() {
        return Matching.firstUnservable(candidates);
    }

    /** Host nodes that anchor some candidate: where the required-node sets are drawn from. */
    Set<Integer> anchorNodes() {
        return Matching.anchorNodes(candidates, Slot::anchors);
    }

    /** Distinct slots, one per request, each acceptable given the used nodes; null when impossible. */
    List<MdevChoice> choose(Set<Integer> usedNodes) {
        List<Slot> chosen = Matching.match(candidates, s -> s.anchors() == null
                || s.anchors().stream().anyMatch(usedNodes::contains), s -> s.choice().uuid());
        return chosen == null ? null : chosen.stream().map(Slot::choice).toList();
    }
}
