package io.virtforge.host.pci;

import io.virtforge.host.sysfs.DriverName;
import io.virtforge.host.sysfs.HostChangeException;
import io.virtforge.host.sysfs.PciDevicePaths;
import io.virtforge.host.sysfs.PciDriverPaths;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.host.sysfs.SysfsWriteException;
import io.virtforge.value.PciAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a PCI function to a {@link DriverBinding} in libvirt's order ({@code virPCIDeviceBindToStub()}):
 * set {@code driver_override} (an empty value, {@code "\n"}, clears it), unbind from the current driver,
 * write the address to {@code drivers_probe} so the matching driver takes the device, and verify the
 * {@code driver} link. Each step is skipped when the device already shows its result, so the same move
 * also puts a device back after a half-done move. When probing leaves the device unbound, the target
 * driver's {@code bind} is tried.
 */
final class DriverSwitch {
    private static final Logger LOG = LoggerFactory.getLogger(DriverSwitch.class);
    private static final String UNSET = "(null)";
    private final Sysfs sysfs;

    DriverSwitch(Sysfs sysfs) {
        this.sysfs = sysfs;
    }

    /** How the device is bound now. */
    DriverBinding current(PciAddress device) {
        return new DriverBinding(device, driver(device), override(device));
    }

    private Optional<DriverName> driver(PciAddress device) {
        SysfsPath link = PciDevicePaths.driver(device);
        return sysfs.exists(link) ? Optional.of(DriverName.of(sysfs.readLinkName(link))) : Optional.empty();
    }

    private Optional<String> override(PciAddress device) {
        return sysfs.readTrimmedIfExists(PciDevicePaths.driverOverride(device)).filter(o -> !o.isEmpty() && !o.equals(UNSET));
    }

    /**
     * Moves the device to the target binding.
     *
     * @throws HostChangeException when the device ends up bound otherwise
     * @throws SysfsWriteException when the kernel refuses a step
     */
    void moveTo(DriverBinding target) {
        PciAddress d = target.device();
        if (!override(d).equals(target.override())) {
            sysfs.write(PciDevicePaths.driverOverride(d), target.override().orElse("\n"));
        }
        Optional<DriverName> now = driver(d);
        if (now.isPresent() && !now.equals(target.driver())) {
            sysfs.write(PciDriverPaths.unbind(now.get()), d.format());
        }
        if (target.driver().isPresent() && driver(d).isEmpty()) {
            sysfs.write(PciDriverPaths.DRIVERS_PROBE, d.format());
            if (driver(d).isEmpty() && sysfs.exists(PciDriverPaths.bind(target.driver().get()))) {
                sysfs.write(PciDriverPaths.bind(target.driver().get()), d.format());
            }
        }
        DriverBinding reached = current(d);
        if (!reached.driver().equals(target.driver())) {
            throw new HostChangeException("expected " + d + " on " + target.driver().map(DriverName::name)
                    .orElse("no driver") + ", but it is " + reached);
        }
        LOG.info("{} is now {}", d, reached);
    }
}
