package io.virtforge.fleet;

import io.virtforge.plan.Placement;
import java.util.Objects;

/**
 * Resources held on a host for a placement until it is confirmed (the domain is defined) or released.
 *
 * @param id         the claim id, unique in its store
 * @param hostId     the host
 * @param domainName the name of the placeholder domain that holds the resources in the host's snapshot
 * @param placement  the placement claimed
 * @param generation the host's generation once the claim is made
 */
public record Claim(long id, String hostId, String domainName, Placement placement, long generation) {
    /** Checks for nulls. */
    public Claim {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(domainName, "domainName");
        Objects.requireNonNull(placement, "placement");
    }
}
