package io.virtforge.host.mdev;

/** Why {@link MdevManager} refused a change before writing anything. */
public enum MdevRefusal {
    /** The device is not a mediated device parent (not in {@code /sys/class/mdev_bus}). */
    NO_SUCH_PARENT,
    /** The parent does not offer the type. */
    NO_SUCH_TYPE,
    /** The type's {@code available_instances} is 0. */
    NO_INSTANCES_LEFT,
    /** A mediated device with that UUID exists already. */
    UUID_IN_USE,
    /** No mediated device has that UUID. */
    NO_SUCH_INSTANCE
}
