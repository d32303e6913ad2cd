package io.virtforge.host.audit;

import java.util.List;

/**
 * The writes {@link HostTuningAudit#plan()} proposes, to be shown before {@link HostTuningAudit#apply}
 * makes them.
 *
 * @param writes the writes, in the order they are made
 */
public record TuningPlan(List<PlannedWrite> writes) {
    /** Copies the list. */
    public TuningPlan {
        writes = List.copyOf(writes);
    }

    /** True when there is nothing to change. */
    public boolean isEmpty() {
        return writes.isEmpty();
    }

    /** The plan for people: one write per line. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        writes.forEach(w -> b.append(w).append('\n'));
        return b.append(writes.size()).append(" write(s)\n").toString();
    }
}
