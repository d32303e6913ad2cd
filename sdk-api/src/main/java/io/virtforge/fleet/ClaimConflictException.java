package io.virtforge.fleet;

import io.virtforge.VirtforgeException;
import java.util.OptionalLong;

/**
 * A claim was refused because the host changed since the plan was made (its generation moved) or left the
 * fleet: plan again on the current fleet and claim again.
 */
public final class ClaimConflictException extends VirtforgeException {
    private static final long serialVersionUID = 1L;

    private final String hostId;
    private final long expectedGeneration;
    private final long actualGeneration;

    /**
     * A conflict on a host.
     *
     * @param hostId             the host
     * @param expectedGeneration the generation the plan was made against
     * @param actualGeneration   the host's generation now; empty when the host is no longer in the fleet
     */
    public ClaimConflictException(String hostId, long expectedGeneration, OptionalLong actualGeneration) {
        super("host " + hostId + " changed since the plan: generation " + expectedGeneration + " expected, "
                + (actualGeneration.isPresent() ? "now " + actualGeneration.getAsLong() : "the host is gone"));
        this.hostId = hostId;
        this.expectedGeneration = expectedGeneration;
        this.actualGeneration = actualGeneration.orElse(-1);
    }

    /** The host. */
    public String hostId() {
        return hostId;
    }

    /** The generation the plan was made against. */
    public long expectedGeneration() {
        return expectedGeneration;
    }

    /** The host's generation now; empty when the host left the fleet. */
    public OptionalLong actualGeneration() {
        return actualGeneration < 0 ? OptionalLong.empty() : OptionalLong.of(actualGeneration);
    }
}
