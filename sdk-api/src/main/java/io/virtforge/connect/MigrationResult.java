package io.virtforge.connect;

import java.util.Objects;
import java.util.Optional;

/**
 * A completed migration: the domain on the destination, and the hypervisor's statistics of the completed job
 * (its downtime among them) when it keeps them.
 *
 * @param domain    the domain's handle on the destination connection
 * @param completed the completed job's statistics; empty when the hypervisor gave none
 */
public record MigrationResult(VirtDomain domain, Optional<MigrationProgress> completed) {
    /** Checks for nulls. */
    public MigrationResult {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(completed, "completed");
    }
}
