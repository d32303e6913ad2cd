package io.virtforge.plan;

import io.virtforge.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request fits nowhere on the host: for each host node the first constraint it fails, and any
 * reason that concerns the host as a whole.
 *
 * @param reasons the rejections, host-wide ones first, then by node
 */
public record NoFit(List<Rejection> reasons) implements PlacementResult {
    /** Copies the list. */
    public NoFit {
        reasons = List.copyOf(reasons);
    }

    /** The rejection of one node. */
    public java.util.Optional<Rejection> reason(int hostNode) {
        return reasons.stream().filter(r -> r.hostNode() == hostNode).findFirst();
    }

    @Override
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fit", false);
        m.put("reasons", reasons);
        return Json.write(m);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("no fit:\n");
        reasons.forEach(r -> sb.append("  ").append(r).append('\n'));
        return sb.toString();
    }
}
