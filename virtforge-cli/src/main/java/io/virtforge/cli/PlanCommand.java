package io.virtforge.cli;

import io.virtforge.build.DomainBuilder;
import io.virtforge.model.DomainXml;
import io.virtforge.plan.MdevChoice;
import io.virtforge.plan.Placement;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.plan.PlacementResult;
import io.virtforge.topology.HostFiles;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.MdevInstance;
import io.virtforge.topology.MdevParent;
import io.virtforge.value.CpuSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code virtforge plan}: the placement planner from the command line. */
@Command(name = "plan", description = "Place a VM on a host: choose NUMA nodes, pin vCPUs, emulator and I/O "
        + "threads, pick huge pages, keep devices local. Exit 0 on a fit, 1 on no fit, 2 on bad input.")
final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--host", required = true, paramLabel = "CAPS.xml", description = "The host's libvirt capabilities.")
    Path host;
    @Option(names = "--nodedev", paramLabel = "DEVICE.xml", description = "Node device XMLs (PCI devices).")
    List<Path> nodeDevices = new ArrayList<>();
    @Option(names = "--domain", paramLabel = "EXISTING.xml", description = "Domains already on the host.")
    List<Path> domains = new ArrayList<>();
    @Option(names = "--name", defaultValue = "planned", description = "The domain name for --xml.")
    String name;
    @Mixin
    RequestOptions vm;
    @Option(names = "--strategy", defaultValue = "pack", description = "pack or spread.")
    String strategy;
    @Option(names = "--json", description = "Print the placement as JSON (not with --xml).")
    boolean json;
    @Option(names = "--xml", description = "Print the placed domain's XML (not with --json).")
    boolean xml;

    @Override
    public Integer call() throws Exception {
        if (json && xml) {
            throw new ParameterException(spec.commandLine(), "--json and --xml cannot go together: choose one");
        }
        PlacementRequest request = vm.request(spec.commandLine(), strategy);
        HostState state = HostFiles.state(host, nodeDevices, domains);
        if (vm.reservedCpus().isPresent() && !state.topology().onlineCpus().containsAll(vm.reservedCpus().get())) {
            CpuSet reserved = vm.reservedCpus().get();
            throw CliException.badInput("--reserved-cpus " + reserved.format() + ": the host has no CPU "
                    + reserved.minus(state.topology().onlineCpus()).format() + " (its online CPUs are "
                    + state.topology().onlineCpus().format() + ")");
        }
        PlacementResult result = vm.overcommit.planner().plan(request, state);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(result.toJson());
        } else {
            out.print(result.map(p -> xml ? DomainXml.defaults().write(p.applyTo(DomainBuilder.named(name)).buildFor(withCreated(state, p)))
                    : Pictures.placement(p)).orElseGet(result::toString));
        }
        out.flush();
        return result.fits() ? Virtforge.OK : Virtforge.PROBLEM;
    }

    /**
     * The host with the mediated devices the placement is to create, as it will be when the domain is defined (the
     * checks of {@code --xml} would otherwise find them missing).
     */
    private static HostState withCreated(HostState state, Placement p) {
        if (p.mdevs().stream().noneMatch(MdevChoice::create)) {
            return state;
        }
        HostTopology.Builder b = state.topology().toBuilder();
        for (MdevChoice m : p.mdevs()) {
            if (m.create()) {
                b.mdevInstance(new MdevInstance(m.uuid(), m.type(), m.parent(),
                        state.topology().mdevParent(m.parent()).map(MdevParent::numaNode).orElse(OptionalInt.empty())));
            }
        }
        return HostState.of(b.build(), state.domains());
    }
}
