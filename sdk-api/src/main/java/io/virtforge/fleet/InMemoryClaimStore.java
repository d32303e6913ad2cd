package io.virtforge.fleet;

import io.virtforge.build.DomainBuilder;
import io.virtforge.model.Domain;
import io.virtforge.plan.Placement;
import io.virtforge.topology.HostState;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A {@link ClaimStore} in memory. A claim adds a placeholder domain (the placement applied to a
 * {@link DomainBuilder}, named {@code claim-<id>}) to the host's snapshot, so that the planner sees its CPUs,
 * pages and devices as taken exactly as it sees any domain's; a release removes it. A confirmed claim's
 * placeholder stays and stands for the defined domain. Thread-safe: claims, confirmations and releases are
 * serialized; {@link #fleet()} reads an immutable snapshot without locking.
 */
public final class InMemoryClaimStore implements ClaimStore {
    private final Object lock = new Object();
    private final Map<Long, Claim> pending = new HashMap<>();
    private volatile Fleet fleet;
    private long nextId = 1;

    /** A store over the fleet, without claims. */
    public InMemoryClaimStore(Fleet fleet) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
    }

    @Override
    public Fleet fleet() {
        return fleet;
    }

    @Override
    public Claim claim(String hostId, long expectedGeneration, Placement placement) {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(placement, "placement");
        synchronized (lock) {
            FleetHost host = fleet.host(hostId).orElse(null);
            if (host == null || host.generation() != expectedGeneration) {
                throw new ClaimConflictException(hostId, expectedGeneration,
                        host == null ? OptionalLong.empty() : OptionalLong.of(host.generation()));
            }
            long id = nextId++;
            Domain placeholder = placement.applyTo(DomainBuilder.named("claim-" + id)).assemble();
            HostState next = PoolCounts.take(host.state().with(placeholder), placeholder, 1);
            Fleet changed = fleet.withHost(host.withState(next));
            Claim claim = new Claim(id, hostId, placeholder.name(), placement,
                    changed.host(hostId).orElseThrow().generation());
            pending.put(id, claim);
            fleet = changed;
            return claim;
        }
    }

    @Override
    public void confirm(long claimId) {
        synchronized (lock) {
            if (pending.remove(claimId) == null) {
                throw new IllegalStateException("claim " + claimId + " is not pending");
            }
        }
    }

    @Override
    public void release(long claimId) {
        synchronized (lock) {
            Claim claim = pending.remove(claimId);
            if (claim == null) {
                throw new IllegalStateException("claim " + claimId + " is not pending");
            }
            FleetHost host = fleet.host(claim.hostId()).orElse(null);
            if (host == null) {
                return; // the host left the fleet, and its resources with it
            }
            Domain placeholder = host.state().domains().stream().filter(d -> d.name().equals(claim.domainName()))
                    .findFirst().orElse(null);
            if (placeholder == null) {
                return;
            }
            HostState next = PoolCounts.take(host.state().without(claim.domainName()), placeholder, -1);
            fleet = fleet.withHost(host.withState(next));
        }
    }

    /** Claims not yet confirmed nor released. */
    public int pendingCount() {
        synchronized (lock) {
            return pending.size();
        }
    }
}
