package io.virtforge.benchmarks;

import io.virtforge.fleet.Claim;
import io.virtforge.fleet.ClaimConflictException;
import io.virtforge.fleet.FleetConstraints;
import io.virtforge.fleet.FleetPlacement;
import io.virtforge.fleet.FleetPlanner;
import io.virtforge.fleet.FleetResult;
import io.virtforge.fleet.HostWeigher;
import io.virtforge.fleet.InMemoryClaimStore;
import io.virtforge.plan.PlacementRequest;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * In-memory claim throughput ([fleet] issue): 8 JMH threads share one {@link InMemoryClaimStore} over the
 * 1,000-host {@link FleetCases} fleet and one PACK {@link FleetPlanner}; one op = plan the request on the
 * store's current fleet, claim the chosen host at the planned generation (on a conflict: plan again on the
 * new fleet, counted), confirm the claim, and release the thread's oldest claim once it holds more than
 * {@link #HELD} (so the fleet's occupancy stays where it started and the run is steady). The score is claims
 * per second over all threads; the aux counters give conflicts and claims (conflicts per claim is their
 * ratio). Pack makes the threads compete for the same fullest host: the worst case for conflicts.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@Threads(8)
public class InMemoryClaimThroughput {
    /** Confirmed claims a thread holds before it releases its oldest. */
    static final int HELD = 8;
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();

    /** The shared store and planner. */
    @State(Scope.Benchmark)
    public static class Shared {
        @Param({"1000"})
        public int hosts;
        @Param({"v4c1"})
        public String request;

        InMemoryClaimStore store;
        FleetPlanner planner;
        PlacementRequest req;

        @Setup(Level.Trial)
        public void setUp() {
            store = new InMemoryClaimStore(FleetCases.fleet(hosts));
            planner = FleetPlanner.create(HostWeigher.PACK);
            req = FleetCases.request(request);
        }
    }

    /** Per thread: its claims, its name counter, and the counters JMH reports. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Mine {
        /** Claim conflicts met (another thread changed the host between plan and claim). */
        public long conflicts;
        /** Claims made. */
        public long claims;
        /** Requests no host could take (not expected: the fleet is far from full). */
        public long noFits;
        final ArrayDeque<Long> held = new ArrayDeque<>();
        final String prefix = "bench-" + THREAD_IDS.incrementAndGet() + "-";
        long next;

        @Setup(Level.Iteration)
        public void reset() {
            conflicts = 0;
            claims = 0;
            noFits = 0;
        }
    }

    @Benchmark
    public Object planClaimConfirm(Shared s, Mine m) {
        while (true) {
            FleetResult r = s.planner.plan(s.req, FleetConstraints.none(), s.store.fleet());
            if (!(r instanceof FleetPlacement p)) {
                m.noFits++;
                return r;
            }
            try {
                Claim c = s.store.claim(p.hostId(), p.generation(), p.placement(), m.prefix + m.next++);
                s.store.confirm(c.id());
                m.claims++;
                m.held.addLast(c.id());
                if (m.held.size() > HELD) {
                    s.store.release(m.held.removeFirst());
                }
                return c;
            } catch (ClaimConflictException e) {
                m.conflicts++;
            }
        }
    }
}
