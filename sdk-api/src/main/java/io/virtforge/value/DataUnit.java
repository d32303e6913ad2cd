package io.virtforge.value;

/**
 * The units of libvirt's scaled integers. Decimal units are powers of 1000, binary ones of 1024;
 * a bare letter (K, M, G...) is binary, as in libvirt.
 */
public enum DataUnit {
    /** Bytes ({@code b}, {@code bytes}). */
    BYTES("B", 1L),
    /** 1000 bytes ({@code KB}). */
    KB("KB", 1000L),
    /** 1024 bytes ({@code K}, {@code KiB}). */
    KIB("KiB", 1L << 10),
    /** 10^6 bytes. */
    MB("MB", 1000_000L),
    /** 2^20 bytes. */
    MIB("MiB", 1L << 20),
    /** 10^9 bytes. */
    GB("GB", 1000_000_000L),
    /** 2^30 bytes. */
    GIB("GiB", 1L << 30),
    /** 10^12 bytes. */
    TB("TB", 1000_000_000_000L),
    /** 2^40 bytes. */
    TIB("TiB", 1L << 40),
    /** 10^15 bytes. */
    PB("PB", 1000_000_000_000_000L),
    /** 2^50 bytes. */
    PIB("PiB", 1L << 50),
    /** 10^18 bytes. */
    EB("EB", 1000_000_000_000_000_000L),
    /** 2^60 bytes. */
    EIB("EiB", 1L << 60);

    /** The spellings of every unit (in lower case) that are not a prefix of another one. */
    private static final String[] SPELLINGS = {"bytes", "kib", "kb", "mib", "mb", "gib", "gb", "tib", "tb", "pib", "pb",
        "eib", "eb"};

    private final String symbol;
    private final long bytes;

    DataUnit(String symbol, long bytes) {
        this.symbol = symbol;
        this.bytes = bytes;
    }

    /** The canonical symbol, e.g. {@code MiB}. */
    public String symbol() {
        return symbol;
    }

    /** Bytes in one unit. */
    public long bytes() {
        return bytes;
    }

    /**
     * Parses a unit as libvirt does, ignoring case: {@code b}, {@code byte}, {@code bytes}; a letter
     * of K, M, G, T, P, E alone or followed by {@code iB} (binary) or {@code B} (decimal). A rejected
     * unit's {@link ValueFormatException#position()} is that of the first character no spelling allows.
     */
    public static DataUnit parse(String unit) {
        int n = unit.length();
        if (n > 0) {
            // compared in place, letter by letter: units are parsed for every size of every document read
            char first = asciiLowerCase(unit.charAt(0));
            if (first == 'b' && (n == 1 || sameIgnoringAsciiCase(unit, "byte") || sameIgnoringAsciiCase(unit, "bytes"))) {
                return BYTES;
            }
            int power = "kmgtpe".indexOf(first);
            boolean decimal = n == 2 && asciiLowerCase(unit.charAt(1)) == 'b';
            boolean binary = n == 1 || n == 3 && asciiLowerCase(unit.charAt(1)) == 'i' && asciiLowerCase(unit.charAt(2)) == 'b';
            if (power >= 0 && (decimal || binary)) {
                return UNITS[1 + power * 2 + (decimal ? 0 : 1)];
            }
        }
        throw new ValueFormatException("size unit", unit, mismatch(unit), "expected b, bytes, K, KiB, KB ... E, EiB, EB");
    }

    /** The units in declaration order, without the copy {@code values()} makes per call. */
    private static final DataUnit[] UNITS = values();

    /** Whether {@code s} is {@code lower} with ASCII letters in any case (only ASCII: KELVIN SIGN is not 'k'). */
    private static boolean sameIgnoringAsciiCase(String s, String lower) {
        if (s.length() != lower.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (asciiLowerCase(s.charAt(i)) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static char asciiLowerCase(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** Index of the first character of {@code unit} at which no spelling can continue (its length if none). */
    private static int mismatch(String unit) {
        int best = 0;
        for (String spelling : SPELLINGS) {
            int i = 0;
            while (i < unit.length() && i < spelling.length()
                    && asciiLowerCase(unit.charAt(i)) == spelling.charAt(i)) {
                i++;
            }
            best = Math.max(best, i);
        }
        return best;
    }
}
