package io.virtforge.fleet;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which hosts of a fleet a request may use, before any resource is looked at.
 *
 * @param requiredLabels labels a host must all have
 * @param avoid          hosts not to use
 * @param antiAffinity   hosts that already hold members of the request's anti-affinity group: not to use
 * @param affinity       hosts that already hold members of the request's affinity group: the host must be one
 *                       of them; empty when the group has no member yet (its first member may go anywhere)
 */
public record FleetConstraints(Set<String> requiredLabels, Set<String> avoid, Set<String> antiAffinity,
        Set<String> affinity) {
    /** A host lacks a required label. */
    public static final String MISSING_LABEL = "MISSING_LABEL";
    /** A host is on the avoid list. */
    public static final String AVOIDED = "AVOIDED";
    /** A host holds a member of the anti-affinity group. */
    public static final String ANTI_AFFINITY = "ANTI_AFFINITY";
    /** A host holds no member of the affinity group. */
    public static final String AFFINITY = "AFFINITY";

    private static final FleetConstraints NONE = new FleetConstraints(Set.of(), Set.of(), Set.of(), Set.of());

    /** Copies the sets. */
    public FleetConstraints {
        requiredLabels = copy(requiredLabels, "requiredLabels");
        avoid = copy(avoid, "avoid");
        antiAffinity = copy(antiAffinity, "antiAffinity");
        affinity = copy(affinity, "affinity");
    }

    private static Set<String> copy(Set<String> s, String name) {
        return Collections.unmodifiableSet(new TreeSet<>(Objects.requireNonNull(s, name)));
    }

    /** No constraint. */
    public static FleetConstraints none() {
        return NONE;
    }

    /** A builder, without constraints. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The code of the first constraint the host fails, in the order avoid, labels, anti-affinity, affinity;
     * null when it passes them all.
     */
    String rejection(FleetHost host) {
        if (avoid.contains(host.id())) {
            return AVOIDED;
        }
        if (!host.hasLabels(requiredLabels)) {
            return MISSING_LABEL;
        }
        if (antiAffinity.contains(host.id())) {
            return ANTI_AFFINITY;
        }
        if (!affinity.isEmpty() && !affinity.contains(host.id())) {
            return AFFINITY;
        }
        return null;
    }

    /** Builds {@link FleetConstraints}. */
    public static final class Builder {
        private final Set<String> labels = new TreeSet<>();
        private final Set<String> avoid = new TreeSet<>();
        private final Set<String> anti = new TreeSet<>();
        private final Set<String> affinity = new TreeSet<>();

        private Builder() {
        }

        /** Requires a label. */
        public Builder requireLabel(String label) {
            labels.add(Objects.requireNonNull(label, "label"));
            return this;
        }

        /** Avoids a host. */
        public Builder avoid(String hostId) {
            avoid.add(Objects.requireNonNull(hostId, "hostId"));
            return this;
        }

        /** Keeps away from hosts that hold members of the anti-affinity group. */
        public Builder antiAffinity(Set<String> hostIds) {
            anti.addAll(Objects.requireNonNull(hostIds, "hostIds"));
            return this;
        }

        /** Stays on hosts that hold members of the affinity group (none yet: anywhere). */
        public Builder affinity(Set<String> hostIds) {
            affinity.addAll(Objects.requireNonNull(hostIds, "hostIds"));
            return this;
        }

        /** The constraints. */
        public FleetConstraints build() {
            return new FleetConstraints(labels, avoid, anti, affinity);
        }
    }
}
