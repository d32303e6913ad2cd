package io.virtforge.value;

import io.virtforge.VirtforgeException;

/**
 * A string that is not a valid value of a Virtforge value type (a size, a CPU set, a PCI address...),
 * or a value out of the type's range. Says which input, where in it and why.
 */
public final class ValueFormatException extends VirtforgeException {
    private static final long serialVersionUID = 1L;
    private final String kind;
    private final String input;
    private final int position;
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param kind     what the input should have been, e.g. "CPU set"
     * @param input    the offending input
     * @param position 0-based index of the offending character, or -1 when the whole input is at fault
     * @param reason   what is wrong
     */
    public ValueFormatException(String kind, String input, int position, String reason) {
        super("invalid " + kind + " '" + abbreviate(input) + "': " + reason
                + (position >= 0 ? " (at position " + position + ")" : ""));
        this.kind = kind;
        this.input = input;
        this.position = position;
        this.reason = reason;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** The kind of value expected, e.g. "CPU set". */
    public String kind() {
        return kind;
    }

    /** The input that was rejected. */
    public String input() {
        return input;
    }

    /** 0-based index of the offending character; -1 when the input as a whole is at fault. */
    public int position() {
        return position;
    }

    /** What is wrong, without the input and position. */
    public String reason() {
        return reason;
    }
}
