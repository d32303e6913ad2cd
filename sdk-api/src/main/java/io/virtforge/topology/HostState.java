package io.virtforge.topology;

import io.virtforge.model.Domain;
import io.virtforge.value.CpuSet;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A host and what its domains already use: the CPUs their vCPUs are pinned to, the huge pages and
 * memory they hold per node, the PCI devices assigned to them. Computed from the domains' typed
 * models ({@link DomainFootprint}). Immutable.
 *
 * <p>Free huge pages: the pool's free count when the source gives one (sysfs, a live host), else the
 * pool total minus what the given domains hold (libvirt's capabilities give totals only).
 */
public final class HostState {
    private final HostTopology topology;
    private final List<Domain> domains;
    private final List<DomainFootprint> footprints;
    private final List<String>[] vcpuPinsByCpu;
    private final CpuSet pinnedCpus;
    private final Map<Integer, Map<PageSize, Long>> heldHugePages;
    private final Map<Integer, Long> heldMemory;
    private final Map<PciAddress, String> assigned;
    private final int totalVcpus;

    @SuppressWarnings("unchecked")
    private HostState(HostTopology topology, List<Domain> domains) {
        this.topology = topology;
        this.domains = List.copyOf(domains);
        List<DomainFootprint> fps = new ArrayList<>(domains.size());
        PageSize dflt = DomainFootprint.defaultHugePage(topology);
        vcpuPinsByCpu = new List[topology.cpus().isEmpty() ? 0 : topology.allCpus().last().getAsInt() + 1];
        CpuSet pinned = CpuSet.empty();
        Map<Integer, Map<PageSize, Long>> pages = new TreeMap<>();
        Map<Integer, Long> memory = new TreeMap<>();
        Map<PciAddress, String> devices = new HashMap<>();
        int vcpus = 0;
        for (Domain d : domains) {
            DomainFootprint f = DomainFootprint.of(d, dflt);
            fps.add(f);
            vcpus += f.vcpus();
            pinned = pinned.union(f.vcpuPins());
            for (int cpu : f.vcpuPins().toArray()) {
                if (cpu < vcpuPinsByCpu.length) {
                    if (vcpuPinsByCpu[cpu] == null) {
                        vcpuPinsByCpu[cpu] = new ArrayList<>(2);
                    }
                    vcpuPinsByCpu[cpu].add(f.domain());
                }
            }
            f.hugePagesByNode().forEach((node, bySize) -> bySize.forEach((size, n) ->
                    pages.computeIfAbsent(node, k -> new TreeMap<>()).merge(size, n, Long::sum)));
            f.cells().forEach(c -> c.memoryByNode().forEach((node, bytes) -> memory.merge(node, bytes, Long::sum)));
            f.devices().forEach(a -> devices.putIfAbsent(a, f.domain()));
        }
        footprints = List.copyOf(fps);
        pinnedCpus = pinned;
        heldHugePages = pages;
        heldMemory = memory;
        assigned = devices;
        totalVcpus = vcpus;
    }

    /** A host with nothing in use. */
    public static HostState of(HostTopology topology) {
        return new HostState(topology, List.of());
    }

    /** A host and the domains that use it (running ones, or all that should count). */
    public static HostState of(HostTopology topology, Collection<Domain> domains) {
        return new HostState(topology, new ArrayList<>(domains));
    }

    /** The same host with one more domain in use. */
    public HostState with(Domain domain) {
        List<Domain> list = new ArrayList<>(domains);
        list.add(domain);
        return new HostState(topology, list);
    }

    /** The same host without the named domain. */
    public HostState without(String domainName) {
        return new HostState(topology, domains.stream().filter(d -> !d.name().equals(domainName)).toList());
    }

    /** The host. */
    public HostTopology topology() {
        return topology;
    }

    /** The domains in use. */
    public List<Domain> domains() {
        return domains;
    }

    /** Their footprints, in the same order. */
    public List<DomainFootprint> footprints() {
        return footprints;
    }

    /** The footprint of the named domain. */
    public Optional<DomainFootprint> footprint(String domainName) {
        return footprints.stream().filter(f -> f.domain().equals(domainName)).findFirst();
    }

    /** Host CPUs any domain's vCPUs are pinned to. */
    public CpuSet pinnedCpus() {
        return pinnedCpus;
    }

    /** The domains whose vCPUs are pinned to a CPU (a domain appears once per pin set that covers it). */
    public List<String> vcpuPinnedBy(int cpu) {
        List<String> l = cpu >= 0 && cpu < vcpuPinsByCpu.length ? vcpuPinsByCpu[cpu] : null;
        return l == null ? List.of() : List.copyOf(l);
    }

    /** True when a domain other than {@code except} pins a vCPU to the CPU. */
    public boolean vcpuPinnedByOther(int cpu, String except) {
        List<String> l = cpu >= 0 && cpu < vcpuPinsByCpu.length ? vcpuPinsByCpu[cpu] : null;
        if (l != null) {
            for (String d : l) {
                if (!d.equals(except)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Huge pages of a size the domains hold on a node. */
    public long heldHugePages(int node, PageSize size) {
        return heldHugePages.getOrDefault(node, Map.of()).getOrDefault(size, 0L);
    }

    /** Free huge pages of a size on a node (see the class comment); 0 when the node has no such pool. */
    public long freeHugePages(int node, PageSize size) {
        return topology.node(node).flatMap(n -> n.pool(size))
                .map(p -> p.free().orElse(Math.max(0, p.total() - heldHugePages(node, size)))).orElse(0L);
    }

    /** Free huge pages of a size on a node, not counting what {@code domain} itself holds there. */
    public long freeHugePagesExcluding(int node, PageSize size, String domain) {
        HugePagePool pool = topology.node(node).flatMap(n -> n.pool(size)).orElse(null);
        if (pool == null) {
            return 0;
        }
        if (pool.free().isPresent()) {
            return pool.free().getAsLong();
        }
        long own = footprint(domain).map(f -> f.hugePagesByNode().getOrDefault(node, Map.of()).getOrDefault(size, 0L))
                .orElse(0L);
        // clip after taking the domain's own pages out: others may already hold more than the pool
        return Math.max(0, pool.total() - (heldHugePages(node, size) - own));
    }

    /** Base-page memory the domains bind to a node, in bytes. */
    public long heldMemory(int node) {
        return heldMemory.getOrDefault(node, 0L);
    }

    /** The domain a host PCI device is assigned to. */
    public Optional<String> assignedTo(PciAddress device) {
        return Optional.ofNullable(assigned.get(device));
    }

    /** vCPUs over all domains in use. */
    public int totalVcpus() {
        return totalVcpus;
    }
}
