package io.virtforge.topology;

import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The immutable model of a host, whichever source filled it (libvirt's capabilities and node devices,
 * sysfs, a fixture): NUMA nodes with memory, CPUs, huge page pools and distances; logical CPUs with
 * their package topology, SMT siblings, online and isolated state; PCI devices with NUMA node, IOMMU
 * group, driver and SR-IOV relations; IOMMU groups; mediated device parents, types and instances; the host
 * CPU model and features where known; the KVM facts where the source gives them.
 *
 * <p>Lookups by CPU id, node id and PCI address are constant time, so rules and the planner can ask
 * freely.
 */
public final class HostTopology {
    private final String arch;
    private final java.util.UUID hostUuid;
    private final String cpuModel;
    private final String cpuVendor;
    private final Set<String> cpuFeatures;
    private final SortedSet<PageSize> pageSizes;
    private final List<NumaNode> nodes;
    private final NumaNode[] nodeById;
    private final List<HostCpu> cpus;
    private final HostCpu[] cpuById;
    private final CpuSet allCpus;
    private final CpuSet onlineCpus;
    private final CpuSet isolatedCpus;
    private final Map<PciAddress, PciDevice> devices;
    private final Map<Integer, IommuGroup> groups;
    private final boolean iommuEnabled;
    private final int physicalCores;
    private final KvmSupport kvm;
    private final Map<String, MdevParent> mdevParents;
    private final Map<UUID, MdevInstance> mdevInstances;
    private final List<List<CpuSet>> onlineCoresByNode;

    private HostTopology(Builder b) {
        arch = b.arch;
        hostUuid = b.hostUuid;
        cpuModel = b.cpuModel;
        cpuVendor = b.cpuVendor;
        cpuFeatures = Collections.unmodifiableSet(new TreeSet<>(b.cpuFeatures));
        Map<Integer, List<Integer>> cpusByNode = new HashMap<>();
        int maxCpu = -1;
        for (HostCpu c : b.cpus.values()) {
            if (!b.nodes.containsKey(c.node())) {
                throw new IllegalArgumentException("cpu " + c.id() + " is on node " + c.node() + ", which the host lacks");
            }
            cpusByNode.computeIfAbsent(c.node(), k -> new ArrayList<>()).add(c.id());
            maxCpu = Math.max(maxCpu, c.id());
        }
        List<NumaNode> nodeList = new ArrayList<>();
        int maxNode = b.nodes.isEmpty() ? -1 : Collections.max(b.nodes.keySet());
        nodeById = new NumaNode[maxNode + 1];
        SortedSet<PageSize> sizes = new TreeSet<>(b.pageSizes);
        for (Builder.NodeSpec n : b.nodes.values()) {
            NumaNode node = new NumaNode(n.id, n.memory, CpuSet.of(cpusByNode.getOrDefault(n.id, List.of())),
                    n.pools, n.distances);
            nodeList.add(node);
            nodeById[n.id] = node;
            sizes.addAll(n.pools.keySet());
        }
        nodes = List.copyOf(nodeList);
        pageSizes = Collections.unmodifiableSortedSet(sizes);
        cpuById = new HostCpu[maxCpu + 1];
        List<Integer> online = new ArrayList<>();
        List<Integer> isolated = new ArrayList<>();
        Set<Integer> cores = new HashSet<>();
        for (HostCpu c : b.cpus.values()) {
            cpuById[c.id()] = c;
            if (c.online()) {
                online.add(c.id());
            }
            if (c.isolated()) {
                isolated.add(c.id());
            }
            cores.add(c.siblings().first().orElse(c.id())); // one representative per core
        }
        cpus = List.copyOf(b.cpus.values());
        allCpus = CpuSet.of(b.cpus.keySet());
        onlineCpus = CpuSet.of(online);
        isolatedCpus = CpuSet.of(isolated);
        physicalCores = cores.size();
        List<List<CpuSet>> coresByNode = new ArrayList<>();
        for (int id = 0; id < nodeById.length; id++) {
            coresByNode.add(nodeById[id] == null ? List.of() : onlineCoresOf(nodeById[id]));
        }
        onlineCoresByNode = List.copyOf(coresByNode);
        devices = Collections.unmodifiableMap(new TreeMap<>(b.devices));
        Map<Integer, List<PciAddress>> members = new TreeMap<>();
        for (PciDevice d : devices.values()) {
            d.iommuGroup().ifPresent(g -> members.computeIfAbsent(g, k -> new ArrayList<>()).add(d.address()));
        }
        Map<Integer, IommuGroup> g = new TreeMap<>();
        members.forEach((id, list) -> g.put(id, new IommuGroup(id, list)));
        groups = Collections.unmodifiableMap(g);
        iommuEnabled = b.iommu != null ? b.iommu : !groups.isEmpty();
        kvm = b.kvm;
        mdevParents = Collections.unmodifiableMap(new TreeMap<>(b.mdevParents));
        mdevInstances = Collections.unmodifiableMap(new TreeMap<>(b.mdevInstances));
    }

    /** An empty host to describe. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this host, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.arch = arch;
        b.hostUuid = hostUuid;
        b.cpuModel = cpuModel;
        b.cpuVendor = cpuVendor;
        b.cpuFeatures.addAll(cpuFeatures);
        b.pageSizes.addAll(pageSizes);
        for (NumaNode n : nodes) {
            b.node(n.id(), n.memory());
            n.hugePages().values().forEach(p -> b.hugePages(n.id(), p));
            n.distances().forEach((to, d) -> b.distance(n.id(), to, d));
        }
        cpus.forEach(b::cpu);
        devices.values().forEach(b::pciDevice);
        b.iommu = iommuEnabled;
        b.kvm = kvm;
        b.mdevParents.putAll(mdevParents);
        b.mdevInstances.putAll(mdevInstances);
        return b;
    }

    /** The architecture, e.g. x86_64. */
    public Optional<String> arch() {
        return Optional.ofNullable(arch);
    }

    /** The host's UUID as libvirt reports it ({@code <host><uuid>}); libvirt refuses to migrate a domain to itself by it. */
    public Optional<java.util.UUID> hostUuid() {
        return Optional.ofNullable(hostUuid);
    }

    /** The host CPU model as libvirt names it. */
    public Optional<String> cpuModel() {
        return Optional.ofNullable(cpuModel);
    }

    /** The host CPU vendor. */
    public Optional<String> cpuVendor() {
        return Optional.ofNullable(cpuVendor);
    }

    /** The host CPU features, sorted. */
    public Set<String> cpuFeatures() {
        return cpuFeatures;
    }

    /** The page sizes the host supports (the base page included when the source says so). */
    public SortedSet<PageSize> pageSizes() {
        return pageSizes;
    }

    /** The NUMA nodes, by id. */
    public List<NumaNode> nodes() {
        return nodes;
    }

    /** A node by id. */
    public Optional<NumaNode> node(int id) {
        return id >= 0 && id < nodeById.length ? Optional.ofNullable(nodeById[id]) : Optional.empty();
    }

    /** True when the host has that node. */
    public boolean hasNode(int id) {
        return id >= 0 && id < nodeById.length && nodeById[id] != null;
    }

    /** Every logical CPU, by id. */
    public List<HostCpu> cpus() {
        return cpus;
    }

    /** A CPU by id. */
    public Optional<HostCpu> cpu(int id) {
        return id >= 0 && id < cpuById.length ? Optional.ofNullable(cpuById[id]) : Optional.empty();
    }

    /** The node of a CPU, or -1 when the host has no such CPU. */
    public int nodeOf(int cpu) {
        return cpu >= 0 && cpu < cpuById.length && cpuById[cpu] != null ? cpuById[cpu].node() : -1;
    }

    /** The nodes the given CPUs are on (absent CPUs are ignored). */
    public Set<Integer> nodesOf(CpuSet set) {
        Set<Integer> result = new TreeSet<>();
        set.stream().forEach(c -> {
            int n = nodeOf(c);
            if (n >= 0) {
                result.add(n);
            }
        });
        return result;
    }

    /** Every CPU id. */
    public CpuSet allCpus() {
        return allCpus;
    }

    /** The online CPUs. */
    public CpuSet onlineCpus() {
        return onlineCpus;
    }

    /** The CPUs isolated from the general scheduler. */
    public CpuSet isolatedCpus() {
        return isolatedCpus;
    }

    /** Physical cores (groups of SMT siblings). */
    public int physicalCores() {
        return physicalCores;
    }

    /**
     * The cores of a node, each as its set of SMT siblings, in the order of their lowest CPU; none for a node the
     * host lacks.
     */
    public List<CpuSet> cores(int node) {
        return coresOver(node(node).map(NumaNode::cpus).orElse(CpuSet.empty()), core -> core);
    }

    /**
     * The cores of a node as the threads that can run vCPUs: each core's SMT siblings that are online and on
     * the node, in the order of their lowest CPU. Computed once with the topology (the planner asks for it
     * on every plan); none for a node the host lacks.
     */
    public List<CpuSet> onlineCores(int node) {
        return node >= 0 && node < onlineCoresByNode.size() ? onlineCoresByNode.get(node) : List.of();
    }

    private List<CpuSet> onlineCoresOf(NumaNode n) {
        CpuSet online = n.cpus().intersect(onlineCpus);
        return List.copyOf(coresOver(online, core -> core.intersect(online)));
    }

    /** One core per SMT sibling group met among {@code cpus}, in order, each as {@code keep} trims it. */
    private List<CpuSet> coresOver(CpuSet cpus, java.util.function.UnaryOperator<CpuSet> keep) {
        List<CpuSet> out = new ArrayList<>();
        CpuSet seen = CpuSet.empty();
        for (int cpu : cpus.toArray()) {
            if (!seen.contains(cpu)) {
                CpuSet core = keep.apply(cpu(cpu).map(HostCpu::siblings).filter(c -> !c.isEmpty())
                        .orElseGet(() -> CpuSet.of(cpu)));
                out.add(core);
                seen = seen.union(core);
            }
        }
        return out;
    }

    /** The PCI devices, by address. */
    public Collection<PciDevice> pciDevices() {
        return devices.values();
    }

    /** A PCI device by address. */
    public Optional<PciDevice> pciDevice(PciAddress address) {
        return Optional.ofNullable(devices.get(address));
    }

    /** The IOMMU groups, by number. */
    public Collection<IommuGroup> iommuGroups() {
        return groups.values();
    }

    /** An IOMMU group by number. */
    public Optional<IommuGroup> iommuGroup(int id) {
        return Optional.ofNullable(groups.get(id));
    }

    /** True when the host IOMMU is on. */
    public boolean iommuEnabled() {
        return iommuEnabled;
    }

    /** What the kernel offers for KVM and nested virtualisation; empty when the source does not say (libvirt's capabilities). */
    public Optional<KvmSupport> kvm() {
        return Optional.ofNullable(kvm);
    }

    /** The devices that can create mediated devices, by device name. */
    public Collection<MdevParent> mdevParents() {
        return mdevParents.values();
    }

    /** A mediated device parent by its device name. */
    public Optional<MdevParent> mdevParent(String device) {
        return Optional.ofNullable(mdevParents.get(device));
    }

    /** The mediated devices that exist, by UUID. */
    public Collection<MdevInstance> mdevInstances() {
        return mdevInstances.values();
    }

    /** A mediated device by UUID. */
    public Optional<MdevInstance> mdevInstance(UUID uuid) {
        return Optional.ofNullable(mdevInstances.get(uuid));
    }

    /** Total memory over all nodes. */
    public DataSize totalMemory() {
        long sum = 0;
        for (NumaNode n : nodes) {
            sum += n.memory().bytes();
        }
        return DataSize.ofBytes(sum);
    }

    /** Builds a {@link HostTopology}. */
    public static final class Builder {
        private String arch;
        private java.util.UUID hostUuid;
        private String cpuModel;
        private String cpuVendor;
        private final Set<String> cpuFeatures = new TreeSet<>();
        private final Set<PageSize> pageSizes = new TreeSet<>();
        private final Map<Integer, NodeSpec> nodes = new TreeMap<>();
        private final Map<Integer, HostCpu> cpus = new TreeMap<>();
        private final Map<PciAddress, PciDevice> devices = new TreeMap<>();
        private Boolean iommu;
        private KvmSupport kvm;
        private final Map<String, MdevParent> mdevParents = new TreeMap<>();
        private final Map<UUID, MdevInstance> mdevInstances = new TreeMap<>();

        private Builder() {
        }

        /** Sets the architecture. */
        public Builder arch(String value) {
            arch = value;
            return this;
        }

        /** Sets the host's UUID (null: unknown). */
        public Builder hostUuid(java.util.UUID value) {
            hostUuid = value;
            return this;
        }

        /** Sets the CPU model and vendor. */
        public Builder cpuModel(String model, String vendor) {
            cpuModel = model;
            cpuVendor = vendor;
            return this;
        }

        /** Adds a CPU feature. */
        public Builder cpuFeature(String name) {
            cpuFeatures.add(name);
            return this;
        }

        /** Declares a supported page size. */
        public Builder pageSize(PageSize size) {
            pageSizes.add(size);
            return this;
        }

        /** Adds (or replaces the memory of) a NUMA node. */
        public Builder node(int id, DataSize memory) {
            nodes.computeIfAbsent(id, NodeSpec::new).memory = memory;
            return this;
        }

        /** Sets a huge page pool of a node (the node must have been added). */
        public Builder hugePages(int node, HugePagePool pool) {
            spec(node).pools.put(pool.size(), pool);
            return this;
        }

        /** Sets the distance from one node to another. */
        public Builder distance(int from, int to, int value) {
            spec(from).distances.put(to, value);
            return this;
        }

        /** Adds (or replaces) a CPU. */
        public Builder cpu(HostCpu cpu) {
            cpus.put(cpu.id(), cpu);
            return this;
        }

        /** Adds (or replaces) a PCI device. */
        public Builder pciDevice(PciDevice device) {
            devices.put(device.address(), device);
            return this;
        }

        /** The device at an address, as added so far. */
        public Optional<PciDevice> pciDevice(PciAddress address) {
            return Optional.ofNullable(devices.get(address));
        }

        /** States whether the IOMMU is on (by default: on when any device has a group). */
        public Builder iommu(boolean enabled) {
            iommu = enabled;
            return this;
        }

        /** States what the kernel offers for KVM and nested virtualisation. */
        public Builder kvm(KvmSupport value) {
            kvm = value;
            return this;
        }

        /** Adds (or replaces) a mediated device parent with its types. */
        public Builder mdevParent(MdevParent parent) {
            mdevParents.put(parent.device(), parent);
            return this;
        }

        /** The parent of that name, as added so far. */
        public Optional<MdevParent> mdevParent(String device) {
            return Optional.ofNullable(mdevParents.get(device));
        }

        /** Adds (or replaces) a mediated device. */
        public Builder mdevInstance(MdevInstance instance) {
            mdevInstances.put(instance.uuid(), instance);
            return this;
        }

        private NodeSpec spec(int node) {
            NodeSpec s = nodes.get(node);
            if (s == null) {
                throw new IllegalArgumentException("no node " + node + " (add it with node(id, memory) first)");
            }
            return s;
        }

        /** Builds the host; CPUs must be on nodes that exist. */
        public HostTopology build() {
            return new HostTopology(this);
        }

        private static final class NodeSpec {
            final int id;
            DataSize memory = DataSize.ZERO;
            final Map<PageSize, HugePagePool> pools = new TreeMap<>();
            final Map<Integer, Integer> distances = new TreeMap<>();

            NodeSpec(int id) {
                this.id = id;
            }
        }
    }
}
