package io.virtforge.testkit.assertions;

import io.virtforge.plan.CellPlacement;
import io.virtforge.plan.NoFit;
import io.virtforge.plan.Placement;
import io.virtforge.plan.PlacementResult;
import io.virtforge.topology.HostTopology;
import io.virtforge.value.CpuSet;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on what the planner returned: a placement (its nodes, pins, pages, devices) or a no-fit
 * (its reasons); failures show the whole result.
 */
public final class PlacementAssert extends AbstractAssert<PlacementAssert, PlacementResult> {
    PlacementAssert(PlacementResult actual) {
        super(actual, PlacementAssert.class);
    }

    private Placement placement() {
        isNotNull();
        if (!(actual instanceof Placement p)) {
            failWithMessage("Expecting a placement but the planner found none:%n%s", actual);
            throw new IllegalStateException("unreachable");
        }
        return p;
    }

    /** The planner found a placement. */
    public PlacementAssert fits() {
        placement();
        return this;
    }

    /** The planner found none; optionally also that a node was rejected with a code. */
    public PlacementAssert doesNotFit() {
        isNotNull();
        if (actual.fits()) {
            failWithMessage("Expecting no fit but the planner placed it:%n%s", actual.toJson());
        }
        return this;
    }

    /** No fit, and {@code hostNode} (-1: the host as a whole) was rejected with {@code code}. */
    public PlacementAssert rejects(int hostNode, String code) {
        doesNotFit();
        NoFit noFit = (NoFit) actual;
        boolean found = noFit.reasons().stream().anyMatch(r -> r.hostNode() == hostNode && r.code().equals(code));
        if (!found) {
            failWithMessage("Expecting node %d rejected with %s but the reasons are:%n%s", hostNode, code, noFit);
        }
        return this;
    }

    /** The placement uses exactly these host nodes. */
    public PlacementAssert usesNodes(NodeSet nodes) {
        NodeSet used = placement().hostNodes();
        if (!used.equals(nodes)) {
            failWithMessage("Expecting the placement on nodes %s but it uses %s:%n%s", nodes, used, actual.toJson());
        }
        return this;
    }

    /** vCPU {@code vcpu} is pinned to exactly {@code cpus}. */
    public PlacementAssert pinsVcpu(int vcpu, int... cpus) {
        CpuSet pin = placement().vcpuPins().get(vcpu);
        if (pin == null || !pin.equals(CpuSet.of(cpus))) {
            failWithMessage("Expecting vCPU %d pinned to %s but it is pinned to %s", vcpu, CpuSet.of(cpus), pin);
        }
        return this;
    }

    /** Every vCPU has a host CPU of its own (the dedicated policy). */
    public PlacementAssert hasDedicatedVcpus() {
        CpuSet seen = CpuSet.empty();
        for (var e : placement().vcpuPins().entrySet()) {
            if (e.getValue().size() != 1 || seen.intersects(e.getValue())) {
                failWithMessage("Expecting one CPU of its own per vCPU but vCPU %d has %s (pins %s)", e.getKey(),
                        e.getValue(), placement().vcpuPins());
            }
            seen = seen.union(e.getValue());
        }
        return this;
    }

    /** No vCPU, emulator or I/O thread runs on any of {@code cpus}. */
    public PlacementAssert avoidsCpus(CpuSet cpus) {
        Placement p = placement();
        CpuSet all = p.emulatorPin();
        for (CpuSet s : p.vcpuPins().values()) {
            all = all.union(s);
        }
        for (CpuSet s : p.iothreadPins().values()) {
            all = all.union(s);
        }
        if (all.intersects(cpus)) {
            failWithMessage("Expecting the placement to avoid CPUs %s but it uses %s", cpus, all.intersect(cpus));
        }
        return this;
    }

    /** Each guest cell's vCPUs run on CPUs of the cell's host node. */
    public PlacementAssert keepsCellsOnTheirNodes(HostTopology host) {
        for (CellPlacement c : placement().cells()) {
            if (!host.nodesOf(c.hostCpus()).equals(java.util.Set.of(c.hostNode()))) {
                failWithMessage("Expecting guest cell %d on node %d only but its CPUs %s are on nodes %s",
                        c.guestCell(), c.hostNode(), c.hostCpus(), host.nodesOf(c.hostCpus()));
            }
        }
        return this;
    }

    /** Every guest cell is backed by huge pages of {@code size}. */
    public PlacementAssert usesPages(PageSize size) {
        for (CellPlacement c : placement().cells()) {
            if (!c.pageSize().equals(java.util.Optional.of(size))) {
                failWithMessage("Expecting guest cell %d on %s pages but it is on %s", c.guestCell(), size,
                        c.pageSize().map(PageSize::toString).orElse("base pages"));
            }
        }
        return this;
    }

    /** The placement chose this device. */
    public PlacementAssert hasDevice(PciAddress device) {
        if (!placement().devices().contains(device)) {
            failWithMessage("Expecting device %s chosen but the placement has %s", device, placement().devices());
        }
        return this;
    }
}
