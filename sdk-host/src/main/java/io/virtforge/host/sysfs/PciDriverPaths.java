package io.virtforge.host.sysfs;

/** Paths of the PCI driver model: {@code /sys/bus/pci/drivers/<driver>/...} and {@code drivers_probe}. */
public final class PciDriverPaths {
    /** {@code /sys/bus/pci/drivers}. */
    public static final SysfsPath DRIVERS = SysfsPath.of("sys", "bus", "pci", "drivers");
    /** {@code /sys/bus/pci/drivers_probe}: write an address to have the kernel find the device a driver. */
    public static final SysfsPath DRIVERS_PROBE = SysfsPath.of("sys", "bus", "pci", "drivers_probe");

    private PciDriverPaths() {
    }

    /** {@code /sys/bus/pci/drivers/<driver>}: holds a link per bound device. */
    public static SysfsPath driver(DriverName driver) {
        return DRIVERS.resolve(driver);
    }

    /** Write an address to bind the device to this driver. */
    public static SysfsPath bind(DriverName driver) {
        return driver(driver).resolve("bind");
    }

    /** Write an address to unbind the device from this driver. */
    public static SysfsPath unbind(DriverName driver) {
        return driver(driver).resolve("unbind");
    }

    /** Write {@code "vvvv dddd"} to add a dynamic id to this driver (and bind matching unbound devices). */
    public static SysfsPath newId(DriverName driver) {
        return driver(driver).resolve("new_id");
    }

    /** Write {@code "vvvv dddd"} to remove a dynamic id from this driver. */
    public static SysfsPath removeId(DriverName driver) {
        return driver(driver).resolve("remove_id");
    }
}
