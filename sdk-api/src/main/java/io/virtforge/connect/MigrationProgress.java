package io.virtforge.connect;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where a migration stands, as the hypervisor's job statistics say it (libvirt's {@code virDomainGetJobStats}):
 * bytes to send, sent and left, the rate the guest dirties memory, the time the job has run and the guest's
 * expected (while running) or actual (once completed) pause at the switch-over. A field the hypervisor did not
 * report is empty.
 *
 * @param dataTotal       bytes of the whole job ({@code data_total})
 * @param dataProcessed   bytes sent ({@code data_processed})
 * @param dataRemaining   bytes left ({@code data_remaining})
 * @param memoryDirtyRate pages dirtied per second ({@code memory_dirty_rate})
 * @param elapsed         the time the job has run ({@code time_elapsed})
 * @param downtime        the guest's pause at the switch-over ({@code downtime}): expected while it runs, actual
 *                        once completed
 * @param completed       true for the statistics of a completed job
 * @param raw             every field the hypervisor reported, by its libvirt name
 */
public record MigrationProgress(OptionalLong dataTotal, OptionalLong dataProcessed, OptionalLong dataRemaining,
        OptionalLong memoryDirtyRate, Optional<Duration> elapsed, Optional<Duration> downtime, boolean completed,
        Map<String, Object> raw) {
    /** Copies the raw fields. */
    public MigrationProgress {
        raw = Map.copyOf(raw);
    }

    /** The statistics read from libvirt's typed parameters (numbers as libvirt gave them). */
    public static MigrationProgress fromJobStats(Map<String, Object> params, boolean completed) {
        return new MigrationProgress(number(params, "data_total"), number(params, "data_processed"),
                number(params, "data_remaining"), number(params, "memory_dirty_rate"),
                millis(params, "time_elapsed"), millis(params, "downtime"), completed, params);
    }

    /** The share of the data sent, 0 to 1; empty before the total is known. */
    public Optional<Double> fraction() {
        if (dataTotal.isEmpty() || dataProcessed.isEmpty() || dataTotal.getAsLong() <= 0) {
            return Optional.empty();
        }
        return Optional.of(Math.min(1.0, (double) dataProcessed.getAsLong() / dataTotal.getAsLong()));
    }

    private static OptionalLong number(Map<String, Object> params, String name) {
        return params.get(name) instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
    }

    private static Optional<Duration> millis(Map<String, Object> params, String name) {
        OptionalLong ms = number(params, name);
        return ms.isPresent() ? Optional.of(Duration.ofMillis(ms.getAsLong())) : Optional.empty();
    }
}
