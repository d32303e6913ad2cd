package io.virtforge.cli;

import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import java.util.Locale;

/** Sizes as people read and type them: the largest unit that reads well, and what a decimal unit meant. */
final class Sizes {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final long[] DECIMAL = {1_000_000_000_000L, 1_000_000_000L, 1_000_000L};
    private static final String[] DECIMAL_UNITS = {"TB", "GB", "MB"};

    /** The smallest memory a guest is given (no guest boots in less). */
    static final DataSize MIN_MEMORY = DataSize.mib(16);
    /** The smallest disk image made. */
    static final DataSize MIN_DISK = DataSize.mib(1);

    private Sizes() {
    }

    /** {@code 16GiB} when whole in its largest unit, else one decimal in it: {@code 23.5 GiB}, not {@code 24421640KiB}. */
    static String human(DataSize size) {
        long b = size.bytes();
        int unit = 0;
        while (unit + 1 < UNITS.length && b >= 1L << (10 * (unit + 1))) {
            unit++;
        }
        long scale = 1L << (10 * unit);
        if (b % scale == 0) {
            return b / scale + UNITS[unit];
        }
        return String.format(Locale.ROOT, "%.1f %s", b / (double) scale, UNITS[unit]);
    }

    /**
     * The size with what a decimal unit made of it: {@code 16GB (16000000000 bytes: GB is decimal)}. A
     * size that is whole in MB, GB or TB but not in MiB was almost surely typed with a decimal unit.
     */
    static String typed(DataSize size) {
        long b = size.bytes();
        if (b > 0 && b % (1L << 20) != 0) {
            for (int i = 0; i < DECIMAL.length; i++) {
                if (b % DECIMAL[i] == 0) {
                    return b / DECIMAL[i] + DECIMAL_UNITS[i] + " (" + b + " bytes: " + DECIMAL_UNITS[i] + " is decimal; "
                            + "did you mean " + b / DECIMAL[i] + DECIMAL_UNITS[i].charAt(0) + "iB?)";
                }
            }
        }
        return human(size);
    }

    /** Refuses memory that is not a whole number of pages, saying what the user typed. */
    static void requireWholePages(String what, DataSize memory, PageSize page) {
        if (memory.bytes() % page.bytes() != 0) {
            throw CliException.badInput(what + " " + typed(memory) + " is not a whole number of " + page.format()
                    + " pages");
        }
    }

    /** Refuses a size below {@code min}. */
    static void requireAtLeast(String what, DataSize size, DataSize min, String why) {
        if (size.compareTo(min) < 0) {
            throw CliException.badInput(what + " " + typed(size) + " is too small: at least " + human(min)
                    + (why.isEmpty() ? "" : " (" + why + ")"));
        }
    }
}
