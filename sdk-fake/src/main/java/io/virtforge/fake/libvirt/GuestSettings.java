package io.virtforge.fake.libvirt;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/** How each guest (by domain name) behaves and what its counters do; set through {@link FakeGuests}. Guarded by the connection's lock. */
final class GuestSettings {
    final Set<String> ignoringShutdown = new HashSet<>();
    final Map<String, Map<String, long[]>> diskRates = new HashMap<>();
    final Map<String, Map<String, long[]>> nicRates = new HashMap<>();
    final Map<String, Long> unusedKib = new HashMap<>();

    OptionalLong unusedKib(String domain) {
        Long v = unusedKib.get(domain);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    /** Applies the rates set for a domain to a fresh run. */
    void applyTo(String domain, GuestRuntime runtime, long now) {
        diskRates.getOrDefault(domain, Map.of()).forEach((d, r) -> runtime.diskRates(now, d, r[0], r[1]));
        nicRates.getOrDefault(domain, Map.of()).forEach((n, r) -> runtime.nicRates(now, n, r[0], r[1]));
    }
}
