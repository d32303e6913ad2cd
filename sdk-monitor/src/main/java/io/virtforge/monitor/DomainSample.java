package io.virtforge.monitor;

import io.virtforge.connect.DomainStats;
import io.virtforge.model.Domain;
import io.virtforge.value.CpuSet;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One running domain in a {@link MonitorSample}.
 *
 * @param uuid       the domain's UUID
 * @param stats      its entry of libvirt's bulk statistics
 * @param definition its persistent definition (what the tuning should be)
 * @param livePins   its vCPUs' live pins, as libvirt reports them now
 * @param process    its QEMU process's facts, empty when the host's {@code /proc} is out of reach (a remote
 *                   connection) or the process was not found
 */
public record DomainSample(UUID uuid, DomainStats stats, Domain definition, Map<Integer, CpuSet> livePins,
        Optional<ProcessFacts> process) {
    /** Copies the map. */
    public DomainSample {
        livePins = Map.copyOf(livePins);
    }

    /** The domain's name. */
    public String name() {
        return stats.domain();
    }
}
