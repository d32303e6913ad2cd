package io.virtforge.host;

import io.virtforge.topology.PciDevice;
import io.virtforge.value.PciAddress;
import io.virtforge.value.ValueFormatException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads PCI functions from {@code /sys/bus/pci/devices/<address>}: ids, class, NUMA node ({@code -1} is
 * unknown), the bound driver ({@code driver} link), the IOMMU group ({@code iommu_group} link), SR-IOV
 * relations ({@code physfn}, {@code virtfnN}, {@code sriov_totalvfs}) and the first network interface in
 * {@code net/}. Each device folder is listed once, and only the files it holds are read.
 */
final class PciDeviceReader {
    private final Sysfs sysfs;

    PciDeviceReader(Sysfs sysfs) {
        this.sysfs = sysfs;
    }

    /** The addresses under {@code /sys/bus/pci/devices}; names that are not addresses are skipped. */
    List<PciAddress> addresses() {
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

    /** One device; empty when it does not exist. */
    Optional<PciDevice> find(PciAddress address) {
        return sysfs.isDirectory(PciDevicePaths.device(address)) ? Optional.of(read(address)) : Optional.empty();
    }

    /** One device, which must exist. */
    PciDevice read(PciAddress address) {
        SysfsPath dir = PciDevicePaths.device(address);
        List<String> names = sysfs.list(dir);
        Set<String> entries = new HashSet<>(names);
        PciDevice.Builder b = PciDevice.builder(address);
        if (entries.contains("vendor")) {
            b.vendorId(KernelValues.hex(sysfs.read(PciDevicePaths.vendor(address))));
        }
        if (entries.contains("device")) {
            b.deviceId(KernelValues.hex(sysfs.read(PciDevicePaths.deviceId(address))));
        }
        if (entries.contains("class")) {
            b.classCode(Math.max(0, KernelValues.hex(sysfs.read(PciDevicePaths.deviceClass(address)))));
        }
        if (entries.contains("numa_node")) {
            b.numaNode(KernelValues.integer(sysfs.read(PciDevicePaths.numaNode(address))).orElse(-1));
        }
        if (entries.contains("driver")) {
            b.driver(sysfs.readLinkName(PciDevicePaths.driver(address)));
        }
        if (entries.contains("iommu_group")) {
            b.iommuGroup(KernelValues.integer(sysfs.readLinkName(PciDevicePaths.iommuGroup(address))).orElse(-1));
        }
        if (entries.contains("physfn")) {
            b.physfn(PciAddress.parse(sysfs.readLinkName(PciDevicePaths.physfn(address))));
        }
        if (entries.contains("sriov_totalvfs")) {
            b.sriovTotalVfs(KernelValues.integer(sysfs.read(PciDevicePaths.sriovTotalVfs(address))).orElse(-1));
        }
        b.virtfns(virtfns(address, names));
        if (entries.contains("net")) {
            List<String> net = sysfs.list(PciDevicePaths.net(address));
            b.netdev(net.isEmpty() ? null : net.get(0));
        }
        return b.build();
    }

    private List<PciAddress> virtfns(PciAddress address, List<String> names) {
        TreeMap<Integer, PciAddress> byIndex = new TreeMap<>();
        for (String name : names) {
            int index = KernelValues.numberedName(name, "virtfn");
            if (index >= 0) {
                byIndex.put(index, PciAddress.parse(sysfs.readLinkName(PciDevicePaths.virtfn(address, index))));
            }
        }
        return List.copyOf(byIndex.values());
    }
}
