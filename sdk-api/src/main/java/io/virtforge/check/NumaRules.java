package io.virtforge.check;

import io.virtforge.model.CpuTune;
import io.virtforge.model.Domain;
import io.virtforge.model.NumaTune;
import io.virtforge.model.PlacementMode;
import io.virtforge.model.VcpuPin;
import io.virtforge.topology.DomainFootprint;
import io.virtforge.topology.HostTopology;
import io.virtforge.value.CpuSet;
import io.virtforge.value.NodeSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** NUMA rules: guest cells within one host node, memory with its vCPUs, nodesets the host has. */
final class NumaRules {
    private NumaRules() {
    }

    static final Rule NUMA_CROSSING = Rule.of("NUMA_CROSSING", Severity.ERROR, true, NumaRules::crossing);
    static final Rule NODESET_MISSING = Rule.of("NODESET_MISSING", Severity.ERROR, true, NumaRules::nodesets);
    static final Rule NUMA_UNBOUND = Rule.of("NUMA_UNBOUND", Severity.WARNING, false, NumaRules::unbound);

    static final List<Rule> ALL = List.of(NUMA_CROSSING, NODESET_MISSING, NUMA_UNBOUND);

    /** The host CPUs the given vCPUs may run on: their pins, else the {@code <vcpu cpuset>}; empty if unbound. */
    static CpuSet hostCpusOf(Domain d, CpuSet vcpus) {
        CpuTune tune = d.cputune().orElse(null);
        CpuSet fallback = d.vcpu().flatMap(v -> v.cpuset()).orElse(CpuSet.empty());
        CpuSet result = CpuSet.empty();
        for (int v : vcpus.toArray()) {
            CpuSet pin = tune == null ? null : tune.vcpuPin(v).map(VcpuPin::cpuset).orElse(null);
            result = result.union(pin != null ? pin : fallback);
        }
        return result;
    }

    private static void crossing(CheckContext ctx, Findings out) {
        Domain d = ctx.domain();
        HostTopology host = ctx.topology();
        boolean explicitCells = !StructureRules.cells(d).isEmpty();
        for (DomainFootprint.CellUse cell : ctx.footprint().cells()) {
            String path = explicitCells ? Paths.cell(cell.cell()) : Paths.CPUTUNE;
            String what = explicitCells ? "guest cell " + cell.cell() : "the domain";
            Set<Integer> cpuNodes = host.nodesOf(hostCpusOf(d, cell.vcpus()));
            if (cpuNodes.size() > 1) {
                out.add(path, "the vCPUs of " + what + " are pinned to CPUs of host nodes " + cpuNodes,
                        "pin each guest cell's vCPUs to CPUs of one host node");
                continue;
            }
            if (cpuNodes.isEmpty() || cell.hostNodes().isEmpty()) {
                continue;
            }
            Set<Integer> memNodes = new TreeSet<>();
            for (int n : cell.hostNodes().get().toArray()) {
                memNodes.add(n);
            }
            // memory on the vCPUs' node and others too is spread, not misplaced: GUEST_CELL_SPANS_NODES warns
            int cpuNode = cpuNodes.iterator().next();
            if (!memNodes.contains(cpuNode)) {
                out.add(path, "the memory of " + what + " is on host node(s) " + memNodes + " but its vCPUs run on "
                        + "host node " + cpuNode,
                        "bind the cell's memory (numatune memnode/memory nodeset) to node " + cpuNode);
            }
        }
    }

    private static void nodesets(CheckContext ctx, Findings out) {
        HostTopology host = ctx.topology();
        NumaTune tune = ctx.domain().numatune().orElse(null);
        if (tune == null) {
            return;
        }
        tune.memory().flatMap(NumaTune.Memory::nodeset)
                .ifPresent(ns -> missingNodes(host, ns, Paths.NUMATUNE_MEMORY, out));
        for (NumaTune.MemNode m : tune.memNodes()) {
            m.nodeset().ifPresent(ns -> missingNodes(host, ns, Paths.memnode(m.cellId()), out));
        }
    }

    private static void missingNodes(HostTopology host, NodeSet ns, String path, Findings out) {
        Set<Integer> missing = new TreeSet<>();
        for (int n : ns.toArray()) {
            if (!host.hasNode(n)) {
                missing.add(n);
            }
        }
        if (!missing.isEmpty()) {
            Set<Integer> have = new TreeSet<>();
            host.nodes().forEach(n -> have.add(n.id()));
            out.add(path, "nodeset " + ns + " names host node(s) " + missing + ", which the host does not have",
                    "use host nodes " + have);
        }
    }

    private static void unbound(CheckContext ctx, Findings out) {
        Domain d = ctx.domain();
        if (StructureRules.cells(d).isEmpty()) {
            return;
        }
        // placement='auto' (on <vcpu> or numatune <memory>) binds the domain to the nodes numad advises
        boolean auto = d.vcpu().flatMap(v -> v.placement()).filter(p -> p == PlacementMode.AUTO).isPresent()
                || d.numatune().flatMap(NumaTune::memory).flatMap(NumaTune.Memory::placement)
                        .filter(p -> p == PlacementMode.AUTO).isPresent();
        if (auto) {
            return;
        }
        for (DomainFootprint.CellUse cell : ctx.footprint().cells()) {
            if (hostCpusOf(d, cell.vcpus()).isEmpty() && cell.hostNodes().isEmpty()) {
                out.add(Paths.cell(cell.cell()), "guest cell " + cell.cell() + " is bound to no host node: its vCPUs "
                        + "are not pinned and its memory has no numatune, so the host kernel places both anywhere",
                        "pin the cell's vCPUs to one host node's CPUs and bind its memory there (numatune memnode)");
            }
        }
    }
}
