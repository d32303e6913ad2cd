package io.virtforge.benchmarks;

import io.virtforge.fleet.Fleet;
import io.virtforge.fleet.FleetConstraints;
import io.virtforge.fleet.FleetPlanner;
import io.virtforge.fleet.HostWeigher;
import io.virtforge.plan.PlacementRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * For a loaded machine: the sequential {@link FleetPlanner}'s time per plan in CPU time of the planning thread
 * (what one core spends on a plan, whatever share of a core the thread got), beside its wall time, on the
 * {@link FleetCases} fleets. Not a JMH run: each plan is timed with
 * {@link ThreadMXBean#getCurrentThreadCpuTime()} and {@link System#nanoTime()} around it, after a warm-up.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.virtforge.benchmarks.FleetCpuTime [WARMUP_S] [PLANS] [HOSTS...]}
 * (defaults 10 s, 2000 plans, 1000 and 10000 hosts). Prints one markdown row per (hosts, request): CPU mean
 * ± the half-width of its 99.9 % confidence interval, CPU p50/p99/p99.9, wall p50/p99.
 */
public final class FleetCpuTime {
    private FleetCpuTime() {
    }

    public static void main(String[] args) {
        double warmup = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        int plans = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int[] sizes = args.length > 2 ? Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1000, 10000};
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.println("# loadavg before: " + loadavg());
        System.out.println("| hosts | request | CPU mean ± err (µs) | CPU p50 | CPU p99 | CPU p99.9 | wall p50 | wall p99 "
                + "| plans | loadavg after |");
        System.out.println("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        for (int hosts : sizes) {
            Fleet fleet = FleetCases.fleet(hosts);
            for (String name : FleetCases.REQUESTS) {
                PlacementRequest request = FleetCases.request(name);
                FleetPlanner planner = FleetPlanner.create(HostWeigher.PACK);
                long end = System.nanoTime() + (long) (warmup * 1e9);
                while (System.nanoTime() < end) {
                    planner.plan(request, FleetConstraints.none(), fleet);
                }
                long[] cpu = new long[plans];
                long[] wall = new long[plans];
                for (int i = 0; i < plans; i++) {
                    long c0 = mx.getCurrentThreadCpuTime();
                    long w0 = System.nanoTime();
                    planner.plan(request, FleetConstraints.none(), fleet);
                    wall[i] = System.nanoTime() - w0;
                    cpu[i] = mx.getCurrentThreadCpuTime() - c0;
                }
                double mean = Arrays.stream(cpu).average().orElse(0);
                double var = Arrays.stream(cpu).mapToDouble(x -> (x - mean) * (x - mean)).sum() / (plans - 1);
                double err = 3.291 * Math.sqrt(var / plans); // normal 99.9 %: plans are many
                Arrays.sort(cpu);
                Arrays.sort(wall);
                System.out.printf(Locale.ROOT, "| %,d | %s | %.0f ± %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %d | %s |%n",
                        hosts, name, mean / 1e3, err / 1e3, pct(cpu, 50), pct(cpu, 99), pct(cpu, 99.9), pct(wall, 50),
                        pct(wall, 99), plans, loadavg().split(" ")[0]);
            }
        }
    }

    /** Nearest rank, in µs. */
    private static double pct(long[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(p / 100 * sorted.length) - 1)] / 1e3;
    }

    private static String loadavg() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
