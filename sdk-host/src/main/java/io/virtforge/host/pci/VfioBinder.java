package io.virtforge.host.pci;

import io.virtforge.host.sysfs.DriverName;
import io.virtforge.host.sysfs.IommuPaths;
import io.virtforge.host.sysfs.PciDevicePaths;
import io.virtforge.host.sysfs.PciDriverPaths;
import io.virtforge.host.sysfs.ProcPaths;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.host.sysfs.SysfsTransaction;
import io.virtforge.value.PciAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds PCI functions to vfio-pci for device assignment, and gives them back. A bind moves the device, or
 * every endpoint of its IOMMU group (PCI bridges stay with their driver), in libvirt's order: write
 * {@code driver_override=vfio-pci}, unbind from the current driver, write the address to
 * {@code drivers_probe}, check that the {@code driver} link now points to vfio-pci. The previous bindings
 * are returned in a {@link VfioBinding}; {@link #release} clears the override (writes {@code "\n"}),
 * unbinds from vfio-pci, probes so the original driver takes the device back, and checks it did.
 *
 * <p>Before changing anything a bind refuses, with {@link VfioRefusedException}: an unknown device; a host
 * whose IOMMU is off (unless {@link VfioOptions#unsafeNoIommu()}); a device without IOMMU group; one that
 * carries a network interface that is up or has routes in {@code /proc/net/route} (unless
 * {@link VfioOptions#force()}); the boot display ({@code boot_vga} = 1); a host where vfio-pci is not
 * loaded (modules are not loaded for the caller). Every bind and release is a transaction: on any failure
 * the devices already moved are put back. A {@link HostLock} on {@link VfioOptions#lockFile()} serialises
 * binders across threads and processes.
 */
public final class VfioBinder {
    private static final Logger LOG = LoggerFactory.getLogger(VfioBinder.class);
    private final Sysfs sysfs;
    private final VfioOptions options;
    private final DriverSwitch drivers;

    /** A binder with {@link VfioOptions#defaults()}. */
    public VfioBinder(Sysfs sysfs) {
        this(sysfs, VfioOptions.defaults());
    }

    /** A binder with the given options. */
    public VfioBinder(Sysfs sysfs, VfioOptions options) {
        this.sysfs = sysfs;
        this.options = options;
        this.drivers = new DriverSwitch(sysfs);
    }

    /** How the device is bound now. */
    public DriverBinding bindingOf(PciAddress device) {
        requireDevice(device);
        return drivers.current(device);
    }

    /** Moves one device to vfio-pci. */
    public VfioBinding bind(PciAddress device) {
        return locked(() -> {
            requireDevice(device);
            return moveToVfio(List.of(device), "bind " + device + " to vfio-pci");
        });
    }

    /** Moves every endpoint of the device's IOMMU group to vfio-pci. */
    public VfioBinding bindGroup(PciAddress member) {
        return locked(() -> {
            requireDevice(member);
            OptionalInt group = new IommuGroups(sysfs).groupOf(member);
            if (group.isEmpty()) {
                throw new VfioRefusedException(VfioRefusal.NO_IOMMU_GROUP, member, "has no IOMMU group");
            }
            List<PciAddress> endpoints = new IommuGroups(sysfs).group(group.getAsInt()).orElseThrow().members().stream()
                    .filter(m -> !m.isBridge()).map(IommuGroupMember::address).toList();
            return moveToVfio(endpoints, "bind IOMMU group " + group.getAsInt() + " to vfio-pci");
        });
    }

    /** Gives the devices of a binding back to the drivers they had, the last moved first. */
    public void release(VfioBinding binding) {
        locked(() -> SysfsTransaction.run(sysfs, "release " + binding.devices() + " from vfio-pci", tx -> {
            List<DriverBinding> previous = new ArrayList<>(binding.previous());
            java.util.Collections.reverse(previous);
            for (DriverBinding before : previous) {
                DriverBinding now = drivers.current(before.device());
                tx.onRollback("put " + before.device() + " back on vfio-pci", () -> drivers.moveTo(now));
                drivers.moveTo(before);
            }
            return binding;
        }));
    }

    private VfioBinding moveToVfio(List<PciAddress> devices, String description) {
        for (PciAddress d : devices) {
            refuseUnsafe(d);
        }
        return SysfsTransaction.run(sysfs, description, tx -> {
            List<DriverBinding> moved = new ArrayList<>();
            for (PciAddress d : devices) {
                DriverBinding before = drivers.current(d);
                if (before.onVfio()) {
                    LOG.info("{} is on vfio-pci already", d);
                    continue;
                }
                tx.onRollback("put " + d + " back: " + before, () -> drivers.moveTo(before));
                drivers.moveTo(DriverBinding.vfio(d));
                moved.add(before);
            }
            return new VfioBinding(moved);
        });
    }

    private <T> T locked(Supplier<T> action) {
        try (HostLock lock = HostLock.acquire(options.lockFile(), options.lockTimeout())) {
            return action.get();
        }
    }

    private void requireDevice(PciAddress device) {
        if (!sysfs.isDirectory(PciDevicePaths.device(device))) {
            throw new VfioRefusedException(VfioRefusal.NO_SUCH_DEVICE, device, "no such PCI function");
        }
    }

    private void refuseUnsafe(PciAddress d) {
        requireDevice(d);
        if (!sysfs.isDirectory(PciDriverPaths.driver(DriverName.VFIO_PCI))) {
            throw new VfioRefusedException(VfioRefusal.VFIO_PCI_UNAVAILABLE, d, "vfio-pci is not loaded (no "
                    + PciDriverPaths.driver(DriverName.VFIO_PCI) + "); load it with 'modprobe vfio-pci' "
                    + "(Virtforge does not load kernel modules)");
        }
        if (!IommuGroups.enabled(sysfs) && !options.unsafeNoIommu()) {
            throw new VfioRefusedException(VfioRefusal.IOMMU_OFF, d, "the IOMMU is off (" + IommuPaths.CLASS_IOMMU
                    + " is empty): boot with intel_iommu=on or amd_iommu=on (and iommu=pt), or allow VFIO's unsafe "
                    + "no-IOMMU mode explicitly");
        }
        if (!sysfs.exists(PciDevicePaths.iommuGroup(d))) {
            throw new VfioRefusedException(VfioRefusal.NO_IOMMU_GROUP, d, "has no IOMMU group; vfio-pci cannot take it");
        }
        if (sysfs.readTrimmedIfExists(PciDevicePaths.bootVga(d)).filter("1"::equals).isPresent()) {
            throw new VfioRefusedException(VfioRefusal.BOOT_VGA, d, "is the boot display (boot_vga = 1); the host "
                    + "console would go dark");
        }
        if (!options.force()) {
            refuseBusyInterfaces(d);
        }
    }

    private void refuseBusyInterfaces(PciAddress d) {
        SysfsPath net = PciDevicePaths.net(d);
        if (!sysfs.isDirectory(net)) {
            return;
        }
        Set<String> routed = routedInterfaces();
        for (String name : sysfs.list(net)) {
            String state = sysfs.readTrimmedIfExists(net.resolve(name, "operstate")).orElse("unknown");
            if (state.equals("up")) {
                throw new VfioRefusedException(VfioRefusal.INTERFACE_UP, d, "carries network interface " + name
                        + ", which is up; take it down first or force the bind");
            }
            if (routed.contains(name)) {
                throw new VfioRefusedException(VfioRefusal.INTERFACE_ROUTED, d, "carries network interface " + name
                        + ", which has routes in " + ProcPaths.NET_ROUTE + "; remove them first or force the bind");
            }
        }
    }

    /** The interfaces named in the Iface column of {@code /proc/net/route}. */
    private Set<String> routedInterfaces() {
        Set<String> names = new HashSet<>();
        String table = sysfs.readTrimmedIfExists(ProcPaths.NET_ROUTE).orElse("");
        String[] lines = table.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].strip().split("\\s+");
            if (fields.length > 0 && !fields[0].isEmpty()) {
                names.add(fields[0]);
            }
        }
        return names;
    }
}
