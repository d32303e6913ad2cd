package io.virtforge.host.sysfs;

import java.util.UUID;

/**
 * Paths of mediated devices: the parents under {@code /sys/class/mdev_bus} (links to the parent devices),
 * their {@code mdev_supported_types/<type>} folders ({@code name}, {@code description},
 * {@code available_instances}, {@code device_api}, the write-only {@code create} and the {@code devices}
 * folder), and the instances under {@code /sys/bus/mdev/devices/<uuid>} ({@code mdev_type} link, write-only
 * {@code remove}). A parent is named by its sysfs device name; a type id is checked as a path component.
 */
public final class MdevPaths {
    /** {@code /sys/class/mdev_bus}: one link per device that can create mediated devices. */
    public static final SysfsPath PARENTS = SysfsPath.of("sys", "class", "mdev_bus");
    /** {@code /sys/bus/mdev/devices}: one link per mediated device, named by its UUID. */
    public static final SysfsPath DEVICES = SysfsPath.of("sys", "bus", "mdev", "devices");

    private MdevPaths() {
    }

    /** {@code /sys/class/mdev_bus/<device>}, e.g. {@code 0000:00:02.0}. */
    public static SysfsPath parent(String device) {
        return PARENTS.resolve(device);
    }

    /** The parent's NUMA node ({@code -1} when unknown), for PCI parents. */
    public static SysfsPath parentNumaNode(String device) {
        return parent(device).resolve("numa_node");
    }

    /** {@code .../mdev_supported_types}: one folder per type. */
    public static SysfsPath types(String device) {
        return parent(device).resolve("mdev_supported_types");
    }

    /** {@code .../mdev_supported_types/<type>}. */
    public static SysfsPath type(String device, String type) {
        return types(device).resolve(type);
    }

    /** The type's {@code create}: write a UUID to create an instance. */
    public static SysfsPath create(String device, String type) {
        return type(device, type).resolve("create");
    }

    /** The type's {@code available_instances}. */
    public static SysfsPath availableInstances(String device, String type) {
        return type(device, type).resolve("available_instances");
    }

    /** {@code /sys/bus/mdev/devices/<uuid>}. */
    public static SysfsPath instance(UUID uuid) {
        return DEVICES.resolve(uuid.toString());
    }

    /** The instance's link to its type folder. */
    public static SysfsPath instanceType(UUID uuid) {
        return instance(uuid).resolve("mdev_type");
    }

    /** The instance's {@code remove}: write {@code 1} to remove it. */
    public static SysfsPath remove(UUID uuid) {
        return instance(uuid).resolve("remove");
    }
}
