package io.virtforge.plan;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the planner found: a {@link Placement}, or a {@link NoFit} saying why not. Callers that want the
 * placement or a failure write {@code result.orElseThrow()}; those that want to branch, {@link #placement()}
 * or {@link #map}; a {@code switch} over the two records works too.
 */
public sealed interface PlacementResult permits Placement, NoFit {
    /** True for a placement. */
    default boolean fits() {
        return this instanceof Placement;
    }

    /** The placement; empty for a {@link NoFit}. */
    default Optional<Placement> placement() {
        return this instanceof Placement p ? Optional.of(p) : Optional.empty();
    }

    /** Why the request fits nowhere, node by node; empty for a {@link Placement}. */
    default Optional<NoFit> noFit() {
        return this instanceof NoFit n ? Optional.of(n) : Optional.empty();
    }

    /**
     * The placement mapped by a function; empty for a {@link NoFit}.
     *
     * @param mapper applied to the placement (a null answer gives an empty result)
     */
    default <T> Optional<T> map(Function<? super Placement, ? extends T> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return placement().map(mapper);
    }

    /**
     * The placement, or an exception saying, node by node, why the request fits nowhere.
     *
     * @throws NoFitException for a {@link NoFit}; it carries the NoFit and its reasons are in the message
     */
    default Placement orElseThrow() {
        if (this instanceof Placement p) {
            return p;
        }
        throw new NoFitException((NoFit) this);
    }

    /** The result as JSON. */
    String toJson();
}
