package io.virtforge.cli;

import io.virtforge.connect.VirtConnection;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.monitor.Scrape;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The exporter's {@code /host.svg}: the host drawn by {@link HostSvg} from a fresh {@code hostState()}, under the
 * exporter's rule of one collection at a time. The scrapes (one at a time already, through the
 * {@link io.virtforge.monitor.ScrapeGate}) and the pictures take the same lock, so a picture never reads libvirt and
 * the host beside a scrape; a picture waits for the lock at most the scrape timeout, and the caller otherwise hears
 * that the exporter is busy.
 */
final class LiveHostSvg {
    private final ReentrantLock collecting = new ReentrantLock();
    private final VirtConnection connection;
    private final Optional<Sysfs> sysfs;
    private final Duration wait;

    LiveHostSvg(VirtConnection connection, Optional<Sysfs> sysfs, Duration wait) {
        this.connection = connection;
        this.sysfs = sysfs;
        this.wait = wait;
    }

    /** A scraper that takes the collection lock, for the exporter's scrape gate. */
    Supplier<Scrape> guard(Supplier<Scrape> scraper) {
        return () -> {
            collecting.lock();
            try {
                return scraper.get();
            } finally {
                collecting.unlock();
            }
        };
    }

    /** The picture, or empty when a scrape or another picture held the lock for longer than the wait. */
    Optional<String> draw() throws InterruptedException {
        if (!collecting.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new HostSvg(new HostPicture(connection.hostState(), sysfs)).render(connection.uri()));
        } finally {
            collecting.unlock();
        }
    }
}
