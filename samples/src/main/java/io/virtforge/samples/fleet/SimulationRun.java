package io.virtforge.samples.fleet;

import io.virtforge.fleet.Fleet;
import java.util.List;
import java.util.Objects;

/**
 * One strategy's run over the stream.
 *
 * @param strategy the strategy
 * @param initial  the fleet before the stream
 * @param last     the fleet after it: every host's snapshot with the domains the stream placed on it
 * @param outcomes one per request fed, in stream order (fewer than the stream when the run stopped early)
 */
public record SimulationRun(FleetStrategy strategy, Fleet initial, Fleet last, List<Outcome> outcomes) {
    /** Checks for nulls, copies the list. */
    public SimulationRun {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(last, "last");
        outcomes = List.copyOf(outcomes);
    }

    /** The requests placed. */
    public List<Outcome.Placed> placed() {
        return outcomes.stream().filter(Outcome.Placed.class::isInstance).map(Outcome.Placed.class::cast).toList();
    }

    /** The requests refused. */
    public List<Outcome.Refused> refused() {
        return outcomes.stream().filter(Outcome.Refused.class::isInstance).map(Outcome.Refused.class::cast).toList();
    }
}
