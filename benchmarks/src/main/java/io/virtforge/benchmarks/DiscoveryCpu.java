package io.virtforge.benchmarks;

import io.virtforge.host.discovery.HostDiscovery;
import io.virtforge.host.sysfs.RealSysfs;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The CPU time of host discovery and of its Java floors, which a loaded machine does not change as it
 * changes wall time: the process' CPU time (all threads: the caller, the common pool, JIT and GC) per
 * operation, over {@code ROUNDS} rounds of {@code PER} operations, the first half of the rounds as warm-up;
 * prints the median, min and max of the rest with the wall time. With {@code ROUNDS} 0 it only records the
 * operations: the baseline for counting system calls per discovery under {@code strace -f -c}
 * (a run of {@code PER} 1 and {@code ROUNDS} 20 minus a run with {@code ROUNDS} 0, divided by 20: every round
 * runs, only the measured half is reported).
 *
 * <p>{@code java -cp benchmarks.jar io.virtforge.benchmarks.DiscoveryCpu discover|floorSequential|floorParallel ROOT PER ROUNDS}
 * (ROOT holding the tree {@link SysfsOps} writes).
 */
public final class DiscoveryCpu {
    private DiscoveryCpu() {
    }

    /** Runs the measurement; see the class comment for the arguments. */
    public static void main(String[] args) {
        String what = args[0];
        Path root = Path.of(args[1]);
        int per = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        SysfsOps.ensureTree(root);
        SysfsOps.Op[] ops = SysfsOps.record(root).toArray(new SysfsOps.Op[0]);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<Double> cpu = new ArrayList<>();
        List<Double> wall = new ArrayList<>();
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < per; i++) {
                sink += switch (what) {
                    case "discover" -> HostDiscovery.topologyOf(new RealSysfs(root)).cpus().size();
                    case "floorSequential" -> SysfsOps.replay(ops);
                    case "floorParallel" -> SysfsOps.replayParallel(ops);
                    default -> throw new IllegalArgumentException("discover, floorSequential or floorParallel: " + what);
                };
            }
            if (r >= rounds / 2) {
                cpu.add((os.getProcessCpuTime() - c0) / 1e6 / per);
                wall.add((System.nanoTime() - t0) / 1e6 / per);
            }
        }
        if (cpu.isEmpty()) {
            System.out.println("[discovery cpu] recorded " + ops.length + " operations, measured nothing");
            return;
        }
        Collections.sort(cpu);
        Collections.sort(wall);
        System.out.printf("[discovery cpu] %s: cpu_ms median %.1f min %.1f max %.1f | wall_ms median %.1f min %.1f max %.1f"
                + " (%d rounds of %d)  [%d]%n", what, cpu.get(cpu.size() / 2), cpu.get(0), cpu.get(cpu.size() - 1),
                wall.get(wall.size() / 2), wall.get(0), wall.get(wall.size() - 1), cpu.size(), per, sink & 1);
    }
}
