package io.virtforge.connect;

import java.util.List;
import java.util.Map;

/**
 * One domain's entry of a bulk statistics call (libvirt's virConnectGetAllDomainStats).
 *
 * @param domain     the domain's name
 * @param state      its state
 * @param cpuTime    CPU time in nanoseconds (0 when not reported)
 * @param blocks     per-disk counters
 * @param interfaces per-NIC counters
 * @param raw        every typed parameter as libvirt gave it (e.g. {@code balloon.current})
 */
public record DomainStats(String domain, DomainState state, long cpuTime, List<BlockStats> blocks,
        List<InterfaceStats> interfaces, Map<String, Object> raw) {
    /** Copies the collections. */
    public DomainStats {
        blocks = List.copyOf(blocks);
        interfaces = List.copyOf(interfaces);
        raw = Map.copyOf(raw);
    }
}
