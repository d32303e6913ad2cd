package io.virtforge.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One scrape at a time, a bounded wait, and no pile-up of slow scrapes. */
class ScrapeGateTest {
    private static final Scrape DONE = new Scrape(new MonitorSample(Instant.EPOCH, List.of(), HostSample.unknown()),
            List.of(), List.of(), Duration.ZERO);

    @Test
    void aSlowScrapeTimesOutAndLaterCallersShareItInsteadOfStartingAnother() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        try (ScrapeGate gate = new ScrapeGate(() -> {
            started.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return DONE;
        }, Duration.ofMillis(50))) {
            assertThat(gate.scrape()).as("timed out").isEmpty();
            assertThat(gate.scrape()).as("still the same slow scrape").isEmpty();
            assertThat(started).hasValue(1);
            release.countDown();
            while (gate.scrape().isEmpty()) {
                Thread.onSpinWait(); // the released scrape ends, or a new one answers
            }
            assertThat(started.get()).isBetween(1, 2);
        }
    }

    @Test
    void aFailingScrapeIsEmptyAndTheNextOneRunsAgain() {
        AtomicInteger calls = new AtomicInteger();
        try (ScrapeGate gate = new ScrapeGate(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("libvirt went away");
            }
            return DONE;
        }, Duration.ofSeconds(30))) {
            assertThat(gate.scrape()).isEmpty();
            assertThat(gate.scrape()).contains(DONE);
        }
        assertThatThrownBy(() -> new ScrapeGate(() -> DONE, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
