package io.virtforge.fake.libvirt;

import io.virtforge.connect.MigrationOptions;
import io.virtforge.connect.MigrationProgress;
import io.virtforge.connect.MigrationResult;
import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtDomain;
import io.virtforge.model.Domain;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A live migration between two fake hosts, as libvirt's {@code virDomainMigrate3} with a destination XML: the
 * destination parses the XML and starts the guest (its define checks, start checks and resources, so a
 * destination that cannot take it refuses and the source keeps running untouched), then the source stops it
 * (STOPPED, migrated) and, when asked, forgets its definition. The destination's domain is persistent when asked.
 * It is instant: the progress listener hears one completed job. Each host's lock is held only for its own part,
 * never both at once.
 */
final class FakeMigration {
    private FakeMigration() {
    }

    static MigrationResult migrate(FakeState source, UUID uuid, String name, VirtConnection destination,
            MigrationOptions options) {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(options, "options");
        Domain leaving;
        synchronized (source.host) {
            source.call("migrate");
            if (!(destination instanceof FakeVirtConnection to)) {
                throw FakeErrors.migrationTarget(destination.uri());
            }
            DomainEntry e = source.entry(uuid, name);
            if (!e.active()) {
                throw FakeErrors.shutdownNotRunning(name);
            }
            if (to.host() == source.host) {
                throw FakeErrors.sameHost(name, source.host.hostUuid);
            }
            leaving = LiveXml.inactive(e.live);
        }
        FakeVirtConnection to = (FakeVirtConnection) destination;
        Domain incoming = options.destinationXml().orElse(leaving);
        if (incoming.uuid().isEmpty()) {
            incoming = incoming.toBuilder().uuid(uuid).build();
        }
        VirtDomain arrived = to.receive(incoming, options.persistOnDestination());
        synchronized (source.host) {
            DomainEntry e = source.table.get(uuid).filter(DomainEntry::active).orElse(null);
            if (e == null) { // the source went away meanwhile: the guest must not run twice, nor vanish silently
                arrived.destroy();
                throw FakeErrors.staleHandle(uuid, name);
            }
            source.stop(e, LifecycleDetail.STOPPED_MIGRATED);
            if (options.undefineSource() && e.persistent) {
                e.persistent = false;
                e.config = null;
                source.table.remove(e);
                source.publish(e, io.virtforge.connect.LifecycleEvent.Type.UNDEFINED, LifecycleDetail.UNDEFINED_REMOVED);
            }
        }
        MigrationProgress done = completed(leaving);
        options.progress().accept(done);
        return new MigrationResult(arrived, Optional.of(done));
    }

    /** The statistics of the finished job: all the guest's memory sent, nothing left, no pause to speak of. */
    private static MigrationProgress completed(Domain d) {
        long bytes = d.memory().map(m -> m.bytes()).orElse(0L);
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("data_total", bytes);
        stats.put("data_processed", bytes);
        stats.put("data_remaining", 0L);
        stats.put("time_elapsed", 0L);
        stats.put("downtime", 0L);
        return MigrationProgress.fromJobStats(stats, true);
    }
}
