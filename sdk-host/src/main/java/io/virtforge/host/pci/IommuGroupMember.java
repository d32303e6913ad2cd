package io.virtforge.host.pci;

import io.virtforge.host.sysfs.DriverName;
import io.virtforge.topology.PciDevice;
import io.virtforge.value.PciAddress;
import java.util.Optional;

/**
 * One PCI function of an IOMMU group, as far as assignment cares: its class (PCI bridges do not count)
 * and its driver.
 *
 * @param address   the function
 * @param classCode its 24-bit class code
 * @param driver    the bound driver; empty when unbound
 */
public record IommuGroupMember(PciAddress address, int classCode, Optional<String> driver) {
    /** The member view of a device. */
    public static IommuGroupMember of(PciDevice device) {
        return new IommuGroupMember(device.address(), device.classCode(), device.driver());
    }

    /** True for a PCI-to-PCI bridge (class {@code 0x0604xx}), which viability ignores. */
    public boolean isBridge() {
        return (classCode >> 8) == PciDevice.CLASS_PCI_BRIDGE;
    }

    /** True when the function keeps its group from being assigned: an endpoint bound to a host driver. */
    public boolean blocksAssignment() {
        return !isBridge() && driver.isPresent() && !driver.get().equals(DriverName.VFIO_PCI.name());
    }
}
