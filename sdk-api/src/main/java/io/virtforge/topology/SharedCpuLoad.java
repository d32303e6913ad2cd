package io.virtforge.topology;

import io.virtforge.model.Domain;
import io.virtforge.model.VcpuPin;
import io.virtforge.value.CpuSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a host's shared CPUs are used, counted once for the planner (which places shared vCPUs by it) and the
 * validator (whose {@code OVERCOMMIT} rule checks domains by it), so the two cannot count differently.
 *
 * <p>A vCPU is <em>dedicated</em> when its {@code <vcpupin>} names one host CPU that no other vCPU of its domain
 * is pinned to (every vCPU of a dedicated domain, the dedicated vCPUs of a mixed one); any other pinned vCPU is
 * <em>shared</em> and floats over the host node of its pin's first CPU. A node's shared pool is its online CPUs
 * that are not isolated and that no dedicated vCPU of any domain is pinned to; its load is the number of shared
 * vCPUs floating over it. vCPUs without a {@code <vcpupin>} are counted by neither (they float over the whole
 * host; the host-wide ratio of vCPUs to physical cores counts them).
 */
public final class SharedCpuLoad {
    private final HostTopology topology;
    private final CpuSet dedicated;
    private final Map<Integer, Integer> load;

    private SharedCpuLoad(HostTopology topology, CpuSet dedicated, Map<Integer, Integer> load) {
        this.topology = topology;
        this.dedicated = dedicated;
        this.load = load;
    }

    /** The use of every domain of the host state. */
    public static SharedCpuLoad of(HostState state) {
        return of(state, null);
    }

    /**
     * The use of every domain of the host state but the one named {@code except} (a domain being checked again
     * while it is already on the host is not counted twice).
     */
    public static SharedCpuLoad except(HostState state, String except) {
        return of(state, except);
    }

    private static SharedCpuLoad of(HostState state, String except) {
        HostTopology topology = state.topology();
        CpuSet dedicated = CpuSet.empty();
        Map<Integer, Integer> load = new TreeMap<>();
        for (Domain d : state.domains()) {
            if (d.name().equals(except)) {
                continue;
            }
            dedicated = dedicated.union(dedicatedCpus(d));
            sharedVcpusByNode(d, topology).forEach((node, n) -> load.merge(node, n, Integer::sum));
        }
        return new SharedCpuLoad(topology, dedicated, load);
    }

    /** The host CPUs the domain's dedicated vCPUs are pinned to. */
    public static CpuSet dedicatedCpus(Domain d) {
        CpuSet out = CpuSet.empty();
        List<VcpuPin> pins = pins(d);
        for (VcpuPin p : pins) {
            if (isDedicated(p, pins)) {
                out = out.union(p.cpuset());
            }
        }
        return out;
    }

    /** The domain's shared vCPUs per host node they float over (the node of each pin's first CPU). */
    public static Map<Integer, Integer> sharedVcpusByNode(Domain d, HostTopology topology) {
        Map<Integer, Integer> out = new TreeMap<>();
        List<VcpuPin> pins = pins(d);
        for (VcpuPin p : pins) {
            int node = topology.nodeOf(p.cpuset().first().orElse(-1));
            if (!isDedicated(p, pins) && node >= 0) {
                out.merge(node, 1, Integer::sum);
            }
        }
        return out;
    }

    private static List<VcpuPin> pins(Domain d) {
        return d.cputune().map(t -> t.vcpuPins()).orElse(List.of());
    }

    private static boolean isDedicated(VcpuPin p, List<VcpuPin> all) {
        if (p.cpuset().size() != 1) {
            return false;
        }
        for (VcpuPin o : all) {
            if (o != p && o.cpuset().intersects(p.cpuset())) {
                return false;
            }
        }
        return true;
    }

    /** The host CPUs some dedicated vCPU is pinned to. */
    public CpuSet dedicatedCpus() {
        return dedicated;
    }

    /** The node's shared pool: its online CPUs, not isolated, no dedicated vCPU pinned to them. */
    public CpuSet pool(int node) {
        return topology.node(node).map(n -> n.cpus().intersect(topology.onlineCpus()).minus(topology.isolatedCpus())
                .minus(dedicated)).orElse(CpuSet.empty());
    }

    /** Shared vCPUs floating over the node. */
    public int load(int node) {
        return load.getOrDefault(node, 0);
    }
}
