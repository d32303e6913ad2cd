package io.virtforge.libvirt;

import io.virtforge.connect.LibvirtErrors;
import io.virtforge.connect.MigrationOptions;
import io.virtforge.connect.MigrationProgress;
import io.virtforge.connect.MigrationResult;
import io.virtforge.connect.NotFoundException;
import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtDomain;
import io.virtforge.connect.VirtException;
import io.virtforge.libvirt.jna.JobStats;
import io.virtforge.libvirt.jna.NativeFlags;
import io.virtforge.libvirt.jna.NativeLibvirt;
import io.virtforge.model.DomainXml;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LibvirtDomain#migrate}: libvirt's client-driven {@code virDomainMigrate3} from the domain's connection to
 * the destination's, with the options as typed parameters and flags, the job's statistics polled for the listener
 * meanwhile, and the completed job's statistics read on the destination afterwards.
 */
final class LibvirtMigration {
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtMigration.class);
    private static final DomainXml CODEC = DomainXml.defaults();
    private static final long MIB = 1L << 20;

    private LibvirtMigration() {
    }

    static MigrationResult migrate(LibvirtDomain domain, VirtConnection destination, MigrationOptions options) {
        if (!(destination instanceof LibvirtConnection dest)) {
            throw LibvirtErrors.exception("migrating domain '" + domain.name() + "' to " + destination.uri()
                    + ": the destination is no libvirt connection", LibvirtErrors.VIR_ERR_NO_SUPPORT,
                    LibvirtErrors.VIR_FROM_NONE, "migration between providers", LibvirtErrors.Call.GENERAL);
        }
        Map<String, Object> params = params(options);
        int flags = flags(options);
        options.maxDowntime().ifPresent(limit -> domain.connection().onDomain(domain.uuid(),
                "setting the migration downtime of domain '" + domain.name() + "'", LibvirtErrors.Call.GENERAL,
                (c, d) -> d.migrateSetMaxDowntime(limit.toMillis())));
        String operation = "migrating domain '" + domain.name() + "' to " + dest.uri();
        LOG.debug("{}: flags {}, parameters {}", operation, flags, params.keySet());
        try (ProgressPoller poller = ProgressPoller.start(domain, options)) {
            domain.connection().onDomain(domain.uuid(), operation, LibvirtErrors.Call.GENERAL, (c, d) ->
                    dest.call(operation, dc -> {
                        NativeLibvirt.migrate3(d, dc, params, flags);
                        return null;
                    }));
        }
        VirtDomain there = dest.domain(domain.uuid());
        return new MigrationResult(there, completedJob(dest, domain.uuid()));
    }

    static Map<String, Object> params(MigrationOptions options) {
        Map<String, Object> params = new LinkedHashMap<>();
        options.migrationUri().ifPresent(uri -> params.put("migrate_uri", uri));
        options.destinationXml().ifPresent(d -> {
            String xml = CODEC.write(d);
            params.put("destination_xml", xml);
            if (options.persistOnDestination()) {
                params.put("persistent_xml", xml);
            }
        });
        options.bandwidthPerSecond().ifPresent(b -> params.put("bandwidth", b.bytes() / MIB));
        return params;
    }

    static int flags(MigrationOptions options) {
        int flags = NativeFlags.MIGRATE_LIVE;
        if (options.persistOnDestination()) {
            flags |= NativeFlags.MIGRATE_PERSIST_DEST;
        }
        if (options.undefineSource()) {
            flags |= NativeFlags.MIGRATE_UNDEFINE_SOURCE;
        }
        if (options.autoConverge()) {
            flags |= NativeFlags.MIGRATE_AUTO_CONVERGE;
        }
        return flags;
    }

    /** The domain's running job now, or empty when none runs. */
    static Optional<MigrationProgress> currentJob(LibvirtDomain domain) {
        JobStats s = domain.connection().onDomain(domain.uuid(), "reading the job of domain '" + domain.name() + "'",
                LibvirtErrors.Call.GENERAL, (c, d) -> NativeLibvirt.jobStats(d, 0));
        return s.type() == JobStats.NONE ? Optional.empty() : Optional.of(MigrationProgress.fromJobStats(s.params(), false));
    }

    /** The completed job's statistics as the destination keeps them (libvirt's downtime among them). */
    private static Optional<MigrationProgress> completedJob(LibvirtConnection dest, UUID uuid) {
        try {
            JobStats s = dest.onDomain(uuid, "reading the completed migration job", LibvirtErrors.Call.GENERAL,
                    (c, d) -> NativeLibvirt.jobStats(d, NativeFlags.JOB_STATS_COMPLETED));
            return s.type() == JobStats.NONE ? Optional.empty() : Optional.of(MigrationProgress.fromJobStats(s.params(), true));
        } catch (NotFoundException e) {
            throw e;
        } catch (VirtException e) {
            LOG.debug("no statistics of the completed migration: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
