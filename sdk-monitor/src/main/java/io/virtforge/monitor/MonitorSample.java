package io.virtforge.monitor;

import java.time.Instant;
import java.util.List;

/**
 * Everything one scrape collected, in one pass.
 *
 * @param at      when the collection started
 * @param domains the running domains
 * @param host    the host's CPUs and huge page pools
 */
public record MonitorSample(Instant at, List<DomainSample> domains, HostSample host) {
    /** Copies the list. */
    public MonitorSample {
        domains = List.copyOf(domains);
    }
}
