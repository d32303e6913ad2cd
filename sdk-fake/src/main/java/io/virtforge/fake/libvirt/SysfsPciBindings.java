package io.virtforge.fake.libvirt;

import io.virtforge.host.sysfs.DriverName;
import io.virtforge.host.sysfs.PciDevicePaths;
import io.virtforge.host.sysfs.PciDriverPaths;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.value.PciAddress;
import java.util.Optional;

/**
 * PCI bindings done through sysfs with libvirt's sequence: to assign, write {@code vfio-pci} to the
 * device's {@code driver_override}, unbind it from its driver and write its address to
 * {@code drivers_probe}; to give back, unbind it from vfio-pci, clear {@code driver_override} (a newline)
 * and probe again. Works on any {@link Sysfs}; the fake connection uses it with a paired {@link FakeSysfs}.
 */
final class SysfsPciBindings implements PciBindings {
    private final Sysfs sysfs;

    SysfsPciBindings(Sysfs sysfs) {
        this.sysfs = sysfs;
    }

    @Override
    public Optional<String> driver(PciAddress device) {
        return sysfs.exists(PciDevicePaths.driver(device))
                ? Optional.of(sysfs.readLinkName(PciDevicePaths.driver(device))) : Optional.empty();
    }

    @Override
    public void bindToVfio(PciAddress device) {
        Optional<String> bound = driver(device);
        if (bound.isPresent() && bound.get().equals(DriverName.VFIO_PCI.name())) {
            return;
        }
        sysfs.write(PciDevicePaths.driverOverride(device), DriverName.VFIO_PCI.name());
        if (bound.isPresent()) {
            sysfs.write(PciDriverPaths.unbind(DriverName.of(bound.get())), device.format());
        }
        sysfs.write(PciDriverPaths.DRIVERS_PROBE, device.format());
    }

    @Override
    public void restore(PciAddress device) {
        Optional<String> bound = driver(device);
        if (bound.isPresent() && bound.get().equals(DriverName.VFIO_PCI.name())) {
            sysfs.write(PciDriverPaths.unbind(DriverName.VFIO_PCI), device.format());
        }
        sysfs.write(PciDevicePaths.driverOverride(device), "\n");
        sysfs.write(PciDriverPaths.DRIVERS_PROBE, device.format());
    }
}
