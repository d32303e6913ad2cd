package io.virtforge.fleet;

import io.virtforge.plan.CellDemand;
import io.virtforge.plan.CpuPolicy;
import io.virtforge.plan.DeviceRequest;
import io.virtforge.plan.EmulatorPolicy;
import io.virtforge.plan.HostCapacity;
import io.virtforge.plan.NumaAffinity;
import io.virtforge.plan.PagePolicy;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.plan.Planner;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.HugePagePool;
import io.virtforge.topology.NumaNode;
import io.virtforge.topology.PciDevice;
import io.virtforge.value.CpuSet;
import io.virtforge.value.PageSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cheap necessary conditions for a request to fit a host, from the planner's own accounting
 * ({@link HostCapacity}) and its own layouts ({@link Planner#cellDemands}); no search. A host is summarised
 * once ({@link Summary}, request-independent) and every request is checked against the summary.
 *
 * <p>Why no check rules out a host the planner would use. The planner refuses a dedicated request outright
 * when the host's vCPUs per physical core would pass the overcommit limit, and a request with devices when
 * one of them has no free device that matches (or the IOMMU is off): the same conditions, checked the same
 * way. Otherwise it places the cells of one of its layouts each on a distinct allowed node, takes every
 * dedicated vCPU's CPU (and the isolated emulator's) from that node's free CPUs, and backs each cell with one
 * page size out of that node's free pages (or base memory), the cells adding up to the request. Hence:
 * <ul>
 *   <li>sums: at least as many free CPUs over the allowed nodes as dedicated vCPUs (+1 for an isolated
 *       emulator), and the request's memory in the pages it may use;</li>
 *   <li>per node, for some layout of K cells: K allowed nodes; with the cells' dedicated vCPUs sorted
 *       d1 >= d2 >= ... and the nodes' free CPUs sorted f1 >= f2 >= ..., fi >= di for every i (the i largest
 *       cells sit on i distinct nodes with at least di free CPUs each); the same for memory, a node's room
 *       being the most one page size the policy allows gives there;</li>
 *   <li>devices under {@link NumaAffinity#REQUIRED}: each requested device is on a node that hosts a cell,
 *       so some allowed node holds a free matching device and has room for the layout's smallest cell.</li>
 * </ul>
 * {@code CapacityBoundPropertiesTest} checks every condition against the planner on random hosts.
 */
final class CapacityBound {
    /** Codes of the bound, the same the planner gives for the condition. */
    static final String CPUS = "NOT_ENOUGH_CPUS";
    static final String HUGEPAGES = "NOT_ENOUGH_HUGEPAGES";
    static final String MEMORY = "NOT_ENOUGH_MEMORY";
    static final String TOO_FEW_NODES = "TOO_FEW_NODES";
    static final String OVERCOMMIT = "OVERCOMMIT";
    static final String NO_DEVICE = "NO_DEVICE";
    static final String IOMMU_OFF = "IOMMU_OFF";

    private CapacityBound() {
    }

    /** The code of the condition the host fails, or null when the request may fit (default overcommit limit). */
    static String shortfall(PlacementRequest r, HostState state) {
        return shortfall(Need.of(r, OptionalLimit.DEFAULT), Summary.of(state), new Scratch());
    }

    /** The overcommit limit of the planner the bound stands for; NaN when unknown (the check is skipped). */
    record OptionalLimit(double value) {
        static final OptionalLimit DEFAULT = new OptionalLimit(
                io.virtforge.check.ValidationOptions.DEFAULT.overcommitError());
        static final OptionalLimit UNKNOWN = new OptionalLimit(Double.NaN);
    }

    /** A host as the bound and the cost bounds see it, for no request in particular. Immutable. */
    static final class Summary {
        final HostState state;
        final int physicalCores;
        final int totalVcpus;
        final boolean iommu;
        final int[] nodeIds;
        final CpuSet[] free;
        final int[] freeCount;
        /** Per node, the memory outside the huge page pools, before the RAM ratio. */
        final long[] unpooled;
        final long[] held;
        final PageSize[][] sizes;
        final long[][] pages;
        /** Free CPUs and free huge page bytes over all nodes (no CPU reserved). */
        final int freeCpus;
        final long freeHugeBytes;
        /** PCI devices no domain holds, not bridges. */
        final List<PciDevice> freeDevices;

        private Summary(HostState state) {
            this.state = state;
            HostTopology t = state.topology();
            physicalCores = t.physicalCores();
            totalVcpus = state.totalVcpus();
            iommu = t.iommuEnabled();
            List<HostCapacity.Node> nodes = HostCapacity.of(state).nodes();
            int n = nodes.size();
            nodeIds = new int[n];
            free = new CpuSet[n];
            freeCount = new int[n];
            unpooled = new long[n];
            held = new long[n];
            sizes = new PageSize[n][];
            pages = new long[n][];
            int cpus = 0;
            long huge = 0;
            for (int j = 0; j < n; j++) {
                HostCapacity.Node c = nodes.get(j);
                nodeIds[j] = c.id();
                free[j] = c.freeCpus();
                freeCount[j] = c.freeCpus().size();
                cpus += freeCount[j];
                huge += c.freeHugePageBytes();
                NumaNode node = t.node(c.id()).orElseThrow();
                long pooled = 0;
                for (HugePagePool p : node.hugePages().values()) {
                    pooled += p.total() * p.size().bytes();
                }
                unpooled[j] = node.memory().bytes() - pooled;
                held[j] = state.heldMemory(c.id());
                sizes[j] = c.freeHugePages().keySet().toArray(PageSize[]::new);
                pages[j] = c.freeHugePages().values().stream().mapToLong(Long::longValue).toArray();
            }
            freeCpus = cpus;
            freeHugeBytes = huge;
            List<PciDevice> devices = new ArrayList<>();
            for (PciDevice d : t.pciDevices()) {
                if (!d.isBridge() && state.assignedTo(d.address()).isEmpty()) {
                    devices.add(d);
                }
            }
            freeDevices = List.copyOf(devices);
        }

        static Summary of(HostState state) {
            return new Summary(state);
        }

        int nodes() {
            return nodeIds.length;
        }

        /** Base-page memory left on node j at the RAM ratio, as the planner computes it. */
        long small(int j, double ratio) {
            return Math.max(0, (long) (unpooled[j] * ratio) - held[j]);
        }

        /** The most memory one page size the policy allows gives on node j (the planner's page choice). */
        long room(int j, Need need) {
            long small = small(j, need.r.ramAllocationRatio());
            return switch (need.r.pagePolicy()) {
                case SMALL -> small;
                case EXPLICIT -> need.explicit.isHuge() ? pagesOf(j, need.explicit) * need.explicit.bytes() : small;
                case LARGE -> large(j, small);
                case ANY -> Math.max(large(j, small), small);
            };
        }

        private long large(int j, long small) {
            long best = 0;
            for (int i = 0; i < sizes[j].length; i++) {
                best = Math.max(best, sizes[j][i].isHuge() ? sizes[j][i].bytes() * pages[j][i] : small);
            }
            return best;
        }

        long pagesOf(int j, PageSize size) {
            for (int i = 0; i < sizes[j].length; i++) {
                if (sizes[j][i].equals(size)) {
                    return pages[j][i];
                }
            }
            return 0;
        }
    }

    /** A request as the bound sees it, prepared once per plan. Thread-safe. */
    static final class Need {
        final PlacementRequest r;
        final double overcommitLimit;
        /** Dedicated vCPUs, plus one for an isolated emulator. */
        final int dedicated;
        final boolean isolate;
        /** True when some vCPU is not dedicated (it floats over a shared pool). */
        final boolean shared;
        final long memory;
        final PageSize explicit;
        final String memoryCode;
        final List<DeviceRequest> requiredDevices;
        /** The request's allowed nodes; null when it allows all. */
        private final io.virtforge.value.NodeSet allowedNodes;
        /** The request's reserved CPUs; null when it reserves none. */
        final CpuSet reserved;
        private final Layouts[] layouts = new Layouts[65];

        private Need(PlacementRequest r, OptionalLimit limit) {
            this.r = r;
            this.overcommitLimit = limit.value();
            isolate = r.emulatorPolicy() == EmulatorPolicy.ISOLATE;
            int d = 0;
            for (int v = 0; v < r.vcpus(); v++) {
                d += r.isDedicated(v) ? 1 : 0;
            }
            shared = d < r.vcpus();
            dedicated = d + (isolate ? 1 : 0);
            memory = r.memory().bytes();
            explicit = r.pagePolicy() == PagePolicy.EXPLICIT ? r.pageSize().orElseThrow() : null;
            memoryCode = switch (r.pagePolicy()) {
                case SMALL, ANY -> MEMORY;
                case LARGE -> HUGEPAGES;
                case EXPLICIT -> explicit.isHuge() ? HUGEPAGES : MEMORY;
            };
            requiredDevices = r.deviceAffinity() == NumaAffinity.REQUIRED ? r.devices() : List.of();
            allowedNodes = r.allowedNodes().orElse(null);
            reserved = r.reservedCpus().isEmpty() ? null : r.reservedCpus();
        }

        static Need of(PlacementRequest r, OptionalLimit limit) {
            return new Need(r, limit);
        }

        boolean allowed(int node) {
            return allowedNodes == null || allowedNodes.contains(node);
        }

        /** The planner's layouts for a host with that many usable nodes, sorted for the per-node check. */
        Layouts layouts(int usable) {
            if (usable >= layouts.length) {
                return new Layouts(Planner.cellDemands(r, usable));
            }
            Layouts l = layouts[usable];
            if (l == null) {
                synchronized (this) {
                    l = layouts[usable];
                    if (l == null) {
                        l = new Layouts(Planner.cellDemands(r, usable));
                        layouts[usable] = l;
                    }
                }
            }
            return l;
        }
    }

    /** Layouts with their cells' demands sorted, largest first. */
    static final class Layouts {
        final int[][] cpus;
        final long[][] memory;

        Layouts(List<List<CellDemand>> demands) {
            cpus = new int[demands.size()][];
            memory = new long[demands.size()][];
            for (int i = 0; i < demands.size(); i++) {
                List<CellDemand> cells = demands.get(i);
                int[] c = cells.stream().mapToInt(CellDemand::dedicatedVcpus).sorted().toArray();
                long[] m = cells.stream().mapToLong(CellDemand::memoryBytes).sorted().toArray();
                cpus[i] = reverse(c);
                memory[i] = reverse(m);
            }
        }

        private static int[] reverse(int[] a) {
            int[] out = new int[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[a.length - 1 - i];
            }
            return out;
        }

        private static long[] reverse(long[] a) {
            long[] out = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[a.length - 1 - i];
            }
            return out;
        }
    }

    /** Per-thread work arrays (no allocation per host). */
    static final class Scratch {
        /** Allowed nodes in the arrays below. */
        int allowed;
        int[] nodeIndex = new int[8];
        int[] cpus = new int[8];
        long[] room = new long[8];
        int[] sortedCpus = new int[8];
        long[] sortedRoom = new long[8];

        void ensure(int n) {
            if (cpus.length < n) {
                nodeIndex = new int[n];
                cpus = new int[n];
                room = new long[n];
                sortedCpus = new int[n];
                sortedRoom = new long[n];
            }
        }
    }

    /** The code of the condition the host fails, or null when the request may fit. */
    static String shortfall(Need need, Summary h, Scratch s) {
        String code = hostWide(need, h, s);
        return code != null ? code : perNode(need, h, s);
    }

    /**
     * The host-wide checks: the sums, the overcommit limit, the devices' presence; fills the scratch with the
     * allowed nodes for {@link #perNode}. The code of the first that fails, or null.
     */
    static String hostWide(Need need, Summary h, Scratch s) {
        PlacementRequest r = need.r;
        if (h.freeCpus < need.dedicated) {
            return CPUS; // over all nodes, before reading any node: most hosts a large request cannot use stop here
        }
        // the allowed nodes: their free CPUs (minus reserved ones) and memory room
        s.ensure(h.nodes());
        int a = 0;
        int cpuSum = 0;
        CpuSet reserved = need.reserved;
        for (int j = 0; j < h.nodes(); j++) {
            if (!need.allowed(h.nodeIds[j])) {
                continue;
            }
            int f = reserved == null ? h.freeCount[j] : h.free[j].minus(reserved).size();
            s.nodeIndex[a] = j;
            s.cpus[a] = f;
            s.room[a] = h.room(j, need);
            cpuSum += f;
            a++;
        }
        if (cpuSum < need.dedicated) {
            return CPUS;
        }
        String sums = memorySums(need, h, s, a);
        if (sums != null) {
            return sums;
        }
        if (r.cpuPolicy() == CpuPolicy.DEDICATED && !Double.isNaN(need.overcommitLimit)) {
            double ratio = h.physicalCores == 0 ? Double.POSITIVE_INFINITY
                    : (double) (h.totalVcpus + r.vcpus()) / h.physicalCores;
            if (ratio > need.overcommitLimit) {
                return OVERCOMMIT;
            }
        }
        if (!r.devices().isEmpty()) {
            if (!h.iommu) {
                return IOMMU_OFF;
            }
            for (DeviceRequest d : r.devices()) {
                if (!anyMatch(h, d)) {
                    return NO_DEVICE;
                }
            }
        }
        s.allowed = a;
        return null;
    }

    /** The per-node checks against the planner's layouts, on the allowed nodes {@link #hostWide} left in the scratch. */
    static String perNode(Need need, Summary h, Scratch s) {
        int a = s.allowed;
        Layouts layouts = need.layouts(a);
        if (layouts.cpus.length == 0) {
            return null; // no layout to check against (the planner decides)
        }
        System.arraycopy(s.cpus, 0, s.sortedCpus, 0, a);
        System.arraycopy(s.room, 0, s.sortedRoom, 0, a);
        sortDescending(s.sortedCpus, a);
        sortDescending(s.sortedRoom, a);
        String first = null;
        for (int l = 0; l < layouts.cpus.length; l++) {
            String code = layout(need, h, s, a, layouts.cpus[l], layouts.memory[l]);
            if (code == null) {
                return null;
            }
            first = first == null ? code : first;
        }
        return first;
    }

    private static boolean anyMatch(Summary h, DeviceRequest d) {
        for (PciDevice p : h.freeDevices) {
            if (d.matches(p)) {
                return true;
            }
        }
        return false;
    }

    /** The request's memory over the allowed nodes, in the pages it may use (the original summed bound). */
    private static String memorySums(Need need, Summary h, Scratch s, int a) {
        PlacementRequest r = need.r;
        double ratio = r.ramAllocationRatio();
        long base = 0;
        for (int i = 0; i < a; i++) {
            base += h.small(s.nodeIndex[i], ratio);
        }
        return switch (r.pagePolicy()) {
            case SMALL -> base < need.memory ? MEMORY : null;
            case EXPLICIT -> {
                if (!need.explicit.isHuge()) {
                    yield base < need.memory ? MEMORY : null;
                }
                long pages = 0;
                for (int i = 0; i < a; i++) {
                    pages += h.pagesOf(s.nodeIndex[i], need.explicit);
                }
                yield pages * need.explicit.bytes() < need.memory ? HUGEPAGES : null;
            }
            case LARGE -> large(h, s, a, ratio) < need.memory ? HUGEPAGES : null;
            case ANY -> large(h, s, a, ratio) < need.memory && base < need.memory ? MEMORY : null;
        };
    }

    /** Memory in any pool size, over the nodes (a non-huge pool size means base memory, as in the planner). */
    private static long large(Summary h, Scratch s, int a, double ratio) {
        long sum = 0;
        for (int i = 0; i < a; i++) {
            int j = s.nodeIndex[i];
            for (int k = 0; k < h.sizes[j].length; k++) {
                sum += h.sizes[j][k].isHuge() ? h.sizes[j][k].bytes() * h.pages[j][k] : h.small(j, ratio);
            }
        }
        return sum;
    }

    /** One layout against the allowed nodes (sorted copies in the scratch): null when it may fit. */
    private static String layout(Need need, Summary h, Scratch s, int a, int[] cpus, long[] memory) {
        int k = cpus.length;
        if (k > a) {
            return TOO_FEW_NODES;
        }
        for (int i = 0; i < k; i++) {
            if (s.sortedCpus[i] < cpus[i]) {
                return CPUS;
            }
        }
        for (int i = 0; i < k; i++) {
            if (s.sortedRoom[i] < memory[i]) {
                return need.memoryCode;
            }
        }
        if (!need.requiredDevices.isEmpty()) {
            int minCpus = cpus[k - 1];
            long minMemory = memory[k - 1];
            for (DeviceRequest d : need.requiredDevices) {
                boolean anchored = false;
                for (PciDevice p : h.freeDevices) {
                    if (anchored || !d.matches(p) || p.numaNode().isEmpty()) {
                        continue;
                    }
                    int node = p.numaNode().getAsInt();
                    for (int i = 0; i < a && !anchored; i++) {
                        anchored = h.nodeIds[s.nodeIndex[i]] == node && s.cpus[i] >= minCpus && s.room[i] >= minMemory;
                    }
                }
                if (!anchored) {
                    return NO_DEVICE;
                }
            }
        }
        return null;
    }

    private static void sortDescending(int[] a, int n) {
        for (int i = 1; i < n; i++) {
            int v = a[i];
            int j = i - 1;
            while (j >= 0 && a[j] < v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    private static void sortDescending(long[] a, int n) {
        for (int i = 1; i < n; i++) {
            long v = a[i];
            int j = i - 1;
            while (j >= 0 && a[j] < v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    /** Cost bounds of the built-in weighers: {lower primary, lower secondary} of the cost, for a host that fits. */
    static void costBound(HostWeigher<?> w, Need need, Summary h, long[] out) {
        // CPUs left (Leftover.dedicatedCpus): F - |CPUs the placement pins ∩ free|; the dedicated pins (and an
        // isolated emulator's) are distinct free CPUs; the rest (housekeeping, shared pools) may add more
        long upperCpus = h.freeCpus - need.dedicated;
        long lowerCpus;
        if (need.shared) {
            lowerCpus = 0;
        } else if (need.isolate) {
            lowerCpus = upperCpus;
        } else {
            lowerCpus = need.reserved == null ? upperCpus
                    : upperCpus - need.reserved.intersect(h.state.topology().onlineCpus()).size();
        }
        // huge page memory left: H minus the memory of the cells backed by huge pages
        long upperHuge = h.freeHugeBytes;
        long lowerHuge = h.freeHugeBytes - need.memory;
        PagePolicy p = need.r.pagePolicy();
        if (p == PagePolicy.SMALL || (p == PagePolicy.EXPLICIT && !need.explicit.isHuge())) {
            lowerHuge = upperHuge;
        } else if (p == PagePolicy.EXPLICIT) {
            upperHuge = lowerHuge;
        }
        if (w == HostWeigher.PACK) {
            out[0] = Math.max(0, lowerCpus);
            out[1] = lowerHuge;
        } else {
            out[0] = -upperCpus;
            out[1] = -upperHuge;
        }
    }

    /** True for the weighers {@link #costBound} knows. */
    static boolean bounds(HostWeigher<?> w) {
        return w == HostWeigher.PACK || w == HostWeigher.SPREAD;
    }
}
