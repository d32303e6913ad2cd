package io.virtforge.micrometer;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.virtforge.monitor.MetricFamily;
import io.virtforge.monitor.MetricPoint;
import java.util.ArrayList;
import java.util.List;

/** The monitor's Prometheus-style names in Micrometer's form: dots, and the unit as the base unit. */
final class MicrometerNames {
    private MicrometerNames() {
    }

    /** {@code virtforge_domain_cpu_seconds} (unit seconds) is {@code virtforge.domain.cpu}. */
    static String name(MetricFamily family) {
        String name = family.name();
        String suffix = family.unit().map(u -> "_" + u).orElse("");
        if (!suffix.isEmpty() && name.endsWith(suffix)) {
            name = name.substring(0, name.length() - suffix.length());
        }
        return name.replace('_', '.');
    }

    static List<Tag> tags(MetricPoint point) {
        List<Tag> tags = new ArrayList<>();
        point.labels().forEach((k, v) -> tags.add(Tag.of(k, v)));
        return tags;
    }

    /** The identity of a series, as Micrometer keys its meters. */
    static Meter.Id id(MetricFamily family, MetricPoint point) {
        Meter.Type type = family.type() == MetricFamily.Type.COUNTER ? Meter.Type.COUNTER : Meter.Type.GAUGE;
        return new Meter.Id(name(family), Tags.of(tags(point)), family.unit().orElse(null), family.help(), type);
    }
}
