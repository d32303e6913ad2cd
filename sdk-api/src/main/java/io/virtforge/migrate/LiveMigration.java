package io.virtforge.migrate;

import io.virtforge.connect.MigrationOptions;
import io.virtforge.connect.MigrationResult;
import io.virtforge.connect.NotSupportedException;
import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtDomain;
import io.virtforge.fleet.Claim;
import io.virtforge.fleet.ClaimConflictException;
import io.virtforge.fleet.ClaimStore;
import io.virtforge.fleet.FleetHost;
import io.virtforge.model.CpuMode;
import io.virtforge.model.Domain;
import io.virtforge.topology.HostTopology;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A NUMA-aware live migration: reads the running domain's migratable XML, plans its shape on the destination
 * ({@link MigrationPlanner}: pre-checks, the exact planner, the destination XML), claims the placement on the
 * destination host of a {@link ClaimStore} when one is given (planning again when another claim won the host),
 * migrates with that XML as the destination's and persistent definition ({@link VirtDomain#migrate}), then
 * confirms the claim; on any failure it releases the claim and rethrows, and the domain keeps running on the
 * source as it was (libvirt's guarantee for a failed or cancelled migration). Immutable and thread-safe.
 */
public final class LiveMigration {
    /** How often a claim refused by a concurrent change of the destination is planned again. */
    public static final int DEFAULT_ATTEMPTS = 4;
    private static final Logger LOG = LoggerFactory.getLogger(LiveMigration.class);

    private final MigrationPlanner planner;
    private final ClaimStore claims;
    private final String destinationHostId;
    private final MigrationOptions options;
    private final int attempts;

    private LiveMigration(Builder b) {
        planner = b.planner;
        claims = b.claims;
        destinationHostId = b.destinationHostId;
        options = b.options;
        attempts = b.attempts;
    }

    /** A migration with the default planner and options, without claims. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Plans the migration and moves nothing (a dry run): the destination's placement and XML. The source XML is
     * the migratable one, or the live one from a provider that does not migrate (the placement is the same: the
     * two differ only in what the hypervisor added for itself).
     *
     * @throws MigrationRefusedException when a pre-check refuses or no placement exists
     */
    public MigrationPlan plan(VirtDomain domain, VirtConnection source, VirtConnection destination) {
        Domain xml;
        try {
            xml = domain.migratable();
        } catch (NotSupportedException e) {
            LOG.debug("{}: planning from the live XML", e.getMessage());
            xml = domain.live();
        }
        return planner.plan(xml, source.topology(), destinationHost(destination).state());
    }

    /**
     * Plans, claims, migrates and confirms.
     *
     * @param domain      the running domain, a handle of {@code source}
     * @param source      its connection (its host's UUID and CPU are compared with the destination's)
     * @param destination an open connection to the destination host
     * @throws MigrationRefusedException when a pre-check refuses or no placement exists (nothing claimed)
     * @throws io.virtforge.connect.VirtException when libvirt fails or the job is cancelled (claim released, the
     *     domain still runs on the source)
     */
    public MigrationOutcome migrate(VirtDomain domain, VirtConnection source, VirtConnection destination) {
        Domain xml = domain.migratable();
        HostTopology sourceHost = source.topology();
        checkCpu(xml, destination);
        MigrationPlan plan;
        Claim claim = null;
        if (claims == null) {
            plan = planner.plan(xml, sourceHost, destination.hostState());
        } else {
            ClaimedPlan claimed = planAndClaim(domain.name(), xml, sourceHost, destination);
            plan = claimed.plan();
            claim = claimed.claim();
        }
        MigrationOptions withXml = options.toBuilder().destinationXml(plan.destination()).build();
        MigrationResult result;
        try {
            result = domain.migrate(destination, withXml);
        } catch (RuntimeException e) {
            if (claim != null) {
                release(claim, e);
            }
            throw e;
        }
        if (claim != null) {
            claims.confirm(claim.id());
        }
        LOG.info("domain {} migrated to {} with {}", domain.name(), destination.uri(), plan.placement().toJson());
        return new MigrationOutcome(plan, result, Optional.ofNullable(claim));
    }

    /** A guest CPU the destination's hypervisor cannot give is refused there (host-passthrough: the planner's check). */
    private static void checkCpu(Domain xml, VirtConnection destination) {
        boolean passthrough = xml.cpu().flatMap(c -> c.mode()).filter(m -> m == CpuMode.HOST_PASSTHROUGH).isPresent();
        if (passthrough) {
            return;
        }
        destination.compareGuestCpu(xml).filter(c -> !c.compatible()).ifPresent(c -> {
            throw new MigrationRefusedException(RefusalCode.CPU_MISMATCH, "the destination's hypervisor cannot give "
                    + "domain " + xml.name() + " its CPU " + xml.cpu().flatMap(cpu -> cpu.model()).orElse("(default)")
                    + " (libvirt's CPU comparison says " + c + ")");
        });
    }

    private ClaimedPlan planAndClaim(String name, Domain xml, HostTopology sourceHost, VirtConnection destination) {
        for (int attempt = 1;; attempt++) {
            FleetHost host = destinationHost(destination);
            MigrationPlan plan = planner.plan(xml, sourceHost, host.state());
            try {
                return new ClaimedPlan(plan, claims.claim(destinationHostId, host.generation(), plan.placement(), name));
            } catch (ClaimConflictException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                LOG.debug("claim on {} lost to a concurrent change (attempt {}): planning again", destinationHostId,
                        attempt);
            }
        }
    }

    /** The destination as the claim store sees it (its snapshot and claims), added from the connection if new. */
    private FleetHost destinationHost(VirtConnection destination) {
        if (claims == null) {
            return FleetHost.of(destination.uri(), destination.hostState());
        }
        Optional<FleetHost> known = claims.fleet().host(destinationHostId);
        if (known.isPresent()) {
            return known.get();
        }
        claims.putHost(FleetHost.of(destinationHostId, destination.hostState()));
        return claims.fleet().host(destinationHostId).orElseThrow();
    }

    private void release(Claim claim, RuntimeException failure) {
        try {
            claims.release(claim.id());
        } catch (RuntimeException e) {
            failure.addSuppressed(e); // the migration's failure is what the caller must see
        }
    }

    private record ClaimedPlan(MigrationPlan plan, Claim claim) {
    }

    /** Builds a {@link LiveMigration}. */
    public static final class Builder {
        private MigrationPlanner planner = MigrationPlanner.create();
        private ClaimStore claims;
        private String destinationHostId;
        private MigrationOptions options = MigrationOptions.builder().build();
        private int attempts = DEFAULT_ATTEMPTS;

        private Builder() {
        }

        /** The migration planner (default: over the default exact planner). */
        public Builder planner(MigrationPlanner value) {
            planner = Objects.requireNonNull(value, "planner");
            return this;
        }

        /**
         * Claims the destination's resources in a store, under the destination's host id there (the host is added
         * from the destination connection's state when the store lacks it).
         */
        public Builder claims(ClaimStore store, String destinationHost) {
            claims = Objects.requireNonNull(store, "store");
            destinationHostId = Objects.requireNonNull(destinationHost, "destinationHost");
            return this;
        }

        /** Limits, flags and the progress listener; the destination XML is the plan's. */
        public Builder options(MigrationOptions value) {
            options = Objects.requireNonNull(value, "options");
            return this;
        }

        /**
         * How often to plan again when a claim loses to a concurrent change of the destination (default 4).
         *
         * @throws IllegalArgumentException below 1
         */
        public Builder attempts(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("attempts must be at least 1: " + value);
            }
            attempts = value;
            return this;
        }

        /** The migration. */
        public LiveMigration build() {
            return new LiveMigration(this);
        }
    }
}
