package io.virtforge.cli;

import io.virtforge.check.Report;
import io.virtforge.connect.VirtConnection;
import io.virtforge.monitor.DriftAudit;
import io.virtforge.monitor.DriftFinding;
import io.virtforge.monitor.DriftThresholds;
import io.virtforge.monitor.MonitorCollector;
import io.virtforge.monitor.MonitorSample;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code audit --live}: the running domains' tuning drift, from two samples an interval apart (steal and shared
 * dedicated CPUs are shares of that interval), as one report per domain name.
 */
final class LiveDrift {
    private LiveDrift() {
    }

    static Map<String, Report> of(VirtConnection connection, double intervalSeconds) {
        MonitorCollector collector = MonitorCollector.of(connection, HostAccess.sysfs(connection));
        MonitorSample first = collector.collect();
        try {
            Thread.sleep(Math.round(intervalSeconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.problem("interrupted while measuring drift");
        }
        List<DriftFinding> findings = new DriftAudit(DriftThresholds.DEFAULTS).findings(first, collector.collect());
        Map<String, Report> byDomain = new HashMap<>();
        for (DriftFinding f : findings) {
            byDomain.merge(f.domain(), Report.of(List.of(f.finding())), Report::and);
        }
        return byDomain;
    }
}
