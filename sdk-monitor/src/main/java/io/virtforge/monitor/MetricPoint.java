package io.virtforge.monitor;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One series of a {@link MetricFamily}: its labels and its value.
 *
 * @param labels label names to values, sorted by name
 * @param value  the value, in the family's unit
 */
public record MetricPoint(Map<String, String> labels, double value) {
    /** Copies the labels, sorted by name. */
    public MetricPoint {
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }
}
