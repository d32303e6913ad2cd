package io.virtforge.cli;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import io.virtforge.monitor.MetricFamily;
import io.virtforge.monitor.MetricPoint;
import io.virtforge.monitor.Scrape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The monitor's metrics ({@link io.virtforge.monitor.MonitorMetrics}) as Prometheus' Java client models them, so
 * that the client's own writers produce the text format and OpenMetrics; plus the exporter's
 * {@code virtforge_scrape_success} and {@code virtforge_scrape_duration_seconds}.
 */
final class PrometheusSnapshots {
    private PrometheusSnapshots() {
    }

    /** The snapshots of a scrape; a failed or timed-out scrape gives only {@code virtforge_scrape_success 0}. */
    static MetricSnapshots of(Optional<Scrape> scrape, Duration waited) {
        List<MetricSnapshot> all = new ArrayList<>();
        scrape.ifPresent(s -> s.metrics().forEach(f -> all.add(snapshot(f))));
        all.add(gauge("virtforge_scrape_success", "1 when the last scrape collected everything in time, else 0",
                scrape.isPresent() ? 1 : 0, Optional.empty()));
        all.add(gauge("virtforge_scrape_duration_seconds", "Time the exporter spent on this scrape",
                waited.toNanos() / 1e9, Optional.of("seconds")));
        return new MetricSnapshots(all);
    }

    private static MetricSnapshot snapshot(MetricFamily f) {
        if (f.type() == MetricFamily.Type.COUNTER) {
            CounterSnapshot.Builder b = CounterSnapshot.builder().name(f.name()).help(f.help());
            f.unit().ifPresent(u -> b.unit(new Unit(u)));
            for (MetricPoint p : f.points()) {
                b.dataPoint(CounterDataPointSnapshot.builder().labels(labels(p)).value(p.value()).build());
            }
            return b.build();
        }
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(f.name()).help(f.help());
        f.unit().ifPresent(u -> b.unit(new Unit(u)));
        for (MetricPoint p : f.points()) {
            b.dataPoint(GaugeDataPointSnapshot.builder().labels(labels(p)).value(p.value()).build());
        }
        return b.build();
    }

    private static MetricSnapshot gauge(String name, String help, double value, Optional<String> unit) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build());
        unit.ifPresent(u -> b.unit(new Unit(u)));
        return b.build();
    }

    private static Labels labels(MetricPoint p) {
        Labels.Builder b = Labels.builder();
        p.labels().forEach(b::label);
        return b.build();
    }
}
