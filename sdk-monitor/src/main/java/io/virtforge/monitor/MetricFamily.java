package io.virtforge.monitor;

import java.util.List;
import java.util.Optional;

/**
 * One metric of the monitor, independent of any metrics library, so that the Prometheus exporter and the
 * Micrometer binding publish the same names from one place ({@link MonitorMetrics}). Names follow Prometheus'
 * conventions: {@code virtforge_} first, the unit last ({@code _seconds}, {@code _bytes}); a counter's name has no
 * {@code _total}, which the exposition format adds.
 *
 * @param name   the name, e.g. {@code virtforge_domain_cpu_seconds}
 * @param help   one line saying what it counts
 * @param type   counter or gauge
 * @param unit   the base unit the name ends with ({@code seconds}, {@code bytes}), empty for counts and ratios
 * @param points its series
 */
public record MetricFamily(String name, String help, Type type, Optional<String> unit, List<MetricPoint> points) {
    /** Copies the list. */
    public MetricFamily {
        points = List.copyOf(points);
    }

    /** Counter or gauge. */
    public enum Type {
        /** Only goes up (until the thing counted restarts). */
        COUNTER,
        /** Goes up and down. */
        GAUGE
    }
}
