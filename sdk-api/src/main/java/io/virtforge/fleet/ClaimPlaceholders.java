package io.virtforge.fleet;

import io.virtforge.build.DomainBuilder;
import io.virtforge.model.Domain;
import io.virtforge.plan.Placement;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link ClaimStore} shows its claims to the planner, shared by every store so that they all count a
 * claim the same way: a claim is a placeholder domain (its placement applied to a {@link DomainBuilder} under
 * the claim's domain name), added to the host's snapshot until the snapshot holds a domain of that name.
 */
public final class ClaimPlaceholders {
    private ClaimPlaceholders() {
    }

    /** The placeholder of a claim: the placement applied to an otherwise empty domain of that name. */
    public static Domain of(Placement placement, String domainName) {
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(domainName, "domainName");
        return MdevClaims.withInstancesToCreate(placement.applyTo(DomainBuilder.named(domainName)).assemble(),
                placement.mdevs());
    }

    /**
     * The snapshot with the placeholders added, each unless the snapshot already holds a domain of its name (the
     * defined domain then counts instead). Pools that carry a live free count lose the placeholders' pages too.
     */
    public static HostState overlay(HostState snapshot, Iterable<Domain> placeholders) {
        Objects.requireNonNull(snapshot, "snapshot");
        List<Domain> added = new ArrayList<>();
        for (Domain placeholder : Objects.requireNonNull(placeholders, "placeholders")) {
            if (snapshot.footprint(placeholder.name()).isEmpty()) {
                added.add(placeholder);
            }
        }
        HostState withPages = PoolCounts.with(snapshot, added);
        HostTopology topology = MdevClaims.take(withPages.topology(), added);
        return topology == withPages.topology() ? withPages : HostState.of(topology, withPages.domains());
    }
}
