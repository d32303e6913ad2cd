package io.virtforge.value;

import java.util.Locale;

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
     * of K, M, G, T, P, E alone or followed by {@code iB} (binary) or {@code B} (decimal).
     */
    public static DataUnit parse(String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.equals("b") || u.equals("byte") || u.equals("bytes")) {
            return BYTES;
        }
        if (u.isEmpty() || u.length() > 3) {
            throw new ValueFormatException("size unit", unit, -1, "expected b, bytes, K, KiB, KB ... E, EiB, EB");
        }
        int power = "kmgtpe".indexOf(u.charAt(0));
        String rest = u.substring(1);
        boolean decimal = rest.equals("b");
        if (power < 0 || !(rest.isEmpty() || rest.equals("ib") || decimal)) {
            throw new ValueFormatException("size unit", unit, power < 0 ? 0 : 1, "expected b, bytes, K, KiB, KB ... E, EiB, EB");
        }
        return values()[1 + power * 2 + (decimal ? 0 : 1)];
    }
}
