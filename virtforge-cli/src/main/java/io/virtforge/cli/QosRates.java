package io.virtforge.cli;

import java.util.Locale;
import java.util.Map;

/**
 * The rates {@code virtforge qos} takes, in the units people type: a NIC rate as {@code 1000Mbit}, {@code 10Gbit},
 * {@code 500kbit}, {@code 125MB} (per second) or a plain number of kilobytes per second (libvirt's own unit: 1 kB is
 * 1000 bytes, as tc counts it), and a CPU cap as {@code 50%}.
 */
final class QosRates {
    /** Bytes per second of one of each unit (per second). */
    private static final Map<String, Long> UNITS = Map.of("kbit", 125L, "mbit", 125_000L, "gbit", 125_000_000L,
            "kb", 1000L, "mb", 1_000_000L, "gb", 1_000_000_000L);

    private QosRates() {
    }

    /** A NIC rate in libvirt's kilobytes per second (at least 1). */
    static long kilobytesPerSecond(String option, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace("/s", "").replace("ps", "");
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        String unit = t.substring(i).trim();
        if (i == 0 || (!unit.isEmpty() && !UNITS.containsKey(unit))) {
            throw CliException.badInput(option + " '" + text + "' is not a rate: use e.g. 1000Mbit, 10Gbit, 500kbit, "
                    + "125MB or a number of kilobytes per second");
        }
        long n = number(option, text, t.substring(0, i));
        long kb = unit.isEmpty() ? n : Math.multiplyExact(n, UNITS.get(unit)) / 1000;
        if (kb < 1 || kb > 0xFFFF_FFFFL) {
            throw CliException.badInput(option + " '" + text + "' is out of range: 1 kB/s to 4294967295 kB/s");
        }
        return kb;
    }

    /** A CPU cap per vCPU, {@code 1%} to {@code 100%}. */
    static int percent(String option, String text) {
        String t = text.trim();
        if (!t.endsWith("%")) {
            throw CliException.badInput(option + " '" + text + "' is not a percentage: use e.g. 50%");
        }
        long p = number(option, text, t.substring(0, t.length() - 1).trim());
        if (p < 1 || p > 100) {
            throw CliException.badInput(option + " '" + text + "' is out of range: 1% to 100% of one host CPU per vCPU");
        }
        return (int) p;
    }

    private static long number(String option, String text, String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw CliException.badInput(option + " '" + text + "' is not a number");
        }
    }
}
