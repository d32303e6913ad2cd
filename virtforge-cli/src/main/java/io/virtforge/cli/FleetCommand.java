package io.virtforge.cli;

import io.virtforge.fleet.Fleet;
import io.virtforge.fleet.FleetConstraints;
import io.virtforge.fleet.FleetDirectory;
import io.virtforge.fleet.FleetHost;
import io.virtforge.fleet.FleetNoFit;
import io.virtforge.fleet.FleetPlacement;
import io.virtforge.fleet.FleetResult;
import io.virtforge.fleet.HostWeigher;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.plan.Strategy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code virtforge fleet ...}: many hosts at once, from snapshot folders. */
@Command(name = "fleet", description = "Many hosts at once, read from a folder of host snapshots. "
        + "Exit codes: see each subcommand.", subcommands = FleetCommand.Place.class)
final class FleetCommand {
    private FleetCommand() {
    }

    /** {@code virtforge fleet place --hosts DIR ...}. */
    @Command(name = "place", description = {
        "Choose the host of a fleet for a VM: among the hosts that pass the constraints and where the planner "
            + "finds a placement (as virtforge plan does on one host), the best by the strategy. "
            + "Exit 0 on a fit, 1 on no fit, 2 on bad input.",
        "DIR holds one folder per host, named by the host: capabilities.xml (virsh capabilities), any other "
            + "*.xml by its root element (<device>: a node device, <domain>: a domain already there), and an "
            + "optional 'labels' file (one label per line, # comments). Hidden files are ignored."})
    static final class Place implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--hosts", required = true, paramLabel = "DIR", description = "The fleet: one folder per host.")
        Path hosts;
        @Mixin
        RequestOptions vm;
        @Option(names = "--strategy", defaultValue = "pack", description = "pack (the fullest host that fits, and "
                + "its fullest nodes) or spread (the emptiest host, and its emptiest nodes).")
        String strategy;
        @Option(names = "--require-label", paramLabel = "LABEL", description = "Only hosts with this label (repeatable).")
        List<String> labels = new ArrayList<>();
        @Option(names = "--avoid", paramLabel = "HOST", description = "Not this host (repeatable).")
        List<String> avoid = new ArrayList<>();
        @Option(names = "--anti-affinity", paramLabel = "DOMAIN", description = "Not on a host that holds a domain "
                + "of this name (repeatable: the group).")
        List<String> antiAffinity = new ArrayList<>();
        @Option(names = "--affinity", paramLabel = "DOMAIN", description = "On a host that holds a domain of this "
                + "name (repeatable: the group); anywhere while no host holds any of them.")
        List<String> affinity = new ArrayList<>();
        @Option(names = "--json", description = "Print the answer as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PlacementRequest request = vm.request(spec.commandLine(), strategy);
            Fleet fleet = FleetDirectory.load(hosts);
            FleetResult result = vm.overcommit.fleetPlanner(weigher(request.strategy())).plan(request, constraints(fleet), fleet);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(result.toJson());
            } else if (result instanceof FleetPlacement p) {
                out.print("host " + p.hostId() + "\n" + Pictures.placement(p.placement()));
            } else {
                out.print(text((FleetNoFit) result, fleet.size()));
            }
            out.flush();
            return result.fits() ? Virtforge.OK : Virtforge.PROBLEM;
        }

        /** One word for both levels: pack fills the fullest host and, on it, the fullest nodes; spread the emptiest. */
        private static HostWeigher<?> weigher(Strategy strategy) {
            return switch (strategy) {
                case PACK -> HostWeigher.PACK;
                case SPREAD -> HostWeigher.SPREAD;
            };
        }

        private FleetConstraints constraints(Fleet fleet) {
            for (String host : avoid) {
                if (fleet.host(host).isEmpty()) {
                    // a misspelt host would otherwise be avoided by nobody, silently
                    throw CliException.badInput("--avoid " + host + ": " + hosts + " has no host " + host
                            + " (its hosts: " + String.join(", ", fleet.hosts().keySet()) + ")");
                }
            }
            FleetConstraints.Builder b = FleetConstraints.builder();
            labels.forEach(b::requireLabel);
            avoid.forEach(b::avoid);
            b.antiAffinity(holding(fleet, antiAffinity));
            b.affinity(holding(fleet, affinity));
            return b.build();
        }

        /** The hosts that hold a domain of one of the names. */
        private static Set<String> holding(Fleet fleet, List<String> domainNames) {
            Set<String> ids = new TreeSet<>();
            for (FleetHost h : fleet.all()) {
                if (h.state().domains().stream().anyMatch(d -> domainNames.contains(d.name()))) {
                    ids.add(h.id());
                }
            }
            return ids;
        }

        private static String text(FleetNoFit noFit, int hosts) {
            StringBuilder sb = new StringBuilder("no host fits (" + Counts.of(hosts, "host") + "):\n");
            int width = noFit.rejectedHosts().keySet().stream().mapToInt(String::length).max().orElse(0);
            for (Map.Entry<String, Integer> e : noFit.rejectedHosts().entrySet()) {
                sb.append(String.format("  %-" + width + "s  %s\n", e.getKey(), Counts.of(e.getValue(), "host")));
            }
            return sb.toString();
        }
    }
}
