package io.virtforge.monitor;

/**
 * A thread's {@code /proc/PID/task/TID/schedstat}: the time it ran on a CPU, the time it waited on a run queue
 * for a CPU (for a vCPU thread, the steal its guest sees), and how many time slices it ran.
 *
 * @param runNanos   time spent on a CPU, in nanoseconds
 * @param waitNanos  time spent runnable but waiting for a CPU, in nanoseconds
 * @param timeslices time slices run
 */
public record Schedstat(long runNanos, long waitNanos, long timeslices) {
    /**
     * Parses the file's one line of three numbers.
     *
     * @throws MonitorReadException when the text is not three non-negative numbers
     */
    public static Schedstat parse(String text) {
        String[] f = text.strip().split("\\s+");
        if (f.length < 3) {
            throw new MonitorReadException("schedstat has " + f.length + " fields, expected 3: '" + text.strip() + "'");
        }
        return new Schedstat(Numbers.nonNegative(f[0], "schedstat"), Numbers.nonNegative(f[1], "schedstat"),
                Numbers.nonNegative(f[2], "schedstat"));
    }
}
