package io.virtforge.fleet;

import io.virtforge.json.Json;
import io.virtforge.plan.Placement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The chosen host and the single-host planner's placement on it.
 *
 * @param hostId     the host
 * @param generation the host's generation the plan was made against (to claim it with)
 * @param placement  the exact placement on that host
 */
public record FleetPlacement(String hostId, long generation, Placement placement) implements FleetResult {
    /** Checks for nulls. */
    public FleetPlacement {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(placement, "placement");
    }

    @Override
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fit", true);
        m.put("host", hostId);
        placement.jsonFields().forEach(m::putIfAbsent); // "fit" is already there, first
        return Json.write(m);
    }
}
