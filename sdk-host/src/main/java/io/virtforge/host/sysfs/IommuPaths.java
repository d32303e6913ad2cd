package io.virtforge.host.sysfs;

/** Paths of IOMMU groups and their VFIO device nodes. */
public final class IommuPaths {
    /** {@code /sys/kernel/iommu_groups}. */
    public static final SysfsPath GROUPS = SysfsPath.of("sys", "kernel", "iommu_groups");
    /** {@code /sys/class/iommu}: holds an entry per IOMMU unit when the IOMMU is on. */
    public static final SysfsPath CLASS_IOMMU = SysfsPath.of("sys", "class", "iommu");
    /** {@code /dev/vfio}. */
    public static final SysfsPath DEV_VFIO = SysfsPath.of("dev", "vfio");
    /** {@code /dev/vfio/vfio}: the VFIO container device. */
    public static final SysfsPath VFIO_CONTAINER = DEV_VFIO.resolve("vfio");

    private IommuPaths() {
    }

    /** {@code /sys/kernel/iommu_groups/<group>}. */
    public static SysfsPath group(int group) {
        return GROUPS.resolveNumbered("", group);
    }

    /** {@code /sys/kernel/iommu_groups/<group>/devices}: a link per member device. */
    public static SysfsPath groupDevices(int group) {
        return group(group).resolve("devices");
    }

    /** {@code /dev/vfio/<group>}: present while the group's devices are bound to vfio-pci. */
    public static SysfsPath vfioGroup(int group) {
        return DEV_VFIO.resolveNumbered("", group);
    }
}
