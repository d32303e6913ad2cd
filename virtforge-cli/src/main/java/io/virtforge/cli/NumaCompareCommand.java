package io.virtforge.cli;

import io.virtforge.build.DomainBuilder;
import io.virtforge.check.Finding;
import io.virtforge.check.Report;
import io.virtforge.check.Validator;
import io.virtforge.json.Json;
import io.virtforge.model.Domain;
import io.virtforge.plan.EmulatorPolicy;
import io.virtforge.plan.NoFit;
import io.virtforge.plan.Placement;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.plan.PlacementResult;
import io.virtforge.plan.Planner;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.NumaNode;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code virtforge numa-compare}: the seed's NUMA experiment as a report. The same VM in two layouts on the
 * host: aligned (one guest cell, vCPUs pinned to one node's CPUs, memory strict on that node, as the planner
 * places it) and crossing (two guest cells, no numatune, vCPUs spread over two nodes, as the host scheduler
 * would leave them), each with the validator's findings, and the host with what is pinned where.
 */
@Command(name = "numa-compare", sortOptions = false,
        description = {"The seed's NUMA experiment: the same VM NUMA-aligned and NUMA-crossing on this host, each "
                + "with the validator's findings (latency-sensitive), and the host's nodes, cores and pins.",
                "Exit 0 with the report, 1 when the aligned layout does not fit, 2 on bad input."})
final class NumaCompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ConnectOption connect;
    @Option(names = "--vcpus", defaultValue = "8", paramLabel = "N", description = "vCPUs (default 8).")
    int vcpus;
    @Option(names = "--memory", defaultValue = "16", paramLabel = "SIZE", converter = Arguments.Size.class,
            description = "Memory: 16 (GiB, the default) or a size such as 512MiB.")
    DataSize memory;
    @Option(names = "--node", paramLabel = "N", description = "The node of the aligned layout (default: where the planner puts it).")
    Integer node;
    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;
    @Option(names = "--svg", paramLabel = "FILE", description = "Also draw both layouts side by side as an SVG picture "
            + "into FILE: the host with each layout's vCPUs and emulator in its colour, and the validator's findings.")
    Path svg;

    /** One layout and what the validator says of it. */
    private record Layout(String name, String description, Domain domain, Map<Integer, CpuSet> pins,
            NodeSet nodes, Report report) {
    }

    @Override
    public Integer call() {
        Counts.requireBetween("--vcpus", vcpus, 2, Counts.MAX_VCPUS, "the crossing layout has two guest cells");
        Sizes.requireAtLeast("--memory", memory, Sizes.MIN_MEMORY, "no guest boots in less");
        if (memory.bytes() % (2L << 20) != 0) {
            throw CliException.badInput("--memory " + Sizes.typed(memory) + " cannot be split into two guest cells of "
                    + "whole MiB: give an even number of MiB, e.g. " + Sizes.human(DataSize.mib(memory.toMib() + 1 & ~1L)));
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Connector.Lease lease = connect.open()) {
            HostState host = lease.connection().hostState();
            HostTopology t = host.topology();
            if (node != null && t.node(node).isEmpty()) {
                throw CliException.badInput("the host has no NUMA node " + node);
            }
            // the emulator on a CPU of its own where the node can spare one, so both layouts differ only in NUMA
            PlacementRequest.Builder req = PlacementRequest.builder(vcpus, memory).cells(1)
                    .emulatorPolicy(EmulatorPolicy.ISOLATE);
            if (node != null) {
                req.allowedNodes(NodeSet.of(node));
            }
            PlacementResult result = Planner.create().plan(req.build(), host);
            if (!result.fits()) {
                result = Planner.create().plan(req.emulatorPolicy(EmulatorPolicy.SHARE).build(), host);
            }
            if (result.noFit().isPresent()) {
                NoFit noFit = result.noFit().get();
                if (json) {
                    out.println(Json.write(JsonText.object("uri", lease.connection().uri(), "aligned",
                            JsonText.raw(noFit.toJson()))));
                    out.flush();
                } else {
                    spec.commandLine().getErr().print("virtforge: " + Counts.of(vcpus, "vCPU") + " and " + Sizes.human(memory)
                            + " do not fit on one node, so there is no aligned layout to compare\n" + noFit);
                }
                throw CliException.silent(Virtforge.PROBLEM);
            }
            Placement p = result.orElseThrow();
            Optional<PageSize> pages = p.cells().get(0).pageSize();
            Validator v = Validator.latencySensitive();
            Domain aligned = tuned(p.applyTo(DomainBuilder.named("numa-aligned"))).assemble();
            Layout a = new Layout("aligned", "one guest cell, vCPUs on node " + p.cells().get(0).hostNode()
                    + ", memory strict on it", aligned, p.vcpuPins(), p.hostNodes(), v.validate(aligned, host));
            Optional<Layout> crossing = crossing(host, p.cells().get(0).hostNode(), pages, p.emulatorPin(), v);
            HostPicture picture = new HostPicture(host, HostAccess.sysfs(lease.connection()));
            if (svg != null) {
                HostCommand.writeSvg(svg, picture(host, lease.connection().uri(), pages, a, crossing));
            }
            if (json) {
                out.println(json(lease.connection().uri(), t, picture, a, crossing));
            } else {
                out.println("NUMA compare on " + lease.connection().uri() + ": " + Counts.of(vcpus, "vCPU") + ", "
                        + Sizes.human(memory)
                        + pages.map(s -> " on " + s.format() + " pages").orElse(" on base pages"));
                out.print(picture.text());
                out.println();
                layout(out, t, a);
                if (crossing.isPresent()) {
                    layout(out, t, crossing.get());
                    out.println(verdict(t, a, crossing.get()));
                } else {
                    out.println("Crossing layout: not possible here (" + (t.nodes().size() < 2
                            ? "the host has one NUMA node: nothing can cross" : "no second node has free CPUs") + ")");
                }
            }
            out.flush();
            return Virtforge.OK;
        }
    }

    /** What both layouts share: the tuning that is not about NUMA. */
    private static DomainBuilder tuned(DomainBuilder b) {
        return b.cpu(c -> c.hostPassthrough()).lockedMemory();
    }

    /** Two guest cells, vCPUs alternating between {@code first} and its nearest node, memory unbound. */
    private Optional<Layout> crossing(HostState host, int first, Optional<PageSize> pages, CpuSet emulator,
            Validator v) {
        HostTopology t = host.topology();
        NumaNode a = t.node(first).orElseThrow();
        int needA = (vcpus + 1) / 2;
        int needB = vcpus / 2;
        CpuSet freeA = free(host, a).minus(emulator);
        if (freeA.size() < needA) {
            return Optional.empty();
        }
        Optional<NumaNode> b = t.nodes().stream()
                .filter(n -> n.id() != first && free(host, n).minus(emulator).size() >= needB)
                .min(Comparator.comparingInt((NumaNode n) -> a.distanceTo(n.id()).orElse(Integer.MAX_VALUE))
                        .thenComparingInt(NumaNode::id));
        if (b.isEmpty()) {
            return Optional.empty();
        }
        int[] cpusA = freeA.toArray();
        int[] cpusB = free(host, b.get()).minus(emulator).toArray();
        DataSize half = DataSize.ofBytes(memory.bytes() / 2);
        DomainBuilder builder = DomainBuilder.named("numa-crossing").vcpus(vcpus).memory(memory)
                .numaCell(CpuSet.range(0, (vcpus + 1) / 2 - 1), DataSize.ofBytes(memory.bytes() - half.bytes()))
                .numaCell(CpuSet.range((vcpus + 1) / 2, vcpus - 1), half);
        Map<Integer, CpuSet> pins = new LinkedHashMap<>();
        int ia = 0;
        int ib = 0;
        for (int vcpu = 0; vcpu < vcpus; vcpu++) {
            // the host scheduler's view of two cells: vCPUs land on either node
            boolean onA = vcpu % 2 == 0 ? ia < needA : ib >= needB;
            int cpu = onA ? cpusA[ia++] : cpusB[ib++];
            pins.put(vcpu, CpuSet.of(cpu));
            builder.pinVcpu(vcpu, CpuSet.of(cpu));
        }
        pages.ifPresent(builder::hugepages);
        builder.pinEmulator(emulator);
        Domain d = tuned(builder).assemble();
        return Optional.of(new Layout("crossing", "two guest cells, no numatune, vCPUs spread over nodes " + first
                + " and " + b.get().id(), d, pins, NodeSet.of(first, b.get().id()), v.validate(d, host)));
    }

    private static CpuSet free(HostState host, NumaNode n) {
        CpuSet busy = CpuSet.empty();
        for (var f : host.footprints()) {
            busy = busy.union(f.vcpuPins()).union(f.emulatorPin()).union(f.iothreadPins());
        }
        return n.cpus().intersect(host.topology().onlineCpus()).minus(busy);
    }

    /** Both layouts side by side, each drawn on the host as if it ran there (its pages taken from the pools). */
    private String picture(HostState host, String uri, Optional<PageSize> pages, Layout a, Optional<Layout> c) {
        List<HostSvg.Drawing> panels = new ArrayList<>();
        panels.add(panel(host, a));
        c.ifPresent(l -> panels.add(panel(host, l)));
        return HostSvg.sideBySide("NUMA compare on " + uri + ": " + Counts.of(vcpus, "vCPU") + ", " + Sizes.human(memory)
                + pages.map(s -> " on " + s.format() + " pages").orElse(" on base pages")
                + (c.isEmpty() ? " (no crossing layout on this host)" : ""), panels);
    }

    private static HostSvg.Drawing panel(HostState host, Layout l) {
        List<String> notes = new ArrayList<>();
        notes.add("memory: " + memoryPlacement(l));
        notes.add("validator (latency-sensitive): " + l.report().errors().size() + " error(s), "
                + l.report().warnings().size() + " warning(s)");
        for (Finding f : l.report().findings()) {
            String line = f.severity() + " " + f.code() + ": " + f.message();
            notes.add(line.length() <= 160 ? line : line.substring(0, 159) + "\u2026");
        }
        return new HostSvg(new HostPicture(host.with(l.domain()), Optional.empty())).draw(title(l), notes);
    }

    private static String title(Layout l) {
        return l.name().substring(0, 1).toUpperCase(Locale.ROOT) + l.name().substring(1) + " layout: " + l.description();
    }

    private static String memoryPlacement(Layout l) {
        return l.domain().numatune().flatMap(x -> x.memory()).map(m -> m.modeAsString().orElse("strict")
                + " on " + m.nodeset().map(Counts::nodes).orElse("?")).orElse("no numatune: the kernel places "
                + "it wherever the touching vCPU runs");
    }

    private static void layout(PrintWriter out, HostTopology t, Layout l) {
        out.println(title(l));
        StringBuilder pins = new StringBuilder("  vCPU -> CPU (node):");
        l.pins().forEach((vcpu, cpus) -> pins.append(' ').append(vcpu).append("->").append(cpus.format()).append(" (")
                .append(t.nodeOf(cpus.first().orElse(-1))).append(')'));
        out.println(pins);
        out.println("  emulator -> CPU " + l.domain().cputune().flatMap(x -> x.emulatorPin()).map(CpuSet::format)
                .orElse("(not pinned)"));
        out.println("  memory: " + memoryPlacement(l));
        out.println("  validator (latency-sensitive): " + l.report().errors().size() + " error(s), "
                + l.report().warnings().size() + " warning(s)");
        for (Finding f : l.report().findings()) {
            out.println("    " + f.severity() + " " + f.code() + ": " + f.message());
        }
    }

    private static String verdict(HostTopology t, Layout a, Layout c) {
        int[] nodes = c.nodes().toArray();
        OptionalInt local = t.node(nodes[0]).orElseThrow().distanceTo(nodes[0]);
        OptionalInt remote = t.node(nodes[0]).orElseThrow().distanceTo(nodes[1]);
        String ratio = local.isPresent() && remote.isPresent() && local.getAsInt() > 0
                ? String.format(Locale.ROOT, "; remote memory is %.1fx as far as local (distance %d vs %d)",
                        remote.getAsInt() / (double) local.getAsInt(), remote.getAsInt(), local.getAsInt())
                : "";
        List<String> only = c.report().findings().stream().map(Finding::code).filter(code -> !a.report().has(code))
                .distinct().toList();
        return "Verdict: the aligned layout keeps every vCPU next to its memory" + ratio + ". The seed measured "
                + "NUMA-aligned guests 10-20% faster than crossing ones. Only the crossing layout has: "
                + (only.isEmpty() ? "nothing" : String.join(", ", only)) + ".";
    }

    private static String json(String uri, HostTopology t, HostPicture picture, Layout a, Optional<Layout> c) {
        Map<String, Object> m = JsonText.object("uri", uri,
                "host", JsonText.object("nodes", t.nodes().stream().map(n -> JsonText.object("id", n.id(),
                        "cpus", n.cpus().format(), "memory", n.memory().format())).toList(),
                        "pinnedBy", picture.pinnedByJson()),
                "aligned", layoutJson(a), "crossing", c.<Object>map(NumaCompareCommand::layoutJson).orElse(null));
        return Json.write(m);
    }

    private static Map<String, Object> layoutJson(Layout l) {
        Map<String, Object> pins = new LinkedHashMap<>();
        l.pins().forEach((v, s) -> pins.put(Integer.toString(v), s.format()));
        return JsonText.object("description", l.description(), "nodes", l.nodes().format(), "vcpuPins", pins,
                "numatune", l.domain().numatune().isPresent(), "cells", l.domain().cpu().map(x -> x.numaCells().size())
                        .orElse(0), "errors", l.report().errors().size(), "warnings", l.report().warnings().size(),
                "findings", l.report().findings());
    }
}
