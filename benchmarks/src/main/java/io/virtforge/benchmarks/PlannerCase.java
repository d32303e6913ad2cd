package io.virtforge.benchmarks;

import io.virtforge.model.Domain;
import io.virtforge.plan.CellPlacement;
import io.virtforge.plan.DeviceRequest;
import io.virtforge.plan.NoFit;
import io.virtforge.plan.NumaAffinity;
import io.virtforge.plan.Placement;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.plan.PlacementResult;
import io.virtforge.plan.Rejection;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One planner case ([planner] issue): a host shape, 50 % occupied by pinned domains
 * ({@link BenchHosts#halfOccupied}), and a dedicated request of {@code vcpus} vCPUs (1 GiB of 2 MiB pages
 * each) split evenly over {@code cells} guest cells, with or without one PCI device under the
 * {@code required} NUMA policy.
 *
 * <p>{@code device}: {@code none}; {@code required}: the one GPU that matches sits on the last node, which
 * is 50 % occupied like the others; {@code fullnode}: Nova's worst shape, the one GPU sits on the last node
 * and every CPU of that node is pinned (and its pages held), so no placement exists (the cells would fit
 * on the other nodes, without the device).
 *
 * @param host   the host shape
 * @param vcpus  vCPUs requested
 * @param cells  guest NUMA cells
 * @param device {@code none}, {@code required} or {@code fullnode}
 */
public record PlannerCase(BenchHosts.Shape host, int vcpus, int cells, String device) {
    /** Checks the device kind. */
    public PlannerCase {
        if (!List.of("none", "required", "fullnode").contains(device)) {
            throw new IllegalArgumentException("device must be none, required or fullnode, not " + device);
        }
    }

    /** From the benchmark's parameters. */
    public static PlannerCase of(String host, int vcpus, int cells, String device) {
        return new PlannerCase(BenchHosts.Shape.parse(host), vcpus, cells, device);
    }

    /** Nova's worst shape {@code HOST:CELLS} ({@code 8x16x2:7}): 4 vCPUs per cell, the GPU on a full node. */
    public static PlannerCase worst(String spec) {
        String[] p = spec.split(":");
        int cells = Integer.parseInt(p[1]);
        return new PlannerCase(BenchHosts.Shape.parse(p[0]), 4 * cells, cells, "fullnode");
    }

    /** A short name: {@code 8x16x2 v16 c2 required}. */
    public String name() {
        return host + " v" + vcpus + " c" + cells + " " + device;
    }

    /** The node holding the GPU, -1 without one. */
    public int gpuNode() {
        return device.equals("none") ? -1 : host.nodes() - 1;
    }

    /** The node whose CPUs are all pinned, -1 without one. */
    public int fullNode() {
        return device.equals("fullnode") ? host.nodes() - 1 : -1;
    }

    /** The host with its occupants. */
    public HostState state() {
        HostTopology topology = BenchHosts.host(host, gpuNode());
        List<Domain> occupants = BenchHosts.halfOccupied(topology, fullNode());
        return HostState.of(topology, occupants);
    }

    /** Memory requested: 1 GiB per vCPU. */
    public DataSize memory() {
        return DataSize.gib(vcpus);
    }

    /** The request. */
    public PlacementRequest request() {
        PlacementRequest.Builder b = PlacementRequest.builder(vcpus, memory()).cells(cells).pageSize(PageSize.MIB_2);
        if (!device.equals("none")) {
            b.device(DeviceRequest.ids(BenchHosts.GPU_VENDOR, BenchHosts.GPU_DEVICE)).deviceAffinity(NumaAffinity.REQUIRED);
        }
        return b.build();
    }

    /** One line on the result: the host nodes used, or the rejection codes by node. */
    public static String describe(PlacementResult r) {
        if (r instanceof Placement p) {
            return "fits: guest cells on host nodes " + p.cells().stream().map(CellPlacement::hostNode).toList()
                    + (p.devices().isEmpty() ? "" : ", devices " + p.devices());
        }
        Map<String, List<Integer>> byCode = new TreeMap<>();
        for (Rejection x : ((NoFit) r).reasons()) {
            byCode.computeIfAbsent(x.code(), k -> new java.util.ArrayList<>()).add(x.hostNode());
        }
        return "no fit: " + byCode.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
