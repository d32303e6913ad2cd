package io.virtforge.plan;

import io.virtforge.check.OvercommitProfile;
import io.virtforge.check.ValidationOptions;
import io.virtforge.topology.HostState;
import io.virtforge.topology.PciDevice;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Places a domain on a host: chooses host nodes for its guest NUMA cells, pins vCPUs (dedicated,
 * shared or mixed, with an SMT thread policy), the emulator and I/O threads, picks huge page sizes,
 * and chooses passthrough devices and mediated devices (an instance of a type, free or to create) within
 * their NUMA affinity.
 *
 * <p>Exact: whether each cell fits each node is decided once per (cell, node); cells are then matched
 * to distinct nodes by augmenting paths, with the nodes that must be used (to make devices local, to
 * host an isolated emulator) saturated first. A placement is found whenever one exists, in polynomial
 * time: no walk over permutations of nodes. Deterministic: nodes are tried in the strategy's order
 * (pack: fullest first; spread: emptiest first; then by id).
 *
 * <p>A placement applied to a builder ({@link Placement#applyTo}) gives a domain on which the
 * validator reports no errors for the same host, under the same {@link OvercommitProfile overcommit profile}
 * (see there what both count). Thread-safe.
 */
public final class Planner {
    private final ValidationOptions options;

    private Planner(ValidationOptions options) {
        this.options = options;
    }

    /** A planner that honours the validator's default overcommit limit (the production profile). */
    public static Planner create() {
        return new Planner(ValidationOptions.DEFAULT);
    }

    /** A planner that honours the given validator thresholds. */
    public static Planner withOptions(ValidationOptions options) {
        return new Planner(Objects.requireNonNull(options, "options"));
    }

    /**
     * A planner held to an overcommit profile: it refuses a request with dedicated vCPUs when the host's vCPUs
     * per physical core would pass the profile's maximum, and places shared vCPUs within the maximum per shared
     * CPU (a request asking for a higher ratio gets the maximum). A domain it places then draws no
     * {@code OVERCOMMIT} error from a validator with {@link ValidationOptions#of(OvercommitProfile) the same
     * profile}.
     */
    public static Planner withProfile(OvercommitProfile profile) {
        return new Planner(ValidationOptions.of(profile));
    }

    /** The overcommit profile this planner is held to. */
    public OvercommitProfile profile() {
        return options.overcommit();
    }

    /** Plans the request on the host. */
    public PlacementResult plan(PlacementRequest r, HostState state) {
        HostView view = new HostView(state, r, options.overcommitError());
        List<Rejection> global = new ArrayList<>();
        int cores = state.topology().physicalCores();
        double ratio = cores == 0 ? Double.POSITIVE_INFINITY : (double) (state.totalVcpus() + r.vcpus()) / cores;
        if (r.cpuPolicy() != CpuPolicy.SHARED && ratio > options.overcommitError()) {
            global.add(new Rejection(-1, "OVERCOMMIT", String.format(Locale.ROOT, "%d vCPUs on %d physical cores "
                    + "would be %.2f:1, above the maximum of overcommit profile %s for domains with dedicated vCPUs",
                    state.totalVcpus() + r.vcpus(), cores, ratio, profile())));
            return new NoFit(global);
        }
        if (!r.devices().isEmpty()) {
            DeviceChooser strict = new DeviceChooser(r, state, view, false);
            int missing = strict.firstUnservable();
            if (missing >= 0) {
                global.add(new Rejection(-1, state.topology().iommuEnabled() ? "NO_DEVICE" : "IOMMU_OFF",
                        state.topology().iommuEnabled() ? "no free, assignable device for " + r.devices().get(missing)
                                : "the host IOMMU is off: no device can be passed through"));
                return new NoFit(global);
            }
        }
        if (!r.mdevs().isEmpty()) {
            int missing = new MdevChooser(r, state, view, false).firstUnservable();
            if (missing >= 0) {
                global.add(new Rejection(-1, "NO_MDEV", "no free instance of mdev type " + r.mdevs().get(missing).type()
                        + " and no parent with one available to create"));
                return new NoFit(global);
            }
        }
        int[] nodes = candidateNodes(view, r);
        List<List<CellNeed>> layouts = layouts(r, nodes.length);
        List<Rejection> firstReasons = null;
        // libvirt backs all guest memory with huge pages or none: ANY tries all-huge, then all base pages
        List<PagePolicy> pagePolicies = r.pagePolicy() == PagePolicy.ANY ? List.of(PagePolicy.LARGE, PagePolicy.SMALL)
                : List.of(r.pagePolicy());
        for (PagePolicy pages : pagePolicies) {
            for (List<CellNeed> cells : layouts) {
                Search search = new Search(r, state, view, nodes, cells, pages);
                Placement p = search.run();
                if (p != null) {
                    return p;
                }
                if (cells == layouts.get(0)) {
                    firstReasons = search.reasons(); // the last page policy tried says the most (ANY: base pages)
                }
            }
        }
        if (layouts.isEmpty() || layouts.get(layouts.size() - 1).size() > nodes.length) {
            global.add(new Rejection(-1, "TOO_FEW_NODES", "the request needs more guest cells than the "
                    + nodes.length + " usable host node(s)"));
        } else if (layouts.size() > 1) {
            global.add(new Rejection(-1, "NO_LAYOUT", "no split into 1 to " + layouts.size()
                    + " guest cells fits; the reasons below are for one cell"));
        }
        global.addAll(firstReasons == null ? List.of() : firstReasons);
        for (int n : state.topology().nodes().stream().map(x -> x.id()).toList()) {
            if (r.allowedNodes().isPresent() && !r.allowedNodes().get().contains(n)) {
                global.add(new Rejection(n, "NODE_NOT_ALLOWED", "the request allows nodes " + r.allowedNodes().get()));
            }
        }
        global.sort(Comparator.comparingInt(Rejection::hostNode));
        return new NoFit(global);
    }

    /**
     * The guest cell layouts the planner tries for the request on a host with {@code usableNodes} allowed nodes,
     * in the order it tries them, each as what its cells ask of their nodes. The planner places a request only
     * in one of these layouts, each cell on a distinct node; a layout it cannot build (memory that does not
     * split) is left out.
     */
    public static List<List<CellDemand>> cellDemands(PlacementRequest r, int usableNodes) {
        List<List<CellDemand>> out = new ArrayList<>();
        for (List<CellNeed> cells : layouts(r, usableNodes)) {
            if (cells != null) {
                out.add(cells.stream().map(c -> new CellDemand(c.dedicated().size(), c.memory().bytes())).toList());
            }
        }
        return out;
    }

    /** Allowed nodes, in the strategy's order. */
    private static int[] candidateNodes(HostView view, PlacementRequest r) {
        List<NodeResources> list = new ArrayList<>();
        for (NodeResources n : view.nodes.values()) {
            if (r.allowedNodes().isEmpty() || r.allowedNodes().get().contains(n.id())) {
                list.add(n);
            }
        }
        Comparator<NodeResources> byFree = Comparator.comparingInt(n -> n.free().size());
        list.sort((r.strategy() == Strategy.PACK ? byFree : byFree.reversed())
                .thenComparingInt(NodeResources::id));
        return list.stream().mapToInt(NodeResources::id).toArray();
    }

    /** The guest cell layouts to try, in order. */
    private static List<List<CellNeed>> layouts(PlacementRequest r, int nodeCount) {
        List<List<CellNeed>> out = new ArrayList<>();
        if (!r.cells().isEmpty()) {
            List<CellNeed> cells = new ArrayList<>();
            for (int i = 0; i < r.cells().size(); i++) {
                cells.add(CellNeed.of(i, r.cells().get(i).vcpus(), r.cells().get(i).memory(), r));
            }
            out.add(cells);
            return out;
        }
        if (r.cellCount() > 0) {
            out.add(evenSplit(r, r.cellCount()));
            return out;
        }
        int max = Math.max(1, Math.min(nodeCount, r.vcpus()));
        for (int k = 1; k <= max; k++) {
            List<CellNeed> split = evenSplit(r, k);
            if (split != null) {
                out.add(split);
            }
        }
        return out;
    }

    /** k cells with vCPUs and memory split evenly (memory in units the page policy can use); null if impossible. */
    private static List<CellNeed> evenSplit(PlacementRequest r, int k) {
        long unit = r.pageSize().map(PageSize::bytes).orElse(r.pagePolicy() == PagePolicy.SMALL ? 1L << 20 : 2L << 20);
        long bytes = r.memory().bytes();
        if (k > 1 && (bytes % unit != 0 || bytes / unit < k)) {
            unit = 1L << 20;
            if (bytes % unit != 0 || bytes / unit < k) {
                return null;
            }
        }
        long units = bytes / unit;
        List<CellNeed> cells = new ArrayList<>();
        int first = 0;
        for (int i = 0; i < k; i++) {
            int n = r.vcpus() / k + (i < r.vcpus() % k ? 1 : 0);
            long mine = k == 1 ? bytes : (units / k + (i < units % k ? 1 : 0)) * unit;
            cells.add(CellNeed.of(i, CpuSet.range(first, first + n - 1), DataSize.ofBytes(mine), r));
            first += n;
        }
        return cells;
    }

    /** One layout's search: fits per (cell, node), then the matching under required nodes. */
    private static final class Search {
        private final PlacementRequest r;
        private final HostState state;
        private final HostView view;
        private final int[] nodes;
        private final List<CellNeed> cells;
        private final CellFit[][] fit;
        private final CellFit[][] fitWithEmulator;
        private final boolean isolate;

        Search(PlacementRequest r, HostState state, HostView view, int[] nodes, List<CellNeed> cells,
                PagePolicy pages) {
            this.r = r;
            this.state = state;
            this.view = view;
            this.nodes = nodes;
            this.cells = cells;
            isolate = r.emulatorPolicy() == EmulatorPolicy.ISOLATE;
            fit = new CellFit[cells.size()][nodes.length];
            fitWithEmulator = new CellFit[cells.size()][nodes.length];
            for (int c = 0; c < cells.size(); c++) {
                for (int j = 0; j < nodes.length; j++) {
                    NodeResources n = view.nodes.get(nodes[j]);
                    fit[c][j] = CellFit.of(cells.get(c), n, 0, r, view, pages);
                    fitWithEmulator[c][j] = isolate && fit[c][j].fits()
                            ? CellFit.of(cells.get(c), n, 1, r, view, pages) : fit[c][j];
                }
            }
        }

        Placement run() {
            if (cells.size() > nodes.length) {
                return null;
            }
            Placement p = run(false);
            if (p == null && r.deviceAffinity() == NumaAffinity.PREFERRED
                    && !(r.devices().isEmpty() && r.mdevs().isEmpty())) {
                p = run(true);
            }
            return p;
        }

        private Placement run(boolean relaxed) {
            DeviceChooser devices = new DeviceChooser(r, state, view, relaxed);
            MdevChooser mdevs = new MdevChooser(r, state, view, relaxed);
            Set<Integer> anchors = new HashSet<>(devices.anchorNodes());
            anchors.addAll(mdevs.anchorNodes());
            int[] anchorIndexes = indexesOf(anchors);
            for (int[] required : DeviceChooser.subsets(anchorIndexes, r.devices().size() + r.mdevs().size())) {
                Set<Integer> used = new HashSet<>();
                for (int j : required) {
                    used.add(nodes[j]);
                }
                List<PciDevice> chosen = r.devices().isEmpty() ? List.of() : devices.choose(used);
                List<MdevChoice> chosenMdevs = r.mdevs().isEmpty() ? List.of() : mdevs.choose(used);
                if (chosen == null || chosenMdevs == null) {
                    continue;
                }
                Placement p = isolate ? withIsolatedEmulator(required, chosen, chosenMdevs)
                        : place(required, -1, chosen, chosenMdevs);
                if (p != null) {
                    return p;
                }
            }
            return null;
        }

        private Placement withIsolatedEmulator(int[] required, List<PciDevice> chosen, List<MdevChoice> mdevs) {
            for (int special = 0; special < nodes.length; special++) {
                int[] req = java.util.Arrays.copyOf(required, required.length + 1);
                req[required.length] = special;
                Placement p = place(req, special, chosen, mdevs);
                if (p != null) {
                    return p;
                }
            }
            return null;
        }

        private Placement place(int[] required, int special, List<PciDevice> chosen, List<MdevChoice> mdevs) {
            CellMatcher m = new CellMatcher(cells.size(), nodes.length,
                    (c, j) -> (j == special ? fitWithEmulator : fit)[c][j].fits());
            int[] match = m.match(dedupe(required));
            if (match == null) {
                return null;
            }
            List<CellPlacement> placed = new ArrayList<>();
            CpuSet emulator = CpuSet.empty();
            CpuSet all = CpuSet.empty();
            for (int c = 0; c < cells.size(); c++) {
                int j = match[c];
                CellFit f = (j == special ? fitWithEmulator : fit)[c][j];
                CellNeed need = cells.get(c);
                placed.add(new CellPlacement(need.index(), nodes[j], need.vcpus(), f.pins(), need.memory(), f.pageSize()));
                emulator = emulator.union(f.extra());
                for (CpuSet s : f.pins().values()) {
                    all = all.union(s);
                }
            }
            if (!isolate) {
                CpuSet housekeeping = r.reservedCpus().intersect(state.topology().onlineCpus());
                emulator = housekeeping.isEmpty() ? all : housekeeping;
            }
            Map<Integer, CpuSet> io = new TreeMap<>();
            for (int i = 1; i <= r.iothreads(); i++) {
                io.put(i, emulator);
            }
            List<PciAddress> addresses = chosen.stream().map(PciDevice::address).toList();
            List<Boolean> asNic = r.devices().stream().map(DeviceRequest::asNic).toList();
            return new Placement(placed, emulator, io, addresses, asNic, mdevs);
        }

        private static int[] dedupe(int[] a) {
            return java.util.Arrays.stream(a).distinct().toArray();
        }

        private int[] indexesOf(Set<Integer> nodeIds) {
            List<Integer> idx = new ArrayList<>();
            for (int j = 0; j < nodes.length; j++) {
                if (nodeIds.contains(nodes[j])) {
                    idx.add(j);
                }
            }
            return idx.stream().mapToInt(Integer::intValue).toArray();
        }

        /** Per node, the first cell that does not fit and why; or why the cells fit alone but not together. */
        List<Rejection> reasons() {
            List<Rejection> out = new ArrayList<>();
            for (int j = 0; j < nodes.length; j++) {
                Rejection first = null;
                for (int c = 0; c < cells.size() && first == null; c++) {
                    if (!fit[c][j].fits()) {
                        first = fit[c][j].rejection();
                    } else if (isolate && cells.size() == 1 && !fitWithEmulator[c][j].fits()) {
                        first = fitWithEmulator[c][j].rejection();
                    }
                }
                out.add(first != null ? first : new Rejection(nodes[j], "NO_COMBINATION", cells.size() == 1
                        ? "the domain fits here, but not with its devices' NUMA affinity"
                        : "each guest cell could use this node, but no assignment of all " + cells.size()
                        + " cells to distinct nodes (with their devices and emulator) works"));
            }
            return out;
        }
    }
}
