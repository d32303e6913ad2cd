package io.virtforge.fleet;

import io.virtforge.topology.HostState;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One host of a {@link Fleet}: its id, a snapshot of its state (topology and the domains that use it),
 * its labels (aggregates, traits) and its generation. Immutable.
 *
 * <p>The generation is the fleet's stamp of the snapshot: a {@link Fleet} sets it whenever the host is
 * added or changed, so a plan made against one generation can be claimed only while the host is unchanged.
 *
 * @param id         the host id (not blank)
 * @param state      the snapshot
 * @param labels     labels, sorted, unmodifiable
 * @param generation the generation of the snapshot
 */
public record FleetHost(String id, HostState state, Set<String> labels, long generation) {
    /** Checks for nulls and blank ids, copies the labels. */
    public FleetHost {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a host id must not be blank");
        }
        Objects.requireNonNull(state, "state");
        labels = Collections.unmodifiableSet(new TreeSet<>(Objects.requireNonNull(labels, "labels")));
    }

    /** A host at generation 0 (a fleet stamps its own generation when the host is added). */
    public static FleetHost of(String id, HostState state, String... labels) {
        return new FleetHost(id, state, Set.of(labels), 0);
    }

    /** The same host with another snapshot (same generation: the fleet stamps a new one when it stores it). */
    public FleetHost withState(HostState newState) {
        return new FleetHost(id, newState, labels, generation);
    }

    /** The same host at another generation. */
    FleetHost withGeneration(long value) {
        return new FleetHost(id, state, labels, value);
    }

    /** True when the host has every given label. */
    public boolean hasLabels(Set<String> required) {
        return labels.containsAll(required);
    }
}
