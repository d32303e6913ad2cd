package io.virtforge.migrate;

import io.virtforge.connect.MigrationResult;
import io.virtforge.fleet.Claim;
import java.util.Objects;
import java.util.Optional;

/**
 * A domain migrated by {@link LiveMigration}: the plan it followed, libvirt's result (the destination's handle,
 * the completed job's statistics) and the claim that now holds its resources on the destination (confirmed).
 *
 * @param plan   the plan
 * @param result the migration's result
 * @param claim  the confirmed claim on the destination; empty when no claim store was given
 */
public record MigrationOutcome(MigrationPlan plan, MigrationResult result, Optional<Claim> claim) {
    /** Checks for nulls. */
    public MigrationOutcome {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(claim, "claim");
    }
}
