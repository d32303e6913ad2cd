package io.virtforge.fake.libvirt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that moves only when told to: the fake connection's statistics (CPU time, disk and NIC counters)
 * grow with it, so tests get exact numbers without sleeping. An {@link InstantSource}, so code that takes one
 * reads it (a fake connection gives it through {@code capability(InstantSource.class)}). Thread-safe.
 */
public final class FakeClock implements InstantSource {
    /** Where a new clock starts. */
    public static final Instant DEFAULT_START = Instant.parse("2030-01-01T00:00:00Z");
    private final Instant origin;
    private long elapsedNanos;

    /** A clock at {@link #DEFAULT_START}. */
    public FakeClock() {
        this(DEFAULT_START);
    }

    /** A clock at {@code start}. */
    public FakeClock(Instant start) {
        this.origin = Objects.requireNonNull(start, "start");
    }

    /** Moves the clock forward. */
    public synchronized FakeClock advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a clock only moves forward: " + duration);
        }
        elapsedNanos = Math.addExact(elapsedNanos, duration.toNanos());
        return this;
    }

    /** Moves the clock forward by some seconds. */
    public FakeClock advanceSeconds(long seconds) {
        return advance(Duration.ofSeconds(seconds));
    }

    /** Nanoseconds since the clock was made (monotonic, like {@link System#nanoTime()}). */
    public synchronized long nanoTime() {
        return elapsedNanos;
    }

    /** The current instant. */
    @Override
    public synchronized Instant instant() {
        return origin.plusNanos(elapsedNanos);
    }

    /** This clock as a {@link java.time.Clock} (UTC), for code that takes one. */
    public Clock asClock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("the fake clock is UTC only");
            }

            @Override
            public Instant instant() {
                return FakeClock.this.instant();
            }
        };
    }

    @Override
    public String toString() {
        return "FakeClock[" + instant() + "]";
    }
}
