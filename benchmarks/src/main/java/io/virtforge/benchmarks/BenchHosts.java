package io.virtforge.benchmarks;

import io.virtforge.build.DomainBuilder;
import io.virtforge.model.Domain;
import io.virtforge.model.NumaMode;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.HugePagePool;
import io.virtforge.topology.NumaNode;
import io.virtforge.topology.PciDevice;
import io.virtforge.topology.SyntheticHost;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The hosts and domains of the validation and planner benchmarks (and of {@link PlannerShapes}, which hands
 * the same shapes to the Nova peer). All deterministic.
 *
 * <p>Every host is a {@link SyntheticHost} (Linux CPU numbering: core by core through the nodes, then the
 * second thread of every core) with, per node, 4 GiB of memory per logical CPU of which 3 GiB per CPU is a
 * pool of 2 MiB huge pages given by its total only ({@link HugePagePool#ofTotal}, as libvirt's capabilities
 * give it): the free count is the total minus what the host's domains hold. The IOMMU is on; each node has
 * {@value #NICS_PER_NODE} NICs (Intel X710, {@code 8086:1572}, one IOMMU group each).
 */
public final class BenchHosts {
    /** NICs on every node of every host (other PCI devices than the one a planner case asks for). */
    public static final int NICS_PER_NODE = 4;
    /** The device the planner's device cases request: one GPU, {@code 10de:1db4} (Tesla V100). */
    public static final int GPU_VENDOR = 0x10de;
    /** See {@link #GPU_VENDOR}. */
    public static final int GPU_DEVICE = 0x1db4;
    /** Huge pages (2 MiB) in each node's pool per logical CPU of the node: 3 GiB. */
    static final long PAGES_PER_CPU = 1536;
    /** Guest memory per vCPU of the occupying domains: 3 GiB, so that half the CPUs hold half the pages. */
    static final DataSize OCCUPANT_MEMORY_PER_VCPU = DataSize.gib(3);

    private BenchHosts() {
    }

    /**
     * A host shape {@code NODESxCORESxTHREADS}, e.g. {@code 8x16x2}: 8 NUMA nodes of 16 cores of 2 threads.
     * Nodes are spread over 2 sockets when their number is even, else 1 socket.
     */
    public record Shape(int nodes, int coresPerNode, int threadsPerCore) {
        /** Parses {@code 8x16x2}. */
        public static Shape parse(String text) {
            String[] p = text.split("x");
            if (p.length != 3) {
                throw new IllegalArgumentException("host shape NODESxCORESxTHREADS, not " + text);
            }
            return new Shape(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
        }

        int sockets() {
            return nodes % 2 == 0 ? 2 : 1;
        }

        int cpusPerNode() {
            return coresPerNode * threadsPerCore;
        }

        /** Logical CPUs in all. */
        public int cpus() {
            return nodes * cpusPerNode();
        }

        @Override
        public String toString() {
            return nodes + "x" + coresPerNode + "x" + threadsPerCore;
        }
    }

    /** The host of a shape, with NICs and, when {@code gpuNode >= 0}, the one GPU on that node. */
    public static HostTopology host(Shape s, int gpuNode) {
        return builder(s, gpuNode).build();
    }

    static HostTopology.Builder builder(Shape s, int gpuNode) {
        long pages = PAGES_PER_CPU * s.cpusPerNode();
        HostTopology.Builder b = SyntheticHost.of(s.sockets(), s.nodes / s.sockets(), s.coresPerNode, s.threadsPerCore,
                DataSize.gib(4L * s.cpusPerNode()), pages).iommu(true);
        int group = 100;
        for (int n = 0; n < s.nodes; n++) {
            b.hugePages(n, HugePagePool.ofTotal(PageSize.MIB_2, pages));
            for (int i = 0; i < NICS_PER_NODE; i++) {
                b.pciDevice(PciDevice.builder(nicAddress(n, i)).vendorId(0x8086).deviceId(0x1572).classCode(0x020000)
                        .numaNode(n).iommuGroup(group++).driver("vfio-pci").build());
            }
        }
        if (gpuNode >= 0) {
            b.pciDevice(PciDevice.builder(gpuAddress()).vendorId(GPU_VENDOR).deviceId(GPU_DEVICE).classCode(0x030200)
                    .numaNode(gpuNode).iommuGroup(group).driver("vfio-pci").build());
        }
        return b;
    }

    /** The address of NIC {@code i} of node {@code n}. */
    public static PciAddress nicAddress(int n, int i) {
        return new PciAddress(0, 0x10 + n, i, 0);
    }

    /** The address of the GPU. */
    public static PciAddress gpuAddress() {
        return new PciAddress(0, 0xd8, 0, 0);
    }

    /**
     * The CPUs of a node in the order the occupying domains take them: core by core, both threads of a
     * core together (so each occupant holds whole cores when its size is even).
     */
    static List<Integer> cpusByCore(HostTopology host, int node) {
        List<Integer> order = new ArrayList<>();
        host.cores(node).forEach(core -> core.stream().forEach(order::add));
        return order;
    }

    /**
     * A dedicated, pinned domain on one node: {@code cpus.size()} vCPUs pinned 1:1, the emulator on the same
     * CPUs, one guest cell bound strictly to the node, 3 GiB of 2 MiB pages per vCPU, a virtio disk and NIC,
     * and a passthrough device when {@code hostdev} is not null.
     */
    static Domain occupant(String name, int node, List<Integer> cpus, PciAddress hostdev) {
        int v = cpus.size();
        DataSize memory = DataSize.ofBytes(OCCUPANT_MEMORY_PER_VCPU.bytes() * v);
        DomainBuilder b = DomainBuilder.named(name).memory(memory).hugepages(PageSize.MIB_2).lockedMemory()
                .vcpus(v).cpu(c -> c.hostPassthrough().topology(1, v, 1))
                .numaCell(CpuSet.range(0, v - 1), memory).memoryOn(NumaMode.STRICT, NodeSet.of(node))
                .pinEmulator(CpuSet.of(cpus))
                .disk(d -> d.file("/var/lib/libvirt/images/" + name + ".qcow2").qcow2().virtio().target("vda"))
                .nic(n -> n.network("default").queuesPerVcpu());
        for (int i = 0; i < v; i++) {
            b.pinVcpu(i, CpuSet.of(cpus.get(i)));
        }
        if (hostdev != null) {
            b.hostdev(hostdev);
        }
        return b.build();
    }

    /**
     * The planner's occupation: on every node the first half of its CPUs (whole cores first) held by
     * occupants of 4 vCPUs (each 2 whole cores with SMT 2), except {@code fullNode} (if >= 0), whose CPUs
     * are all held. The occupants hold huge pages in proportion: 50 % of a node's pool, all of the full
     * node's.
     */
    public static List<Domain> halfOccupied(HostTopology host, int fullNode) {
        List<Domain> out = new ArrayList<>();
        for (NumaNode n : host.nodes()) {
            List<Integer> order = cpusByCore(host, n.id());
            int take = n.id() == fullNode ? order.size() : order.size() / 2;
            for (int i = 0; i < take; i += 4) {
                List<Integer> cpus = order.subList(i, Math.min(take, i + 4));
                out.add(occupant(String.format("n%02d-vm%02d", n.id(), i / 4), n.id(), cpus, null));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ the validation benchmark's host

    /** The validation host: 8 nodes (2 sockets x 4) x 16 cores x 2 threads = 256 CPUs. */
    public static final Shape VALIDATION_HOST = new Shape(8, 16, 2);

    /**
     * 100 domains on {@link #VALIDATION_HOST}, of 1, 2, 2 and 4 vCPUs in turn (225 vCPUs), each pinned 1:1
     * within one node, packed node by node (whole cores first), leaving node 0's cores 0-9 (CPUs 0-9 and
     * their siblings 128-137) free for the seed; every 10th holds a NIC of its node as a passthrough device.
     * They hold 3 GiB of 2 MiB pages per vCPU on their node.
     */
    public static List<Domain> hundredDomains(HostTopology host) {
        int[] sizes = {1, 2, 2, 4};
        List<Domain> out = new ArrayList<>();
        int node = 0;
        List<Integer> order = freeForOthers(host, 0);
        int next = 0;
        int[] nicsUsed = new int[host.nodes().size()];
        for (int i = 0; i < 100; i++) {
            int v = sizes[i % sizes.length];
            if (next + v > order.size()) {
                node++;
                order = freeForOthers(host, node);
                next = 0;
            }
            PciAddress hostdev = i % 10 == 9 && nicsUsed[node] < NICS_PER_NODE ? nicAddress(node, nicsUsed[node]++)
                    : null;
            out.add(occupant(String.format("vm%03d", i), node, order.subList(next, next + v), hostdev));
            next += v;
        }
        return out;
    }

    private static List<Integer> freeForOthers(HostTopology host, int node) {
        List<Integer> order = new ArrayList<>(cpusByCore(host, node));
        if (node == 0) {
            // the seed pins CPUs 2-9 and its emulator to 0-1: keep cores 0-9 (both threads) free
            order.removeIf(cpu -> host.cpu(cpu).orElseThrow().siblings().first().getAsInt() < 10);
        }
        return order;
    }

    /** The validation host with its 100 domains. */
    public static HostState validationState() {
        HostTopology host = host(VALIDATION_HOST, -1);
        return HostState.of(host, hundredDomains(host));
    }
}
