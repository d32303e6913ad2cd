package io.virtforge.fleet;

import io.virtforge.check.OvercommitProfile;
import io.virtforge.plan.NoFit;
import io.virtforge.plan.Placement;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.plan.PlacementResult;
import io.virtforge.plan.Planner;
import io.virtforge.plan.Rejection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses a host of a fleet for a request: the best host by a {@link HostWeigher} among all hosts that pass
 * the {@link FleetConstraints} and on which the single-host {@link Planner} finds a placement, ties by host id.
 *
 * <p>Exact, and fast on large fleets:
 * <ul>
 *   <li>a host is skipped without planning only when it fails a constraint or a cheap capacity bound that is a
 *       necessary condition of a fit (free CPUs, pages and devices over and per allowed node, against the
 *       planner's own layouts; see {@code CapacityBound}), so pruning never changes the choice. The bound reads
 *       a summary of each host made once and kept while the host's state is the same object (a changed host
 *       is summarised again on its next plan);</li>
 *   <li>for the built-in weighers ({@link HostWeigher#PACK}, {@link HostWeigher#SPREAD}) each remaining host
 *       gets a lower bound of its cost from the summary, and hosts are planned in the order of that bound (then
 *       id); planning stops once the next host's bound (and id) cannot beat the best placement found. Any
 *       other weigher: every remaining host is planned;</li>
 *   <li>{@link #parallel} spreads the screening and the planning over a {@link ForkJoinPool}; the result is the
 *       same host and placement as the sequential plan's.</li>
 * </ul>
 *
 * <p>A rejected host counts once in the {@link FleetNoFit}: under its first failed constraint (avoid, labels,
 * anti-affinity, affinity, in that order); else, when the bound rules it out, under the code the planner gives
 * the condition ({@code OVERCOMMIT}, {@code IOMMU_OFF}, {@code NO_DEVICE}, {@code NOT_ENOUGH_CPUS},
 * {@code NOT_ENOUGH_HUGEPAGES}, {@code NOT_ENOUGH_MEMORY}, {@code TOO_FEW_NODES}); else under the code of the
 * planner's first rejection (host-wide reasons come first), passing over {@code NO_LAYOUT}, which only
 * introduces the per-node reasons. Thread-safe.
 */
public final class FleetPlanner {
    /** The code for a planner no-fit that gives no reason (not expected). */
    public static final String NO_FIT = "NO_FIT";

    private static final Logger LOG = LoggerFactory.getLogger(FleetPlanner.class);
    /** Below this many hosts, parallel screening does not pay for its tasks. */
    private static final int PARALLEL_MIN_HOSTS = 512;

    private final Planner planner;
    private final HostWeigher<?> weigher;
    private final CapacityBound.OptionalLimit limit;
    private final ForkJoinPool pool;
    /** Host summaries by host id, each valid for the state object it was made from. */
    private final ConcurrentHashMap<String, CapacityBound.Summary> summaries;
    /** The last fleet planned on: its hosts in id order and their summaries (filled as they are read). */
    private volatile FleetView last;

    /** A fleet's hosts as an array, and a slot per host for its summary; kept while the same fleet is planned on. */
    private record FleetView(Fleet fleet, FleetHost[] hosts, CapacityBound.Summary[] summaries) {
    }

    private FleetPlanner(Planner planner, HostWeigher<?> weigher, CapacityBound.OptionalLimit limit,
            ForkJoinPool pool, ConcurrentHashMap<String, CapacityBound.Summary> summaries) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.weigher = Objects.requireNonNull(weigher, "weigher");
        this.limit = limit;
        this.pool = pool;
        this.summaries = summaries;
    }

    /** A fleet planner over {@link Planner#create()} with the weigher ({@link HostWeigher#PACK}, {@link HostWeigher#SPREAD}...). */
    public static FleetPlanner create(HostWeigher<?> weigher) {
        return new FleetPlanner(Planner.create(), weigher, CapacityBound.OptionalLimit.DEFAULT, null,
                new ConcurrentHashMap<>());
    }

    /**
     * A fleet planner over {@link Planner#withProfile} with the weigher: every host is held to the overcommit
     * profile (and screened by its maximum).
     */
    public static FleetPlanner create(HostWeigher<?> weigher, OvercommitProfile profile) {
        return new FleetPlanner(Planner.withProfile(profile), weigher, new CapacityBound.OptionalLimit(profile.maxRatio()),
                null, new ConcurrentHashMap<>());
    }

    /** A fleet planner over the given single-host planner. */
    public static FleetPlanner of(Planner planner, HostWeigher<?> weigher) {
        // the planner's overcommit limit is not known here: the bound leaves that check to the planner
        return new FleetPlanner(planner, weigher, CapacityBound.OptionalLimit.UNKNOWN, null, new ConcurrentHashMap<>());
    }

    /**
     * The same planner, screening and planning hosts on the pool as well as on the calling thread (the
     * caller's thread takes a share, and waits for the rest). The choice is the same as the sequential one's.
     * The pool is not shut down by the planner. The two planners share their host summaries.
     */
    public FleetPlanner parallel(ForkJoinPool forkJoinPool) {
        return new FleetPlanner(planner, weigher, limit, Objects.requireNonNull(forkJoinPool, "forkJoinPool"),
                summaries);
    }

    /** Plans the request on the fleet under the constraints. */
    public FleetResult plan(PlacementRequest request, FleetConstraints constraints, Fleet fleet) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(constraints, "constraints");
        Objects.requireNonNull(fleet, "fleet");
        return choose(weigher, new Run(request, constraints, fleet));
    }

    /**
     * The hosts that pass the constraints and where the single-host planner finds a placement, by id: the
     * hosts the planner chooses among before weighing (every one of them is planned, the bound only skipping
     * hosts that cannot fit).
     */
    public SortedSet<String> accepted(PlacementRequest request, FleetConstraints constraints, Fleet fleet) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(constraints, "constraints");
        Objects.requireNonNull(fleet, "fleet");
        Run run = new Run(request, constraints, fleet);
        run.screen(false);
        int[] candidates = run.candidates();
        PlacementResult[] results = new PlacementResult[candidates.length];
        forRanges(candidates.length, 1, (from, to) -> {
            for (int c = from; c < to; c++) {
                results[c] = planner.plan(request, run.hosts[candidates[c]].state());
            }
        });
        SortedSet<String> out = new TreeSet<>();
        for (int c = 0; c < candidates.length; c++) {
            if (results[c].fits()) {
                out.add(run.hosts[candidates[c]].id());
            }
        }
        return Collections.unmodifiableSortedSet(out);
    }

    /** One plan's state: the hosts in id order, each one's rejection code (null: a candidate) and cost bound. */
    private final class Run {
        final PlacementRequest request;
        final FleetConstraints constraints;
        final FleetHost[] hosts;
        final CapacityBound.Summary[] hostSummaries;
        final String[] codes;
        final CapacityBound.Need need;
        /** False when the constraints accept every host (nothing to look up per host). */
        final boolean constrained;
        long[] primary;
        long[] secondary;

        Run(PlacementRequest request, FleetConstraints constraints, Fleet fleet) {
            this.request = request;
            this.constraints = constraints;
            FleetView view = last;
            if (view == null || view.fleet() != fleet) {
                FleetHost[] all = fleet.all().toArray(FleetHost[]::new);
                view = new FleetView(fleet, all, new CapacityBound.Summary[all.length]);
                last = view;
            }
            hosts = view.hosts();
            hostSummaries = view.summaries();
            codes = new String[hosts.length];
            need = CapacityBound.Need.of(request, limit);
            constrained = !(constraints.requiredLabels().isEmpty() && constraints.avoid().isEmpty()
                    && constraints.antiAffinity().isEmpty() && constraints.affinity().isEmpty());
            if (summaries.size() > 2 * hosts.length + 1024) {
                summaries.clear(); // hosts gone from the fleet: drop their summaries
            }
        }

        /** Constraints and bound for every host; with {@code bounds}, the cost bounds of the candidates too. */
        void screen(boolean bounds) {
            if (bounds) {
                primary = new long[hosts.length];
                secondary = new long[hosts.length];
            }
            forRanges(hosts.length, PARALLEL_MIN_HOSTS, (from, to) -> {
                CapacityBound.Scratch scratch = new CapacityBound.Scratch();
                long[] cost = new long[2];
                for (int i = from; i < to; i++) {
                    FleetHost host = hosts[i];
                    String code = constrained ? constraints.rejection(host) : null;
                    if (code == null) {
                        CapacityBound.Summary s = hostSummaries[i];
                        if (s == null) { // immutable, final fields: a race only computes it twice
                            s = summary(host);
                            hostSummaries[i] = s;
                        }
                        code = CapacityBound.shortfall(need, s, scratch);
                        if (code == null && bounds) {
                            CapacityBound.costBound(weigher, need, s, cost);
                            primary[i] = cost[0];
                            secondary[i] = cost[1];
                        }
                    }
                    codes[i] = code;
                }
            });
        }

        int[] candidates() {
            int n = 0;
            for (String c : codes) {
                n += c == null ? 1 : 0;
            }
            int[] out = new int[n];
            n = 0;
            for (int i = 0; i < codes.length; i++) {
                if (codes[i] == null) {
                    out[n++] = i;
                }
            }
            return out;
        }

        /** (bound, index) order: negative when host a comes before host b. */
        int compare(int a, int b) {
            int c = Long.compare(primary[a], primary[b]);
            if (c == 0) {
                c = Long.compare(secondary[a], secondary[b]);
            }
            return c != 0 ? c : Integer.compare(a, b);
        }

        FleetNoFit noFit() {
            TreeMap<String, Integer> rejected = new TreeMap<>();
            for (String c : codes) {
                rejected.merge(c, 1, Integer::sum);
            }
            return new FleetNoFit(rejected);
        }
    }

    private CapacityBound.Summary summary(FleetHost host) {
        CapacityBound.Summary s = summaries.get(host.id());
        if (s == null || s.state != host.state()) {
            s = CapacityBound.Summary.of(host.state());
            summaries.put(host.id(), s);
        }
        return s;
    }

    /** The best of the planned hosts: cost, then index (id order). */
    private static final class Best<S extends Comparable<? super S>> {
        int index = -1;
        S cost;
        Placement placement;

        void offer(int i, S c, Placement p) {
            if (index < 0 || c.compareTo(cost) < 0 || (c.compareTo(cost) == 0 && i < index)) {
                index = i;
                cost = c;
                placement = p;
            }
        }
    }

    private <S extends Comparable<? super S>> FleetResult choose(HostWeigher<S> w, Run run) {
        boolean bounded = CapacityBound.bounds(w);
        run.screen(bounded);
        int[] candidates = run.candidates();
        Best<S> best = new Best<>();
        int planned;
        if (bounded) {
            planned = bestFirst(w, run, candidates, best);
        } else {
            planAll(w, run, candidates, best);
            planned = candidates.length;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} hosts: {} past the bound, {} planned", run.hosts.length, candidates.length, planned);
        }
        if (best.index < 0) {
            return run.noFit();
        }
        FleetHost host = run.hosts[best.index];
        return new FleetPlacement(host.id(), host.generation(), best.placement);
    }

    /** Plans one host: its cost and placement into {@code costs}/{@code placements}, or its code into the run. */
    private <S extends Comparable<? super S>> void planOne(HostWeigher<S> w, Run run, int i, int slot,
            List<S> costs, Placement[] placements) {
        FleetHost host = run.hosts[i];
        PlacementResult result = planner.plan(run.request, host.state());
        if (result instanceof Placement p) {
            placements[slot] = p;
            costs.set(slot, Objects.requireNonNull(w.cost(host, p), "the weigher's cost"));
        } else {
            run.codes[i] = codeOf((NoFit) result);
        }
    }

    /** Every candidate planned (on the pool when there is one), the best kept. */
    private <S extends Comparable<? super S>> void planAll(HostWeigher<S> w, Run run, int[] candidates, Best<S> best) {
        Placement[] placements = new Placement[candidates.length];
        List<S> costs = new ArrayList<>(Collections.nCopies(candidates.length, null));
        forRanges(candidates.length, 1, (from, to) -> {
            for (int c = from; c < to; c++) {
                planOne(w, run, candidates[c], c, costs, placements);
            }
        });
        for (int c = 0; c < candidates.length; c++) {
            if (placements[c] != null) {
                best.offer(candidates[c], costs.get(c), placements[c]);
            }
        }
    }

    /**
     * Candidates in the order of their cost bound, then id; stops when the next one's (bound, index) is past the
     * best (cost, index) found, since no later host can then beat it. On a pool, a batch at a time.
     */
    private <S extends Comparable<? super S>> int bestFirst(HostWeigher<S> w, Run run, int[] candidates, Best<S> best) {
        IntHeap heap = new IntHeap(candidates, run::compare);
        int batch = pool == null ? 1 : pool.getParallelism() + 1;
        int[] ids = new int[batch];
        Placement[] placements = new Placement[batch];
        List<S> costs = new ArrayList<>(Collections.nCopies(batch, null));
        int planned = 0;
        while (!heap.isEmpty()) {
            int n = 0;
            while (n < batch && !heap.isEmpty() && !past(run, heap.peek(), best)) {
                ids[n++] = heap.poll();
            }
            if (n == 0) {
                break;
            }
            int count = n;
            forRanges(count, 2, (from, to) -> {
                for (int c = from; c < to; c++) {
                    planOne(w, run, ids[c], c, costs, placements);
                }
            });
            for (int c = 0; c < count; c++) {
                if (placements[c] != null) {
                    best.offer(ids[c], costs.get(c), placements[c]);
                    placements[c] = null;
                }
            }
            planned += count;
        }
        return planned;
    }

    /** True when host i's cost bound and index cannot beat the best found (the weigher's cost is a {@link HostWeigher.Cost}). */
    private static boolean past(Run run, int i, Best<?> best) {
        if (best.index < 0) {
            return false;
        }
        HostWeigher.Cost cost = (HostWeigher.Cost) best.cost;
        int c = Long.compare(run.primary[i], cost.primary());
        if (c == 0) {
            c = Long.compare(run.secondary[i], cost.secondary());
        }
        return c > 0 || (c == 0 && i > best.index);
    }

    /** A range task: indexes [from, to). */
    @FunctionalInterface
    private interface Range {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over [0, n): in one go on this thread without a pool (or for fewer than {@code min}
     * items); else in as many slices as the pool has workers plus one, the first on this thread.
     */
    private void forRanges(int n, int min, Range body) {
        if (pool == null || n < Math.max(2, min)) {
            body.run(0, n);
            return;
        }
        int parts = Math.min(n, pool.getParallelism() + 1);
        List<ForkJoinTask<?>> tasks = new ArrayList<>(parts - 1);
        for (int p = 1; p < parts; p++) {
            int from = (int) ((long) n * p / parts);
            int to = (int) ((long) n * (p + 1) / parts);
            tasks.add(pool.submit(() -> body.run(from, to)));
        }
        body.run(0, (int) ((long) n / parts));
        for (ForkJoinTask<?> t : tasks) {
            t.join();
        }
    }

    /** The code a host rejected by the planner counts under (see the class comment). */
    static String codeOf(NoFit noFit) {
        return noFit.reasons().stream().map(Rejection::code).filter(c -> !c.equals("NO_LAYOUT")).findFirst()
                .orElse(NO_FIT);
    }

    /** A binary min-heap of ints under a comparator, built in linear time. */
    private static final class IntHeap {
        private final int[] a;
        private final java.util.function.IntBinaryOperator cmp;
        private int size;

        IntHeap(int[] items, java.util.function.IntBinaryOperator cmp) {
            this.a = items.clone();
            this.cmp = cmp;
            this.size = items.length;
            for (int i = size / 2 - 1; i >= 0; i--) {
                down(i);
            }
        }

        boolean isEmpty() {
            return size == 0;
        }

        int peek() {
            return a[0];
        }

        int poll() {
            int top = a[0];
            a[0] = a[--size];
            down(0);
            return top;
        }

        private void down(int i) {
            while (true) {
                int l = 2 * i + 1;
                if (l >= size) {
                    return;
                }
                int m = l + 1 < size && cmp.applyAsInt(a[l + 1], a[l]) < 0 ? l + 1 : l;
                if (cmp.applyAsInt(a[m], a[i]) >= 0) {
                    return;
                }
                int t = a[m];
                a[m] = a[i];
                a[i] = t;
                i = m;
            }
        }
    }
}
