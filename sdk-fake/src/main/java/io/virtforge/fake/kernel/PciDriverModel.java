package io.virtforge.fake.kernel;

import io.virtforge.host.sysfs.DriverName;
import io.virtforge.host.sysfs.Errno;
import io.virtforge.host.sysfs.PciDriverPaths;
import io.virtforge.fake.kernel.fs.DynamicAttribute;
import io.virtforge.fake.kernel.fs.FakeFile;
import io.virtforge.fake.kernel.fs.FakeTree;
import io.virtforge.fake.kernel.fs.KernelError;
import io.virtforge.value.PciAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kernel's PCI driver model, as {@code drivers/base/bus.c}, {@code dd.c} and
 * {@code drivers/pci/pci-driver.c} implement it:
 * <ul>
 * <li>a driver matches a device when the device's {@code driver_override} is unset or names it, and the
 * device's id is in the driver's dynamic or static ids; a set override alone also matches
 * ({@code pci_match_device()});</li>
 * <li>{@code bind}: {@code ENODEV} for an unknown device or one the driver does not match, {@code EBUSY}
 * when the device is bound already;</li>
 * <li>{@code unbind}: {@code ENODEV} unless the device is bound to that driver;</li>
 * <li>{@code new_id} ({@code "vvvv dddd ..."}, hex): {@code EINVAL} for fewer than two fields,
 * {@code EEXIST} when the driver already matches the id; else adds it and binds every unbound device it now
 * matches; {@code remove_id}: {@code ENODEV} when the id was not added;</li>
 * <li>{@code drivers_probe}: {@code ENODEV} for an unknown device; an unbound device is bound to the first
 * loaded driver (in load order) that matches it, success even when none does;</li>
 * <li>{@code driver_override}: the text up to the first newline; empty clears it; reads {@code (null)}
 * when unset. Binding nothing by itself.</li>
 * </ul>
 * Probing with vfio-pci fails for a device without an IOMMU group: {@code bind} gives {@code EINVAL}, the
 * other paths leave the device unbound. Device names must be exact ({@code 0000:3b:00.0}), as
 * {@code sysfs_streq()} compares them.
 */
final class PciDriverModel {
    private final FakeTree tree;
    private final PciDevices devices;
    private final Map<DriverName, PciDriverState> drivers = new LinkedHashMap<>();
    private final List<BindingListener> listeners = new ArrayList<>();

    PciDriverModel(FakeTree tree, PciDevices devices) {
        this.tree = tree;
        this.devices = devices;
        tree.directory(PciDriverPaths.DRIVERS);
        tree.put(PciDriverPaths.DRIVERS_PROBE, FakeFile.command(this::probe));
    }

    void addListener(BindingListener listener) {
        listeners.add(listener);
    }

    /** The driver, created (its folder and command files) if it was not loaded, without probing devices. */
    PciDriverState ensure(DriverName name) {
        PciDriverState existing = drivers.get(name);
        if (existing != null) {
            return existing;
        }
        PciDriverState d = new PciDriverState(name);
        drivers.put(name, d);
        tree.directory(PciDriverPaths.driver(name));
        tree.put(PciDriverPaths.bind(name), FakeFile.command(v -> bind(d, v)));
        tree.put(PciDriverPaths.unbind(name), FakeFile.command(v -> unbind(d, v)));
        tree.put(PciDriverPaths.newId(name), FakeFile.command(v -> newId(d, v)));
        tree.put(PciDriverPaths.removeId(name), FakeFile.command(v -> removeId(d, v)));
        return d;
    }

    /** Loads a driver as {@code modprobe} does: registers it, then binds it to every unbound device it matches. */
    void load(DriverName name) {
        attachToUnbound(ensure(name));
    }

    /** Adds the files a device has for the driver model ({@code driver_override}). */
    void register(PciDeviceState device) {
        tree.put(device.attribute("driver_override"), FakeFile.of(DynamicAttribute.of(
                () -> (device.driverOverride == null ? "(null)" : device.driverOverride) + "\n",
                v -> setOverride(device, v))));
    }

    boolean matches(PciDriverState driver, PciDeviceState device) {
        if (device.driverOverride != null && !device.driverOverride.equals(driver.name.name())) {
            return false;
        }
        return driver.matchesId(device.id) || device.driverOverride != null;
    }

    private PciDeviceState named(String value) {
        return devices.findByName(value)
                .orElseThrow(() -> new KernelError(Errno.ENODEV, "no PCI device '" + value.strip() + "'"));
    }

    private void bind(PciDriverState driver, String value) {
        PciDeviceState device = named(value);
        if (!matches(driver, device)) {
            throw new KernelError(Errno.ENODEV, driver.name + " does not match " + device.address);
        }
        if (device.boundDriver != null) {
            throw new KernelError(Errno.EBUSY, device.address + " is bound to " + device.boundDriver);
        }
        attach(driver, device);
    }

    private void unbind(PciDriverState driver, String value) {
        PciDeviceState device = named(value);
        if (!driver.name.equals(device.boundDriver)) {
            throw new KernelError(Errno.ENODEV, device.address + " is not bound to " + driver.name);
        }
        detach(device);
    }

    private void newId(PciDriverState driver, String value) {
        long[] fields = hexFields(value);
        PciId id = new PciId((int) fields[0], (int) fields[1]);
        if (fields.length != 7 && driver.matchesId(id)) {
            throw new KernelError(Errno.EEXIST, driver.name + " already matches " + id);
        }
        driver.dynamicIds.add(id);
        attachToUnbound(driver);
    }

    private void removeId(PciDriverState driver, String value) {
        long[] fields = hexFields(value);
        if (!driver.dynamicIds.remove(new PciId((int) fields[0], (int) fields[1]))) {
            throw new KernelError(Errno.ENODEV, driver.name + " has no dynamic id " + value.strip());
        }
    }

    /** Up to seven hex fields, as {@code sscanf("%x %x %x %x %x %x %lx")}; at least two are needed. */
    private static long[] hexFields(String value) {
        List<Long> fields = new ArrayList<>();
        for (String word : value.strip().split("\\s+")) {
            if (fields.size() == 7 || word.isEmpty()) {
                break;
            }
            String digits = word.startsWith("0x") || word.startsWith("0X") ? word.substring(2) : word;
            try {
                fields.add(Long.parseLong(digits, 16));
            } catch (NumberFormatException e) {
                break;
            }
        }
        if (fields.size() < 2) {
            throw new KernelError(Errno.EINVAL, "expected 'vendor device' in hex: '" + value.strip() + "'");
        }
        return fields.stream().mapToLong(Long::longValue).toArray();
    }

    private void probe(String value) {
        autoprobe(named(value));
    }

    /** Binds an unbound device to the first loaded driver that matches it and probes it successfully. */
    void autoprobe(PciDeviceState device) {
        if (device.boundDriver != null) {
            return;
        }
        for (PciDriverState driver : drivers.values()) {
            if (matches(driver, device) && tryAttach(driver, device)) {
                return;
            }
        }
    }

    private void attachToUnbound(PciDriverState driver) {
        for (PciDeviceState device : List.copyOf(devices.all())) {
            if (device.boundDriver == null && matches(driver, device)) {
                tryAttach(driver, device);
            }
        }
    }

    private boolean tryAttach(PciDriverState driver, PciDeviceState device) {
        try {
            attach(driver, device);
            return true;
        } catch (KernelError probeFailed) {
            return false;
        }
    }

    /** Binds a device: the driver's probe, then the {@code driver} link and the driver's entry for the device. */
    void attach(PciDriverState driver, PciDeviceState device) {
        if (driver.name.equals(DriverName.VFIO_PCI) && device.iommuGroup == null) {
            throw new KernelError(Errno.EINVAL, "vfio-pci: " + device.address + " has no IOMMU group");
        }
        device.boundDriver = driver.name;
        tree.link(device.attribute("driver"), PciDriverPaths.driver(driver.name));
        tree.link(PciDriverPaths.driver(driver.name).resolve(device.address), device.dir);
        listeners.forEach(l -> l.bound(device, driver.name));
    }

    /** Unbinds a device and removes its links. */
    void detach(PciDeviceState device) {
        DriverName driver = device.boundDriver;
        if (driver == null) {
            return;
        }
        listeners.forEach(l -> l.unbinding(device, driver));
        tree.remove(device.attribute("driver"));
        tree.remove(PciDriverPaths.driver(driver).resolve(device.address));
        device.boundDriver = null;
    }

    private void setOverride(PciDeviceState device, String value) {
        if (value.length() >= 4095) {
            throw new KernelError(Errno.EINVAL, "driver_override too long");
        }
        int newline = value.indexOf('\n');
        String name = newline < 0 ? value : value.substring(0, newline);
        device.driverOverride = name.isEmpty() ? null : name;
    }

    Optional<PciDriverState> driver(DriverName name) {
        return Optional.ofNullable(drivers.get(name));
    }

    PciDeviceState device(PciAddress address) {
        return devices.find(address).orElseThrow(() -> new IllegalArgumentException("no PCI device " + address));
    }
}
