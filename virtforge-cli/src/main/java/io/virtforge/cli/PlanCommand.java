package io.virtforge.cli;

import io.virtforge.build.DomainBuilder;
import io.virtforge.plan.CpuPolicy;
import io.virtforge.plan.DeviceRequest;
import io.virtforge.plan.EmulatorPolicy;
import io.virtforge.plan.NumaAffinity;
import io.virtforge.plan.PagePolicy;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.plan.PlacementResult;
import io.virtforge.plan.Planner;
import io.virtforge.plan.Strategy;
import io.virtforge.plan.ThreadPolicy;
import io.virtforge.topology.HostState;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import io.virtforge.model.DomainXml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
    @Option(names = "--vcpus", required = true, description = "vCPUs.")
    int vcpus;
    @Option(names = "--memory", required = true, converter = Arguments.Size.class,
            description = "Memory: 16 (GiB) or a size such as 512MiB.")
    DataSize memory;
    @Option(names = "--numa-nodes", paramLabel = "K", description = "Guest NUMA cells (default: as few as fit).")
    Integer numaNodes;
    @Option(names = "--numa-cpus", paramLabel = "\"0-3;4-7\"", description = "vCPUs per guest cell (asymmetric cells).")
    String numaCpus;
    @Option(names = "--numa-mem", paramLabel = "\"8GiB;8GiB\"", description = "Memory per guest cell, with --numa-cpus.")
    String numaMem;
    @Option(names = "--cpu-policy", defaultValue = "dedicated", description = "dedicated, shared or mixed.")
    String cpuPolicy;
    @Option(names = "--dedicated-vcpus", converter = Arguments.Cpus.class, description = "The dedicated vCPUs of --cpu-policy mixed.")
    CpuSet dedicatedVcpus;
    @Option(names = "--thread-policy", defaultValue = "prefer", description = "prefer, isolate or require.")
    String threadPolicy;
    @Option(names = "--emulator-threads", defaultValue = "share", description = "share or isolate.")
    String emulatorThreads;
    @Option(names = "--iothreads", defaultValue = "0", description = "I/O threads (pinned with the emulator).")
    int iothreads;
    @Option(names = "--page-size", defaultValue = "any", description = "small, large, any, or a size (2MiB, 1GiB).")
    String pageSize;
    @Option(names = "--pci", paramLabel = "ADDR", description = "A passthrough device: 0000:3b:00.0, vf:PF-ADDRESS "
            + "(any free VF of a PF) or vvvv:dddd (any free device with these ids).")
    List<String> pci = new ArrayList<>();
    @Option(names = "--pci-policy", defaultValue = "required", description = "required, preferred, legacy or socket.")
    String pciPolicy;
    @Option(names = "--reserved-cpus", converter = Arguments.Cpus.class, description = "Housekeeping CPUs (no vCPUs).")
    CpuSet reservedCpus;
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
        checkBounds();
        PlacementRequest request;
        try {
            request = request();
        } catch (IllegalArgumentException | io.virtforge.VirtforgeException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        HostState state = HostFiles.state(host, nodeDevices, domains);
        if (reservedCpus != null && !state.topology().onlineCpus().containsAll(reservedCpus)) {
            throw CliException.badInput("--reserved-cpus " + reservedCpus.format() + ": the host has no CPU "
                    + reservedCpus.minus(state.topology().onlineCpus()).format() + " (its online CPUs are "
                    + state.topology().onlineCpus().format() + ")");
        }
        PlacementResult result = Planner.create().plan(request, state);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(result.toJson());
        } else {
            out.print(result.map(p -> xml ? DomainXml.defaults().write(p.applyTo(DomainBuilder.named(name)).buildFor(state))
                    : Pictures.placement(p)).orElseGet(result::toString));
        }
        out.flush();
        return result.fits() ? Virtforge.OK : Virtforge.PROBLEM;
    }

    private void checkBounds() {
        Counts.requireBetween("--vcpus", vcpus, 1, Counts.MAX_VCPUS, "");
        Sizes.requireAtLeast("--memory", memory, Sizes.MIN_MEMORY, "no guest boots in less");
        Counts.requireBetween("--iothreads", iothreads, 0, Counts.MAX_IOTHREADS, "each is a host thread; a disk uses one");
        if (numaNodes != null) {
            Counts.requireBetween("--numa-nodes", numaNodes, 1, vcpus, "each guest cell needs a vCPU");
        }
    }

    /** Each vCPU in one cell: the SDK would say only "vCPUs 1 are in two cells". */
    private static void requireDisjoint(List<CpuSet> cells) {
        for (int i = 0; i < cells.size(); i++) {
            for (int j = i + 1; j < cells.size(); j++) {
                CpuSet both = cells.get(i).intersect(cells.get(j));
                if (!both.isEmpty()) {
                    throw CliException.badInput("--numa-cpus: " + (both.size() == 1 ? "vCPU " : "vCPUs ") + both.format()
                            + " in both cell " + i + " and cell " + j + "; each vCPU goes in exactly one cell");
                }
            }
        }
    }

    private PlacementRequest request() {
        PlacementRequest.Builder b = PlacementRequest.builder(vcpus, memory);
        if (numaCpus != null || numaMem != null) {
            List<String> cpus = Arguments.list(numaCpus == null ? "" : numaCpus);
            List<String> mems = Arguments.list(numaMem == null ? "" : numaMem);
            if (cpus.size() != mems.size() || cpus.isEmpty()) {
                throw new IllegalArgumentException("--numa-cpus and --numa-mem must list the same number of cells");
            }
            List<CpuSet> cellCpus = cpus.stream().map(CpuSet::parse).toList();
            requireDisjoint(cellCpus);
            for (int i = 0; i < cpus.size(); i++) {
                b.cell(cellCpus.get(i), new Arguments.Size().convert(mems.get(i)));
            }
        } else if (numaNodes != null) {
            b.cells(numaNodes);
        }
        CpuPolicy cp = Arguments.choice(CpuPolicy.class, cpuPolicy);
        if (cp == CpuPolicy.MIXED) {
            if (dedicatedVcpus == null) {
                throw new IllegalArgumentException("--cpu-policy mixed needs --dedicated-vcpus");
            }
            b.mixed(dedicatedVcpus);
        } else {
            b.cpuPolicy(cp);
        }
        b.threadPolicy(Arguments.choice(ThreadPolicy.class, threadPolicy));
        b.emulatorPolicy(Arguments.choice(EmulatorPolicy.class, emulatorThreads));
        b.iothreads(iothreads);
        if (Character.isDigit(pageSize.charAt(0))) {
            b.pageSize(PageSize.parse(pageSize));
        } else {
            PagePolicy policy = Arguments.choice(PagePolicy.class, pageSize);
            if (policy == PagePolicy.EXPLICIT) {
                throw new IllegalArgumentException("give the size itself, e.g. --page-size 2MiB");
            }
            b.pagePolicy(policy);
        }
        pci.forEach(p -> b.device(DeviceRequest.parse(p)));
        b.deviceAffinity(Arguments.choice(NumaAffinity.class, pciPolicy));
        if (reservedCpus != null) {
            b.reservedCpus(reservedCpus);
        }
        b.strategy(Arguments.choice(Strategy.class, strategy));
        return b.build();
    }
}
