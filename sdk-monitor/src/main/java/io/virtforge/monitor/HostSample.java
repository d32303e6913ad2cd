package io.virtforge.monitor;

import io.virtforge.host.hugepages.HugePagePoolStatus;
import java.util.List;
import java.util.Map;

/**
 * What the host's files tell at one moment: each CPU's busy time and each node's huge page pools.
 *
 * @param cpus  busy time per host CPU; empty when {@code /proc/stat} is out of reach
 * @param pools the huge page pools per node and size
 */
public record HostSample(Map<Integer, HostCpuTime> cpus, List<HugePagePoolStatus> pools) {
    /** Copies the collections. */
    public HostSample {
        cpus = Map.copyOf(cpus);
        pools = List.copyOf(pools);
    }

    /** A host whose files are out of reach (a remote connection). */
    public static HostSample unknown() {
        return new HostSample(Map.of(), List.of());
    }
}
