package io.virtforge.monitor;

/** Number parsing for kernel text, failing with {@link MonitorReadException}. */
final class Numbers {
    private Numbers() {
    }

    static long nonNegative(String text, String what) {
        try {
            long value = Long.parseLong(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with what was read
        }
        throw new MonitorReadException(what + ": '" + text + "' is not a non-negative number");
    }
}
