package io.virtforge.model;

import io.virtforge.value.ValueFormatException;

/** Strict parsing of the numbers and booleans in libvirt XML. */
final class Numbers {
    private Numbers() {
    }

    /** An unsigned decimal number up to {@code max}. */
    static long unsigned(String s, long max) {
        return digits(s, 0, 10, max, "number");
    }

    /** A signed decimal long. */
    static long signed(String s) {
        if (s.startsWith("-")) {
            if (s.length() == 1) {
                throw new ValueFormatException("number", s, 1, "expected a digit");
            }
            return -digits(s, 1, 10, Long.MAX_VALUE, "number");
        }
        return digits(s, 0, 10, Long.MAX_VALUE, "number");
    }

    /** libvirt's base-0 numbers: {@code 0x} hex, a leading {@code 0} octal, else decimal. */
    static long base0(String s, long max) {
        if (s.startsWith("0x") || s.startsWith("0X")) {
            return digits(s, 2, 16, max, "number");
        }
        if (s.length() > 1 && s.charAt(0) == '0') {
            return digits(s, 1, 8, max, "number");
        }
        return digits(s, 0, 10, max, "number");
    }

    /** A hexadecimal number, with or without {@code 0x}. */
    static long hex(String s, long max) {
        return digits(s, s.startsWith("0x") || s.startsWith("0X") ? 2 : 0, 16, max, "hex number");
    }

    private static long digits(String s, int from, int radix, long max, String kind) {
        if (from >= s.length()) {
            throw new ValueFormatException(kind, s, from, "expected a digit");
        }
        long v = 0;
        for (int i = from; i < s.length(); i++) {
            int d = asciiDigit(s.charAt(i), radix);
            if (d < 0) {
                throw new ValueFormatException(kind, s, i, "expected a digit");
            }
            if (v > (max - d) / radix) {
                throw new ValueFormatException(kind, s, from, "out of range 0-" + max);
            }
            v = v * radix + d;
        }
        return v;
    }

    /** The value of an ASCII digit in the radix, or -1 (Character.digit would accept other scripts' digits). */
    private static int asciiDigit(char c, int radix) {
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10 : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : -1;
        return d < radix ? d : -1;
    }

    /** libvirt's tristate words: yes/no and on/off. */
    static Boolean bool(String s) {
        return switch (s) {
            case "yes", "on" -> Boolean.TRUE;
            case "no", "off" -> Boolean.FALSE;
            default -> throw new ValueFormatException("yes/no value", s, 0, "expected yes, no, on or off");
        };
    }
}
