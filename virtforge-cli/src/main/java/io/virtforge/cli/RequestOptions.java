package io.virtforge.cli;

import io.virtforge.VirtforgeException;
import io.virtforge.plan.CpuPolicy;
import io.virtforge.plan.DeviceRequest;
import io.virtforge.plan.EmulatorPolicy;
import io.virtforge.plan.NumaAffinity;
import io.virtforge.plan.PagePolicy;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.plan.Strategy;
import io.virtforge.plan.ThreadPolicy;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * What a VM asks of a host, as {@code virtforge plan} and {@code virtforge fleet place} take it (a picocli
 * mixin, so both commands read the same options with the same checks and messages). {@code --strategy} is not
 * here: it means a little more on a fleet, and each command says what.
 */
final class RequestOptions {
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
    @Option(names = "--mdev", paramLabel = "TYPE[:COUNT]", description = "Mediated devices (vGPUs): COUNT "
            + "(default 1) instances of a type, e.g. nvidia-588:2; a free one or one its parent can create.")
    List<String> mdevs = new ArrayList<>();
    @Option(names = "--reserved-cpus", converter = Arguments.Cpus.class, description = "Housekeeping CPUs (no vCPUs).")
    CpuSet reservedCpus;
    @Mixin
    OvercommitOption overcommit;

    /** The housekeeping CPUs, when given. */
    Optional<CpuSet> reservedCpus() {
        return Optional.ofNullable(reservedCpus);
    }

    /**
     * The request, checked: counts out of bounds are bad input, and so is what the SDK refuses (a usage error
     * of {@code command}).
     */
    PlacementRequest request(CommandLine command, String strategy) {
        checkBounds();
        try {
            return build(strategy);
        } catch (IllegalArgumentException | VirtforgeException e) {
            throw new ParameterException(command, e.getMessage());
        }
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

    private PlacementRequest build(String strategy) {
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
        if (!pageSize.isEmpty() && Character.isDigit(pageSize.charAt(0))) {
            b.pageSize(PageSize.parse(pageSize));
        } else {
            PagePolicy policy = Arguments.choice(PagePolicy.class, pageSize);
            if (policy == PagePolicy.EXPLICIT) {
                throw new IllegalArgumentException("give the size itself, e.g. --page-size 2MiB");
            }
            b.pagePolicy(policy);
        }
        pci.forEach(p -> b.device(DeviceRequest.parse(p)));
        mdevs.forEach(m -> MdevOption.parse(m).forEach(b::mdev));
        b.deviceAffinity(Arguments.choice(NumaAffinity.class, pciPolicy));
        if (reservedCpus != null) {
            b.reservedCpus(reservedCpus);
        }
        overcommit.given().ifPresent(b::overcommit);
        b.strategy(Arguments.choice(Strategy.class, strategy));
        return b.build();
    }
}
