package io.virtforge.fake.libvirt;

import io.virtforge.connect.NetworkStatus;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The fake hypervisor's libvirt virtual networks, by name, started or not. A new host has {@code default},
 * started, as a fresh libvirt install does. Thread-safe.
 */
final class FakeNetworks {
    private final Map<String, Boolean> active = new TreeMap<>();

    FakeNetworks(Map<String, Boolean> initial) {
        active.putAll(initial);
    }

    synchronized NetworkStatus status(String name) {
        Boolean on = active.get(Objects.requireNonNull(name, "name"));
        return on == null ? NetworkStatus.MISSING : on ? NetworkStatus.ACTIVE : NetworkStatus.INACTIVE;
    }

    synchronized void put(String name, boolean started) {
        active.put(Objects.requireNonNull(name, "name"), started);
    }

    synchronized void remove(String name) {
        active.remove(name);
    }
}
