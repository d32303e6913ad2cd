package io.virtforge.samples.fleet;

import io.virtforge.fleet.Fleet;
import io.virtforge.fleet.FleetNoFit;
import java.util.Objects;

/** What became of one request of the stream: placed on a host, or refused. */
public sealed interface Outcome permits Outcome.Placed, Outcome.Refused {
    /** The request. */
    SimRequest request();

    /**
     * The request was claimed and confirmed on a host.
     *
     * @param request the request
     * @param hostId  the host it went to
     */
    record Placed(SimRequest request, String hostId) implements Outcome {
        /** Checks for nulls. */
        public Placed {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(hostId, "hostId");
        }
    }

    /**
     * No host fitted the request.
     *
     * @param request the request
     * @param noFit   how many hosts were rejected for each reason
     * @param seen    the fleet the planner was given (immutable), so that the refusal can be checked afterwards
     */
    record Refused(SimRequest request, FleetNoFit noFit, Fleet seen) implements Outcome {
        /** Checks for nulls. */
        public Refused {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(noFit, "noFit");
            Objects.requireNonNull(seen, "seen");
        }
    }
}
