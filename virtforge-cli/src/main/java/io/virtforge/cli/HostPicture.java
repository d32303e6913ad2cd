package io.virtforge.cli;

import io.virtforge.host.hugepages.HugePagePoolStatus;
import io.virtforge.host.hugepages.HugePages;
import io.virtforge.host.pci.IommuGroups;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.model.Domain;
import io.virtforge.model.IothreadPin;
import io.virtforge.model.VcpuPin;
import io.virtforge.topology.DomainFootprint;
import io.virtforge.topology.HostCpu;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.HugePagePool;
import io.virtforge.topology.IommuGroup;
import io.virtforge.topology.NumaNode;
import io.virtforge.topology.PciDevice;
import io.virtforge.value.CpuSet;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A host for people, like {@code lstopo} and {@code numactl --hardware} together: NUMA nodes with memory,
 * distances and huge page pools; each node's cores with their SMT siblings and which domain pins what to
 * each CPU; the PCI devices by node; IOMMU groups and whether each can be assigned; SR-IOV PFs and their VFs.
 */
final class HostPicture {
    private final HostState state;
    private final Optional<Sysfs> sysfs;
    private final Map<Integer, List<CpuUse>> pinnedBy;

    /**
     * @param state the host and its domains (for pins, free pages and assigned devices)
     * @param sysfs the host's kernel files, for the live huge page counts; empty when out of reach
     */
    HostPicture(HostState state, Optional<Sysfs> sysfs) {
        this.state = state;
        this.sysfs = sysfs;
        this.pinnedBy = pinnedBy(state);
    }

    /** What one domain runs on a host CPU: some of its vCPUs, its emulator threads, or one I/O thread. */
    record CpuUse(String domain, Kind kind, CpuSet ids) {
        /** Which of the domain's threads. */
        enum Kind {
            /** vCPU threads ({@code ids}: which, empty when the definition does not say). */
            VCPUS,
            /** The emulator threads. */
            EMULATOR,
            /** An I/O thread ({@code ids}: its number). */
            IOTHREAD
        }

        /** As the text says it: {@code demo vCPU 3}, {@code demo emulator}, {@code demo iothread 1}. */
        @Override
        public String toString() {
            return domain + switch (kind) {
                case VCPUS -> ids.isEmpty() ? " vCPUs" : ids.size() == 1 ? " vCPU " + ids.format() : " vCPUs " + ids.format();
                case EMULATOR -> " emulator";
                case IOTHREAD -> " iothread " + ids.format();
            };
        }

        /** Short, for a CPU's box in a picture: {@code v3}, {@code emu}, {@code io1}. */
        String mark() {
            return switch (kind) {
                case VCPUS -> "v" + ids.format();
                case EMULATOR -> "emu";
                case IOTHREAD -> "io" + ids.format();
            };
        }
    }

    /** Per host CPU, what pins to it: {@code demo vCPU 3}, {@code demo emulator}, {@code demo iothread 1}. */
    static Map<Integer, List<CpuUse>> pinnedBy(HostState state) {
        Map<Integer, List<CpuUse>> by = new TreeMap<>();
        for (DomainFootprint f : state.footprints()) {
            Domain d = state.domains().stream().filter(x -> x.name().equals(f.domain())).findFirst().orElse(null);
            Map<Integer, CpuSet> vcpusByCpu = new TreeMap<>();
            List<VcpuPin> pins = d == null ? List.of() : d.cputune().map(t -> t.vcpuPins()).orElse(List.of());
            for (VcpuPin p : pins) {
                for (int cpu : p.cpuset().toArray()) {
                    vcpusByCpu.merge(cpu, CpuSet.of(p.vcpu()), CpuSet::union);
                }
            }
            for (int cpu : f.vcpuPins().toArray()) {
                by.computeIfAbsent(cpu, k -> new ArrayList<>()).add(new CpuUse(f.domain(), CpuUse.Kind.VCPUS,
                        vcpusByCpu.getOrDefault(cpu, CpuSet.empty())));
            }
            for (int cpu : f.emulatorPin().toArray()) {
                by.computeIfAbsent(cpu, k -> new ArrayList<>()).add(new CpuUse(f.domain(), CpuUse.Kind.EMULATOR,
                        CpuSet.empty()));
            }
            List<IothreadPin> io = d == null ? List.of() : d.cputune().map(t -> t.iothreadPins()).orElse(List.of());
            for (IothreadPin p : io) {
                for (int cpu : p.cpuset().toArray()) {
                    by.computeIfAbsent(cpu, k -> new ArrayList<>()).add(new CpuUse(f.domain(), CpuUse.Kind.IOTHREAD,
                            CpuSet.of(p.iothread())));
                }
            }
        }
        return by;
    }

    Map<Integer, List<CpuUse>> pinnedBy() {
        return pinnedBy;
    }

    HostState state() {
        return state;
    }

    /** A node's cores in CPU order, each as its SMT siblings on the node (a lone CPU where the kernel names none). */
    static List<CpuSet> cores(HostTopology t, NumaNode n) {
        List<CpuSet> cores = new ArrayList<>();
        CpuSet seen = CpuSet.empty();
        for (int cpu : n.cpus().toArray()) {
            if (seen.contains(cpu)) {
                continue;
            }
            CpuSet core = t.cpu(cpu).map(HostCpu::siblings).orElse(CpuSet.of(cpu)).intersect(n.cpus());
            if (core.isEmpty()) {
                core = CpuSet.of(cpu);
            }
            seen = seen.union(core);
            cores.add(core);
        }
        return cores;
    }

    String text() {
        HostTopology t = state.topology();
        StringBuilder sb = new StringBuilder();
        sb.append("Host: ").append(Counts.of(t.nodes().size(), "NUMA node")).append(", ")
                .append(Counts.of(t.cpus().size(), "CPU")).append(" (").append(Counts.of(t.physicalCores(), "core"))
                .append(')');
        t.cpuModel().ifPresent(m -> sb.append(", ").append(m));
        t.cpuVendor().ifPresent(v -> sb.append(" (").append(v).append(')'));
        sb.append(", IOMMU ").append(t.iommuEnabled() ? "on" : "off").append('\n');
        for (NumaNode n : t.nodes()) {
            node(sb, t, n);
        }
        unplaced(sb, t);
        groups(sb, t);
        sriov(sb, t);
        if (!state.domains().isEmpty()) {
            sb.append("Domains using the host: ");
            sb.append(String.join(", ", state.footprints().stream().map(f -> f.domain() + " (" + Counts.of(f.vcpus(), "vCPU")
                    + (f.vcpuPins().isEmpty() ? ", unpinned" : " on CPUs " + f.vcpuPins().format()) + ")").toList()))
                    .append('\n');
        }
        return sb.toString();
    }

    private void node(StringBuilder sb, HostTopology t, NumaNode n) {
        sb.append("node ").append(n.id()).append(": ").append(size(n.memory())).append(", CPUs ")
                .append(n.cpus().format());
        if (!n.distances().isEmpty()) {
            sb.append(", distances");
            n.distances().forEach((to, d) -> sb.append(' ').append(to).append(':').append(d));
        }
        sb.append('\n');
        List<String> pools = new ArrayList<>();
        for (PoolCount p : pools(n)) {
            pools.add(p.size().format() + " " + p.total() + " total, " + p.free() + " free");
        }
        sb.append("  huge pages: ").append(pools.isEmpty() ? "none" : String.join("; ", pools)).append('\n');
        for (CpuSet core : cores(t, n)) {
            HostCpu c = t.cpu(core.first().orElseThrow()).orElse(null);
            StringBuilder line = new StringBuilder("  core");
            if (c != null && c.core().isPresent()) {
                line.append(' ').append(c.socket().isPresent() ? c.socket().getAsInt() + "/" : "")
                        .append(c.core().getAsInt());
            }
            line.append(":");
            List<String> parts = new ArrayList<>();
            for (int id : core.toArray()) {
                StringBuilder p = new StringBuilder("CPU ").append(id);
                HostCpu hc = t.cpu(id).orElse(null);
                if (hc != null && !hc.online()) {
                    p.append(" (offline)");
                }
                if (hc != null && hc.isolated()) {
                    p.append(" (isolated)");
                }
                List<CpuUse> by = pinnedBy.get(id);
                if (by != null) {
                    p.append(" [").append(String.join(", ", by.stream().map(CpuUse::toString).toList())).append(']');
                }
                parts.add(p.toString());
            }
            sb.append(line).append(' ').append(String.join(", ", parts)).append('\n');
        }
        for (PciDevice d : t.pciDevices()) {
            if (d.numaNode().orElse(-1) == n.id() && !d.isVf()) {
                sb.append("  PCI ").append(device(d)).append('\n');
            }
        }
    }

    /** A node's huge page pool as the views show it: the kernel's live counts, else the connection's. */
    record PoolCount(PageSize size, long total, long free) {
    }

    /** The node's pools, the same numbers for text and JSON. */
    List<PoolCount> pools(NumaNode n) {
        List<PoolCount> pools = new ArrayList<>();
        Map<PageSize, HugePagePoolStatus> live = livePools(n.id());
        for (HugePagePool p : n.hugePages().values()) {
            HugePagePoolStatus s = live.get(p.size());
            pools.add(new PoolCount(p.size(), s != null ? s.total() : p.total(),
                    s != null ? s.free() : state.freeHugePages(n.id(), p.size())));
        }
        return pools;
    }

    /** The node's pools as JSON: page size to total and free. */
    Map<String, Object> poolsJson(NumaNode n) {
        Map<String, Object> m = new LinkedHashMap<>();
        pools(n).forEach(p -> m.put(p.size().format(), JsonText.object("total", p.total(), "free", p.free())));
        return m;
    }

    /** Devices whose firmware names no NUMA node (numa_node -1, common on one-socket machines and in VMs). */
    private void unplaced(StringBuilder sb, HostTopology t) {
        List<PciDevice> none = t.pciDevices().stream().filter(d -> !d.isVf()
                && (d.numaNode().isEmpty() || t.node(d.numaNode().getAsInt()).isEmpty())).toList();
        if (!none.isEmpty()) {
            sb.append("no NUMA node (the firmware names none):\n");
            none.forEach(d -> sb.append("  PCI ").append(device(d)).append('\n'));
        }
    }

    private Map<PageSize, HugePagePoolStatus> livePools(int node) {
        Map<PageSize, HugePagePoolStatus> m = new LinkedHashMap<>();
        if (sysfs.isEmpty()) {
            return m;
        }
        try {
            for (HugePagePoolStatus s : new HugePages(sysfs.get()).pools()) {
                if (s.pool().node().isPresent() && s.pool().node().getAsInt() == node) {
                    m.put(s.pool().size(), s);
                }
            }
        } catch (RuntimeException e) {
            m.clear(); // unreadable: fall back to the connection's counts
        }
        return m;
    }

    private String device(PciDevice d) {
        StringBuilder sb = new StringBuilder(d.address().format()).append(" [").append(d.ids()).append(']');
        d.productName().ifPresent(p -> sb.append(' ').append(p));
        sb.append(d.isBridge() ? " (bridge)" : "");
        sb.append(", driver ").append(d.driver().orElse("none"));
        d.netdev().ifPresent(x -> sb.append(", ").append(x));
        d.iommuGroup().ifPresent(g -> sb.append(", IOMMU group ").append(g));
        state.assignedTo(d.address()).ifPresent(o -> sb.append(", assigned to ").append(o));
        return sb.toString();
    }

    private void groups(StringBuilder sb, HostTopology t) {
        if (t.iommuGroups().isEmpty()) {
            sb.append("IOMMU groups: none").append(t.iommuEnabled() ? "" : " (the IOMMU is off: no device assignment)")
                    .append('\n');
            return;
        }
        sb.append("IOMMU groups:\n");
        for (IommuGroup g : t.iommuGroups()) {
            sb.append("  ").append(g.id()).append(": ");
            List<String> members = new ArrayList<>();
            for (PciAddress a : g.devices()) {
                PciDevice d = t.pciDevice(a).orElse(null);
                members.add(a.format() + (d == null ? "" : " (" + (d.isBridge() ? "bridge, " : "")
                        + d.driver().orElse("no driver") + ")"));
            }
            sb.append(String.join(", ", members)).append(" - ").append(assignability(t, g)).append('\n');
        }
    }

    /** Whether a group can go to a guest, and how. */
    static String assignability(HostTopology t, IommuGroup g) {
        if (IommuGroups.viable(t, g)) {
            return "ready: every endpoint on vfio-pci or unbound";
        }
        long onHost = g.devices().stream().map(t::pciDevice).flatMap(Optional::stream)
                .filter(d -> !d.isBridge() && d.driver().filter(x -> !x.equals("vfio-pci")).isPresent()).count();
        return onHost == 1 ? "assignable: libvirt detaches its endpoint at start (managed)"
                : "shared by " + onHost + " endpoints on host drivers: they go to one guest together, or bind the "
                        + "group first (gpu-passthrough --bind)";
    }

    private void sriov(StringBuilder sb, HostTopology t) {
        for (PciDevice pf : t.pciDevices()) {
            if (pf.virtfns().isEmpty() && pf.sriovTotalVfs().isEmpty()) {
                continue;
            }
            sb.append("SR-IOV PF ").append(pf.address().format()).append(" (").append(pf.driver().orElse("no driver"))
                    .append(pf.netdev().map(x -> ", " + x).orElse("")).append(", node ")
                    .append(pf.numaNode().isPresent() ? Integer.toString(pf.numaNode().getAsInt()) : "?").append("): ")
                    .append(pf.virtfns().size()).append(" VF(s)")
                    .append(pf.sriovTotalVfs().isPresent() ? " of " + pf.sriovTotalVfs().getAsInt() : "").append('\n');
            for (PciAddress vf : pf.virtfns()) {
                PciDevice d = t.pciDevice(vf).orElse(null);
                sb.append("  VF ").append(vf.format());
                if (d != null) {
                    sb.append(", driver ").append(d.driver().orElse("none"));
                    d.iommuGroup().ifPresent(g -> sb.append(", IOMMU group ").append(g));
                }
                state.assignedTo(vf).ifPresent(o -> sb.append(", assigned to ").append(o));
                sb.append('\n');
            }
        }
    }

    /** A size as people read it: 96GiB, or 8.3 GiB for an uneven one. */
    static String size(io.virtforge.value.DataSize d) {
        return Sizes.human(d);
    }

    /** The pins as JSON: CPU number to what pins there. */
    Map<String, Object> pinnedByJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        pinnedBy.forEach((cpu, who) -> m.put(Integer.toString(cpu), who.stream().map(CpuUse::toString).toList()));
        return m;
    }
}
