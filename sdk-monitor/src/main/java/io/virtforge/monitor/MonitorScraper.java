package io.virtforge.monitor;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Scrapes in a row: each {@link #scrape()} collects a sample and audits it against the previous one, so the rates
 * (steal, shared dedicated CPUs) cover the time between two scrapes. One scrape at a time (synchronized).
 */
public final class MonitorScraper {
    private final MonitorCollector collector;
    private final DriftAudit audit;
    private Optional<MonitorSample> previous = Optional.empty();

    /** A scraper over a collector, judging drift with an audit. */
    public MonitorScraper(MonitorCollector collector, DriftAudit audit) {
        this.collector = Objects.requireNonNull(collector, "collector");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** Collects, audits and turns both into metrics. */
    public synchronized Scrape scrape() {
        long start = System.nanoTime();
        MonitorSample current = collector.collect();
        List<DriftFinding> findings = previous.map(p -> audit.findings(p, current)).orElseGet(() -> audit.findings(current));
        previous = Optional.of(current);
        return new Scrape(current, findings, MonitorMetrics.of(current, findings),
                Duration.ofNanos(System.nanoTime() - start));
    }
}
