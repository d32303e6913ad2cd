package io.virtforge.fleet;

import io.virtforge.json.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The request fits no host of the fleet: how many hosts were rejected for each reason, each host counted once.
 * The codes are the constraints' ({@link FleetConstraints#AVOIDED}, {@code MISSING_LABEL}, {@code ANTI_AFFINITY},
 * {@code AFFINITY}) and the single-host planner's (see {@link FleetPlanner} for which one a host counts under).
 *
 * @param rejectedHosts hosts per code, sorted by code
 */
public record FleetNoFit(SortedMap<String, Integer> rejectedHosts) implements FleetResult {
    /** Copies the map. */
    public FleetNoFit {
        rejectedHosts = Collections.unmodifiableSortedMap(new TreeMap<>(rejectedHosts));
    }

    /** Hosts rejected under the code (0 when none). */
    public int count(String code) {
        return rejectedHosts.getOrDefault(code, 0);
    }

    /** Hosts rejected, in all. */
    public int total() {
        return rejectedHosts.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fit", false);
        m.put("rejected", rejectedHosts);
        return Json.write(m);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("no host fits:");
        for (Map.Entry<String, Integer> e : rejectedHosts.entrySet()) {
            sb.append(' ').append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }
}
