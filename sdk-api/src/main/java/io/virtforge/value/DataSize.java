package io.virtforge.value;

/**
 * An amount of memory or storage in bytes: libvirt's scaled integers ({@code <memory unit='GiB'>16</memory>}).
 * Values up to {@code Long.MAX_VALUE} bytes (8 EiB); anything larger is rejected, never wrapped.
 * Formats canonically in the largest binary unit that divides it exactly: {@code 16GiB}, {@code 1536MiB},
 * {@code 1000B}.
 *
 * @param bytes the size in bytes, not negative
 */
public record DataSize(long bytes) implements Comparable<DataSize> {
    /** Zero bytes. */
    public static final DataSize ZERO = new DataSize(0);
    private static final DataUnit[] BINARY = {DataUnit.EIB, DataUnit.PIB, DataUnit.TIB, DataUnit.GIB,
        DataUnit.MIB, DataUnit.KIB};

    /** Checks that the size is not negative. */
    public DataSize {
        if (bytes < 0) {
            throw new ValueFormatException("size", Long.toString(bytes), -1, "a size cannot be negative");
        }
    }

    /** {@code value} units, rejecting overflow. */
    public static DataSize of(long value, DataUnit unit) {
        if (value < 0) {
            throw new ValueFormatException("size", Long.toString(value), -1, "a size cannot be negative");
        }
        if (value > Long.MAX_VALUE / unit.bytes()) {
            throw new ValueFormatException("size", value + unit.symbol(), -1, "larger than 8 EiB");
        }
        return new DataSize(value * unit.bytes());
    }

    /** Bytes. */
    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes);
    }

    /** Kibibytes. */
    public static DataSize kib(long kib) {
        return of(kib, DataUnit.KIB);
    }

    /** Mebibytes. */
    public static DataSize mib(long mib) {
        return of(mib, DataUnit.MIB);
    }

    /** Gibibytes. */
    public static DataSize gib(long gib) {
        return of(gib, DataUnit.GIB);
    }

    /** Tebibytes. */
    public static DataSize tib(long tib) {
        return of(tib, DataUnit.TIB);
    }

    /**
     * Parses a libvirt scaled integer: a decimal number and its unit as separate strings (the form of
     * XML: text or {@code size} attribute, and {@code unit} attribute).
     */
    public static DataSize parse(String number, DataUnit unit) {
        return of(digits(number, 0, number.length(), number), unit);
    }

    /**
     * Parses a number with an optional unit after it, e.g. {@code 16GiB}, {@code 16 G}, {@code 512MiB},
     * {@code 4096} (bytes). The form {@link #format()} writes.
     */
    public static DataSize parse(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        long value = digits(text, 0, i, text);
        int u = i;
        while (u < text.length() && text.charAt(u) == ' ') {
            u++;
        }
        if (u == text.length()) {
            return new DataSize(value);
        }
        DataUnit unit;
        try {
            unit = DataUnit.parse(text.substring(u));
        } catch (ValueFormatException e) {
            throw new ValueFormatException("size", text, u + Math.max(e.position(), 0),
                    "unknown unit '" + text.substring(u) + "'");
        }
        if (value > Long.MAX_VALUE / unit.bytes()) {
            throw new ValueFormatException("size", text, 0, "larger than 8 EiB");
        }
        return new DataSize(value * unit.bytes());
    }

    private static long digits(String s, int from, int to, String whole) {
        if (from == to) {
            throw new ValueFormatException("size", whole, from, "expected a number");
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new ValueFormatException("size", whole, i, "expected a digit");
            }
            if (v > (Long.MAX_VALUE - (c - '0')) / 10) {
                throw new ValueFormatException("size", whole, from, "number too large");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Whole kibibytes, rounded up (libvirt rounds memory sizes up to KiB). */
    public long toKibRoundedUp() {
        return bytes / 1024 + (bytes % 1024 == 0 ? 0 : 1);
    }

    /** Whole mebibytes, rounded down. */
    public long toMib() {
        return bytes >> 20;
    }

    /** The size in the given unit, rounded down. */
    public long in(DataUnit unit) {
        return bytes / unit.bytes();
    }

    /** The sum, rejecting overflow. */
    public DataSize plus(DataSize other) {
        return new DataSize(Math.addExact(bytes, other.bytes));
    }

    /** The difference, rejecting a negative result. */
    public DataSize minus(DataSize other) {
        return new DataSize(bytes - other.bytes);
    }

    /** This size times {@code n}, rejecting overflow. */
    public DataSize times(long n) {
        return new DataSize(Math.multiplyExact(bytes, n));
    }

    /** The largest binary unit that divides the size exactly (bytes for 0 and odd sizes). */
    public DataUnit naturalUnit() {
        if (bytes == 0) {
            return DataUnit.BYTES;
        }
        for (DataUnit u : BINARY) {
            if (bytes % u.bytes() == 0) {
                return u;
            }
        }
        return DataUnit.BYTES;
    }

    /** Canonical text, e.g. {@code 16GiB}; {@link #parse(String)} reads it back. */
    public String format() {
        DataUnit u = naturalUnit();
        return (bytes / u.bytes()) + u.symbol();
    }

    @Override
    public String toString() {
        return format();
    }

    @Override
    public int compareTo(DataSize o) {
        return Long.compare(bytes, o.bytes);
    }
}
