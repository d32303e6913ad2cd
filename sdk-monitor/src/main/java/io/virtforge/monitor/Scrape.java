package io.virtforge.monitor;

import java.time.Duration;
import java.util.List;

/**
 * One scrape: the sample, the drift findings about it, and the metrics of both.
 *
 * @param sample   what was collected
 * @param findings the drift findings (steal and shared CPUs over the time since the previous scrape)
 * @param metrics  the metrics to publish
 * @param took     how long collecting took
 */
public record Scrape(MonitorSample sample, List<DriftFinding> findings, List<MetricFamily> metrics, Duration took) {
    /** Copies the lists. */
    public Scrape {
        findings = List.copyOf(findings);
        metrics = List.copyOf(metrics);
    }
}
