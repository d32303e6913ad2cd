package io.virtforge.fake.kernel;

import io.virtforge.host.sysfs.DriverName;
import io.virtforge.host.sysfs.IommuPaths;
import io.virtforge.fake.kernel.fs.FakeFile;
import io.virtforge.fake.kernel.fs.FakeTree;
import io.virtforge.value.PciAddress;

/**
 * The {@code /dev/vfio} entries: {@code /dev/vfio/vfio} once vfio-pci has bound a device, and
 * {@code /dev/vfio/<group>} while any device of the group is bound to vfio-pci.
 */
final class VfioDeviceNodes implements BindingListener {
    private final FakeTree tree;
    private final PciDevices devices;

    VfioDeviceNodes(FakeTree tree, PciDevices devices) {
        this.tree = tree;
        this.devices = devices;
    }

    @Override
    public void bound(PciDeviceState device, DriverName driver) {
        if (driver.equals(DriverName.VFIO_PCI) && device.iommuGroup != null) {
            tree.put(IommuPaths.VFIO_CONTAINER, FakeFile.readWrite(""));
            tree.put(IommuPaths.vfioGroup(device.iommuGroup), FakeFile.readWrite(""));
        }
    }

    @Override
    public void unbinding(PciDeviceState device, DriverName driver) {
        if (!driver.equals(DriverName.VFIO_PCI) || device.iommuGroup == null) {
            return;
        }
        for (PciAddress member : devices.groupMembers(device.iommuGroup)) {
            PciDeviceState other = devices.find(member).orElseThrow();
            if (other != device && DriverName.VFIO_PCI.equals(other.boundDriver)) {
                return;
            }
        }
        tree.remove(IommuPaths.vfioGroup(device.iommuGroup));
    }
}
