package io.virtforge.host.sysfs;

import io.virtforge.VirtforgeException;

/**
 * A sysfs path, or a piece of one, that could escape or confuse the tree it names: {@code ..}, {@code .},
 * an absolute component, a {@code /} or NUL inside a segment, an empty segment, or a name that breaks its
 * kind's rules (driver, network interface, block device names). Thrown while the path is being built, so
 * before any file is touched.
 */
public final class InvalidSysfsPathException extends VirtforgeException {
    private static final long serialVersionUID = 1L;
    private final String input;
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param input  the rejected segment, name or path text
     * @param reason what is wrong with it
     */
    public InvalidSysfsPathException(String input, String reason) {
        super("invalid sysfs path piece '" + printable(input) + "': " + reason);
        this.input = input;
        this.reason = reason;
    }

    private static String printable(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 80; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7F ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }

    /** The rejected input, as given (may be {@code null}). */
    public String input() {
        return input;
    }

    /** What is wrong with the input. */
    public String reason() {
        return reason;
    }
}
