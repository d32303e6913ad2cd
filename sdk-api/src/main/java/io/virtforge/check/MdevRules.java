package io.virtforge.check;

import io.virtforge.model.Device;
import io.virtforge.model.Domain;
import io.virtforge.model.Hostdev;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.MdevInstance;
import io.virtforge.topology.MdevParent;
import io.virtforge.topology.MdevType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Host rules on mediated devices ({@code <hostdev type='mdev'>}, named by UUID): the instance exists
 * ({@code MDEV_MISSING}), no other domain uses it ({@code MDEV_TYPE_UNAVAILABLE}: the domain would need
 * another instance of the type; the hint says whether the host has one free or can create one), and its
 * parent is on a node the domain runs on ({@code MDEV_NUMA_REMOTE}).
 */
final class MdevRules {
    private MdevRules() {
    }

    static final Rule MDEV_MISSING = Rule.of("MDEV_MISSING", Severity.ERROR, true, MdevRules::missing);
    static final Rule MDEV_TYPE_UNAVAILABLE = Rule.of("MDEV_TYPE_UNAVAILABLE", Severity.ERROR, true,
            MdevRules::unavailable);
    static final Rule MDEV_NUMA_REMOTE = Rule.of("MDEV_NUMA_REMOTE", Severity.WARNING, true, MdevRules::remote);

    static final List<Rule> ALL = List.of(MDEV_MISSING, MDEV_TYPE_UNAVAILABLE, MDEV_NUMA_REMOTE);

    /** A mediated device the domain names, where, and its UUID when well formed. */
    private record Use(String path, String text, Optional<UUID> uuid) {
    }

    private static List<Use> uses(Domain d) {
        List<Use> uses = new ArrayList<>();
        int hostdev = 0;
        for (Device dev : d.devices().all()) {
            if (dev instanceof Hostdev h) {
                String path = Paths.device("hostdev", hostdev++) + "/source/address";
                h.mdevUuid().ifPresent(u -> uses.add(new Use(path, u, parse(u))));
            }
        }
        return uses;
    }

    private static Optional<UUID> parse(String text) {
        try {
            return text.length() == 36 ? Optional.of(UUID.fromString(text)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void missing(CheckContext ctx, Findings out) {
        HostTopology host = ctx.topology();
        for (Use u : uses(ctx.domain())) {
            if (u.uuid().flatMap(host::mdevInstance).isEmpty()) {
                out.add(u.path(), "mediated device " + u.text() + " does not exist on the host",
                        "create it first (virtforge's MdevManager, mdevctl start, or virsh nodedev-create) on a parent "
                        + "offering its type" + offered(host));
            }
        }
    }

    private static String offered(HostTopology host) {
        List<String> types = host.mdevParents().stream().flatMap(p -> p.types().stream()
                .map(t -> t.id() + " on " + p.device() + " (" + t.availableInstances() + " available)")).toList();
        return types.isEmpty() ? "; this host has no mediated device parent" : ": " + String.join(", ", types);
    }

    private static void unavailable(CheckContext ctx, Findings out) {
        HostTopology host = ctx.topology();
        String me = ctx.domain().name();
        for (Use u : uses(ctx.domain())) {
            Optional<MdevInstance> instance = u.uuid().flatMap(host::mdevInstance);
            if (instance.isEmpty()) {
                continue;
            }
            Optional<String> other = ctx.host().domains().stream().filter(d -> !d.name().equals(me))
                    .filter(d -> uses(d).stream().anyMatch(o -> o.uuid().equals(u.uuid()))).map(Domain::name)
                    .findFirst();
            if (other.isPresent()) {
                String type = instance.get().type();
                out.add(u.path(), "mediated device " + u.text() + " (type " + type + ") is used by domain "
                        + other.get(), capacity(ctx, type));
            }
        }
    }

    /** Where another instance of the type could come from. */
    private static String capacity(CheckContext ctx, String type) {
        HostTopology host = ctx.topology();
        Set<UUID> used = new java.util.TreeSet<>();
        ctx.host().domains().forEach(d -> uses(d).forEach(o -> o.uuid().ifPresent(used::add)));
        Optional<MdevInstance> free = host.mdevInstances().stream()
                .filter(i -> i.type().equals(type) && !used.contains(i.uuid())).findFirst();
        if (free.isPresent()) {
            return "use the free instance " + free.get().uuid() + " of " + type + " on " + free.get().parent();
        }
        Optional<MdevParent> parent = host.mdevParents().stream().filter(p -> p.type(type)
                .map(MdevType::availableInstances).orElse(0) > 0).findFirst();
        return parent.map(p -> "create another instance of " + type + " on " + p.device() + " ("
                + p.type(type).orElseThrow().availableInstances() + " available)")
                .orElse("the host has no instance of " + type + " left: free one, or place the domain on another host");
    }

    private static void remote(CheckContext ctx, Findings out) {
        HostTopology host = ctx.topology();
        Set<Integer> vmNodes = DeviceRules.domainNodes(ctx);
        if (vmNodes.isEmpty()) {
            return;
        }
        for (Use u : uses(ctx.domain())) {
            u.uuid().flatMap(host::mdevInstance).ifPresent(i -> i.numaNode().ifPresent(node -> {
                if (!vmNodes.contains(node)) {
                    out.add(u.path(), "mediated device " + u.text() + " is on " + i.parent() + ", host node " + node
                            + ", but the domain runs on node(s) " + vmNodes, "use an instance on a parent of node "
                            + vmNodes.iterator().next() + ", or place the domain on node " + node);
                }
            }));
        }
    }
}
