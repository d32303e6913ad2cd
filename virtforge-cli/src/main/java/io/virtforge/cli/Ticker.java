package io.virtforge.cli;

import io.virtforge.connect.VirtConnection;
import io.virtforge.fake.libvirt.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The monitor's time: the real clock for a real host; for a host whose connection gives a {@link FakeClock}
 * (the fake's, through {@link VirtConnection#capability}) that clock, which a wait moves forward (so the fake's
 * statistics advance by exactly the interval) after a short real pause that lets a stop request land.
 */
interface Ticker {
    /** A monotonic time in nanoseconds. */
    long nanoTime();

    /** The wall-clock time. */
    Instant now();

    /** Waits for {@code d}. */
    void sleep(Duration d) throws InterruptedException;

    /** The ticker for a connection. */
    static Ticker of(VirtConnection c) {
        Optional<FakeClock> fake = c.capability(FakeClock.class);
        if (fake.isPresent()) {
            FakeClock clock = fake.get();
            return new Ticker() {
                @Override
                public long nanoTime() {
                    return clock.nanoTime();
                }

                @Override
                public Instant now() {
                    return clock.instant();
                }

                @Override
                public void sleep(Duration d) throws InterruptedException {
                    Thread.sleep(5);
                    clock.advance(d);
                }
            };
        }
        return new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public Instant now() {
                return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            }

            @Override
            public void sleep(Duration d) throws InterruptedException {
                Thread.sleep(d.toMillis());
            }
        };
    }
}
