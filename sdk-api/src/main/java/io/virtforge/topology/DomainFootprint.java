package io.virtforge.topology;

import io.virtforge.model.CpuTune;
import io.virtforge.model.Domain;
import io.virtforge.model.GuestNumaCell;
import io.virtforge.model.HugePage;
import io.virtforge.model.IothreadPin;
import io.virtforge.model.MemoryBacking;
import io.virtforge.model.NetInterface;
import io.virtforge.model.NumaMode;
import io.virtforge.model.NumaTune;
import io.virtforge.model.VcpuPin;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a domain takes from a host, read from its typed model: the host CPUs its vCPU, emulator and
 * I/O threads are pinned to; the memory and huge pages each guest NUMA cell needs and the host nodes
 * numatune binds them to; the host PCI devices it holds.
 *
 * <p>Memory of a cell bound to several host nodes is counted as spread evenly over them (the
 * remainder on the lowest nodes); memory bound to no node is counted separately as unbound.
 */
public final class DomainFootprint {
    private final String domain;
    private final int vcpus;
    private final CpuSet vcpuPins;
    private final boolean dedicated;
    private final CpuSet emulatorPin;
    private final CpuSet iothreadPins;
    private final List<CellUse> cells;
    private final Set<PciAddress> devices;

    private DomainFootprint(Domain d, PageSize defaultHugePage) {
        domain = d.name();
        vcpus = d.vcpuCount();
        CpuTune tune = d.cputune().orElse(null);
        CpuSet pins = CpuSet.empty();
        boolean allSingle = tune != null && !tune.vcpuPins().isEmpty();
        if (tune != null) {
            for (VcpuPin p : tune.vcpuPins()) {
                // 1:1 means each vCPU on one CPU of its own: a CPU pinned twice is shared
                allSingle &= p.cpuset().size() == 1 && !pins.containsAll(p.cpuset());
                pins = pins.union(p.cpuset());
            }
        }
        dedicated = allSingle && tune.vcpuPins().size() >= vcpus;
        // vCPUs without a <vcpupin> run on <vcpu cpuset>, as libvirt pins them
        CpuSet fallback = d.vcpu().flatMap(v -> v.cpuset()).orElse(null);
        if (fallback != null) {
            for (int v = 0; v < vcpus; v++) {
                if (tune == null || tune.vcpuPin(v).isEmpty()) {
                    pins = pins.union(fallback);
                    break;
                }
            }
        }
        vcpuPins = pins;
        emulatorPin = tune == null ? CpuSet.empty() : tune.emulatorPin().orElse(CpuSet.empty());
        CpuSet io = CpuSet.empty();
        if (tune != null) {
            for (IothreadPin p : tune.iothreadPins()) {
                io = io.union(p.cpuset());
            }
        }
        iothreadPins = io;
        cells = cellsOf(d, defaultHugePage);
        Set<PciAddress> devs = new LinkedHashSet<>();
        d.devices().hostdevs().forEach(h -> h.sourcePci().ifPresent(devs::add));
        for (NetInterface n : d.devices().interfaces()) {
            n.sourcePci().ifPresent(devs::add);
        }
        devices = Collections.unmodifiableSet(devs);
    }

    /** The footprint of a domain; {@code defaultHugePage} backs {@code <hugepages/>} without a size. */
    public static DomainFootprint of(Domain domain, PageSize defaultHugePage) {
        return new DomainFootprint(domain, defaultHugePage);
    }

    /** The footprint of a domain on a host: the host's smallest huge page size is the default one. */
    public static DomainFootprint of(Domain domain, HostTopology host) {
        return new DomainFootprint(domain, defaultHugePage(host));
    }

    /**
     * The size {@code <hugepages/>} without a page size gets: 2 MiB where the host has it, else the smallest
     * size any node has a huge page pool of (16 MiB on ppc64, whose 64 KiB base page is no huge page), else
     * the host's smallest huge size.
     */
    public static PageSize defaultHugePage(HostTopology host) {
        if (host.pageSizes().contains(PageSize.MIB_2) || host.pageSizes().isEmpty()) {
            return PageSize.MIB_2;
        }
        return host.nodes().stream().flatMap(n -> n.hugePages().keySet().stream()).min(PageSize::compareTo)
                .orElseGet(() -> host.pageSizes().stream().filter(PageSize::isHuge).findFirst().orElse(PageSize.MIB_2));
    }

    private static List<CellUse> cellsOf(Domain d, PageSize defaultHugePage) {
        List<GuestNumaCell> guestCells = d.cpu().map(c -> c.numaCells()).orElse(List.of());
        NumaTune tune = d.numatune().orElse(null);
        NodeSet whole = tune == null ? null : tune.memory().flatMap(NumaTune.Memory::nodeset).orElse(null);
        MemoryBacking mb = d.memoryBacking().orElse(null);
        List<CellUse> result = new ArrayList<>();
        if (guestCells.isEmpty()) {
            DataSize mem = d.memory().orElse(DataSize.ZERO);
            result.add(new CellUse(0, CpuSet.range(0, Math.max(0, d.vcpuCount() - 1)), mem,
                    pageSizeOf(mb, 0, defaultHugePage), Optional.ofNullable(whole), isStrict(wholeMode(tune))));
            return List.copyOf(result);
        }
        for (int i = 0; i < guestCells.size(); i++) {
            GuestNumaCell c = guestCells.get(i);
            int id = c.id().orElse(i);
            Optional<NumaTune.MemNode> memnode = tune == null ? Optional.empty()
                    : tune.memNode(id).filter(m -> m.nodeset().isPresent());
            NodeSet nodes = memnode.flatMap(NumaTune.MemNode::nodeset).orElse(whole);
            Optional<NumaMode> mode = memnode.isPresent() ? memnode.get().mode() : wholeMode(tune);
            result.add(new CellUse(id, c.cpus().orElse(CpuSet.empty()), c.memory(), pageSizeOf(mb, id, defaultHugePage),
                    Optional.ofNullable(nodes), isStrict(mode)));
        }
        return List.copyOf(result);
    }

    private static Optional<NumaMode> wholeMode(NumaTune tune) {
        return tune == null ? Optional.empty() : tune.memory().flatMap(NumaTune.Memory::mode);
    }

    /** libvirt's default numatune mode is strict. */
    private static boolean isStrict(Optional<NumaMode> mode) {
        return mode.map(m -> m == NumaMode.STRICT || m == NumaMode.RESTRICTIVE).orElse(true);
    }

    /**
     * The page size backing a guest cell, as libvirt's QEMU driver picks it: the {@code <page>} whose
     * nodeset names the cell, else the {@code <page>} without a nodeset, else (when {@code <hugepages/>}
     * lists no page at all) the default huge page size. A cell no page covers, and a "huge" page of the
     * base size, get base pages.
     */
    private static Optional<PageSize> pageSizeOf(MemoryBacking mb, int cell, PageSize defaultHugePage) {
        if (mb == null || !mb.hugepages()) {
            return Optional.empty();
        }
        HugePage general = null;
        HugePage chosen = null;
        for (HugePage p : mb.pages()) {
            if (p.nodeset().isEmpty()) {
                general = p;
            } else if (p.nodeset().get().contains(cell)) {
                chosen = p;
                break;
            }
        }
        HugePage page = chosen != null ? chosen : general;
        // a <page> whose size is no page size backs nothing (libvirt refuses to start such a guest)
        Optional<PageSize> size = page != null ? page.size()
                : mb.pages().isEmpty() ? Optional.ofNullable(defaultHugePage) : Optional.empty();
        return size.filter(PageSize::isHuge);
    }

    /** The domain's name. */
    public String domain() {
        return domain;
    }

    /** Its vCPU count. */
    public int vcpus() {
        return vcpus;
    }

    /** The host CPUs its vCPUs are pinned to: their {@code <vcpupin>}s, and {@code <vcpu cpuset>} for the others. */
    public CpuSet vcpuPins() {
        return vcpuPins;
    }

    /** True when every vCPU is pinned to one host CPU of its own, no two on the same (the dedicated policy). */
    public boolean dedicated() {
        return dedicated;
    }

    /** The emulator pin; empty when not pinned. */
    public CpuSet emulatorPin() {
        return emulatorPin;
    }

    /** The union of the I/O thread pins. */
    public CpuSet iothreadPins() {
        return iothreadPins;
    }

    /** Memory use per guest cell. */
    public List<CellUse> cells() {
        return cells;
    }

    /** Host PCI devices the domain holds (hostdevs and SR-IOV VF interfaces). */
    public Set<PciAddress> devices() {
        return devices;
    }

    /** Huge pages per host node and size (cells bound to host nodes only). */
    public Map<Integer, Map<PageSize, Long>> hugePagesByNode() {
        Map<Integer, Map<PageSize, Long>> result = new TreeMap<>();
        for (CellUse c : cells) {
            c.hugePagesByNode().forEach((node, pages) -> result.computeIfAbsent(node, k -> new TreeMap<>())
                    .merge(c.pageSize().orElseThrow(), pages, Long::sum));
        }
        return result;
    }

    /**
     * The memory of one guest NUMA cell and where it comes from.
     *
     * @param cell      the guest cell id (0 for a domain without guest NUMA)
     * @param vcpus     the cell's vCPUs
     * @param memory    its memory
     * @param pageSize  the huge page size backing it; empty for base pages
     * @param hostNodes the host nodes numatune binds it to; empty when unbound
     * @param strict    true when the binding is strict (or restrictive): memory may come from no other node
     */
    public record CellUse(int cell, CpuSet vcpus, DataSize memory, Optional<PageSize> pageSize,
            Optional<NodeSet> hostNodes, boolean strict) {
        /** Huge pages needed (rounded up); 0 for base pages. */
        public long hugePages() {
            return pageSize.map(p -> (memory.bytes() + p.bytes() - 1) / p.bytes()).orElse(0L);
        }

        /** Huge pages per host node, spread evenly over the bound nodes; empty when unbound or not huge. */
        public Map<Integer, Long> hugePagesByNode() {
            return spread(hugePages());
        }

        /** Base-page memory in bytes per host node; empty when huge-page backed or unbound. */
        public Map<Integer, Long> memoryByNode() {
            return pageSize.isPresent() ? Map.of() : spread(memory.bytes());
        }

        private Map<Integer, Long> spread(long amount) {
            Map<Integer, Long> m = new TreeMap<>();
            if (amount == 0 || hostNodes.isEmpty() || hostNodes.get().isEmpty()) {
                return m;
            }
            int[] nodes = hostNodes.get().toArray();
            long each = amount / nodes.length;
            long rest = amount % nodes.length;
            for (int i = 0; i < nodes.length; i++) {
                m.put(nodes[i], each + (i < rest ? 1 : 0));
            }
            return m;
        }
    }
}
