package io.virtforge.samples.cli;

import io.virtforge.connect.VirtConnection;
import io.virtforge.fake.libvirt.FakeClock;
import io.virtforge.fake.libvirt.FakeVirtConnection;
import java.time.Duration;
import java.time.Instant;

/**
 * The monitor's time: the real clock for a real host; for the fake host its {@link FakeClock}, which a wait
 * moves forward (so the fake's statistics advance by exactly the interval) after a short real pause that
 * lets a stop request land.
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
        if (c instanceof FakeVirtConnection f) {
            FakeClock clock = f.clock();
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
