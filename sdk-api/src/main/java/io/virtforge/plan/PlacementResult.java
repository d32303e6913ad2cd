package io.virtforge.plan;

/** What the planner found: a {@link Placement}, or a {@link NoFit} saying why not. */
public sealed interface PlacementResult permits Placement, NoFit {
    /** True for a placement. */
    default boolean fits() {
        return this instanceof Placement;
    }

    /** The result as JSON. */
    String toJson();
}
