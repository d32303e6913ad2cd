package io.virtforge.host.pci;

import io.virtforge.host.sysfs.DriverName;
import io.virtforge.value.PciAddress;
import java.util.Optional;

/**
 * Which driver a PCI function is bound to and which driver it is restricted to ({@code driver_override}).
 *
 * @param device   the function
 * @param driver   the bound driver; empty when unbound
 * @param override the driver override; empty when unset
 */
public record DriverBinding(PciAddress device, Optional<DriverName> driver, Optional<String> override) {
    /** The binding vfio-pci gives a device: bound to vfio-pci, overridden to it (as libvirt leaves it). */
    public static DriverBinding vfio(PciAddress device) {
        return new DriverBinding(device, Optional.of(DriverName.VFIO_PCI), Optional.of(DriverName.VFIO_PCI.name()));
    }

    /** True when bound to vfio-pci. */
    public boolean onVfio() {
        return driver.filter(DriverName.VFIO_PCI::equals).isPresent();
    }

    @Override
    public String toString() {
        return device + " on " + driver.map(DriverName::name).orElse("no driver")
                + override.map(o -> " (override " + o + ")").orElse("");
    }
}
