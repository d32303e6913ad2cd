package io.virtforge.fake.libvirt;

/**
 * libvirt's detail codes of lifecycle events ({@code virDomainEvent*DetailType}) the fake connection
 * delivers, for {@link io.virtforge.connect.LifecycleEvent#detail()}.
 */
public final class LifecycleDetail {
    /** DEFINED: a new persistent domain. */
    public static final int DEFINED_ADDED = 0;
    /** DEFINED: an existing definition changed. */
    public static final int DEFINED_UPDATED = 1;
    /** UNDEFINED: the definition was removed. */
    public static final int UNDEFINED_REMOVED = 0;
    /** STARTED: normal boot. */
    public static final int STARTED_BOOTED = 0;
    /** STARTED: arrived by an incoming migration. */
    public static final int STARTED_MIGRATED = 1;
    /** SUSPENDED: paused by the management application. */
    public static final int SUSPENDED_PAUSED = 0;
    /** RESUMED: unpaused by the management application. */
    public static final int RESUMED_UNPAUSED = 0;
    /** STOPPED: the guest shut down. */
    public static final int STOPPED_SHUTDOWN = 0;
    /** STOPPED: destroyed (power cut). */
    public static final int STOPPED_DESTROYED = 1;
    /** STOPPED: migrated to another host. */
    public static final int STOPPED_MIGRATED = 3;
    /** STOPPED: the guest crashed. */
    public static final int STOPPED_CRASHED = 2;
    /** STOPPED: the emulator failed (the QEMU process died). */
    public static final int STOPPED_FAILED = 5;

    private LifecycleDetail() {
    }
}
