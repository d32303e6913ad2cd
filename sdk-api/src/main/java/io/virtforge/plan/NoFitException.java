package io.virtforge.plan;

import io.virtforge.VirtforgeException;
import java.util.Objects;

/** The planner found no placement ({@link PlacementResult#orElseThrow()}); the message lists each node's reason. */
public final class NoFitException extends VirtforgeException {
    private static final long serialVersionUID = 1L;
    private final transient NoFit noFit;

    /** Creates the exception for a NoFit; its reasons make the message. */
    public NoFitException(NoFit noFit) {
        super(message(Objects.requireNonNull(noFit, "noFit")));
        this.noFit = noFit;
    }

    private static String message(NoFit noFit) {
        StringBuilder sb = new StringBuilder("the request fits nowhere on the host");
        if (noFit.reasons().isEmpty()) {
            return sb.toString();
        }
        sb.append(':');
        noFit.reasons().forEach(r -> sb.append("\n  ").append(r));
        return sb.toString();
    }

    /** What the planner said, with the rejections. */
    public NoFit noFit() {
        return noFit;
    }
}
