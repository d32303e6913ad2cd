package io.virtforge.benchmarks;

import io.virtforge.plan.PlacementRequest;
import io.virtforge.plan.PlacementResult;
import io.virtforge.plan.Planner;
import io.virtforge.topology.HostState;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The placement planner ([planner] issue): one op = one {@code Planner.create().plan(request, state)}, the
 * host state built once per trial. Sampled ({@code Mode.SampleTime}), so JMH reports p50/p90/p99/p99.9.
 * Target: p99 under 1 ms in every case.
 *
 * <ul>
 *   <li>{@code plan}: the grid of the issue, {@link PlannerCase}: hosts {@code 2x16x2}, {@code 8x16x2},
 *       {@code 16x8x2} (NODESxCORESxTHREADS), each 50 % occupied by pinned 4-vCPU domains; 4, 16 and 64
 *       vCPUs over 1, 2 and 4 guest cells; {@code device=none|required|fullnode} (no device; the only GPU
 *       on a half-occupied node; Nova's worst shape, the only GPU on a node whose CPUs are all pinned).</li>
 *   <li>{@code worst}: the shapes Nova's figures name (4 guest cells on 8 host nodes, 7 on 8, 5 on 10),
 *       4 vCPUs per cell, the only GPU on a full node: {@code -p worst=8x16x2:4,8x16x2:7,10x16x2:5}.</li>
 * </ul>
 *
 * Each trial's setup prints whether the case fits ({@code [plan] ... fits: ...} or {@code no fit: CODE
 * [nodes]}). {@link PlannerShapes} writes the same cases for the Nova peer.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class PlannerBenchmark {
    private static final Planner PLANNER = Planner.create();

    /** A case and its prepared state. */
    abstract static class Prepared {
        PlannerCase c;
        HostState state;
        PlacementRequest request;

        void prepare(PlannerCase pc) {
            c = pc;
            state = pc.state();
            request = pc.request();
            PlacementResult r = PLANNER.plan(request, state);
            System.out.println("[plan] " + pc.name() + ": " + state.domains().size() + " occupants, "
                    + state.pinnedCpus().size() + "/" + state.topology().cpus().size() + " CPUs pinned; "
                    + PlannerCase.describe(r));
        }
    }

    /** The grid. */
    @State(Scope.Thread)
    public static class Grid extends Prepared {
        @Param({"2x16x2", "8x16x2", "16x8x2"})
        public String host;
        @Param({"4", "16", "64"})
        public int vcpus;
        @Param({"1", "2", "4"})
        public int cells;
        @Param({"none", "required", "fullnode"})
        public String device;

        @Setup(Level.Trial)
        public void setUp() {
            prepare(PlannerCase.of(host, vcpus, cells, device));
        }
    }

    /** Nova's worst shapes. */
    @State(Scope.Thread)
    public static class Worst extends Prepared {
        /** {@code HOST:CELLS}. */
        @Param({"8x16x2:4", "8x16x2:7", "10x16x2:5"})
        public String worst;

        @Setup(Level.Trial)
        public void setUp() {
            prepare(PlannerCase.worst(worst));
        }
    }

    @Benchmark
    public PlacementResult plan(Grid g) {
        return PLANNER.plan(g.request, g.state);
    }

    @Benchmark
    public PlacementResult worst(Worst w) {
        return PLANNER.plan(w.request, w.state);
    }
}
