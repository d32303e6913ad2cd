package io.virtforge.fake.libvirt;

import java.math.BigInteger;

/**
 * A counter that grows at a rate per second while its domain runs, integrated exactly over the
 * {@link FakeClock}'s nanoseconds (the fraction of a unit carries over). Not thread-safe: the connection's
 * lock guards it.
 */
final class Meter {
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
    private long value;
    private long ratePerSecond;
    private long last;
    private BigInteger fraction = BigInteger.ZERO;

    Meter(long now) {
        this.last = now;
    }

    /** Adds what accrued since the last sync if the domain was running meanwhile. */
    void sync(long now, boolean running) {
        if (running && ratePerSecond > 0 && now > last) {
            BigInteger accrued = BigInteger.valueOf(ratePerSecond).multiply(BigInteger.valueOf(now - last)).add(fraction);
            BigInteger[] split = accrued.divideAndRemainder(NANOS_PER_SECOND);
            value = Math.addExact(value, split[0].longValueExact());
            fraction = split[1];
        }
        last = now;
    }

    void rate(long now, boolean running, long perSecond) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("negative rate " + perSecond);
        }
        sync(now, running);
        ratePerSecond = perSecond;
    }

    long value() {
        return value;
    }
}
