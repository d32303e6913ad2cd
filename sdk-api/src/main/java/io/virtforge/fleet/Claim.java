package io.virtforge.fleet;

import io.virtforge.plan.Placement;
import java.time.Instant;
import java.util.Objects;

/**
 * Resources held on a host for a domain: pending from the claim until it is confirmed (the domain is defined),
 * released or expired; confirmed until released.
 *
 * @param id         the claim id, unique in its store
 * @param hostId     the host
 * @param domainName the domain the claim is for; until the host's snapshot holds a domain of that name, a
 *                   placeholder of that name holds the resources in the host's view
 * @param placement  the placement claimed
 * @param generation the host's generation once the claim is made
 * @param expiresAt  when the claim expires unless confirmed
 */
public record Claim(long id, String hostId, String domainName, Placement placement, long generation,
        Instant expiresAt) {
    /** Checks for nulls. */
    public Claim {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(domainName, "domainName");
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
