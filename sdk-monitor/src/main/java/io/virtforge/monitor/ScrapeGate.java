package io.virtforge.monitor;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the scrapes an exporter runs: one at a time on one thread of its own, each caller waiting at most a
 * timeout. A caller that arrives while a scrape runs waits for that scrape rather than starting another, so slow
 * libvirt calls never pile up threads; a scrape that outlives its callers' timeouts finishes in the background and
 * the next caller starts a fresh one. Close it to stop its thread.
 */
public final class ScrapeGate implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScrapeGate.class);
    private final Supplier<Scrape> scraper;
    private final Duration timeout;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "virtforge-scrape");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<Scrape> running;

    /** A gate over a scraper (usually {@link MonitorScraper#scrape()}), with a timeout per caller. */
    public ScrapeGate(Supplier<Scrape> scraper, Duration timeout) {
        this.scraper = Objects.requireNonNull(scraper, "scraper");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the scrape timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
    }

    /** The scrape in flight (or a new one), or empty when it failed or did not end within the timeout. */
    public Optional<Scrape> scrape() {
        CompletableFuture<Scrape> future;
        synchronized (this) {
            if (running == null || running.isDone()) {
                running = CompletableFuture.supplyAsync(scraper, worker);
            }
            future = running;
        }
        try {
            return Optional.of(future.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            LOG.warn("scrape did not end within {}", timeout);
            return Optional.empty();
        } catch (ExecutionException e) {
            LOG.warn("scrape failed: {}", e.getCause().toString(), e.getCause());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
