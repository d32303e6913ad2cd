package io.virtforge.migrate;

import io.virtforge.model.CpuMode;
import io.virtforge.model.Domain;
import io.virtforge.model.Hostdev;
import io.virtforge.model.NetInterface;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.NumaNode;
import io.virtforge.value.PageSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The checks that refuse a migration before anything is claimed or moved, cheapest first: the same host, VFIO
 * devices, a host CPU the guest cannot leave, huge pages the destination lacks. Each refusal is a
 * {@link MigrationRefusedException} with its {@link RefusalCode}. Pure: it reads the hosts' snapshots.
 */
final class MigrationPrechecks {
    private MigrationPrechecks() {
    }

    static void check(Domain source, HostTopology sourceHost, HostState destination, PlacementRequest shape) {
        HostTopology dest = destination.topology();
        if (sourceHost.hostUuid().isPresent() && sourceHost.hostUuid().equals(dest.hostUuid())) {
            throw new MigrationRefusedException(RefusalCode.SAME_HOST, "the destination is the source host (host UUID "
                    + sourceHost.hostUuid().get() + ")");
        }
        List<String> devices = new ArrayList<>();
        for (Hostdev h : source.devices().hostdevs()) {
            devices.add("hostdev " + h.sourcePci().map(Object::toString).orElse(h.type().orElse("?")));
        }
        for (NetInterface n : source.devices().interfaces()) {
            if ("hostdev".equals(n.type())) {
                devices.add("SR-IOV NIC " + n.xml().element("source").flatMap(s -> s.element("address"))
                        .map(Object::toString).orElse(""));
            }
        }
        if (!devices.isEmpty()) {
            throw new MigrationRefusedException(RefusalCode.VFIO_DEVICE, "domain " + source.name()
                    + " holds host devices that cannot migrate live: " + String.join(", ", devices));
        }
        boolean passthrough = source.cpu().flatMap(c -> c.mode()).filter(m -> m == CpuMode.HOST_PASSTHROUGH).isPresent();
        if (passthrough && !sameCpu(sourceHost, dest)) {
            throw new MigrationRefusedException(RefusalCode.CPU_MISMATCH, "domain " + source.name()
                    + " uses host-passthrough: the source's CPU " + cpu(sourceHost) + " differs from the destination's "
                    + cpu(dest));
        }
        shape.pageSize().ifPresent(size -> hugePages(source, destination, shape, size));
    }

    private static boolean sameCpu(HostTopology a, HostTopology b) {
        return Objects.equals(a.cpuModel(), b.cpuModel()) && Objects.equals(a.cpuVendor(), b.cpuVendor())
                && a.cpuFeatures().equals(b.cpuFeatures());
    }

    private static String cpu(HostTopology h) {
        return h.cpuVendor().orElse("?") + " " + h.cpuModel().orElse("?") + " (" + h.cpuFeatures().size() + " features)";
    }

    /** Each guest cell's pages must fit one destination node's free pages of the size. */
    private static void hugePages(Domain source, HostState destination, PlacementRequest shape, PageSize size) {
        long largest = 0;
        for (PlacementRequest.CellRequest c : shape.cells()) {
            largest = Math.max(largest, c.memory().bytes());
        }
        if (shape.cells().isEmpty()) {
            largest = shape.memory().bytes();
        }
        long pages = (largest + size.bytes() - 1) / size.bytes();
        StringBuilder free = new StringBuilder();
        for (NumaNode n : destination.topology().nodes()) {
            long f = destination.freeHugePages(n.id(), size);
            if (f >= pages) {
                return;
            }
            free.append(free.length() == 0 ? "" : ", ").append("node ").append(n.id()).append(": ").append(f);
        }
        throw new MigrationRefusedException(RefusalCode.HUGEPAGES_SHORT, "domain " + source.name() + " needs "
                + pages + " free " + size.format() + " pages on one node for its largest guest cell; the destination "
                + "has " + (free.length() == 0 ? "no NUMA node" : free));
    }
}
