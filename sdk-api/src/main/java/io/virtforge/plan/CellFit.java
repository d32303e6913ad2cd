package io.virtforge.plan;

import io.virtforge.value.CpuSet;
import io.virtforge.value.PageSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Whether one guest cell fits on one host node, and if so with which CPUs and page size. One code path
 * both decides and picks, so what is found feasible is exactly what is placed.
 *
 * @param rejection  why it does not fit; null when it fits
 * @param pins       host CPUs per vCPU
 * @param extra      the extra dedicated CPUs asked for (emulator isolation)
 * @param pageSize   the huge page size; empty for base pages
 */
record CellFit(Rejection rejection, Map<Integer, CpuSet> pins, CpuSet extra, Optional<PageSize> pageSize) {

    boolean fits() {
        return rejection == null;
    }

    private static CellFit no(int node, String code, String message) {
        return new CellFit(new Rejection(node, code, message), Map.of(), CpuSet.empty(), Optional.empty());
    }

    /** Fits {@code cell} on {@code n}, with {@code extraCpus} more dedicated CPUs for the emulator. */
    static CellFit of(CellNeed cell, NodeResources n, int extraCpus, PlacementRequest r, HostView host,
            PagePolicy pages) {
        boolean smt = host.smt;
        int d = cell.dedicated().size();
        List<Integer> picked = pickDedicated(n, d + extraCpus, r.threadPolicy(), smt, d);
        if (picked != null && !cell.shared().isEmpty()) {
            keepSharedPool(picked, d, n, r.threadPolicy(), smt);
        }
        if (picked == null) {
            return cpuRejection(cell, n, d, extraCpus, r.threadPolicy(), smt);
        }
        Map<Integer, CpuSet> pins = new TreeMap<>();
        int[] vcpus = cell.dedicated().toArray();
        for (int i = 0; i < vcpus.length; i++) {
            pins.put(vcpus[i], CpuSet.of(picked.get(i)));
        }
        CpuSet extra = CpuSet.of(picked.subList(d, picked.size()));
        if (!cell.shared().isEmpty()) {
            CpuSet pool = n.shared().minus(CpuSet.of(picked));
            long capacity = (long) Math.floor(pool.size() * host.sharedRatio) - n.sharedLoad();
            if (pool.isEmpty() || capacity < cell.shared().size()) {
                return no(n.id(), "NOT_ENOUGH_SHARED_CPU", "needs room for " + cell.shared().size()
                        + " shared vCPU(s); " + pool.size() + " shared CPU(s) at ratio " + host.sharedRatio
                        + ":1 already carry " + n.sharedLoad());
            }
            if (pool.size() == 1 && cell.shared().size() == 1 && (host.overcommitted || !n.free().containsAll(pool))) {
                // one shared vCPU alone on one CPU reads as a dedicated pin (SharedCpuLoad): it may go only where a
                // dedicated vCPU could, on a CPU no other domain uses and a host within the profile's maximum
                // not a capacity refusal (the pool has room): a code of its own, so callers can tell the two apart
                return no(n.id(), host.overcommitted ? "OVERCOMMIT" : "SHARED_CPU_BUSY", "the node's shared pool "
                        + "is the single CPU " + pool + ", which would pin the cell's shared vCPU 1:1, as a dedicated one; "
                        + (host.overcommitted ? "the host is past the overcommit profile's maximum"
                        : "other domains' vCPUs use that CPU"));
            }
            for (int v : cell.shared().toArray()) {
                pins.put(v, pool);
            }
        }
        PageChoice page = pageFor(cell, n, r, pages);
        if (page.rejection != null) {
            return new CellFit(page.rejection, Map.of(), CpuSet.empty(), Optional.empty());
        }
        return new CellFit(null, pins, extra, page.size);
    }

    /**
     * Picks {@code count} free CPUs per the thread policy; the first {@code vcpuCount} are for vCPUs.
     * Returns null when the node cannot give them.
     */
    private static List<Integer> pickDedicated(NodeResources n, int count, ThreadPolicy policy, boolean smt,
            int vcpuCount) {
        List<Integer> out = new ArrayList<>(count);
        if (count == 0) {
            return out;
        }
        switch (smt ? policy : ThreadPolicy.PREFER) {
            case ISOLATE -> {
                if (n.freeCores().size() < count) {
                    return null;
                }
                for (int i = 0; i < count; i++) {
                    out.add(n.freeCores().get(i).first().getAsInt());
                }
            }
            case REQUIRE -> {
                CpuSet rest = n.free();
                for (CpuSet core : n.freeCores()) {
                    if (out.size() >= vcpuCount) {
                        break;
                    }
                    for (int t : core.toArray()) {
                        if (out.size() < vcpuCount) {
                            out.add(t);
                            rest = rest.minus(CpuSet.of(t));
                        }
                    }
                }
                if (out.size() < vcpuCount) {
                    return null;
                }
                // the emulator takes what is left: a leftover sibling first, then any free thread
                for (int t : preferOrder(rest, n)) {
                    if (out.size() == count) {
                        break;
                    }
                    out.add(t);
                }
                if (out.size() < count) {
                    return null;
                }
            }
            default -> {
                for (int t : preferOrder(n.free(), n)) {
                    if (out.size() == count) {
                        break;
                    }
                    out.add(t);
                }
                if (out.size() < count) {
                    return null;
                }
            }
        }
        return out;
    }

    /** Free threads in the order PREFER fills them: whole free cores first (siblings together), then the rest. */
    private static List<Integer> preferOrder(CpuSet available, NodeResources n) {
        List<Integer> order = new ArrayList<>(available.size());
        // contains() per thread rather than a set per core: this runs for every cell on every node tried
        for (CpuSet core : n.freeCores()) {
            for (int t : core.toArray()) {
                if (available.contains(t)) {
                    order.add(t);
                }
            }
        }
        for (int t : available.minus(n.freeCoreThreadSet()).toArray()) {
            order.add(t);
        }
        return order;
    }

    private static CellFit cpuRejection(CellNeed cell, NodeResources n, int d, int extra, ThreadPolicy policy,
            boolean smt) {
        String what = d + " dedicated CPU(s)" + (extra > 0 ? " plus " + extra + " for the emulator" : "");
        if (policy == ThreadPolicy.REQUIRE && !smt) {
            return no(n.id(), "SMT_REQUIRED", "the thread policy requires SMT siblings and the host has none");
        }
        if (smt && policy != ThreadPolicy.PREFER) {
            return no(n.id(), "NOT_ENOUGH_CORES", "guest cell " + cell.index() + " needs " + what + " on wholly free "
                    + "cores (thread policy " + policy.name().toLowerCase(java.util.Locale.ROOT) + "); the node has "
                    + n.freeCores().size() + " free core(s) with " + n.freeCoreThreads() + " thread(s)");
        }
        return no(n.id(), "NOT_ENOUGH_CPUS", "guest cell " + cell.index() + " needs " + what + "; the node has "
                + n.free().size() + " free (" + n.free() + ")");
    }

    private record PageChoice(Optional<PageSize> size, Rejection rejection) {
    }

    /**
     * An isolated emulator CPU is dedicated, so it should not come out of the pool the cell's shared
     * vCPUs float over: under PREFER, swap it for a free CPU outside the pool when there is one.
     */
    private static void keepSharedPool(List<Integer> picked, int vcpuCount, NodeResources n, ThreadPolicy policy,
            boolean smt) {
        if (smt && policy != ThreadPolicy.PREFER) {
            return;
        }
        CpuSet spare = n.free().minus(n.shared()).minus(CpuSet.of(picked));
        for (int i = vcpuCount; i < picked.size() && !spare.isEmpty(); i++) {
            if (n.shared().contains(picked.get(i))) {
                int cpu = spare.first().getAsInt();
                picked.set(i, cpu);
                spare = spare.minus(CpuSet.of(cpu));
            }
        }
    }

    private static PageChoice pageFor(CellNeed cell, NodeResources n, PlacementRequest r, PagePolicy pages) {
        long bytes = cell.memory().bytes();
        List<PageSize> huge = new ArrayList<>(n.freePages().keySet());
        huge.sort(java.util.Comparator.reverseOrder());
        List<PageSize> candidates = switch (pages) {
            case SMALL -> List.of();
            case EXPLICIT -> List.of(r.pageSize().orElseThrow());
            default -> huge;
        };
        String tried = "";
        for (PageSize s : candidates) {
            if (!s.isHuge()) {
                if (bytes <= n.smallFree()) {
                    return new PageChoice(Optional.empty(), null);
                }
                tried = "base-page memory: " + io.virtforge.value.DataSize.ofBytes(n.smallFree()) + " left";
                continue;
            }
            long free = n.freePages().getOrDefault(s, 0L);
            if (bytes % s.bytes() != 0) {
                tried = cell.memory() + " is not a multiple of " + s;
                continue;
            }
            long needed = bytes / s.bytes();
            if (needed <= free) {
                return new PageChoice(Optional.of(s), null);
            }
            tried = "needs " + needed + " pages of " + s + ", " + free + " free";
        }
        if (pages == PagePolicy.SMALL) {
            if (bytes <= n.smallFree()) {
                return new PageChoice(Optional.empty(), null);
            }
            return new PageChoice(Optional.empty(), new Rejection(n.id(), "NOT_ENOUGH_MEMORY", "guest cell "
                    + cell.index() + " needs " + cell.memory() + "; " + (tried.isEmpty() ? "" : "huge pages: " + tried
                    + "; ") + "base-page memory: " + io.virtforge.value.DataSize.ofBytes(n.smallFree()) + " left"));
        }
        return new PageChoice(Optional.empty(), new Rejection(n.id(), "NOT_ENOUGH_HUGEPAGES", "guest cell "
                + cell.index() + " needs " + cell.memory() + " of huge pages; " + (tried.isEmpty()
                ? "the node has no huge page pool" : tried)));
    }
}
