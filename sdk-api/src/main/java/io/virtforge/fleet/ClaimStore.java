package io.virtforge.fleet;

import io.virtforge.plan.Placement;

/**
 * Holds placements on a fleet's hosts between planning and defining, so that concurrent planners do not book
 * the same CPUs or pages twice: plan on {@link #fleet()}, {@link #claim} with the generation the plan saw
 * (refused with a {@link ClaimConflictException} when the host changed: plan again), define the domain, then
 * {@link #confirm} (or {@link #release} when defining failed).
 */
public interface ClaimStore {
    /** The fleet to plan on: every host's snapshot includes the resources of the claims on it. */
    Fleet fleet();

    /**
     * Claims the placement on the host, if the host is still at the expected generation; the host's snapshot
     * then holds the placement's resources and its generation moves.
     *
     * @throws ClaimConflictException when the host's generation moved or the host left the fleet
     */
    Claim claim(String hostId, long expectedGeneration, Placement placement);

    /**
     * Confirms a pending claim: its domain is defined, and its resources stay booked.
     *
     * @throws IllegalStateException when the claim is not pending (unknown, confirmed or released)
     */
    void confirm(long claimId);

    /**
     * Releases a pending claim: its resources go back to the host, whose generation moves.
     *
     * @throws IllegalStateException when the claim is not pending (unknown, confirmed or released)
     */
    void release(long claimId);
}
