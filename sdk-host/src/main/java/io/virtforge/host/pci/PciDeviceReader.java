package io.virtforge.host.pci;

import io.virtforge.host.sysfs.KernelValues;
import io.virtforge.host.sysfs.PciDevicePaths;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.topology.PciDevice;
import io.virtforge.value.PciAddress;
import io.virtforge.value.ValueFormatException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads PCI functions from {@code /sys/bus/pci/devices/<address>}: ids, class, NUMA node ({@code -1} is
 * unknown), the bound driver ({@code driver} link), the IOMMU group ({@code iommu_group} link), SR-IOV
 * relations ({@code physfn}, {@code virtfnN}, {@code sriov_totalvfs}) and the first network interface in
 * {@code net/}. Each device folder is listed once, and only the files it holds are read; ids, class and
 * driver come from the one {@code uevent} file where there is one (see {@link PciUevent}).
 *
 * <p>Public for {@code io.virtforge.host.discovery.HostDiscovery}, which reads every function through it;
 * the IOMMU groups and SR-IOV of this package read single functions with it too.
 */
public final class PciDeviceReader {
    private final Sysfs sysfs;

    /** A reader of the functions of the host behind {@code sysfs}. */
    public PciDeviceReader(Sysfs sysfs) {
        this.sysfs = sysfs;
    }

    /** The addresses under {@code /sys/bus/pci/devices}; names that are not addresses are skipped. */
    public List<PciAddress> addresses() {
        if (!sysfs.isDirectory(PciDevicePaths.DEVICES)) {
            return List.of();
        }
        List<PciAddress> result = new ArrayList<>();
        for (String name : sysfs.list(PciDevicePaths.DEVICES)) {
            try {
                result.add(PciAddress.parse(name));
            } catch (ValueFormatException e) {
                // not a function folder
            }
        }
        return result;
    }

    /**
     * Every function under {@code /sys/bus/pci/devices}, in the listing's order; read in parallel (the common
     * pool and the caller) from {@code parallelFrom} functions on. Each folder is the listed name when that is
     * already the address' sysfs form ({@code 0000:3b:00.0}, as the kernel names them), which spares formatting
     * the address again; else the formatted address, as {@link #read(PciAddress)} does.
     */
    public List<PciDevice> readAll(int parallelFrom) {
        if (!sysfs.isDirectory(PciDevicePaths.DEVICES)) {
            return List.of();
        }
        List<Map.Entry<PciAddress, SysfsPath>> functions = new ArrayList<>();
        for (String name : sysfs.list(PciDevicePaths.DEVICES)) {
            try {
                PciAddress address = PciAddress.parse(name);
                functions.add(Map.entry(address, isSysfsForm(name) ? PciDevicePaths.DEVICES.resolve(name)
                        : PciDevicePaths.device(address)));
            } catch (ValueFormatException e) {
                // not a function folder
            }
        }
        return (functions.size() < parallelFrom ? functions.stream() : functions.parallelStream())
                .map(f -> read(f.getKey(), f.getValue())).toList();
    }

    /**
     * True when {@code name} is exactly what {@link PciAddress#format()} gives for the address it parses to:
     * {@code dddd:bb:ss.f} in lower-case hex (the parser's range checks have passed already).
     */
    static boolean isSysfsForm(String name) {
        if (name.length() != 12 || name.charAt(4) != ':' || name.charAt(7) != ':' || name.charAt(10) != '.') {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            char c = name.charAt(i);
            boolean hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f';
            if (!hex && i != 4 && i != 7 && i != 10) {
                return false;
            }
        }
        return true;
    }

    /** One device; empty when it does not exist. */
    Optional<PciDevice> find(PciAddress address) {
        return sysfs.isDirectory(PciDevicePaths.device(address)) ? Optional.of(read(address)) : Optional.empty();
    }

    /**
     * One device, which must exist. The device folder's path is built once (formatting the address is the
     * costly part of a path) and every attribute is resolved from it: the same paths as
     * {@link PciDevicePaths}' helpers.
     */
    public PciDevice read(PciAddress address) {
        return read(address, PciDevicePaths.device(address));
    }

    private PciDevice read(PciAddress address, SysfsPath dir) {
        List<String> names = sysfs.list(dir);
        Set<String> entries = new HashSet<>(names);
        PciDevice.Builder b = PciDevice.builder(address);
        Optional<PciUevent> uevent = entries.contains("uevent")
                ? PciUevent.parse(sysfs.read(dir.resolve("uevent"))) : Optional.empty();
        if (uevent.isPresent()) {
            PciUevent u = uevent.get();
            b.vendorId(u.vendorId()).deviceId(u.deviceId()).classCode(u.classCode());
            u.driver().ifPresent(b::driver);
        } else {
            readIdsAndDriver(dir, entries, b);
        }
        if (entries.contains("numa_node")) {
            b.numaNode(KernelValues.integer(sysfs.read(dir.resolve("numa_node"))).orElse(-1));
        }
        if (entries.contains("iommu_group")) {
            b.iommuGroup(KernelValues.integer(sysfs.readLinkName(dir.resolve("iommu_group"))).orElse(-1));
        }
        if (entries.contains("physfn")) {
            b.physfn(PciAddress.parse(sysfs.readLinkName(dir.resolve("physfn"))));
        }
        if (entries.contains("sriov_totalvfs")) {
            b.sriovTotalVfs(KernelValues.integer(sysfs.read(dir.resolve("sriov_totalvfs"))).orElse(-1));
        }
        b.virtfns(virtfns(dir, names));
        if (entries.contains("net")) {
            List<String> net = sysfs.list(dir.resolve("net"));
            b.netdev(net.isEmpty() ? null : net.get(0));
        }
        return b.build();
    }

    /** Trees without {@code uevent} files (libvirt's test data, hand-made fixtures): the separate files. */
    private void readIdsAndDriver(SysfsPath dir, Set<String> entries, PciDevice.Builder b) {
        if (entries.contains("vendor")) {
            b.vendorId(KernelValues.hex(sysfs.read(dir.resolve("vendor"))));
        }
        if (entries.contains("device")) {
            b.deviceId(KernelValues.hex(sysfs.read(dir.resolve("device"))));
        }
        if (entries.contains("class")) {
            b.classCode(Math.max(0, KernelValues.hex(sysfs.read(dir.resolve("class")))));
        }
        if (entries.contains("driver")) {
            b.driver(sysfs.readLinkName(dir.resolve("driver")));
        }
    }

    private List<PciAddress> virtfns(SysfsPath dir, List<String> names) {
        TreeMap<Integer, PciAddress> byIndex = null;
        for (String name : names) {
            int index = KernelValues.numberedName(name, "virtfn");
            if (index >= 0) {
                if (byIndex == null) {
                    byIndex = new TreeMap<>();
                }
                byIndex.put(index, PciAddress.parse(sysfs.readLinkName(dir.resolveNumbered("virtfn", index))));
            }
        }
        return byIndex == null ? List.of() : List.copyOf(byIndex.values());
    }
}
