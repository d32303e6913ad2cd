package io.virtforge.benchmarks;

import io.virtforge.fleet.Fleet;
import io.virtforge.fleet.FleetConstraints;
import io.virtforge.fleet.FleetPlanner;
import io.virtforge.fleet.FleetResult;
import io.virtforge.fleet.HostWeigher;
import io.virtforge.plan.PlacementRequest;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fleet placement ([fleet] issue): one op = one {@code FleetPlanner.plan(request, none, fleet)} with the PACK
 * weigher on a {@link FleetCases} fleet of 1,000 or 10,000 hosts. Sampled ({@code Mode.SampleTime}): JMH
 * reports p50/p90/p99/p99.9. Target: 10,000 hosts under 20 ms p99 on one core.
 *
 * <ul>
 *   <li>{@code plan}: one JMH thread, the sequential planner;</li>
 *   <li>{@code planParallel}: one JMH thread, the planner parallel over hosts on a ForkJoinPool of
 *       {@code threads} workers (plus the calling thread);</li>
 *   <li>{@code planTwoThreads}: two JMH threads, each planning sequentially (all cores of the 2-core machine:
 *       throughput under concurrency);</li>
 *   <li>{@code planCold}: a new planner per op, so nothing of the hosts is cached (the first plan after a
 *       start; its time is the per-host summaries' cost).</li>
 * </ul>
 * The fleet is built once per JVM and not changed; the planner's per-host summaries stay valid across ops, as
 * they do in a scheduler between changes (a changed host is summarised again on its next plan).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class FleetPlannerBenchmark {

    /** The fleet, the request and the planners. */
    @State(Scope.Benchmark)
    public static class Case {
        @Param({"1000", "10000"})
        public int hosts;
        @Param({"v4c1", "v16c2", "v16c4gpu", "v64c4gpu"})
        public String request;
        /** Workers of the parallel planner's pool. */
        @Param({"1"})
        public int threads;

        Fleet fleet;
        PlacementRequest req;
        FleetPlanner sequential;
        FleetPlanner parallel;
        ForkJoinPool pool;

        @Setup(Level.Trial)
        public void setUp() {
            fleet = FleetCases.fleet(hosts);
            req = FleetCases.request(request);
            sequential = FleetPlanner.create(HostWeigher.PACK);
            pool = new ForkJoinPool(threads);
            parallel = FleetPlanner.create(HostWeigher.PACK).parallel(pool);
            FleetResult r = sequential.plan(req, FleetConstraints.none(), fleet);
            System.out.println("[fleet] " + hosts + " hosts, " + request + ": " + r);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.shutdown();
        }
    }

    @Benchmark
    @Threads(1)
    public FleetResult plan(Case c) {
        return c.sequential.plan(c.req, FleetConstraints.none(), c.fleet);
    }

    @Benchmark
    @Threads(1)
    public FleetResult planParallel(Case c) {
        return c.parallel.plan(c.req, FleetConstraints.none(), c.fleet);
    }

    @Benchmark
    @Threads(2)
    public FleetResult planTwoThreads(Case c) {
        return c.sequential.plan(c.req, FleetConstraints.none(), c.fleet);
    }

    @Benchmark
    @Threads(1)
    public FleetResult planCold(Case c) {
        return FleetPlanner.create(HostWeigher.PACK).plan(c.req, FleetConstraints.none(), c.fleet);
    }
}
