package io.virtforge.fleet;

import io.virtforge.plan.Placement;
import java.time.Duration;

/**
 * Holds placements on a fleet's hosts between planning and defining, and for the life of the domain after, so
 * that concurrent planners never book the same CPUs, pages or devices twice.
 *
 * <p>The cycle: plan on {@link #fleet()}; {@link #claim} with the generation the plan saw (refused with a
 * {@link ClaimConflictException} when the host changed: plan again); define the domain; {@link #confirm} (or
 * {@link #release} when defining failed). A confirmed claim keeps its resources until it is released (the
 * domain was deleted). A pending claim not confirmed within the store's timeout expires: its resources go
 * back, as when a scheduler dies between claim and define.
 *
 * <p>Inventory: the store plans on the snapshots it was given and those {@link #putHost} brings later (from
 * files or live connections). A claim stands for a domain of a given name: a host's view is its snapshot plus
 * a placeholder domain for each of its claims whose domain the snapshot does not hold yet, so a claim is
 * counted once, before and after the defined domain shows up in the inventory.
 */
public interface ClaimStore {
    /** How long a pending claim lives unless a store is told otherwise. */
    Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    /** The fleet to plan on: every host's snapshot with the placeholders of its claims. */
    Fleet fleet();

    /**
     * Claims the placement on the host for a domain of that name, if the host is still at the expected
     * generation; the host's view then holds the placement's resources and its generation moves.
     *
     * @throws ClaimConflictException   when the host's generation moved or the host left the fleet
     * @throws IllegalArgumentException when the host already has a claim or a domain of that name
     */
    Claim claim(String hostId, long expectedGeneration, Placement placement, String domainName);

    /**
     * Confirms a pending claim: its domain is defined, and its resources stay booked until {@link #release}.
     *
     * @throws ClaimExpiredException when the claim expired before it was confirmed (its resources went back)
     * @throws IllegalStateException when the claim is unknown or not pending
     */
    void confirm(long claimId);

    /**
     * Releases a claim, pending or confirmed: its resources go back to the host, whose generation moves.
     *
     * @throws IllegalStateException when the claim is unknown, already released or expired
     */
    void release(long claimId);

    /**
     * Expires every pending claim past its deadline now (stores also do it as they go).
     *
     * @return the number of claims expired
     */
    int expireDue();

    /**
     * Adds a host, or replaces its snapshot (an inventory update); the host's generation moves. Its claims
     * stay, each counted through the new snapshot when that holds its domain, else through its placeholder.
     */
    void putHost(FleetHost host);

    /** Removes a host and forgets its claims (this store's view only: the host is gone). */
    void removeHost(String hostId);
}
