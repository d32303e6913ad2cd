package io.virtforge.connect;

import java.util.UUID;

/**
 * A domain lifecycle event (libvirt's VIR_DOMAIN_EVENT_*), delivered on the connection's event thread.
 * libvirt 9.0's QEMU driver starts guests paused, so a start gives RESUMED before STARTED.
 *
 * @param domain the domain's name
 * @param uuid   its UUID
 * @param type   what happened
 * @param detail libvirt's detail code for the type (e.g. STOPPED: 0 shutdown, 1 destroyed, 2 crashed...)
 */
public record LifecycleEvent(String domain, UUID uuid, Type type, int detail) {
    /** What happened. */
    public enum Type {
        /** Defined or updated. */
        DEFINED,
        /** Undefined. */
        UNDEFINED,
        /** Started. */
        STARTED,
        /** Paused. */
        SUSPENDED,
        /** Resumed. */
        RESUMED,
        /** Stopped (shut down, destroyed, crashed, failed...). */
        STOPPED,
        /** The guest shut itself down. */
        SHUTDOWN,
        /** Suspended by guest power management. */
        PMSUSPENDED,
        /** Crashed. */
        CRASHED;

        /** The type for libvirt's virDomainEventType number. */
        public static Type fromLibvirt(int value) {
            Type[] all = values();
            if (value < 0 || value >= all.length) {
                throw new IllegalArgumentException("unknown lifecycle event type " + value);
            }
            return all[value];
        }
    }
}
