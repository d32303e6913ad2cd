package io.virtforge.fleet.jdbc;

import io.virtforge.fleet.ClaimPlaceholders;
import io.virtforge.fleet.Fleet;
import io.virtforge.fleet.FleetHost;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainXml;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the fleet a JVM plans on: its own inventory snapshots, each overlaid with the placeholders of the
 * host's live claims in the database and stamped with the database's generation of the host.
 *
 * <p>Every claim, release and expiry moves its host's generation, so a host whose generation and local snapshot
 * are unchanged since the last read has the same view: only the (id, generation) of every host is read each
 * time, and the claims (and their placeholder XML, parsed once per claim) only for the hosts that moved.
 * Thread-safe: a view is a function of (snapshot, generation), whichever thread builds it.
 */
final class HostViews {
    /**
     * Every host's generation and first pending deadline, with the live claims of the hosts whose view this JVM
     * does not have at that generation (the pairs given): one statement, hence one consistent snapshot.
     */
    private static final String FLEET = """
            SELECT h.id, h.generation,
                   (SELECT min(p.expires_at) FROM fleet_claim p WHERE p.host_id = h.id AND p.status = 'pending'),
                   c.id, c.placeholder_xml
              FROM fleet_host h
              LEFT JOIN fleet_claim c
                ON c.host_id = h.id AND c.status <> 'expired'
               AND NOT EXISTS (SELECT 1 FROM unnest(?::text[], ?::bigint[]) AS known (id, generation)
                                WHERE known.id = h.id AND known.generation = h.generation)
             ORDER BY h.id, c.id""";

    private final DomainXml xml = DomainXml.defaults();
    private final Map<String, View> views = new ConcurrentHashMap<>();
    private final Map<Long, Domain> parsed = new ConcurrentHashMap<>();

    /** The fleet as one read saw it, and the earliest deadline of a pending claim then (or {@link Instant#MAX}). */
    record Snapshot(Fleet fleet, Instant firstDeadline) {
    }

    /** A host's view: valid while its local snapshot is the same object and its generation the same value. */
    private record View(FleetHost base, long generation, Set<Long> claimIds, FleetHost host) {
    }

    /** Reads the fleet (one statement: it sees one snapshot of the database at any isolation level). */
    Snapshot read(Connection c, Map<String, FleetHost> inventory) throws SQLException {
        // the views this read may reuse, taken once: the query leaves out exactly their claims
        Map<String, View> usable = new HashMap<>();
        views.forEach((id, view) -> {
            if (inventory.get(id) == view.base) {
                usable.put(id, view);
            }
        });
        List<String> knownIds = new ArrayList<>(usable.keySet());
        List<Long> knownGenerations = knownIds.stream().map(id -> usable.get(id).generation).toList();
        Map<String, Long> generations = new HashMap<>();
        Map<String, Map<Long, Domain>> claims = new HashMap<>();
        Instant firstDeadline = Instant.MAX;
        Array ids = c.createArrayOf("text", knownIds.toArray());
        Array known = c.createArrayOf("bigint", knownGenerations.toArray());
        try (PreparedStatement s = c.prepareStatement(FLEET)) {
            s.setArray(1, ids);
            s.setArray(2, known);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String host = r.getString(1);
                    generations.put(host, r.getLong(2));
                    Timestamp deadline = r.getTimestamp(3);
                    if (deadline != null && deadline.toInstant().isBefore(firstDeadline)) {
                        firstDeadline = deadline.toInstant();
                    }
                    long claimId = r.getLong(4);
                    if (!r.wasNull()) {
                        String xmlText = r.getString(5);
                        claims.computeIfAbsent(host, k -> new LinkedHashMap<>())
                                .put(claimId, parsed.computeIfAbsent(claimId, k -> xml.parse(xmlText)));
                    }
                }
            }
        } finally {
            ids.free();
            known.free();
        }
        List<FleetHost> hosts = new ArrayList<>();
        for (FleetHost base : inventory.values()) {
            Long generation = generations.get(base.id());
            if (generation == null) {
                continue; // removed from the fleet (by this JVM or another): the database decides
            }
            View view = usable.get(base.id());
            if (view != null && view.generation == generation) {
                hosts.add(view.host);
                continue;
            }
            Map<Long, Domain> held = claims.getOrDefault(base.id(), Map.of());
            FleetHost host = new FleetHost(base.id(), ClaimPlaceholders.overlay(base.state(), held.values()),
                    base.labels(), generation);
            View old = views.put(base.id(), new View(base, generation, Set.copyOf(held.keySet()), host));
            if (old != null) {
                old.claimIds.stream().filter(claimId -> !held.containsKey(claimId)).forEach(parsed::remove);
            }
            hosts.add(host);
        }
        // hosts gone from the database: their views and parsed placeholders with them
        List.copyOf(views.keySet()).stream().filter(id -> !generations.containsKey(id)).forEach(this::forget);
        return new Snapshot(Fleet.ofStamped(hosts), firstDeadline);
    }

    /** Keeps the placeholder of a claim this JVM made, so that reading it back costs no parse. */
    void remember(long claimId, Domain placeholder) {
        parsed.put(claimId, placeholder);
    }

    /** Forgets a host's view (it left the fleet). */
    void forget(String hostId) {
        View old = views.remove(hostId);
        if (old != null) {
            old.claimIds.forEach(parsed::remove);
        }
    }
}
