package io.virtforge.connect;

/** The run state of a domain (libvirt's virDomainState). */
public enum DomainState {
    /** No state. */
    NO_STATE,
    /** Running. */
    RUNNING,
    /** Blocked on a resource. */
    BLOCKED,
    /** Paused by the user or an error. */
    PAUSED,
    /** Being shut down. */
    SHUTDOWN,
    /** Shut off (defined, not running). */
    SHUTOFF,
    /** Crashed. */
    CRASHED,
    /** Suspended by guest power management. */
    PMSUSPENDED;

    /** The state for libvirt's number; NO_STATE for an unknown one. */
    public static DomainState fromLibvirt(int value) {
        DomainState[] all = values();
        return value >= 0 && value < all.length ? all[value] : NO_STATE;
    }

    /** True when the domain has a running QEMU process (running, blocked, paused, pmsuspended, shutting down). */
    public boolean isActive() {
        return this == RUNNING || this == BLOCKED || this == PAUSED || this == SHUTDOWN || this == PMSUSPENDED;
    }
}
