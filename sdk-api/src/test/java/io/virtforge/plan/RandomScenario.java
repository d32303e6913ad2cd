package io.virtforge.plan;

import io.virtforge.build.DomainBuilder;
import io.virtforge.check.OvercommitProfile;
import io.virtforge.model.Domain;
import io.virtforge.topology.HostCpu;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.HugePagePool;
import io.virtforge.topology.PciDevice;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A random small host (up to 4 nodes of up to 4 cores, SMT on or off), random occupancy (another
 * domain pinning random CPUs and holding a random device), random huge page pools and devices, and a
 * random request: the input of the planner's exactness properties (public: the fleet planner's properties
 * draw their hosts and requests from it too).
 */
public record RandomScenario(HostState state, PlacementRequest request, OvercommitProfile profile, String description) {

    /** A scenario under the production profile (the planner's and validator's default). */
    public RandomScenario(HostState state, PlacementRequest request, String description) {
        this(state, request, OvercommitProfile.PRODUCTION, description);
    }

    public static RandomScenario of(long seed) {
        return of(seed, false, false);
    }

    /**
     * A scenario as {@link #of(long)} draws it plus shared CPU load and an overcommit profile: a random profile
     * (each preset, or a custom one), up to two more domains whose vCPUs float over a node's CPUs (some also
     * with a vCPU pinned alone to a CPU: mixed guests), and a request made shared or mixed (some dedicated
     * vCPUs, the others shared) at a ratio of its own, the profile's or above it.
     */
    public static RandomScenario withSharedLoad(long seed) {
        return of(seed, false, true);
    }

    /**
     * A scenario as {@link #of(long)} draws it (the same host, occupancy and request for the same seed) plus
     * mediated devices: up to two parents with types {@code q1} and {@code q2} and a few instances available,
     * existing instances (some used by another domain), and up to two requests for an instance of a type.
     */
    public static RandomScenario withMdevs(long seed) {
        return of(seed, true, false);
    }

    private static RandomScenario of(long seed, boolean mdevs, boolean sharedLoad) {
        Random rnd = new Random(seed);
        int nodes = 1 + rnd.nextInt(4);
        int cores = 1 + rnd.nextInt(4);
        int threads = 1 + rnd.nextInt(2);
        HostTopology.Builder b = HostTopology.builder().arch("x86_64").pageSize(PageSize.KIB_4)
                .pageSize(PageSize.MIB_2).pageSize(PageSize.GIB_1).iommu(rnd.nextInt(5) > 0);
        int total = nodes * cores;
        for (int n = 0; n < nodes; n++) {
            b.node(n, DataSize.gib(4 + rnd.nextInt(13)));
            long two = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(3000);
            b.hugePages(n, HugePagePool.of(PageSize.MIB_2, two + rnd.nextInt(50), two));
            long one = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(5);
            b.hugePages(n, HugePagePool.of(PageSize.GIB_1, one, one));
            for (int m = 0; m < nodes; m++) {
                b.distance(n, m, n == m ? 10 : 21);
            }
        }
        for (int core = 0; core < total; core++) {
            int node = core / cores;
            int[] ids = new int[threads];
            for (int t = 0; t < threads; t++) {
                ids[t] = core + t * total;
            }
            for (int id : ids) {
                b.cpu(HostCpu.of(id, node).withTopology(node / 2, 0, core, CpuSet.of(ids))
                        .withOnline(rnd.nextInt(20) > 0));
            }
        }
        List<PciAddress> devices = new ArrayList<>();
        int deviceCount = rnd.nextInt(4);
        for (int i = 0; i < deviceCount; i++) {
            PciAddress a = new PciAddress(0, 0x10 + i, 0, 0);
            devices.add(a);
            b.pciDevice(PciDevice.builder(a).vendorId(0x1af4).deviceId(1 + rnd.nextInt(2))
                    .numaNode(rnd.nextInt(6) == 0 ? -1 : rnd.nextInt(nodes)).iommuGroup(10 + i)
                    .driver(rnd.nextBoolean() ? "vfio-pci" : null).build());
        }
        PciAddress pf = new PciAddress(0, 0x3b, 0, 0);
        boolean sriov = rnd.nextBoolean();
        if (sriov) {
            int node = rnd.nextInt(nodes);
            List<PciAddress> vfs = List.of(new PciAddress(0, 0x3b, 2, 0), new PciAddress(0, 0x3b, 2, 1));
            b.pciDevice(PciDevice.builder(pf).vendorId(0x8086).deviceId(0x1572).numaNode(node).iommuGroup(40)
                    .driver("i40e").virtfns(vfs).sriovTotalVfs(8).build());
            for (int i = 0; i < vfs.size(); i++) {
                b.pciDevice(PciDevice.builder(vfs.get(i)).vendorId(0x8086).deviceId(0x154c).numaNode(node)
                        .iommuGroup(41 + i).physfn(pf).build());
            }
        }
        HostTopology host = b.build();
        List<Domain> others = new ArrayList<>();
        List<Integer> busy = new ArrayList<>();
        for (int cpu : host.onlineCpus().toArray()) {
            if (rnd.nextInt(3) == 0) {
                busy.add(cpu);
            }
        }
        if (!busy.isEmpty() || (!devices.isEmpty() && rnd.nextBoolean())) {
            DomainBuilder other = DomainBuilder.named("other").memory(DataSize.mib(128)).vcpus(Math.max(1, busy.size()));
            if (!busy.isEmpty()) {
                other.pinVcpus(CpuSet.of(busy));
            }
            if (!devices.isEmpty() && rnd.nextBoolean()) {
                other.hostdev(devices.get(rnd.nextInt(devices.size())));
            }
            others.add(other.assemble());
        }
        HostState state = HostState.of(host, others);

        int vcpus = 1 + rnd.nextInt(8);
        DataSize memory = rnd.nextBoolean() ? DataSize.gib(1 + rnd.nextInt(6)) : DataSize.mib(2L * (64 + rnd.nextInt(512)));
        PlacementRequest.Builder r = PlacementRequest.builder(vcpus, memory);
        int layout = rnd.nextInt(3);
        if (layout == 1) {
            r.cells(1 + rnd.nextInt(Math.min(3, vcpus)));
        } else if (layout == 2 && vcpus >= 2 && memory.bytes() >= 2 * (2L << 20)) {
            int split = 1 + rnd.nextInt(vcpus - 1);
            long units = memory.bytes() / (2L << 20);
            long first = 1 + rnd.nextInt((int) Math.min(units - 1, Integer.MAX_VALUE));
            r.cell(CpuSet.range(0, split - 1), DataSize.ofBytes(first * (2L << 20)))
                    .cell(CpuSet.range(split, vcpus - 1), DataSize.ofBytes(memory.bytes() - first * (2L << 20)));
        }
        if (rnd.nextInt(5) == 0) {
            r.cpuPolicy(CpuPolicy.SHARED).cpuAllocationRatio(1 + rnd.nextInt(3));
        }
        r.threadPolicy(ThreadPolicy.values()[rnd.nextInt(3)]);
        r.emulatorPolicy(EmulatorPolicy.values()[rnd.nextInt(2)]);
        switch (rnd.nextInt(5)) {
            case 0 -> r.pagePolicy(PagePolicy.SMALL);
            case 1 -> r.pagePolicy(PagePolicy.LARGE);
            case 2 -> r.pageSize(rnd.nextBoolean() ? PageSize.MIB_2 : PageSize.GIB_1);
            default -> r.pagePolicy(PagePolicy.ANY);
        }
        r.iothreads(rnd.nextInt(2));
        int deviceRequests = rnd.nextInt(3);
        for (int i = 0; i < deviceRequests; i++) {
            int kind = rnd.nextInt(3);
            if (kind == 0 && sriov) {
                r.device(DeviceRequest.vfOf(pf));
            } else if (kind == 1 && !devices.isEmpty()) {
                r.device(DeviceRequest.address(devices.get(rnd.nextInt(devices.size()))));
            } else {
                r.device(DeviceRequest.ids(0x1af4, 1 + rnd.nextInt(2)));
            }
        }
        r.deviceAffinity(NumaAffinity.values()[rnd.nextInt(4)]);
        r.strategy(rnd.nextBoolean() ? Strategy.PACK : Strategy.SPREAD);
        if (rnd.nextInt(4) == 0) {
            r.reservedCpus(CpuSet.of(0));
        }
        if (rnd.nextInt(4) == 0) {
            r.allowedNodes(NodeSet.of(rnd.nextInt(nodes)));
        }
        String mdevText = "";
        List<MdevRequest> mdevRequests = new ArrayList<>();
        if (mdevs) {
            RandomMdevs extra = RandomMdevs.draw(new Random(~seed), host, nodes);
            host = extra.host();
            if (extra.user() != null) {
                others.add(extra.user());
            }
            state = HostState.of(host, others);
            mdevRequests.addAll(extra.requests());
            mdevRequests.forEach(r::mdev);
            mdevText = ", " + extra.description();
        }
        OvercommitProfile profile = OvercommitProfile.PRODUCTION;
        String sharedText = "";
        if (sharedLoad) {
            // a Random of its own: the draws above stay those of of(seed)
            Random x = new Random(seed * 0x9E3779B97F4A7C15L + 1);
            profile = switch (x.nextInt(4)) {
                case 0 -> OvercommitProfile.PRODUCTION;
                case 1 -> OvercommitProfile.DEV_TEST;
                case 2 -> OvercommitProfile.VDI;
                default -> OvercommitProfile.custom(1 + x.nextInt(2), 2 + x.nextInt(3));
            };
            int floaters = x.nextInt(3);
            for (int i = 0; i < floaters; i++) {
                Domain f = floater("float" + i, host, x);
                if (f != null) {
                    others.add(f);
                    sharedText += ", " + f.name() + " " + f.cputune().orElseThrow().vcpuPins().stream()
                            .map(p -> p.vcpu() + ":" + p.cpuset()).toList();
                }
            }
            state = HostState.of(host, others);
            switch (x.nextInt(3)) {
                case 0 -> r.cpuPolicy(CpuPolicy.SHARED);
                case 1 -> r.mixed(vcpus == 1 ? CpuSet.of(0) : CpuSet.range(0, x.nextInt(vcpus - 1)));
                default -> {
                    // as drawn: dedicated mostly
                }
            }
            switch (x.nextInt(3)) {
                case 0 -> r.overcommit(profile);
                case 1 -> r.cpuAllocationRatio(1 + x.nextInt(20));
                default -> r.cpuAllocationRatio(0.5 + x.nextInt(4));
            }
            sharedText += ", profile " + profile;
        }
        PlacementRequest request;
        try {
            request = r.build();
        } catch (IllegalArgumentException e) {
            PlacementRequest.Builder plain = PlacementRequest.builder(vcpus, memory);
            mdevRequests.forEach(plain::mdev);
            request = plain.build();
        }
        String description = "seed " + seed + ": " + nodes + " node(s) x " + cores + " core(s) x " + threads
                + " thread(s), busy " + busy + ", " + deviceCount + " device(s)" + (sriov ? " + PF with 2 VFs" : "")
                + mdevText + sharedText;
        return new RandomScenario(state, request, profile, description);
    }

    /**
     * A domain whose vCPUs float over one node's online CPUs (each vCPU pinned to the same set of 2 or more), and
     * sometimes one more vCPU pinned alone to a CPU of the node the others leave out (a mixed guest); null when the node has under 2.
     */
    private static Domain floater(String name, HostTopology host, Random x) {
        int node = x.nextInt(host.nodes().size());
        CpuSet cpus = host.node(node).orElseThrow().cpus().intersect(host.onlineCpus());
        if (cpus.size() < 2) {
            return null;
        }
        int alone = cpus.size() >= 3 && x.nextBoolean() ? cpus.toArray()[x.nextInt(cpus.size())] : -1;
        CpuSet pool = alone < 0 ? cpus : cpus.minus(CpuSet.of(alone));
        int shared = 1 + x.nextInt(3 * pool.size());
        DomainBuilder b = DomainBuilder.named(name).memory(DataSize.mib(64)).vcpus(shared + (alone < 0 ? 0 : 1));
        for (int v = 0; v < shared; v++) {
            b.pinVcpu(v, pool);
        }
        if (alone >= 0) {
            b.pinVcpu(shared, CpuSet.of(alone));
        }
        return b.assemble();
    }
}
