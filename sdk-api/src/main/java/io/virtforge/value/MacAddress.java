package io.virtforge.value;

/**
 * A 48-bit Ethernet MAC address, {@code 52:54:00:35:f5:54}. Parses hex pairs separated by colons
 * (either case); formats in lower case.
 *
 * @param value the address in the low 48 bits
 */
public record MacAddress(long value) {
    private static final String KIND = "MAC address";

    /** Checks that the value fits in 48 bits. */
    public MacAddress {
        if (value < 0 || value > 0xFFFF_FFFF_FFFFL) {
            throw new ValueFormatException(KIND, Long.toHexString(value), -1, "more than 48 bits");
        }
    }

    /** Parses {@code xx:xx:xx:xx:xx:xx}. */
    public static MacAddress parse(String text) {
        if (text.length() != 17) {
            throw new ValueFormatException(KIND, text, -1, "expected six hex pairs separated by ':'");
        }
        long v = 0;
        for (int i = 0; i < 17; i++) {
            char c = text.charAt(i);
            if (i % 3 == 2) {
                if (c != ':') {
                    throw new ValueFormatException(KIND, text, i, "expected ':'");
                }
                continue;
            }
            int d = PciAddress.digit(c, 16);
            if (d < 0) {
                throw new ValueFormatException(KIND, text, i, "expected a hex digit");
            }
            v = (v << 4) | d;
        }
        return new MacAddress(v);
    }

    /** True for a multicast address (lowest bit of the first octet), which libvirt refuses for a NIC. */
    public boolean isMulticast() {
        return ((value >> 40) & 1) != 0;
    }

    /** The canonical form, {@code 52:54:00:35:f5:54}. */
    public String format() {
        StringBuilder sb = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            int b = (int) (value >> shift) & 0xFF;
            sb.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
