package io.virtforge.connect;

import io.virtforge.model.Domain;
import io.virtforge.value.DataSize;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How {@link VirtDomain#migrate} moves a running domain: the domain XML the destination runs and keeps (libvirt's
 * destination and persistent XML: the same definition with the destination's placement), a bandwidth and a
 * downtime limit, auto-converge, the migration stream's URI, and a progress listener with its interval. The
 * migration is always live; by default it persists the domain on the destination and undefines it on the source
 * (libvirt's {@code LIVE | PERSIST_DEST | UNDEFINE_SOURCE}). Immutable; built with {@link #builder()}.
 */
public final class MigrationOptions {
    /** The default interval of progress reports. */
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofMillis(250);
    private static final Consumer<MigrationProgress> NO_LISTENER = p -> { };

    private final Domain destinationXml;
    private final boolean persistOnDestination;
    private final boolean undefineSource;
    private final boolean autoConverge;
    private final DataSize bandwidthPerSecond;
    private final Duration maxDowntime;
    private final String migrationUri;
    private final Consumer<MigrationProgress> progress;
    private final Duration progressInterval;

    private MigrationOptions(Builder b) {
        destinationXml = b.destinationXml;
        persistOnDestination = b.persistOnDestination;
        undefineSource = b.undefineSource;
        autoConverge = b.autoConverge;
        bandwidthPerSecond = b.bandwidthPerSecond;
        maxDowntime = b.maxDowntime;
        migrationUri = b.migrationUri;
        progress = b.progress;
        progressInterval = b.progressInterval;
    }

    /** Options with the defaults: live, persist on the destination, undefine on the source, no limits. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to derive changed ones. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.destinationXml = destinationXml;
        b.persistOnDestination = persistOnDestination;
        b.undefineSource = undefineSource;
        b.autoConverge = autoConverge;
        b.bandwidthPerSecond = bandwidthPerSecond;
        b.maxDowntime = maxDowntime;
        b.migrationUri = migrationUri;
        b.progress = progress;
        b.progressInterval = progressInterval;
        return b;
    }

    /** The definition the destination runs and, when persisting, keeps; empty: the source's as it is. */
    public Optional<Domain> destinationXml() {
        return Optional.ofNullable(destinationXml);
    }

    /** Whether the destination keeps a persistent definition (libvirt's {@code PERSIST_DEST}). */
    public boolean persistOnDestination() {
        return persistOnDestination;
    }

    /** Whether the source's definition is removed once the domain runs on the destination ({@code UNDEFINE_SOURCE}). */
    public boolean undefineSource() {
        return undefineSource;
    }

    /** Whether the hypervisor slows the guest's vCPUs down when memory is dirtied faster than it is sent. */
    public boolean autoConverge() {
        return autoConverge;
    }

    /** The migration stream's bandwidth limit per second; empty: the hypervisor's default. */
    public Optional<DataSize> bandwidthPerSecond() {
        return Optional.ofNullable(bandwidthPerSecond);
    }

    /** The longest pause of the guest allowed at the switch-over; empty: the hypervisor's default (QEMU: 300 ms). */
    public Optional<Duration> maxDowntime() {
        return Optional.ofNullable(maxDowntime);
    }

    /** The URI of the migration stream (e.g. {@code tcp://10.0.0.2}); empty: the destination's host name. */
    public Optional<String> migrationUri() {
        return Optional.ofNullable(migrationUri);
    }

    /** The progress listener (called on a thread of the migration, never concurrently). */
    public Consumer<MigrationProgress> progress() {
        return progress;
    }

    /** How often the listener hears of progress. */
    public Duration progressInterval() {
        return progressInterval;
    }

    /** Builds {@link MigrationOptions}. */
    public static final class Builder {
        private Domain destinationXml;
        private boolean persistOnDestination = true;
        private boolean undefineSource = true;
        private boolean autoConverge;
        private DataSize bandwidthPerSecond;
        private Duration maxDowntime;
        private String migrationUri;
        private Consumer<MigrationProgress> progress = NO_LISTENER;
        private Duration progressInterval = DEFAULT_PROGRESS_INTERVAL;

        private Builder() {
        }

        /** The definition the destination runs and keeps (e.g. with the destination's pins). */
        public Builder destinationXml(Domain value) {
            destinationXml = Objects.requireNonNull(value, "destinationXml");
            return this;
        }

        /** Whether the destination keeps a persistent definition (default true). */
        public Builder persistOnDestination(boolean value) {
            persistOnDestination = value;
            return this;
        }

        /** Whether the source's definition goes once the domain moved (default true). */
        public Builder undefineSource(boolean value) {
            undefineSource = value;
            return this;
        }

        /** Auto-converge (default off). */
        public Builder autoConverge(boolean value) {
            autoConverge = value;
            return this;
        }

        /**
         * A bandwidth limit per second; libvirt takes whole MiB.
         *
         * @throws IllegalArgumentException below 1 MiB
         */
        public Builder bandwidthPerSecond(DataSize value) {
            if (value.bytes() < DataSize.mib(1).bytes()) {
                throw new IllegalArgumentException("a migration bandwidth below 1 MiB/s: " + value);
            }
            bandwidthPerSecond = value;
            return this;
        }

        /**
         * The downtime limit; libvirt takes whole milliseconds.
         *
         * @throws IllegalArgumentException below 1 ms
         */
        public Builder maxDowntime(Duration value) {
            if (value.toMillis() < 1) {
                throw new IllegalArgumentException("a migration downtime limit below 1 ms: " + value);
            }
            maxDowntime = value;
            return this;
        }

        /** The URI of the migration stream, e.g. {@code tcp://127.0.0.1}. */
        public Builder migrationUri(String value) {
            migrationUri = Objects.requireNonNull(value, "migrationUri");
            return this;
        }

        /** The progress listener, called every {@code interval} while the migration runs. */
        public Builder progress(Consumer<MigrationProgress> listener, Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("a progress interval must be positive: " + interval);
            }
            progress = Objects.requireNonNull(listener, "listener");
            progressInterval = interval;
            return this;
        }

        /** The options. */
        public MigrationOptions build() {
            return new MigrationOptions(this);
        }
    }
}
