package io.virtforge.plan;

import io.virtforge.build.DomainBuilder;
import io.virtforge.model.Domain;
import io.virtforge.model.Hostdev;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.MdevInstance;
import io.virtforge.topology.MdevParent;
import io.virtforge.topology.MdevType;
import io.virtforge.value.DataSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.UUID;

/**
 * The mediated device part of a {@link RandomScenario}: parents on random nodes (or none known) offering
 * types {@code q1} and {@code q2} with 0 to 2 instances available, instances that exist (some named by a
 * domain {@code vgpu-user}), and 0 to 2 requests for an instance of {@code q1} or {@code q2}.
 *
 * @param host        the host with its mediated devices
 * @param user        the domain using some instances, or null
 * @param requests    the requests
 * @param description for failure messages
 */
record RandomMdevs(HostTopology host, Domain user, List<MdevRequest> requests, String description) {
    private static final List<String> TYPES = List.of("q1", "q2");

    static RandomMdevs draw(Random rnd, HostTopology host, int nodes) {
        HostTopology.Builder b = host.toBuilder();
        List<MdevParent> parents = new ArrayList<>();
        int count = rnd.nextInt(3);
        for (int p = 0; p < count; p++) {
            List<MdevType> types = new ArrayList<>();
            for (String t : TYPES) {
                if (rnd.nextInt(3) > 0) {
                    types.add(new MdevType(t, Optional.of("GRID " + t), Optional.empty(), "vfio-pci", rnd.nextInt(3)));
                }
            }
            OptionalInt node = rnd.nextInt(6) == 0 ? OptionalInt.empty() : OptionalInt.of(rnd.nextInt(nodes));
            MdevParent parent = new MdevParent(String.format("0000:%02x:00.0", 0x60 + p), node, types);
            parents.add(parent);
            b.mdevParent(parent);
        }
        DomainBuilder user = null;
        List<String> made = new ArrayList<>();
        for (MdevParent p : parents) {
            for (MdevType t : p.types()) {
                int existing = rnd.nextInt(3);
                for (int i = 0; i < existing; i++) {
                    UUID uuid = new UUID(rnd.nextLong(), rnd.nextLong());
                    b.mdevInstance(new MdevInstance(uuid, t.id(), p.device(), p.numaNode()));
                    made.add(t.id());
                    if (rnd.nextBoolean()) {
                        user = user != null ? user : DomainBuilder.named("vgpu-user").memory(DataSize.mib(64));
                        user.device(Hostdev.mdev(uuid, "vfio-pci").build());
                    }
                }
            }
        }
        List<MdevRequest> requests = new ArrayList<>();
        int asked = rnd.nextInt(3);
        for (int i = 0; i < asked; i++) {
            requests.add(MdevRequest.of(TYPES.get(rnd.nextInt(TYPES.size()))));
        }
        String description = parents.size() + " mdev parent(s) " + parents + ", instances " + made + ", asks "
                + requests;
        return new RandomMdevs(b.build(), user == null ? null : user.assemble(), requests, description);
    }
}
