package io.virtforge.samples.fleet;

import io.virtforge.fleet.FleetConstraints;
import io.virtforge.plan.PlacementRequest;
import java.util.Locale;
import java.util.Objects;

/**
 * One request of the simulated stream.
 *
 * @param index       its position in the stream, from 0
 * @param domainName  the name of the domain it places (unique in the stream)
 * @param flavour     its size
 * @param need        what it asks for beyond its size
 * @param request     what the planner is asked
 * @param constraints which hosts it may use
 */
public record SimRequest(int index, String domainName, Flavour flavour, Need need, PlacementRequest request,
        FleetConstraints constraints) {
    /** Checks for nulls. */
    public SimRequest {
        Objects.requireNonNull(domainName, "domainName");
        Objects.requireNonNull(flavour, "flavour");
        Objects.requireNonNull(need, "need");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(constraints, "constraints");
    }

    /** The kind of request in reports: the flavour, and the need unless plain (e.g. {@code m4+gpu}). */
    public String kind() {
        return need == Need.PLAIN ? flavour.name() : flavour.name() + "+" + need.name().toLowerCase(Locale.ROOT);
    }
}
