package io.virtforge.migrate;

import io.virtforge.model.Cpu;
import io.virtforge.model.CpuTune;
import io.virtforge.model.Domain;
import io.virtforge.model.GuestNumaCell;
import io.virtforge.model.HugePage;
import io.virtforge.model.MemoryBacking;
import io.virtforge.model.VcpuPin;
import io.virtforge.plan.EmulatorPolicy;
import io.virtforge.plan.PagePolicy;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shape of an existing domain as a {@link PlacementRequest}, to place it again on another host: its vCPUs
 * and memory, one explicit request cell per guest NUMA cell (in document order, so that the placement's cell
 * {@code i} is the domain's {@code i}-th {@code <cell>}; one cell when the guest has no NUMA), the CPU policy
 * read from its pins (a vCPU pinned alone to one CPU no other vCPU of the domain uses is dedicated, an unpinned
 * or multi-CPU one shared), the emulator policy (isolated when its pin is disjoint from the vCPUs'), its I/O
 * threads and its huge page size. What the XML does not record is left at the request's defaults (the SMT
 * thread policy {@code PREFER}, the {@code PACK} strategy); a caller may change them on the returned builder.
 */
public final class DomainShape {
    private DomainShape() {
    }

    /**
     * The request for the domain's shape.
     *
     * @throws MigrationRefusedException with {@link RefusalCode#UNSUPPORTED_SHAPE} when the domain's memory or
     *     pages cannot be said as one request (no memory, huge pages of several sizes or for some cells only,
     *     a size that is no page size, a guest cell without CPUs)
     */
    public static PlacementRequest.Builder requestFor(Domain domain) {
        int vcpus = domain.vcpuCount();
        List<GuestNumaCell> cells = domain.cpu().map(Cpu::numaCells).orElse(List.of());
        PlacementRequest.Builder b;
        if (cells.isEmpty()) {
            DataSize memory = domain.memory().orElseThrow(() -> refuse(domain, "it has no <memory>"));
            b = PlacementRequest.builder(vcpus, memory).cells(1);
        } else {
            long total = 0;
            for (GuestNumaCell c : cells) {
                total += c.memory().bytes();
            }
            b = PlacementRequest.builder(vcpus, DataSize.ofBytes(total));
            for (GuestNumaCell c : cells) {
                b.cell(c.cpus().orElseThrow(() -> refuse(domain, "guest cell " + c.id().orElse(-1) + " has no cpus")),
                        c.memory());
            }
        }
        cpuPolicy(domain, vcpus, b);
        domain.iothreads().ifPresent(b::iothreads);
        NodeSet cellIds = NodeSet.of(0);
        if (!cells.isEmpty()) {
            List<Integer> ids = new java.util.ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                ids.add(cells.get(i).id().orElse(i));
            }
            cellIds = NodeSet.of(ids);
        }
        pages(domain, cellIds, b);
        try {
            b.build(); // the cells must hold each vCPU once; said here, with the domain's name
        } catch (IllegalArgumentException e) {
            throw refuse(domain, e.getMessage());
        }
        return b;
    }

    private static void cpuPolicy(Domain domain, int vcpus, PlacementRequest.Builder b) {
        CpuTune tune = domain.cputune().orElse(null);
        CpuSet dedicated = CpuSet.empty();
        CpuSet pinned = CpuSet.empty();
        if (tune != null) {
            for (VcpuPin p : tune.vcpuPins()) {
                pinned = pinned.union(p.cpuset());
            }
            for (int v = 0; v < vcpus; v++) {
                Optional<VcpuPin> pin = tune.vcpuPin(v);
                if (pin.isPresent() && pin.get().cpuset().size() == 1 && alone(tune, v, pin.get().cpuset())) {
                    dedicated = dedicated.union(CpuSet.of(v));
                }
            }
        }
        if (dedicated.size() == vcpus) {
            b.cpuPolicy(io.virtforge.plan.CpuPolicy.DEDICATED);
        } else if (dedicated.isEmpty()) {
            b.cpuPolicy(io.virtforge.plan.CpuPolicy.SHARED);
        } else {
            b.mixed(dedicated);
        }
        CpuSet emulator = tune == null ? CpuSet.empty() : tune.emulatorPin().orElse(CpuSet.empty());
        boolean isolated = !emulator.isEmpty() && !pinned.isEmpty() && !emulator.intersects(pinned);
        b.emulatorPolicy(isolated ? EmulatorPolicy.ISOLATE : EmulatorPolicy.SHARE);
    }

    /** True when no other vCPU's pin holds the CPU. */
    private static boolean alone(CpuTune tune, int vcpu, CpuSet cpu) {
        return tune.vcpuPins().stream().noneMatch(p -> p.vcpu() != vcpu && p.cpuset().intersects(cpu));
    }

    private static void pages(Domain domain, NodeSet cellIds, PlacementRequest.Builder b) {
        MemoryBacking backing = domain.memoryBacking().orElse(null);
        if (backing == null || !backing.hugepages()) {
            b.pagePolicy(PagePolicy.SMALL);
            return;
        }
        if (backing.pages().isEmpty()) {
            b.pagePolicy(PagePolicy.LARGE); // the host's default huge page size, whichever that is there
            return;
        }
        Set<PageSize> sizes = new TreeSet<>();
        NodeSet covered = NodeSet.empty();
        for (HugePage p : backing.pages()) {
            sizes.add(p.size().orElseThrow(() -> refuse(domain, "huge pages of " + p.requestedSize()
                    + " are no page size")));
            covered = covered.union(p.nodeset().orElse(cellIds));
        }
        if (sizes.size() > 1) {
            throw refuse(domain, "its guest cells use huge pages of several sizes " + sizes);
        }
        if (!covered.containsAll(cellIds)) {
            throw refuse(domain, "huge pages back only guest cells " + covered + " of " + cellIds);
        }
        b.pageSize(sizes.iterator().next());
    }

    private static MigrationRefusedException refuse(Domain domain, String why) {
        return new MigrationRefusedException(RefusalCode.UNSUPPORTED_SHAPE,
                "domain " + domain.name() + " cannot be planned again: " + why);
    }
}
