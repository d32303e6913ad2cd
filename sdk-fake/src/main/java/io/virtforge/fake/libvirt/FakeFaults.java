package io.virtforge.fake.libvirt;

import io.virtforge.connect.VirtException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Faults to inject into a {@link FakeVirtConnection}: the next call of an operation fails with a given
 * libvirt-like error (and has no effect), or the connection drops and every later call throws
 * {@link io.virtforge.connect.ConnectionLostException}. Operations are named after the
 * {@link io.virtforge.connect.VirtConnection} and {@link io.virtforge.connect.VirtDomain} methods
 * ({@link #OPERATIONS}). Thread-safe.
 */
public final class FakeFaults {
    /** The operation names {@link #failNext} accepts. */
    public static final Set<String> OPERATIONS = Set.copyOf(new TreeSet<>(Set.of(
            "topology", "hostState", "domains", "lookup", "domain", "define", "create", "freePages", "setPagePool",
            "detachNodeDevice", "reattachNodeDevice", "allDomainStats", "onLifecycle",
            "state", "persistent", "definition", "live", "start", "shutdown", "destroy", "reboot", "suspend", "resume",
            "undefine", "attachDevice", "detachDevice", "updateDevice", "pinVcpu", "pinEmulator", "pinIothread",
            "setMemory", "setNumaTune", "cpuTime", "vcpus", "memoryStats", "blockStats", "interfaceStats",
            "vcpuPins", "emulatorPin", "iothreadPins", "numaTune", "reconnect", "openAnother", "migratable", "migrate", "abortJob")));
    private final Map<String, Deque<VirtException>> pending = new HashMap<>();
    private volatile boolean dropped;

    FakeFaults() {
    }

    /**
     * The next call of {@code operation} throws {@code error} instead of doing anything; several calls queue
     * up, one per call.
     */
    public synchronized FakeFaults failNext(String operation, VirtException error) {
        Objects.requireNonNull(error, "error");
        if (!OPERATIONS.contains(operation)) {
            throw new IllegalArgumentException("unknown operation '" + operation + "'; one of " + OPERATIONS);
        }
        pending.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(error);
        return this;
    }

    /** The connection drops: {@link FakeVirtConnection#isAlive()} turns false and every call throws. */
    public FakeFaults dropConnection() {
        dropped = true;
        return this;
    }

    /** True after {@link #dropConnection()}. */
    public boolean dropped() {
        return dropped;
    }

    /** Revives a dropped connection (what a successful reconnect does), unless a reconnect failure is pending. */
    void reconnect() {
        VirtException due;
        synchronized (this) {
            Deque<VirtException> queue = pending.get("reconnect");
            due = queue == null ? null : queue.poll();
        }
        if (due != null) {
            throw due;
        }
        dropped = false;
    }

    /** Forgets the pending failures and revives a dropped connection. */
    public synchronized void clear() {
        pending.clear();
        dropped = false;
    }

    /** Throws what is due for a call of {@code operation}, if anything. */
    void check(String operation) {
        if (dropped) {
            throw FakeErrors.connectionLost(operation);
        }
        VirtException due;
        synchronized (this) {
            Deque<VirtException> queue = pending.get(operation);
            due = queue == null ? null : queue.poll();
        }
        if (due != null) {
            throw due;
        }
    }
}
