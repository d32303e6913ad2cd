package io.virtforge.host.discovery;

import io.virtforge.host.hugepages.HugePagePoolId;
import io.virtforge.host.hugepages.HugePagePoolStatus;
import io.virtforge.host.hugepages.HugetlbfsMount;
import io.virtforge.host.mdev.MdevReader;
import io.virtforge.host.pci.IommuGroups;
import io.virtforge.host.pci.PciDeviceReader;
import io.virtforge.host.sysfs.HugePagePaths;
import io.virtforge.host.sysfs.KernelCommandLine;
import io.virtforge.host.sysfs.KernelValues;
import io.virtforge.host.sysfs.ProcPaths;
import io.virtforge.host.sysfs.RealSysfs;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.HugePagePool;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link HostTopology} from sysfs and procfs:
 * <ul>
 * <li>NUMA nodes from {@code /sys/devices/system/node} ({@code online}, {@code nodeN/cpulist},
 * {@code nodeN/meminfo} MemTotal, {@code nodeN/distance}, {@code nodeN/hugepages/hugepages-*kB});</li>
 * <li>CPUs from {@code /sys/devices/system/cpu} ({@code online}, {@code isolated}, and per CPU
 * {@code topology/{physical_package_id,die_id,core_id,thread_siblings_list}});</li>
 * <li>PCI functions from {@code /sys/bus/pci/devices} (ids, class, NUMA node, driver, IOMMU group, SR-IOV
 * relations, network interface) and whether the IOMMU is on ({@code /sys/class/iommu} not empty);</li>
 * <li>mediated device parents, types and instances ({@link MdevReader});</li>
 * <li>huge page sizes from {@code /sys/kernel/mm/hugepages}, the default one from {@code /proc/meminfo},
 * hugetlbfs mounts from {@code /proc/mounts}, the command line from {@code /proc/cmdline};</li>
 * <li>the KVM facts ({@link KvmReader}): CPU vendor, the KVM module's {@code nested} parameter,
 * {@code /dev/kvm}.</li>
 * </ul>
 * A kernel without NUMA support (no node folder), or one whose node folders list no CPU (old kernels,
 * as libvirt also reads them), gets one node 0 holding every present CPU, the {@code MemTotal} of
 * {@code /proc/meminfo} and the global huge page pools. Read-only; each call reads
 * the host afresh.
 */
public final class HostDiscovery {
    private static final Logger LOG = LoggerFactory.getLogger(HostDiscovery.class);
    /** From this many PCI functions (or CPUs) on, they are read in parallel (reads are independent). */
    private static final int PARALLEL_THRESHOLD = 64;
    private final Sysfs sysfs;

    /** Discovery over the given files ({@link RealSysfs} for this host). */
    public HostDiscovery(Sysfs sysfs) {
        this.sysfs = sysfs;
    }

    /** The topology of the host behind {@code sysfs}. */
    public static HostTopology topologyOf(Sysfs sysfs) {
        return new HostDiscovery(sysfs).topology();
    }

    /** The topology and the kernel facts around it. */
    public DiscoveredHost discover() {
        Optional<PageSize> defaultSize = defaultHugePageSize();
        return new DiscoveredHost(topology(), KernelCommandLine.read(sysfs), defaultSize,
                HugetlbfsMount.read(sysfs, defaultSize), new IommuGroups(sysfs).status());
    }

    /** The default huge page size, {@code Hugepagesize} of {@code /proc/meminfo}. */
    public Optional<PageSize> defaultHugePageSize() {
        return HugetlbfsMount.defaultPageSize(sysfs);
    }

    /** The host's topology. */
    public HostTopology topology() {
        return read(true);
    }

    /**
     * The host's NUMA nodes, CPUs and huge page pools, without its PCI devices: for questions about memory
     * and CPUs (huge page needs, pinning), where listing every PCI function would be most of the work.
     */
    public HostTopology numaTopology() {
        return read(false);
    }

    private HostTopology read(boolean withPciDevices) {
        long start = System.nanoTime();
        HostTopology.Builder b = HostTopology.builder();
        HugePagePoolStatus.sizesIn(sysfs, HugePagePaths.GLOBAL).forEach(b::pageSize);
        CpuReader cpus = new CpuReader(sysfs);
        CpuSet online = cpus.online();
        CpuSet isolated = cpus.isolated();
        NodeReader nodes = new NodeReader(sysfs);
        List<NodeReader.NodeInfo> numaNodes = nodes.numa() ? nodes.nodes() : List.of();
        if (numaNodes.stream().anyMatch(n -> !n.cpus().isEmpty())) {
            addNodes(b, numaNodes, cpus, online, isolated);
        } else {
            addNodes(b, List.of(singleNode(nodes, cpus)), cpus, online, isolated);
        }
        if (withPciDevices) {
            new PciDeviceReader(sysfs).readAll(PARALLEL_THRESHOLD).forEach(b::pciDevice);
            MdevReader mdev = new MdevReader(sysfs);
            mdev.parents().forEach(b::mdevParent);
            mdev.instances().forEach(b::mdevInstance);
        }
        b.iommu(IommuGroups.enabled(sysfs));
        b.kvm(KvmReader.read(sysfs));
        HostTopology host = b.build();
        LOG.debug("discovered {} nodes, {} CPUs, {} PCI functions from {} in {} ms", host.nodes().size(),
                host.cpus().size(), host.pciDevices().size(), sysfs, (System.nanoTime() - start) / 1_000_000);
        return host;
    }

    private NodeReader.NodeInfo singleNode(NodeReader nodes, CpuReader cpus) {
        DataSize memory = sysfs.readTrimmedIfExists(ProcPaths.MEMINFO)
                .map(t -> DataSize.kib(KernelValues.meminfoKib(t, "MemTotal").orElse(0))).orElse(DataSize.ZERO);
        List<HugePagePool> pools = nodes.pools((node, size) -> HugePagePoolId.global(size), 0, HugePagePaths.GLOBAL);
        return new NodeReader.NodeInfo(0, memory, cpus.present().union(cpus.online()), pools, java.util.Map.of());
    }

    /**
     * Adds the nodes, then their CPUs in the nodes' order; from {@link #PARALLEL_THRESHOLD} CPUs on, their
     * topology folders are read in parallel (reads are independent; the builder gets them in the same order).
     */
    private static void addNodes(HostTopology.Builder b, List<NodeReader.NodeInfo> nodes, CpuReader cpus,
            CpuSet online, CpuSet isolated) {
        List<int[]> wanted = new ArrayList<>();
        for (NodeReader.NodeInfo n : nodes) {
            b.node(n.id(), n.memory());
            n.pools().forEach(p -> b.hugePages(n.id(), p));
            n.distances().forEach((to, d) -> b.distance(n.id(), to, d));
            for (int id : n.cpus().toArray()) {
                wanted.add(new int[] {id, n.id()});
            }
        }
        Stream<int[]> s = wanted.size() < PARALLEL_THRESHOLD ? wanted.stream() : wanted.parallelStream();
        s.map(w -> cpus.read(w[0], w[1], online.contains(w[0]), isolated.contains(w[0]))).toList().forEach(b::cpu);
    }
}
