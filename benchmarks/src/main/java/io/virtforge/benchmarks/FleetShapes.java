package io.virtforge.benchmarks;

import io.virtforge.fleet.Fleet;
import io.virtforge.fleet.FleetConstraints;
import io.virtforge.fleet.FleetHost;
import io.virtforge.fleet.FleetPlanner;
import io.virtforge.fleet.HostWeigher;
import io.virtforge.plan.CellPlacement;
import io.virtforge.plan.NoFit;
import io.virtforge.plan.Placement;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.plan.PlacementResult;
import io.virtforge.plan.Planner;
import io.virtforge.plan.Rejection;
import io.virtforge.topology.HostState;
import io.virtforge.topology.NumaNode;
import io.virtforge.topology.PciDevice;
import io.virtforge.value.PageSize;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The fleet side of the Nova peer ([fleet] issue).
 *
 * <ul>
 *   <li>{@code export OUT.json [HOSTS]}: writes the {@link FleetCases} fleet (1,000 hosts by default) for
 *       {@code benchmarks/nova/nova_fleet.py}: per host its nodes as {@link PlannerShapes#nodesJson} gives them
 *       and its free PCI devices; the {@link FleetCases} requests; and per request the hosts Virtforge accepts
 *       (the single-host {@link Planner} fits), checked against {@link FleetPlanner#accepted}.</li>
 *   <li>{@code compare NOVA.txt [HOSTS]}: reads the script's accepted sets (one line per request: the name,
 *       then the host ids Nova's {@code numa_fit_instance_to_host} accepts) and lists every host where the
 *       answers differ, with what each side says about it and the host's free resources per node.</li>
 * </ul>
 */
public final class FleetShapes {
    private FleetShapes() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || !List.of("export", "compare").contains(args[0])) {
            System.err.println("usage: FleetShapes export OUT.json [HOSTS] | compare NOVA.txt [HOSTS]");
            System.exit(2);
        }
        int hosts = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Fleet fleet = FleetCases.fleet(hosts);
        if (args[0].equals("export")) {
            Files.writeString(Path.of(args[1]), export(fleet), StandardCharsets.UTF_8);
        } else {
            compare(fleet, Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8));
        }
    }

    /** Per request, the hosts where the single-host planner fits. */
    static Map<String, SortedSet<String>> accepted(Fleet fleet) {
        Planner planner = Planner.create();
        FleetPlanner fleetPlanner = FleetPlanner.create(HostWeigher.PACK);
        Map<String, SortedSet<String>> out = new LinkedHashMap<>();
        for (String name : FleetCases.REQUESTS) {
            PlacementRequest r = FleetCases.request(name);
            SortedSet<String> fits = new TreeSet<>();
            for (FleetHost h : fleet.all()) {
                if (planner.plan(r, h.state()).fits()) {
                    fits.add(h.id());
                }
            }
            SortedSet<String> byFleet = fleetPlanner.accepted(r, FleetConstraints.none(), fleet);
            if (!byFleet.equals(fits)) {
                throw new IllegalStateException(name + ": FleetPlanner.accepted differs from planning every host");
            }
            out.put(name, fits);
        }
        return out;
    }

    private static String export(Fleet fleet) {
        Map<String, SortedSet<String>> accepted = accepted(fleet);
        StringBuilder b = new StringBuilder("{\"seed\": ").append(FleetCases.SEED).append(", \"requests\": [");
        StringJoiner reqs = new StringJoiner(",");
        for (String name : FleetCases.REQUESTS) {
            PlacementRequest r = FleetCases.request(name);
            StringJoiner ids = new StringJoiner(",", "[", "]");
            accepted.get(name).forEach(id -> ids.add("\"" + id + "\""));
            reqs.add("\n {\"name\": \"" + name + "\", \"vcpus\": " + r.vcpus() + ", \"cells\": " + r.cellCount()
                    + ", \"memory_mib\": " + (r.memory().bytes() >> 20) + ", \"page_kb\": 2048, \"device\": \""
                    + (FleetCases.gpu(name) ? "required" : "none") + "\", \"gpu\": {\"vendor\": \""
                    + PlannerShapes.hex(io.virtforge.fake.fixtures.SyntheticFleet.GPU_VENDOR) + "\", \"product\": \""
                    + PlannerShapes.hex(io.virtforge.fake.fixtures.SyntheticFleet.GPU_DEVICE) + "\"}"
                    + ", \"virtforge_accepted\": " + ids + "}");
            System.err.println("[fleet-shapes] " + name + ": Virtforge accepts " + accepted.get(name).size() + " of "
                    + fleet.size() + " hosts");
        }
        b.append(reqs).append("],\n\"hosts\": [");
        StringJoiner hosts = new StringJoiner(",");
        for (FleetHost h : fleet.all()) {
            hosts.add("\n{\"id\": \"" + h.id() + "\", \"nodes\": " + PlannerShapes.nodesJson(h.state()) + ", \"pci\": "
                    + PlannerShapes.pciJson(h.state(), true) + "}");
        }
        return b.append(hosts).append("]}\n").toString();
    }

    private static void compare(Fleet fleet, List<String> novaLines) {
        Map<String, SortedSet<String>> nova = new TreeMap<>();
        for (String line : novaLines) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 0 && !f[0].isEmpty() && !f[0].startsWith("#")) {
                nova.put(f[0], new TreeSet<>(List.of(f).subList(1, f.length)));
            }
        }
        Map<String, SortedSet<String>> ours = accepted(fleet);
        Planner planner = Planner.create();
        System.out.println("| request | Virtforge accepts | Nova accepts | both | only Virtforge | only Nova |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        List<String> details = new ArrayList<>();
        for (String name : FleetCases.REQUESTS) {
            SortedSet<String> v = ours.get(name);
            SortedSet<String> n = nova.getOrDefault(name, new TreeSet<>());
            SortedSet<String> onlyV = new TreeSet<>(v);
            onlyV.removeAll(n);
            SortedSet<String> onlyN = new TreeSet<>(n);
            onlyN.removeAll(v);
            SortedSet<String> both = new TreeSet<>(v);
            both.retainAll(n);
            System.out.println("| " + name + " | " + v.size() + " | " + n.size() + " | " + both.size() + " | "
                    + onlyV.size() + " | " + onlyN.size() + " |");
            for (String id : onlyV) {
                details.add(name + " " + id + ": only Virtforge; " + describe(planner, name, fleet.host(id).orElseThrow()));
            }
            for (String id : onlyN) {
                details.add(name + " " + id + ": only Nova; " + describe(planner, name, fleet.host(id).orElseThrow()));
            }
        }
        System.out.println();
        System.out.println(details.isEmpty() ? "no host where the answers differ" : details.size() + " differences:");
        details.forEach(d -> System.out.println("- " + d));
    }

    /** Virtforge's answer and the host's free resources per node. */
    private static String describe(Planner planner, String name, FleetHost h) {
        PlacementResult r = planner.plan(FleetCases.request(name), h.state());
        String answer;
        if (r instanceof Placement p) {
            answer = "Virtforge: guest cells on nodes " + p.cells().stream().map(CellPlacement::hostNode).toList()
                    + (p.devices().isEmpty() ? "" : ", device " + p.devices());
        } else {
            Map<String, List<Integer>> byCode = new TreeMap<>();
            for (Rejection x : ((NoFit) r).reasons()) {
                byCode.computeIfAbsent(x.code(), k -> new ArrayList<>()).add(x.hostNode());
            }
            answer = "Virtforge: no fit " + byCode;
        }
        HostState s = h.state();
        StringJoiner nodes = new StringJoiner(", ", "host " + h.labels() + ", per node free CPUs/whole free cores/"
                + "free 2M pages/free GPU: ", "");
        for (NumaNode n : s.topology().nodes()) {
            var free = n.cpus().minus(s.pinnedCpus());
            long cores = 0;
            var seen = io.virtforge.value.CpuSet.empty();
            for (int cpu : n.cpus().toArray()) {
                if (!seen.contains(cpu)) {
                    var core = s.topology().cpu(cpu).orElseThrow().siblings();
                    seen = seen.union(core);
                    cores += free.containsAll(core) ? 1 : 0;
                }
            }
            boolean gpu = false;
            for (PciDevice d : s.topology().pciDevices()) {
                gpu |= d.numaNode().orElse(-1) == n.id() && d.vendorId() == io.virtforge.fake.fixtures.SyntheticFleet.GPU_VENDOR
                        && s.assignedTo(d.address()).isEmpty();
            }
            nodes.add(n.id() + ":" + free.size() + "/" + cores + "/" + s.freeHugePages(n.id(), PageSize.MIB_2)
                    + (gpu ? "/gpu" : "/-"));
        }
        return answer + "; " + nodes;
    }
}
