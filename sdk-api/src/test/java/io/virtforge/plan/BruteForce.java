package io.virtforge.plan;

import io.virtforge.model.Domain;
import io.virtforge.model.VcpuPin;
import io.virtforge.topology.DomainFootprint;
import io.virtforge.topology.HostCpu;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.HugePagePool;
import io.virtforge.topology.MdevInstance;
import io.virtforge.topology.MdevParent;
import io.virtforge.topology.MdevType;
import io.virtforge.topology.NumaNode;
import io.virtforge.topology.PciDevice;
import io.virtforge.value.CpuSet;
import io.virtforge.value.PageSize;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The planner's oracle: decides whether a request fits by trying every assignment of guest cells to
 * distinct host nodes, every node for an isolated emulator and every combination of devices and mediated
 * device instances (free ones, and each one a parent can still create). Written
 * from the request's definition, sharing no code with the planner beyond the inputs.
 */
final class BruteForce {
    private final HostState state;
    private final HostTopology host;
    private final PlacementRequest r;
    private final double maxRatio;

    /** The oracle for a planner under the production profile (at most 2 vCPUs per CPU). */
    BruteForce(HostState state, PlacementRequest r) {
        this(state, r, 2.0);
    }

    /** The oracle for a planner whose overcommit profile allows at most {@code maxRatio} vCPUs per CPU. */
    BruteForce(HostState state, PlacementRequest r, double maxRatio) {
        this.state = state;
        this.host = state.topology();
        this.r = r;
        this.maxRatio = maxRatio;
    }

    /** Host-wide: all vCPUs, the request's included, over the physical cores, past the maximum. */
    private boolean overcommitted() {
        return host.physicalCores() > 0 && (double) (state.totalVcpus() + r.vcpus()) / host.physicalCores() > maxRatio;
    }

    boolean fits() {
        // a request with a dedicated vCPU is refused on a host past the maximum
        if (r.cpuPolicy() != CpuPolicy.SHARED && overcommitted()) {
            return false;
        }
        List<List<PciDevice>> candidates = new ArrayList<>();
        for (DeviceRequest d : r.devices()) {
            List<PciDevice> list = host.pciDevices().stream().filter(p -> usable(p, d)).toList();
            if (list.isEmpty()) {
                return false;
            }
            candidates.add(list);
        }
        for (MdevRequest m : r.mdevs()) {
            if (mdevSlots(m).isEmpty()) {
                return false;
            }
        }
        List<Integer> nodes = new ArrayList<>();
        for (NumaNode n : host.nodes()) {
            if (r.allowedNodes().map(a -> a.contains(n.id())).orElse(true)) {
                nodes.add(n.id());
            }
        }
        for (List<long[]> layout : layouts(nodes.size())) {
            if (assign(layout, nodes, new int[layout.size()], 0, new HashSet<>(), candidates)) {
                return true;
            }
        }
        return false;
    }

    /** How many of the vCPUs the request dedicates a CPU to (all for dedicated, the mask's for mixed). */
    private long dedicatedIn(CpuSet vcpus) {
        return switch (r.cpuPolicy()) {
            case DEDICATED -> vcpus.size();
            case SHARED -> 0;
            case MIXED -> vcpus.intersect(r.dedicatedMask().orElseThrow()).size();
        };
    }

    /** Layouts as (vcpu count, first vcpu, memory bytes, dedicated vcpus) per cell, as the request defines them. */
    private List<List<long[]>> layouts(int nodeCount) {
        List<List<long[]>> out = new ArrayList<>();
        if (!r.cells().isEmpty()) {
            List<long[]> l = new ArrayList<>();
            for (PlacementRequest.CellRequest c : r.cells()) {
                l.add(new long[] {c.vcpus().size(), c.vcpus().first().getAsInt(), c.memory().bytes(), dedicatedIn(c.vcpus())});
            }
            out.add(l);
            return out;
        }
        int from = r.cellCount() > 0 ? r.cellCount() : 1;
        int to = r.cellCount() > 0 ? r.cellCount() : Math.max(1, Math.min(nodeCount, r.vcpus()));
        for (int k = from; k <= to; k++) {
            long unit = r.pageSize().map(PageSize::bytes).orElse(r.pagePolicy() == PagePolicy.SMALL ? 1L << 20 : 2L << 20);
            long bytes = r.memory().bytes();
            if (k > 1 && (bytes % unit != 0 || bytes / unit < k)) {
                unit = 1L << 20;
                if (bytes % unit != 0 || bytes / unit < k) {
                    continue;
                }
            }
            List<long[]> l = new ArrayList<>();
            int first = 0;
            long units = bytes / unit;
            for (int i = 0; i < k; i++) {
                int n = r.vcpus() / k + (i < r.vcpus() % k ? 1 : 0);
                long mem = k == 1 ? bytes : (units / k + (i < units % k ? 1 : 0)) * unit;
                l.add(new long[] {n, first, mem, n == 0 ? 0 : dedicatedIn(CpuSet.range(first, first + n - 1))});
                first += n;
            }
            out.add(l);
        }
        return out;
    }

    private boolean assign(List<long[]> cells, List<Integer> nodes, int[] chosen, int depth, Set<Integer> used,
            List<List<PciDevice>> candidates) {
        if (depth == cells.size()) {
            return complete(cells, chosen, candidates);
        }
        for (int n : nodes) {
            if (used.add(n)) {
                chosen[depth] = n;
                if (assign(cells, nodes, chosen, depth + 1, used, candidates)) {
                    return true;
                }
                used.remove(n);
            }
        }
        return false;
    }

    private boolean complete(List<long[]> cells, int[] chosen, List<List<PciDevice>> candidates) {
        Set<Integer> used = new HashSet<>();
        for (int n : chosen) {
            used.add(n);
        }
        if (!devicesFit(candidates, 0, new HashSet<>(), used)) {
            return false;
        }
        List<List<MdevSlot>> slots = new ArrayList<>();
        r.mdevs().forEach(m -> slots.add(mdevSlots(m)));
        if (!mdevsFit(slots, 0, new HashSet<>(), used)) {
            return false;
        }
        boolean isolate = r.emulatorPolicy() == EmulatorPolicy.ISOLATE;
        // all guest memory is huge-page backed or none is (libvirt): ANY means all huge, or else all base
        List<PagePolicy> policies = r.pagePolicy() == PagePolicy.ANY ? List.of(PagePolicy.LARGE, PagePolicy.SMALL)
                : List.of(r.pagePolicy());
        for (PagePolicy pages : policies) {
            for (int emu = isolate ? 0 : -1; emu < (isolate ? cells.size() : 0); emu++) {
                boolean all = true;
                for (int c = 0; c < cells.size() && all; c++) {
                    all = cellFits(cells.get(c), chosen[c], c == emu ? 1 : 0, pages);
                }
                if (all) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean devicesFit(List<List<PciDevice>> candidates, int i, Set<PciDevice> taken, Set<Integer> used) {
        if (i == candidates.size()) {
            return true;
        }
        for (PciDevice d : candidates.get(i)) {
            if (!taken.contains(d) && local(d, used)) {
                taken.add(d);
                if (devicesFit(candidates, i + 1, taken, used)) {
                    return true;
                }
                taken.remove(d);
            }
        }
        return false;
    }

    /**
     * The instances that can serve a request, each as (slot id, node): every existing instance of the type no
     * domain names, and every instance a parent offering the type can still create.
     */
    private List<MdevSlot> mdevSlots(MdevRequest m) {
        Set<String> named = new HashSet<>();
        state.domains().forEach(d -> d.devices().hostdevs().forEach(h -> h.mdevUuid().ifPresent(named::add)));
        List<MdevSlot> slots = new ArrayList<>();
        for (MdevInstance i : host.mdevInstances()) {
            if (i.type().equals(m.type()) && !named.contains(i.uuid().toString())) {
                slots.add(new MdevSlot(i.uuid().toString(), i.numaNode().orElse(-1)));
            }
        }
        for (MdevParent p : host.mdevParents()) {
            int available = p.type(m.type()).map(MdevType::availableInstances).orElse(0);
            for (int k = 0; k < available; k++) {
                slots.add(new MdevSlot("new " + m.type() + " #" + k + " on " + p.device(), p.numaNode().orElse(-1)));
            }
        }
        return slots;
    }

    /** An instance that exists (named by its UUID) or one a parent can create (by parent, type and number). */
    private record MdevSlot(String key, int node) {
    }

    private boolean mdevsFit(List<List<MdevSlot>> slots, int i, Set<String> taken, Set<Integer> used) {
        if (i == slots.size()) {
            return true;
        }
        for (MdevSlot s : slots.get(i)) {
            if (!taken.contains(s.key()) && local(s.node(), used)) {
                taken.add(s.key());
                if (mdevsFit(slots, i + 1, taken, used)) {
                    return true;
                }
                taken.remove(s.key());
            }
        }
        return false;
    }

    private boolean local(PciDevice d, Set<Integer> used) {
        return local(d.numaNode().orElse(-1), used);
    }

    private boolean local(int node, Set<Integer> used) {
        return switch (r.deviceAffinity()) {
            case PREFERRED -> true;
            case REQUIRED -> used.contains(node);
            case LEGACY -> node < 0 || used.contains(node);
            case SOCKET -> node >= 0 && used.stream().anyMatch(u -> socket(u) == socket(node));
        };
    }

    private int socket(int node) {
        return host.node(node).orElseThrow().cpus().stream().boxed().findFirst().flatMap(host::cpu)
                .flatMap(c -> c.socket().stream().boxed().findFirst()).orElse(node);
    }

    private boolean usable(PciDevice p, DeviceRequest req) {
        if (!req.matches(p) || p.isBridge() || !host.iommuEnabled() || state.assignedTo(p.address()).isPresent()
                || p.iommuGroup().isEmpty()) {
            return false;
        }
        if (req.asNic()) {
            return host.pciDevice(p.physfn().get()).map(pf -> pf.virtfns().contains(p.address())).orElse(false);
        }
        return true;
    }

    private CpuSet othersPins() {
        CpuSet all = CpuSet.empty();
        for (DomainFootprint f : state.footprints()) {
            all = all.union(f.vcpuPins()).union(f.emulatorPin()).union(f.iothreadPins());
        }
        return all;
    }

    private boolean cellFits(long[] cell, int node, int extra, PagePolicy pages) {
        NumaNode n = host.node(node).orElseThrow();
        CpuSet free = n.cpus().intersect(host.onlineCpus()).minus(r.reservedCpus()).minus(othersPins());
        int vcpus = (int) cell[0];
        int dedicated = (int) cell[3];
        boolean smt = host.cpus().stream().anyMatch(c -> c.siblings().size() > 1);
        List<CpuSet> freeCores = new ArrayList<>();
        CpuSet seen = CpuSet.empty();
        for (int cpu : n.cpus().intersect(host.onlineCpus()).minus(r.reservedCpus()).toArray()) {
            CpuSet core = host.cpu(cpu).map(HostCpu::siblings).orElseThrow().intersect(n.cpus())
                    .intersect(host.onlineCpus());
            if (!seen.contains(cpu) && free.containsAll(core)) {
                freeCores.add(core);
            }
            seen = seen.union(core);
        }
        ThreadPolicy policy = smt ? r.threadPolicy() : ThreadPolicy.PREFER;
        int need = dedicated + extra;
        boolean cpus = switch (policy) {
            case PREFER -> free.size() >= need;
            case ISOLATE -> freeCores.size() >= need;
            case REQUIRE -> {
                int threads = 0;
                for (CpuSet c : freeCores) {
                    threads += c.size();
                }
                yield threads >= dedicated && free.size() - dedicated >= extra;
            }
        };
        if (!cpus) {
            return false;
        }
        if (dedicated < vcpus && !sharedFits(n, free, vcpus - dedicated, dedicated, extra)) {
            return false;
        }
        return memoryFits(cell[2], n, pages);
    }

    /**
     * Whether the node's shared pool takes {@code shared} more vCPUs. The pool: the node's online CPUs, not
     * reserved, not isolated, no dedicated vCPU of any domain pinned to them (a dedicated vCPU: pinned to one CPU
     * no other vCPU of its domain is pinned to), less the CPUs this cell's dedicated vCPUs and isolated emulator
     * take from it; its load: the other domains' other pinned vCPUs, each on the node of its pin's first CPU. It
     * takes them at the request's ratio, at most the profile's maximum. On a host without isolated CPUs every
     * free CPU is in the pool, so each dedicated vCPU takes one out (with isolated CPUs the planner may take a
     * pool CPU where an isolated one was free: not covered here, the scenarios have none).
     */
    private boolean sharedFits(NumaNode n, CpuSet free, int shared, int dedicated, int extra) {
        CpuSet dedicatedCpus = CpuSet.empty();
        int load = 0;
        for (Domain d : state.domains()) {
            List<VcpuPin> pins = d.cputune().map(t -> t.vcpuPins()).orElse(List.of());
            for (VcpuPin p : pins) {
                boolean alone = p.cpuset().size() == 1
                        && pins.stream().filter(o -> o != p).noneMatch(o -> o.cpuset().contains(p.cpuset().first().getAsInt()));
                if (alone) {
                    dedicatedCpus = dedicatedCpus.union(p.cpuset());
                } else if (host.nodeOf(p.cpuset().first().orElse(-1)) == n.id()) {
                    load++;
                }
            }
        }
        CpuSet sharedCpus = n.cpus().intersect(host.onlineCpus()).minus(r.reservedCpus()).minus(host.isolatedCpus())
                .minus(dedicatedCpus);
        // an isolated emulator's CPU is dedicated: it leaves the shared pool when it has to come from it
        int pool = sharedCpus.size() - dedicated - (extra > 0 && free.minus(sharedCpus).isEmpty() ? extra : 0);
        double ratio = Math.min(r.cpuAllocationRatio(), maxRatio);
        if (pool <= 0 || Math.floor(pool * ratio) - load < shared) {
            return false;
        }
        // a lone shared vCPU on a lone CPU is a dedicated pin: refused on a host past the maximum, and on a CPU
        // other domains pin to (the CPU left over is free exactly when every shared CPU of the node is)
        return !(pool == 1 && shared == 1 && (overcommitted() || free.size() < sharedCpus.size()));
    }

    private boolean memoryFits(long bytes, NumaNode n, PagePolicy pages) {
        long pooled = 0;
        for (HugePagePool p : n.hugePages().values()) {
            pooled += p.total() * p.size().bytes();
        }
        long small = Math.max(0, (long) ((n.memory().bytes() - pooled) * r.ramAllocationRatio())
                - state.heldMemory(n.id()));
        List<PageSize> huge = new ArrayList<>(n.hugePages().keySet());
        boolean hugeFits = false;
        for (PageSize s : huge) {
            if (r.pagePolicy() == PagePolicy.EXPLICIT && !s.equals(r.pageSize().get())) {
                continue;
            }
            if (bytes % s.bytes() == 0 && bytes / s.bytes() <= state.freeHugePages(n.id(), s)) {
                hugeFits = true;
            }
        }
        return switch (pages) {
            case SMALL -> bytes <= small;
            case LARGE -> hugeFits;
            case ANY -> throw new IllegalStateException("ANY is tried as LARGE, then SMALL");
            case EXPLICIT -> r.pageSize().get().isHuge() ? hugeFits : bytes <= small;
        };
    }
}
