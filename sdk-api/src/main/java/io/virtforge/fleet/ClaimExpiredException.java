package io.virtforge.fleet;

import io.virtforge.VirtforgeException;
import java.time.Instant;

/**
 * A claim could not be confirmed because it expired first: its resources went back to the host and may be
 * someone else's now. Undefine the domain (its resources are not held) or plan, claim and define again.
 */
public final class ClaimExpiredException extends VirtforgeException {
    private static final long serialVersionUID = 1L;

    private final long claimId;
    private final transient Instant expiredAt;

    /**
     * An expired claim.
     *
     * @param claimId   the claim
     * @param expiredAt its deadline
     */
    public ClaimExpiredException(long claimId, Instant expiredAt) {
        super("claim " + claimId + " expired at " + expiredAt + " before it was confirmed; its resources went back");
        this.claimId = claimId;
        this.expiredAt = expiredAt;
    }

    /** The claim. */
    public long claimId() {
        return claimId;
    }

    /** Its deadline. */
    public Instant expiredAt() {
        return expiredAt;
    }
}
