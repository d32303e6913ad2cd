package io.virtforge.fake.kernel;

import io.virtforge.host.sysfs.DriverName;

/** Told when the fake kernel binds or unbinds a PCI device, to keep dependent entries in step. */
interface BindingListener {
    /** The device was just bound to the driver. */
    void bound(PciDeviceState device, DriverName driver);

    /** The device is about to be unbound from the driver (its links are still there). */
    void unbinding(PciDeviceState device, DriverName driver);
}
