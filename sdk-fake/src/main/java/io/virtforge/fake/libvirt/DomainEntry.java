package io.virtforge.fake.libvirt;

import io.virtforge.connect.DomainState;
import io.virtforge.model.Domain;
import java.util.UUID;

/**
 * One domain of the fake hypervisor, as libvirt's {@code virDomainObj}: its persistent definition (absent
 * for a transient domain), its running definition (absent when shut off), its state, and while it runs the
 * host resources it holds and its statistics. Guarded by the connection's lock.
 */
final class DomainEntry {
    final UUID uuid;
    final String name;
    boolean persistent;
    /** The persistent definition: what the next start uses. Null for a transient domain. */
    Domain config;
    /** The running definition, run-time values filled in. Null when shut off. */
    Domain live;
    DomainState state = DomainState.SHUTOFF;
    /** libvirt's reason for the state ({@code virDomainGetState}): 0 until something happened, e.g. 1 booted. */
    int reason;
    int id = -1;
    Allocation allocation;
    GuestRuntime runtime;

    DomainEntry(UUID uuid, String name) {
        this.uuid = uuid;
        this.name = name;
    }

    boolean active() {
        return state.isActive();
    }

    /** What libvirt's default XML shows: the running definition, else the persistent one. */
    Domain current() {
        return live != null ? live : config;
    }

    /** The persistent definition, or the running one of a transient domain. */
    Domain definition() {
        return persistent ? config : live;
    }
}
