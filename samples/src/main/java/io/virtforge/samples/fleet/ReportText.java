package io.virtforge.samples.fleet;

import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/** The report as a text table: one column per strategy, one row per figure. */
public final class ReportText {
    private static final String ROW = "%-48s";
    private static final String CELL = "%12s";

    private ReportText() {
    }

    /** The table of the reports (same stream and fleet, one report per strategy). */
    public static String of(FleetSimOptions options, List<StrategyReport> reports) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "fleet-sim: %d hosts (seed %d, %.0f-%.0f %% occupied, %d empty), "
                + "a stream of %d requests, a run stops after %d refusals in a row%n", options.hosts(),
                options.seed(), options.minOccupancy() * 100, options.maxOccupancy() * 100,
                reports.isEmpty() ? 0 : reports.get(0).emptyAtStart(), options.requests(), options.stopAfter()));
        row(out, "", reports, r -> r.strategy().label());
        row(out, "requests fed", reports, r -> r.requests());
        row(out, "placed", reports, r -> r.placed());
        row(out, "refused", reports, r -> r.refused());
        row(out, "CPUs used", reports, r -> percent(r.cpuUse()));
        row(out, "2 MiB pages used", reports, r -> percent(r.hugePageUse()));
        row(out, "free CPUs", reports, r -> r.freeCpus());
        row(out, "stranded CPUs (on hosts that can't take an s2)", reports,
                r -> r.strandedCpus() + " (" + r.strandedHosts() + ")");
        row(out, "hosts that can still take an x16", reports, r -> r.hostsTakingLargest());
        row(out, "empty hosts", reports, r -> r.emptyHosts());
        row(out, "hosts the stream placed nothing on", reports, r -> r.untouchedHosts());
        section(out, "refused, by kind", reports, StrategyReport::refusedByKind);
        section(out, "hosts rejected, by reason (over all refusals)", reports, StrategyReport::rejectionsByReason);
        return out.toString();
    }

    private static void section(StringBuilder out, String title, List<StrategyReport> reports,
            Function<StrategyReport, SortedMap<String, Integer>> counts) {
        SortedSet<String> keys = new TreeSet<>();
        reports.forEach(r -> keys.addAll(counts.apply(r).keySet()));
        if (keys.isEmpty()) {
            return;
        }
        out.append(title).append(System.lineSeparator());
        for (String key : keys) {
            row(out, "  " + key, reports, r -> counts.apply(r).getOrDefault(key, 0));
        }
    }

    private static void row(StringBuilder out, String label, List<StrategyReport> reports,
            Function<StrategyReport, Object> cell) {
        out.append(String.format(Locale.ROOT, ROW, label));
        for (StrategyReport r : reports) {
            out.append(String.format(Locale.ROOT, CELL, cell.apply(r)));
        }
        out.append(System.lineSeparator());
    }

    /** A share as a percentage with one decimal, e.g. {@code 91.2 %}. */
    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
