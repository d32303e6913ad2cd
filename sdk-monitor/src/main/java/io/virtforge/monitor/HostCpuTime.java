package io.virtforge.monitor;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One host CPU's busy time since boot, from its {@code cpuN} line of {@code /proc/stat}: user, nice, system, irq
 * and softirq time (a guest's time is inside user), without idle, iowait and steal. {@code /proc/stat} counts in
 * USER_HZ, which Linux fixes at 100 per second on every architecture's ABI, so the resolution is 10 ms.
 * ({@code /proc/schedstat} would give nanoseconds but exists only in kernels built with {@code CONFIG_SCHEDSTATS}.)
 *
 * @param cpu       the host CPU
 * @param busyNanos time the CPU spent running anything, in nanoseconds
 */
public record HostCpuTime(int cpu, long busyNanos) {
    private static final long NANOS_PER_TICK = 10_000_000L;

    /**
     * Parses {@code /proc/stat}'s {@code cpuN} lines; the total {@code cpu} line and the rest are ignored.
     *
     * @throws MonitorReadException when a {@code cpuN} line has fewer than 7 numbers
     */
    public static Map<Integer, HostCpuTime> parseAll(String text) {
        Map<Integer, HostCpuTime> cpus = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith("cpu")) {
                continue;
            }
            String[] f = line.strip().split("\\s+");
            int cpu = ProcFiles.number(f[0].substring(3));
            if (cpu < 0) {
                continue;
            }
            if (f.length < 8) {
                throw new MonitorReadException("/proc/stat: line '" + line + "' has fewer than 7 numbers");
            }
            long ticks = 0;
            for (int i : new int[] {1, 2, 3, 6, 7}) {
                ticks += Numbers.nonNegative(f[i], "/proc/stat");
            }
            cpus.put(cpu, new HostCpuTime(cpu, ticks * NANOS_PER_TICK));
        }
        return Collections.unmodifiableMap(cpus);
    }
}
