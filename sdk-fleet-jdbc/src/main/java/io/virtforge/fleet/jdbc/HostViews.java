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
 * time, and the claims (and their placeholder XML, parsed) only for the hosts that moved. Thread-safe.
 */
final class HostViews {
    private static final String HOSTS = """
            SELECT h.id, h.generation,
                   (SELECT min(c.expires_at) FROM fleet_claim c WHERE c.host_id = h.id AND c.status = 'pending')
              FROM fleet_host h""";
    private static final String LIVE_CLAIMS = """
            SELECT id, host_id, placeholder_xml FROM fleet_claim
             WHERE status <> 'expired' AND host_id = ANY (?) ORDER BY id""";

    private final DomainXml xml = DomainXml.defaults();
    private final Map<String, View> views = new ConcurrentHashMap<>();
    private final Map<Long, Domain> parsed = new ConcurrentHashMap<>();

    /** The fleet as one read saw it, and the earliest deadline of a pending claim then (or {@link Instant#MAX}). */
    record Snapshot(Fleet fleet, Instant firstDeadline) {
    }

    /** A host's view: valid while its local snapshot is the same object and its generation the same value. */
    private record View(FleetHost base, long generation, Set<Long> claimIds, FleetHost host) {
    }

    /** Reads the fleet in the transaction of {@code c} (REPEATABLE READ: both queries see one snapshot). */
    Snapshot read(Connection c, Map<String, FleetHost> inventory) throws SQLException {
        Map<String, Long> generations = new HashMap<>();
        Instant firstDeadline = Instant.MAX;
        try (PreparedStatement s = c.prepareStatement(HOSTS); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                generations.put(r.getString(1), r.getLong(2));
                Timestamp deadline = r.getTimestamp(3);
                if (deadline != null && deadline.toInstant().isBefore(firstDeadline)) {
                    firstDeadline = deadline.toInstant();
                }
            }
        }
        List<String> moved = new ArrayList<>();
        List<FleetHost> hosts = new ArrayList<>();
        for (FleetHost base : inventory.values()) {
            Long generation = generations.get(base.id());
            if (generation == null) {
                continue; // removed from the fleet (by this JVM or another): the database decides
            }
            View view = views.get(base.id());
            if (view != null && view.base == base && view.generation == generation) {
                hosts.add(view.host);
            } else {
                moved.add(base.id());
            }
        }
        if (!moved.isEmpty()) {
            Map<String, Map<Long, Domain>> claims = liveClaims(c, moved);
            for (String id : moved) {
                FleetHost base = inventory.get(id);
                Map<Long, Domain> held = claims.getOrDefault(id, Map.of());
                FleetHost host = new FleetHost(id, ClaimPlaceholders.overlay(base.state(), held.values()),
                        base.labels(), generations.get(id));
                View old = views.put(id, new View(base, generations.get(id), Set.copyOf(held.keySet()), host));
                if (old != null) {
                    old.claimIds.stream().filter(claimId -> !held.containsKey(claimId)).forEach(parsed::remove);
                }
                hosts.add(host);
            }
        }
        views.keySet().retainAll(generations.keySet());
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

    private Map<String, Map<Long, Domain>> liveClaims(Connection c, List<String> hostIds) throws SQLException {
        Map<String, Map<Long, Domain>> byHost = new HashMap<>();
        Array ids = c.createArrayOf("text", hostIds.toArray());
        try (PreparedStatement s = c.prepareStatement(LIVE_CLAIMS)) {
            s.setArray(1, ids);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long id = r.getLong(1);
                    String xmlText = r.getString(3);
                    Domain placeholder = parsed.computeIfAbsent(id, k -> xml.parse(xmlText));
                    byHost.computeIfAbsent(r.getString(2), k -> new LinkedHashMap<>()).put(id, placeholder);
                }
            }
        } finally {
            ids.free();
        }
        return byHost;
    }
}
