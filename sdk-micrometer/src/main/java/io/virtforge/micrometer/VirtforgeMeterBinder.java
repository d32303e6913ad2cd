package io.virtforge.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.virtforge.monitor.MetricFamily;
import io.virtforge.monitor.MetricPoint;
import io.virtforge.monitor.MonitorScraper;
import io.virtforge.monitor.Scrape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the monitor's metrics to a Micrometer registry: each series of a scrape becomes a gauge or a function
 * counter whose value the next scrape updates. Micrometer registers meters once, so the binder follows the running
 * domains itself: {@link #refresh()} scrapes, registers the series that appeared and removes those that went (a
 * stopped domain's), which keeps the meter count bounded by what runs. {@link #bindTo} refreshes once and then
 * every {@code interval} on a daemon thread of its own until {@link #close()}.
 *
 * <p>Names are Micrometer's form of the exporter's: {@code virtforge_domain_cpu_seconds} is
 * {@code virtforge.domain.cpu} with base unit {@code seconds}, to which Micrometer's Prometheus naming convention
 * adds the unit and {@code _total} back.
 */
public final class VirtforgeMeterBinder implements MeterBinder, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VirtforgeMeterBinder.class);
    private final MonitorScraper scraper;
    private final Duration interval;
    private final Map<Meter.Id, Series> series = new HashMap<>();
    private final List<MeterRegistry> registries = new ArrayList<>();
    private ScheduledExecutorService refresher;

    /** A binder over a scraper, refreshing every {@code interval} once bound. */
    public VirtforgeMeterBinder(MonitorScraper scraper, Duration interval) {
        this.scraper = Objects.requireNonNull(scraper, "scraper");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the refresh interval must be positive, got " + interval);
        }
        this.interval = interval;
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        registries.add(registry);
        refresh();
        if (refresher == null) {
            refresher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "virtforge-micrometer");
                t.setDaemon(true);
                return t;
            });
            long millis = interval.toMillis();
            refresher.scheduleWithFixedDelay(this::refreshQuietly, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** Scrapes now: updates every series' value, registers new series and removes the ones that went. */
    public synchronized void refresh() {
        Scrape scrape = scraper.scrape();
        Set<Meter.Id> seen = new HashSet<>();
        for (MetricFamily family : scrape.metrics()) {
            for (MetricPoint point : family.points()) {
                Series s = series.computeIfAbsent(MicrometerNames.id(family, point), id -> register(family, point));
                s.value = point.value();
                seen.add(s.id);
            }
        }
        series.entrySet().removeIf(e -> {
            if (!seen.contains(e.getKey())) {
                registries.forEach(r -> r.remove(e.getKey()));
                return true;
            }
            return false;
        });
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("virtforge metrics not refreshed: {}", e.toString(), e);
        }
    }

    private Series register(MetricFamily family, MetricPoint point) {
        Series s = new Series(MicrometerNames.id(family, point));
        List<Tag> tags = MicrometerNames.tags(point);
        String name = MicrometerNames.name(family);
        String unit = family.unit().orElse(null);
        for (MeterRegistry registry : registries) {
            if (family.type() == MetricFamily.Type.COUNTER) {
                FunctionCounter.builder(name, s, Series::value).description(family.help()).baseUnit(unit).tags(tags)
                        .register(registry);
            } else {
                Gauge.builder(name, s, Series::value).description(family.help()).baseUnit(unit).tags(tags)
                        .strongReference(true).register(registry);
            }
        }
        return s;
    }

    /** The meters this binder has registered now, one per series. */
    public synchronized int size() {
        return series.size();
    }

    /** Stops refreshing; the meters stay with their last values until removed from the registry. */
    @Override
    public synchronized void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** One series' latest value; the meter reads it. */
    private static final class Series {
        final Meter.Id id;
        volatile double value;

        Series(Meter.Id id) {
            this.id = id;
        }

        double value() {
            return value;
        }
    }
}
