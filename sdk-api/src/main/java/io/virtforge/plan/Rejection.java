package io.virtforge.plan;

import io.virtforge.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why the planner could not use a host node (or, with node -1, the host as a whole): the first unmet
 * constraint, as a stable code and in words.
 *
 * @param hostNode the node, or -1 for a reason that is not about one node
 * @param code     e.g. NOT_ENOUGH_CPUS, NOT_ENOUGH_HUGEPAGES, NO_DEVICE
 * @param message  what is missing
 */
public record Rejection(int hostNode, String code, String message) implements Json.JsonValue {
    @Override
    public void writeJson(StringBuilder out) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hostNode", hostNode < 0 ? null : hostNode);
        m.put("code", code);
        m.put("message", message);
        Json.write(m, out);
    }

    @Override
    public String toString() {
        return (hostNode < 0 ? "host" : "node " + hostNode) + ": " + code + ": " + message;
    }
}
