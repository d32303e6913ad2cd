package io.virtforge.fleet;

import io.virtforge.topology.HostState;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable collection of hosts by id. {@link #withHost} and {@link #withoutHost} return new fleets.
 *
 * <p>Generations: the fleet has a counter that every change bumps, and a host added or replaced is stamped
 * with the new value. A host's generation therefore moves on every change of the host, and never comes back
 * to an earlier value even when a host is removed and added again (no ABA for a claim holding an old one).
 */
public final class Fleet {
    private static final Fleet EMPTY = new Fleet(new TreeMap<>(), 0);

    private final SortedMap<String, FleetHost> hosts;
    private final long generation;

    private Fleet(SortedMap<String, FleetHost> hosts, long generation) {
        this.hosts = Collections.unmodifiableSortedMap(hosts);
        this.generation = generation;
    }

    /** The fleet without hosts. */
    public static Fleet empty() {
        return EMPTY;
    }

    /**
     * A fleet of hosts that keep the generations they carry, for a store whose generations come from
     * elsewhere (a database shared by several schedulers) rather than from this fleet's counter. The fleet's own
     * counter is the highest of them, so a later {@link #withHost} still stamps a newer generation.
     *
     * @throws IllegalArgumentException when two hosts have the same id
     */
    public static Fleet ofStamped(Collection<FleetHost> hosts) {
        TreeMap<String, FleetHost> byId = new TreeMap<>();
        long highest = 0;
        for (FleetHost host : Objects.requireNonNull(hosts, "hosts")) {
            if (byId.put(host.id(), host) != null) {
                throw new IllegalArgumentException("host " + host.id() + " is given twice");
            }
            highest = Math.max(highest, host.generation());
        }
        return new Fleet(byId, highest);
    }

    /** A builder, empty. */
    public static Builder builder() {
        return new Builder();
    }

    /** The hosts, by id. */
    public SortedMap<String, FleetHost> hosts() {
        return hosts;
    }

    /** The hosts in id order. */
    public Collection<FleetHost> all() {
        return hosts.values();
    }

    /** The host with the id. */
    public Optional<FleetHost> host(String id) {
        return Optional.ofNullable(hosts.get(Objects.requireNonNull(id, "id")));
    }

    /** The number of hosts. */
    public int size() {
        return hosts.size();
    }

    /** The fleet's change counter: the generation of its most recent change. */
    public long generation() {
        return generation;
    }

    /** A fleet with the host added, or replacing the host of the same id; stamped with a new generation. */
    public Fleet withHost(FleetHost host) {
        Objects.requireNonNull(host, "host");
        TreeMap<String, FleetHost> copy = new TreeMap<>(hosts);
        long next = generation + 1;
        copy.put(host.id(), host.withGeneration(next));
        return new Fleet(copy, next);
    }

    /** A fleet without the host of that id (this fleet when there is none). */
    public Fleet withoutHost(String id) {
        if (!hosts.containsKey(Objects.requireNonNull(id, "id"))) {
            return this;
        }
        TreeMap<String, FleetHost> copy = new TreeMap<>(hosts);
        copy.remove(id);
        return new Fleet(copy, generation + 1);
    }

    @Override
    public String toString() {
        return "Fleet" + hosts.keySet() + "@" + generation;
    }

    /** Builds a {@link Fleet}: each host added is stamped like {@link Fleet#withHost}. */
    public static final class Builder {
        private Fleet fleet = EMPTY;

        private Builder() {
        }

        /** Adds (or replaces) a host. */
        public Builder host(FleetHost host) {
            fleet = fleet.withHost(host);
            return this;
        }

        /** Adds (or replaces) a host from its parts. */
        public Builder host(String id, HostState state, String... labels) {
            return host(FleetHost.of(id, state, labels));
        }

        /** The fleet. */
        public Fleet build() {
            return fleet;
        }
    }
}
