package io.virtforge.fake.libvirt;

import io.virtforge.value.DataSize;
import java.util.HashMap;

/**
 * The guests' side of a {@link FakeVirtConnection}, by domain name: whether a guest obeys a shutdown
 * request, a guest powering off or its emulator dying on its own, the rates its disks and NICs move data at,
 * and the memory it leaves unused. Settings outlive runs of the domain (a restarted domain keeps them).
 * Thread-safe.
 */
public final class FakeGuests {
    private final FakeState state;

    FakeGuests(FakeState state) {
        this.state = state;
    }

    /** The guest ignores ACPI shutdown requests: {@code shutdown(timeout)} ends in a destroy and returns false. */
    public FakeGuests ignoreShutdown(String domain) {
        synchronized (state.host) {
            state.guests.ignoringShutdown.add(domain);
        }
        return this;
    }

    /** The guest obeys shutdown requests again (the default). */
    public FakeGuests obeyShutdown(String domain) {
        synchronized (state.host) {
            state.guests.ignoringShutdown.remove(domain);
        }
        return this;
    }

    /** The guest powers itself off: the domain stops with STOPPED/shutdown, as after {@code poweroff} inside. */
    public void powerOff(String domain) {
        synchronized (state.host) {
            state.stop(running(domain), LifecycleDetail.STOPPED_SHUTDOWN);
        }
    }

    /** The emulator process dies: the domain stops with STOPPED/failed. */
    public void crash(String domain) {
        synchronized (state.host) {
            state.stop(running(domain), LifecycleDetail.STOPPED_FAILED);
        }
    }

    private DomainEntry running(String domain) {
        DomainEntry e = state.table.named(domain).orElseThrow(() -> FakeErrors.noDomainNamed(domain));
        if (!e.active()) {
            throw new IllegalStateException("domain '" + domain + "' is not running");
        }
        return e;
    }

    /** The rates, in bytes per second, a disk (by target, e.g. {@code vda}) reads and writes at while running. */
    public FakeGuests diskRates(String domain, String disk, long readBytesPerSecond, long writeBytesPerSecond) {
        synchronized (state.host) {
            state.guests.diskRates.computeIfAbsent(domain, k -> new HashMap<>())
                    .put(disk, new long[] {readBytesPerSecond, writeBytesPerSecond});
            state.table.named(domain).filter(DomainEntry::active)
                    .ifPresent(e -> e.runtime.diskRates(state.now(), disk, readBytesPerSecond, writeBytesPerSecond));
        }
        return this;
    }

    /**
     * The rates, in bytes per second, a NIC (by host-side device, e.g. {@code vnet0}, as the running definition
     * names it) receives and sends at while running.
     */
    public FakeGuests nicRates(String domain, String device, long rxBytesPerSecond, long txBytesPerSecond) {
        synchronized (state.host) {
            state.guests.nicRates.computeIfAbsent(domain, k -> new HashMap<>())
                    .put(device, new long[] {rxBytesPerSecond, txBytesPerSecond});
            state.table.named(domain).filter(DomainEntry::active)
                    .ifPresent(e -> e.runtime.nicRates(state.now(), device, rxBytesPerSecond, txBytesPerSecond));
        }
        return this;
    }

    /** The memory the guest leaves unused, as its balloon driver reports it. */
    public FakeGuests unusedMemory(String domain, DataSize unused) {
        synchronized (state.host) {
            state.guests.unusedKib.put(domain, unused.toKibRoundedUp());
        }
        return this;
    }
}
