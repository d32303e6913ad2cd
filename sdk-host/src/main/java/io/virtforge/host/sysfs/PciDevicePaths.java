package io.virtforge.host.sysfs;

import io.virtforge.value.PciAddress;

/** Paths of one PCI device's attributes and links under {@code /sys/bus/pci/devices/<address>}. */
public final class PciDevicePaths {
    /** {@code /sys/bus/pci/devices}. */
    public static final SysfsPath DEVICES = SysfsPath.of("sys", "bus", "pci", "devices");

    private PciDevicePaths() {
    }

    /** {@code /sys/bus/pci/devices/<address>}. */
    public static SysfsPath device(PciAddress address) {
        return DEVICES.resolve(address);
    }

    private static SysfsPath attribute(PciAddress address, String name) {
        return device(address).resolve(name);
    }

    /** The vendor id, {@code 0x8086}. */
    public static SysfsPath vendor(PciAddress address) {
        return attribute(address, "vendor");
    }

    /** The device id, {@code 0x1572}. */
    public static SysfsPath deviceId(PciAddress address) {
        return attribute(address, "device");
    }

    /** The class code, {@code 0x020000}. */
    public static SysfsPath deviceClass(PciAddress address) {
        return attribute(address, "class");
    }

    /** The NUMA node, {@code -1} when unknown. */
    public static SysfsPath numaNode(PciAddress address) {
        return attribute(address, "numa_node");
    }

    /** The link to the bound driver; absent when unbound. */
    public static SysfsPath driver(PciAddress address) {
        return attribute(address, "driver");
    }

    /** The driver override: the only driver the device may bind to, {@code (null)} when unset. */
    public static SysfsPath driverOverride(PciAddress address) {
        return attribute(address, "driver_override");
    }

    /** The link to the device's IOMMU group. */
    public static SysfsPath iommuGroup(PciAddress address) {
        return attribute(address, "iommu_group");
    }

    /** A virtual function's link to its physical function. */
    public static SysfsPath physfn(PciAddress address) {
        return attribute(address, "physfn");
    }

    /** A physical function's link to its VF number {@code index}. */
    public static SysfsPath virtfn(PciAddress address, int index) {
        return device(address).resolveNumbered("virtfn", index);
    }

    /** The most VFs the physical function supports. */
    public static SysfsPath sriovTotalVfs(PciAddress address) {
        return attribute(address, "sriov_totalvfs");
    }

    /** The number of enabled VFs; writing it enables or disables them. */
    public static SysfsPath sriovNumVfs(PciAddress address) {
        return attribute(address, "sriov_numvfs");
    }

    /** Whether new VFs are probed by their driver at once ({@code 1}) or left unbound ({@code 0}). */
    public static SysfsPath sriovDriversAutoprobe(PciAddress address) {
        return attribute(address, "sriov_drivers_autoprobe");
    }

    /** The directory of the device's network interfaces. */
    public static SysfsPath net(PciAddress address) {
        return attribute(address, "net");
    }

    /** Whether a VGA device is the boot display. */
    public static SysfsPath bootVga(PciAddress address) {
        return attribute(address, "boot_vga");
    }

    /** Whether the device is enabled. */
    public static SysfsPath enable(PciAddress address) {
        return attribute(address, "enable");
    }
}
