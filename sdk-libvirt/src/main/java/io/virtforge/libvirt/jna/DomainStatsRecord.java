package io.virtforge.libvirt.jna;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One domain's entry in the answer of {@code virConnectGetAllDomainStats}.
 *
 * @param domainName the domain's name
 * @param parameters the statistics in libvirt's order, e.g. {@code state.state -> 1}; value types as
 *     documented on {@link NativeLibvirt#allDomainStats}; unmodifiable
 */
public record DomainStatsRecord(String domainName, Map<String, Object> parameters) {
    /** Copies the parameters, keeping their order. */
    public DomainStatsRecord {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
