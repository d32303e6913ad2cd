package io.virtforge.fake.kernel;

import io.virtforge.host.sysfs.DriverName;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.value.PciAddress;

/** The fake kernel's view of one PCI function. */
final class PciDeviceState {
    final PciAddress address;
    final PciId id;
    final int deviceClass;
    final int numaNode;
    final Integer iommuGroup;
    final SysfsPath dir;
    final PciAddress physfn;
    /** The driver whose static id table matches the device, or {@code null}. */
    final DriverName nativeDriver;
    /** The driver override, or {@code null} when unset. */
    String driverOverride;
    /** The bound driver, or {@code null} when unbound. */
    DriverName boundDriver;
    /** The SR-IOV capability of a physical function, or {@code null}. */
    SriovState sriov;

    PciDeviceState(PciAddress address, PciId id, int deviceClass, int numaNode, Integer iommuGroup, SysfsPath dir,
            PciAddress physfn, DriverName nativeDriver) {
        this.address = address;
        this.id = id;
        this.deviceClass = deviceClass;
        this.numaNode = numaNode;
        this.iommuGroup = iommuGroup;
        this.dir = dir;
        this.physfn = physfn;
        this.nativeDriver = nativeDriver;
    }

    /** {@code /sys/devices/pci<domain>:<bus>/<address>}: where a function without a parent bridge lives. */
    static SysfsPath rootBusDir(PciAddress address) {
        return SysfsPath.of("sys", "devices", String.format("pci%04x:%02x", address.domain(), address.bus()),
                address.format());
    }

    SysfsPath attribute(String name) {
        return dir.resolve(name);
    }
}
