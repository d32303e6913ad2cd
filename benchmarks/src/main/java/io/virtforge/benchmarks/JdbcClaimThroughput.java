package io.virtforge.benchmarks;

import io.virtforge.fleet.Claim;
import io.virtforge.fleet.ClaimPlaceholders;
import io.virtforge.fleet.ClaimConflictException;
import io.virtforge.fleet.Fleet;
import io.virtforge.fleet.FleetConstraints;
import io.virtforge.fleet.FleetHost;
import io.virtforge.fleet.FleetPlacement;
import io.virtforge.fleet.FleetPlanner;
import io.virtforge.fleet.HostWeigher;
import io.virtforge.fleet.jdbc.JdbcClaimStore;
import io.virtforge.plan.Placement;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.plan.Planner;
import io.virtforge.topology.HostCpu;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.HugePagePool;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Claim throughput of the PostgreSQL claim store ({@code sdk-fleet-jdbc}) with several scheduler JVMs on one
 * database, in two modes. {@code store}: each JVM reads the fleet, claims one of a fixed set of placements on a host
 * of its own (no conflicts, no planning), confirms, and releases its oldest claim once it holds {@value #HELD}: what
 * the store itself sustains. {@code loop}: the scheduler's whole loop, plan (pack: every JVM wants the same host),
 * claim, plan again on a conflict, confirm, release the oldest beyond {@value #HELD}: the fleet never fills and every
 * request is placed. Reported per mode: claims + confirms per second over all JVMs (mean ± 99.9 % confidence error
 * over the runs, as JMH does), and the latency of {@code claim()} (p50, p99, pooled over the runs, conflicts
 * included). Then, in one JVM: what the per-host view cache and the reuse of connections
 * are worth. Not JMH: the JVMs under test are separate processes (this class's {@code worker} mode).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.virtforge.benchmarks.JdbcClaimThroughput JDBC_URL [JVMS RUNS WARMUP_S MEASURE_S [MODE]]
 * </pre>
 */
public final class JdbcClaimThroughput {
    private static final int HOSTS = 8;
    private static final int CPUS = 32;
    /** Claims a worker holds before it releases its oldest. */
    private static final int HELD = 8;
    private static final PlacementRequest REQUEST = PlacementRequest.builder(2, DataSize.gib(1))
            .pageSize(PageSize.MIB_2).build();

    private JdbcClaimThroughput() {
    }

    /** Runs the benchmark (or, with {@code worker} first, one scheduler JVM of it). */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("worker")) {
            worker(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    args[6]);
            return;
        }
        if (args.length < 1) {
            System.err.println("usage: JdbcClaimThroughput JDBC_URL [JVMS RUNS WARMUP_S MEASURE_S]");
            System.exit(2);
        }
        String url = args[0];
        int jvms = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int measure = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        for (String mode : args.length > 5 ? List.of(args[5]) : List.of("store", "loop")) {
            multiJvm(url, mode, jvms, runs, warmup, measure);
        }
        oneJvmComparisons(url);
    }

    private static void multiJvm(String url, String mode, int jvms, int runs, int warmup, int measure)
            throws Exception {
        System.out.printf("JDBC claim throughput, mode %s: %d JVMs, %d runs, %d s warm-up + %d s measured, %d hosts x"
                + " %d CPUs%n", mode, jvms, runs, warmup, measure, HOSTS, CPUS);
        double[] rates = new double[runs];
        List<Long> latencies = new ArrayList<>();
        long conflicts = 0;
        for (int run = 0; run < runs; run++) {
            String schema = "bench_" + ProcessHandle.current().pid() + "_" + run;
            long ops = 0;
            List<Process> processes = new ArrayList<>();
            try {
                for (int j = 0; j < jvms; j++) {
                    processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                            "-cp", System.getProperty("java.class.path"), JdbcClaimThroughput.class.getName(),
                            "worker", url, schema, Integer.toString(warmup), Integer.toString(measure),
                            Integer.toString(j), mode)
                            .redirectError(ProcessBuilder.Redirect.INHERIT).start());
                }
                List<BufferedReader> outs = new ArrayList<>();
                for (Process p : processes) {
                    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                            StandardCharsets.UTF_8));
                    expect(out.readLine(), "READY");
                    outs.add(out);
                }
                for (Process p : processes) {
                    p.getOutputStream().write("GO\n".getBytes(StandardCharsets.UTF_8));
                    p.getOutputStream().flush();
                }
                for (BufferedReader out : outs) {
                    String[] result = out.readLine().split(" ");
                    expect(result[0], "RESULT");
                    ops += Long.parseLong(result[1]);
                    conflicts += Long.parseLong(result[2]);
                    if (result.length > 3) {
                        Arrays.stream(result[3].split(",")).map(Long::parseLong).forEach(latencies::add);
                    }
                }
                for (Process p : processes) {
                    p.waitFor(1, TimeUnit.MINUTES);
                }
            } finally {
                processes.forEach(Process::destroyForcibly);
                drop(url, schema);
            }
            rates[run] = ops / (double) measure;
            System.out.printf("run %d: %.1f claims+confirms/s%n", run + 1, rates[run]);
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "throughput: %.1f ± %.1f claims+confirms/s (mean ± 99.9%% error, %d runs)%n",
                mean(rates), error(rates), runs);
        System.out.printf(Locale.ROOT, "claim() latency: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d claims, %d conflicts)%n",
                percentile(sorted, 0.50) / 1e3, percentile(sorted, 0.99) / 1e3, sorted[sorted.length - 1] / 1e3,
                sorted.length, conflicts);
    }

    /** What the view cache and connection reuse are worth, in one JVM without competition. */
    private static void oneJvmComparisons(String url) throws SQLException {
        String schema = "bench_" + ProcessHandle.current().pid() + "_single";
        try {
            try (JdbcClaimStore store = store(url, schema, 4)) {
                FleetPlanner planner = FleetPlanner.create(HostWeigher.PACK);
                int held = 0;
                for (FleetHost h : store.fleet().all()) { // half of every host booked: the views hold placeholders
                    for (int i = 0; i < CPUS / 4; i++) {
                        FleetPlacement p = planner.plan(REQUEST, FleetConstraints.none(), store.fleet()).chosen()
                                .orElseThrow();
                        store.confirm(store.claim(p.hostId(), p.generation(), p.placement(), "held-" + held++).id());
                    }
                }
                Fleet fleet = store.fleet();
                double hit = timeMicros(2000, () -> store.fleet());
                double miss = timeMicros(300, () -> {
                    for (FleetHost h : fleet.all()) {
                        store.putHost(FleetHost.of(h.id(), host())); // a new snapshot: every view is rebuilt
                    }
                    store.fleet();
                });
                double touchOnly = timeMicros(300, () -> {
                    for (FleetHost h : fleet.all()) {
                        store.putHost(FleetHost.of(h.id(), host()));
                    }
                });
                System.out.printf(Locale.ROOT, "fleet() with %d claims on %d hosts: %.0f µs when no host moved (cached"
                        + " views), %.0f µs when every host moved (claims read and overlaid again)%n", held, HOSTS, hit,
                        miss - touchOnly);
            }
            for (int idle : new int[] {4, 0}) {
                drop(url, schema);
                try (JdbcClaimStore store = store(url, schema, idle)) {
                    double perCycle = timeMicros(idle == 0 ? 30 : 300, cycle(store, new ArrayDeque<>())); // 0: slow
                    System.out.printf(Locale.ROOT, "one JVM, maxIdleConnections(%d): %.2f ms per plan+claim+confirm+release%n",
                            idle, perCycle / 1e3);
                }
            }
        } finally {
            drop(url, schema);
        }
    }

    private static JdbcClaimStore store(String url, String schema, int idle) {
        return JdbcClaimStore.builder(dataSource(url)).schema(schema).fleet(fleet()).maxIdleConnections(idle).build();
    }

    private static Runnable cycle(JdbcClaimStore store, Deque<Long> mine) {
        FleetPlanner planner = FleetPlanner.create(HostWeigher.PACK);
        int[] n = {0};
        return () -> {
            while (true) {
                FleetPlacement p = planner.plan(REQUEST, FleetConstraints.none(), store.fleet()).chosen().orElseThrow();
                try {
                    Claim c = store.claim(p.hostId(), p.generation(), p.placement(), "c-" + n[0]++);
                    store.confirm(c.id());
                    mine.addLast(c.id());
                    if (mine.size() > HELD) {
                        store.release(mine.removeFirst());
                    }
                    return;
                } catch (ClaimConflictException e) {
                    // plan again
                }
            }
        };
    }

    private static double timeMicros(int times, Runnable r) {
        for (int i = 0; i < times / 5; i++) {
            r.run(); // warm-up
        }
        long start = System.nanoTime();
        for (int i = 0; i < times; i++) {
            r.run();
        }
        return (System.nanoTime() - start) / 1e3 / times;
    }

    private static void worker(String url, String schema, int warmup, int measure, int index, String mode)
            throws IOException {
        try (JdbcClaimStore store = JdbcClaimStore.builder(dataSource(url)).schema(schema).fleet(fleet()).build()) {
            FleetPlanner planner = FleetPlanner.create(HostWeigher.PACK);
            String own = "h" + index % HOSTS;
            List<Placement> fixed = disjointPlacements();
            System.out.println("READY");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            Deque<Long> mine = new ArrayDeque<>();
            long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
            long end = measureFrom + TimeUnit.SECONDS.toNanos(measure);
            long ops = 0;
            long conflicts = 0;
            StringBuilder latencies = new StringBuilder();
            for (long i = 0; ; i++) {
                long now = System.nanoTime();
                if (now >= end) {
                    break;
                }
                boolean measured = now >= measureFrom;
                FleetPlacement p;
                if (mode.equals("store")) {
                    // at most HELD + 1 of the 16 disjoint placements are held at once: taken in turn, none overlaps
                    p = new FleetPlacement(own, store.fleet().host(own).orElseThrow().generation(),
                            fixed.get((int) (i % fixed.size())));
                } else {
                    p = planner.plan(REQUEST, FleetConstraints.none(), store.fleet()).chosen().orElseThrow();
                }
                long t0 = System.nanoTime();
                try {
                    Claim c = store.claim(p.hostId(), p.generation(), p.placement(), "w" + index + "-" + i);
                    record(measured, latencies, t0);
                    store.confirm(c.id());
                    if (measured && System.nanoTime() < end) {
                        ops++;
                    }
                    mine.addLast(c.id());
                    if (mine.size() > HELD) {
                        store.release(mine.removeFirst());
                    }
                } catch (ClaimConflictException e) {
                    record(measured, latencies, t0);
                    if (measured) {
                        conflicts++;
                    }
                }
            }
            System.out.println("RESULT " + ops + " " + conflicts + (latencies.length() == 0 ? "" : " " + latencies));
            System.out.flush();
        }
    }

    /** {@value #CPUS} / 2 placements of {@link #REQUEST} on one host, no two sharing a CPU or a page. */
    private static List<Placement> disjointPlacements() {
        Planner single = Planner.create();
        HostState state = host();
        List<Placement> all = new ArrayList<>();
        for (int i = 0; i < CPUS / 2; i++) {
            Placement p = single.plan(REQUEST, state).orElseThrow();
            all.add(p);
            state = state.with(ClaimPlaceholders.of(p, "fixed-" + i));
        }
        return all;
    }

    private static void record(boolean measured, StringBuilder latencies, long t0) {
        if (measured) {
            if (latencies.length() > 0) {
                latencies.append(',');
            }
            latencies.append((System.nanoTime() - t0) / 1000);
        }
    }

    private static Fleet fleet() {
        Fleet.Builder b = Fleet.builder();
        for (int i = 0; i < HOSTS; i++) {
            b.host("h" + i, host());
        }
        return b.build();
    }

    /** One node of {@value #CPUS} CPUs without SMT and 1 GiB of 2 MiB pages per CPU. */
    private static HostState host() {
        HostTopology.Builder b = HostTopology.builder().arch("x86_64").pageSize(PageSize.KIB_4)
                .pageSize(PageSize.MIB_2).node(0, DataSize.gib(64)).distance(0, 0, 10)
                .hugePages(0, HugePagePool.ofTotal(PageSize.MIB_2, 512L * CPUS));
        for (int i = 0; i < CPUS; i++) {
            b.cpu(HostCpu.of(i, 0).withTopology(0, 0, i, CpuSet.of(i)));
        }
        return HostState.of(b.build());
    }

    private static PGSimpleDataSource dataSource(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        return ds;
    }

    private static void drop(String url, String schema) throws SQLException {
        try (Connection c = dataSource(url).getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static void expect(String line, String word) {
        if (!word.equals(line)) {
            throw new IllegalStateException("a worker said " + line + " instead of " + word);
        }
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    /** Half the 99.9 % confidence interval of the mean (Student's t), JMH's "error". */
    private static double error(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = mean(v);
        double var = Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1);
        double[] t = {636.6, 31.60, 12.92, 8.610, 6.869, 5.959, 5.408, 5.041, 4.781}; // t(0.9995, n-1), n = 2..10
        double tv = v.length - 2 < t.length ? t[v.length - 2] : 3.291;
        return tv * Math.sqrt(var / v.length);
    }

    private static double percentile(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
