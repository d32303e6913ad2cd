package io.virtforge.fleet;

import io.virtforge.plan.CellPlacement;
import io.virtforge.plan.HostCapacity;
import io.virtforge.plan.Placement;
import io.virtforge.value.CpuSet;

/**
 * What a host would have left after a placement: the CPUs still free for dedicated vCPUs and the free
 * huge page memory, as the planner accounts them ({@link HostCapacity}, with no CPU reserved).
 *
 * @param dedicatedCpus  free CPUs left over all nodes
 * @param hugePageBytes  free huge page memory left over all nodes and sizes, in bytes
 */
public record Leftover(int dedicatedCpus, long hugePageBytes) {
    /** What the host has left once the placement is made on it. */
    public static Leftover after(FleetHost host, Placement placement) {
        HostCapacity capacity = HostCapacity.of(host.state());
        // every CPU the placement pins anything to is busy afterwards, as the planner sees other domains' pins
        CpuSet used = placement.emulatorPin();
        for (CpuSet s : placement.vcpuPins().values()) {
            used = used.union(s);
        }
        for (CpuSet s : placement.iothreadPins().values()) {
            used = used.union(s);
        }
        int cpus = 0;
        for (HostCapacity.Node n : capacity.nodes()) {
            cpus += n.freeCpus().minus(used).size();
        }
        long huge = capacity.freeHugePageBytes();
        for (CellPlacement c : placement.cells()) {
            if (c.pageSize().isPresent()) {
                huge -= c.memory().bytes();
            }
        }
        return new Leftover(cpus, huge);
    }
}
