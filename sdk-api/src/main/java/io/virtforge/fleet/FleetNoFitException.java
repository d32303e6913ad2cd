package io.virtforge.fleet;

import io.virtforge.VirtforgeException;
import java.util.Objects;

/** A request fits no host of the fleet; {@link #noFit()} counts the hosts rejected per reason. */
public final class FleetNoFitException extends VirtforgeException {
    private static final long serialVersionUID = 1L;
    private final transient FleetNoFit noFit;

    /** The exception for a no-fit; its counts make the message. */
    public FleetNoFitException(FleetNoFit noFit) {
        super(Objects.requireNonNull(noFit, "noFit").toString());
        this.noFit = noFit;
    }

    /** The hosts rejected per reason. */
    public FleetNoFit noFit() {
        return noFit;
    }
}
