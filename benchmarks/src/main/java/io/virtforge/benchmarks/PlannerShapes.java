package io.virtforge.benchmarks;

import io.virtforge.plan.CellPlacement;
import io.virtforge.plan.NoFit;
import io.virtforge.plan.Placement;
import io.virtforge.plan.PlacementResult;
import io.virtforge.plan.Planner;
import io.virtforge.plan.Rejection;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HugePagePool;
import io.virtforge.topology.NumaNode;
import io.virtforge.topology.PciDevice;
import io.virtforge.value.CpuSet;
import io.virtforge.value.PageSize;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Writes the planner's cases ({@link PlannerBenchmark}'s grid and worst shapes) as JSON for the Nova peer
 * ({@code benchmarks/nova/nova_fit.py}), with Virtforge's answer for each: per host node its CPUs, SMT
 * sibling sets, pinned CPUs, memory and memory held, 2 MiB page pool total and pages held; the PCI
 * devices with vendor, product and node; the request; whether Virtforge places it and where, or why not,
 * plus a quick median of Virtforge's plan time over a few hundred calls (not a substitute for JMH).
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.virtforge.benchmarks.PlannerShapes [OUT.json]} (default:
 * standard output).
 */
public final class PlannerShapes {
    private static final String[] HOSTS = {"2x16x2", "8x16x2", "16x8x2"};
    private static final int[] VCPUS = {4, 16, 64};
    private static final int[] CELLS = {1, 2, 4};
    private static final String[] DEVICES = {"none", "required", "fullnode"};
    private static final String[] WORST = {"8x16x2:4", "8x16x2:7", "10x16x2:5"};

    private PlannerShapes() {
    }

    /** Every case, the grid first, then the worst shapes. */
    public static List<PlannerCase> all() {
        List<PlannerCase> out = new ArrayList<>();
        for (String h : HOSTS) {
            for (int v : VCPUS) {
                for (int c : CELLS) {
                    for (String d : DEVICES) {
                        out.add(PlannerCase.of(h, v, c, d));
                    }
                }
            }
        }
        for (String w : WORST) {
            out.add(PlannerCase.worst(w));
        }
        return out;
    }

    public static void main(String[] args) throws IOException {
        Planner planner = Planner.create();
        StringJoiner cases = new StringJoiner(",\n", "[\n", "\n]\n");
        List<PlannerCase> all = all();
        for (int i = 0; i < all.size(); i++) {
            PlannerCase c = all.get(i);
            HostState s = c.state();
            PlacementResult r = planner.plan(c.request(), s);
            cases.add(json(c, i >= all.size() - WORST.length ? "worst" : "plan", s, r, medianMicros(planner, c, s)));
            System.err.println("[shapes] " + c.name() + ": " + PlannerCase.describe(r));
        }
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), cases.toString(), StandardCharsets.UTF_8);
        } else {
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.print(cases);
        }
    }

    /** A rough median of plan() in µs over 300 calls after 300 warm-up calls (the JMH figures are the real ones). */
    private static double medianMicros(Planner planner, PlannerCase c, HostState s) {
        var request = c.request();
        for (int i = 0; i < 300; i++) {
            planner.plan(request, s);
        }
        long[] t = new long[300];
        for (int i = 0; i < t.length; i++) {
            long start = System.nanoTime();
            planner.plan(request, s);
            t[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(t);
        return t[t.length / 2] / 1000.0;
    }

    private static String json(PlannerCase c, String benchmark, HostState s, PlacementResult r, double medianUs) {
        StringBuilder b = new StringBuilder();
        b.append("{\"name\": \"").append(c.name()).append("\", \"benchmark\": \"").append(benchmark)
                .append("\", \"host\": \"").append(c.host()).append("\", \"vcpus\": ").append(c.vcpus())
                .append(", \"cells\": ").append(c.cells()).append(", \"device\": \"").append(c.device())
                .append("\", \"memory_mib\": ").append(c.memory().bytes() >> 20).append(", \"page_kb\": 2048")
                .append(", \"gpu\": {\"vendor\": \"").append(hex(BenchHosts.GPU_VENDOR)).append("\", \"product\": \"")
                .append(hex(BenchHosts.GPU_DEVICE)).append("\"}");
        b.append(",\n  \"nodes\": ").append(nodesJson(s)).append(",\n  \"pci\": ").append(pciJson(s, false));
        b.append(",\n  \"virtforge\": {\"fits\": ").append(r.fits());
        if (r instanceof Placement p) {
            b.append(", \"host_nodes\": ").append(p.cells().stream().map(CellPlacement::hostNode).toList());
        } else {
            StringJoiner codes = new StringJoiner(", ", "[", "]");
            for (Rejection x : ((NoFit) r).reasons()) {
                codes.add("\"" + x.hostNode() + ":" + x.code() + "\"");
            }
            b.append(", \"reasons\": ").append(codes);
        }
        b.append(String.format(Locale.ROOT, ", \"median_us\": %.1f}}", medianUs));
        return b.toString();
    }

    /**
     * The host's nodes as the Nova peer reads them: per node its id, socket, CPUs, SMT sibling sets, pinned
     * CPUs, memory and 2 MiB pages held (as memory used), the 2 MiB pool's total and pages held.
     */
    static String nodesJson(HostState s) {
        StringJoiner nodes = new StringJoiner(",", "[", "]");
        for (NumaNode n : s.topology().nodes()) {
            StringJoiner siblings = new StringJoiner(",", "[", "]");
            s.topology().cores(n.id()).forEach(core -> siblings.add(ints(core)));
            HugePagePool pool = n.pool(PageSize.MIB_2).orElseThrow();
            long held = s.heldHugePages(n.id(), PageSize.MIB_2);
            int socket = s.topology().cpu(n.cpus().first().getAsInt()).flatMap(x -> x.socket().stream().boxed()
                    .findFirst()).orElse(0);
            nodes.add("\n    {\"id\": " + n.id() + ", \"socket\": " + socket + ", \"cpus\": " + ints(n.cpus())
                    + ", \"siblings\": " + siblings + ", \"pinned\": " + ints(n.cpus().intersect(s.pinnedCpus()))
                    + ", \"memory_mib\": " + (n.memory().bytes() >> 20) + ", \"memory_used_mib\": " + held * 2
                    + ", \"pages_2m_total\": " + pool.total() + ", \"pages_2m_used\": " + held + "}");
        }
        return nodes.toString();
    }

    /** The host's PCI devices (address, vendor, product, node); with {@code freeOnly}, those no domain holds. */
    static String pciJson(HostState s, boolean freeOnly) {
        StringJoiner pci = new StringJoiner(", ", "[", "]");
        for (PciDevice d : s.topology().pciDevices()) {
            if (freeOnly && s.assignedTo(d.address()).isPresent()) {
                continue;
            }
            pci.add("{\"address\": \"" + d.address().format() + "\", \"vendor\": \"" + hex(d.vendorId())
                    + "\", \"product\": \"" + hex(d.deviceId()) + "\", \"node\": " + d.numaNode().orElse(-1) + "}");
        }
        return pci.toString();
    }

    static String ints(CpuSet set) {
        StringJoiner j = new StringJoiner(",", "[", "]");
        for (int i : set.toArray()) {
            j.add(Integer.toString(i));
        }
        return j.toString();
    }

    static String hex(int id) {
        return String.format("%04x", id);
    }
}
