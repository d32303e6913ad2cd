package io.virtforge.fleet;

import java.util.Optional;

/** What the fleet planner found: a {@link FleetPlacement}, or a {@link FleetNoFit} counting why not. */
public sealed interface FleetResult permits FleetPlacement, FleetNoFit {
    /** True for a placement. */
    default boolean fits() {
        return this instanceof FleetPlacement;
    }

    /** The chosen host and its placement; empty for a no-fit. */
    default Optional<FleetPlacement> chosen() {
        return this instanceof FleetPlacement p ? Optional.of(p) : Optional.empty();
    }

    /** The no-fit; empty for a placement. */
    default Optional<FleetNoFit> noFit() {
        return this instanceof FleetNoFit n ? Optional.of(n) : Optional.empty();
    }

    /**
     * The result as JSON: {@code {"fit":true,"host":ID,...}} with the placement's fields as
     * {@link io.virtforge.plan.Placement#toJson()} writes them, or {@code {"fit":false,"rejected":{CODE:HOSTS,...}}}.
     * The generation is left out: it is for claiming through the API, not for reading.
     */
    String toJson();
}
