package io.virtforge.migrate;

import io.virtforge.model.Domain;
import io.virtforge.model.DomainXml;
import io.virtforge.plan.Placement;
import io.virtforge.plan.PlacementRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A migration planned on the destination: the shape asked for, the placement found there and the domain to send
 * (the source's XML with that placement, {@link DestinationXml}). Immutable.
 *
 * @param source      the running domain's definition on the source
 * @param request     the shape planned (see {@link DomainShape})
 * @param placement   the placement on the destination
 * @param destination the domain to send
 */
public record MigrationPlan(Domain source, PlacementRequest request, Placement placement, Domain destination) {
    /** Checks for nulls. */
    public MigrationPlan {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(destination, "destination");
    }

    /**
     * The lines of the written XML that differ, as {@code -} (source) and {@code +} (destination) lines with their
     * line number; the rewrite changes attributes in place, so the two documents have the same lines.
     */
    public List<String> diff() {
        DomainXml codec = DomainXml.defaults();
        String[] before = codec.write(source).split("\n", -1);
        String[] after = codec.write(destination).split("\n", -1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.max(before.length, after.length); i++) {
            String b = i < before.length ? before[i] : "";
            String a = i < after.length ? after[i] : "";
            if (!a.equals(b)) {
                out.add("-" + (i + 1) + ": " + b.strip());
                out.add("+" + (i + 1) + ": " + a.strip());
            }
        }
        return List.copyOf(out);
    }
}
