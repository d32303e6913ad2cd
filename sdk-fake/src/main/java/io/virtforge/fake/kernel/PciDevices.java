package io.virtforge.fake.kernel;

import io.virtforge.host.sysfs.IommuPaths;
import io.virtforge.host.sysfs.PciDevicePaths;
import io.virtforge.fake.kernel.fs.FakeFile;
import io.virtforge.fake.kernel.fs.FakeTree;
import io.virtforge.fake.kernel.fs.KernelText;
import io.virtforge.value.PciAddress;
import java.util.Collection;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The PCI functions of the fake kernel and their sysfs entries: the device folder with its id attributes,
 * the {@code /sys/bus/pci/devices} link, the IOMMU group links both ways.
 */
final class PciDevices {
    private final FakeTree tree;
    private final SortedMap<PciAddress, PciDeviceState> devices = new TreeMap<>();
    private final SortedMap<Integer, SortedSet<PciAddress>> groups = new TreeMap<>();

    PciDevices(FakeTree tree) {
        this.tree = tree;
        tree.directory(PciDevicePaths.DEVICES);
        tree.directory(IommuPaths.GROUPS);
    }

    Optional<PciDeviceState> find(PciAddress address) {
        return Optional.ofNullable(devices.get(address));
    }

    /** The device named by a write to a driver file: its exact sysfs name, one trailing newline allowed. */
    Optional<PciDeviceState> findByName(String value) {
        String name = KernelText.stripNewline(value);
        return devices.values().stream().filter(d -> d.address.format().equals(name)).findFirst();
    }

    Collection<PciDeviceState> all() {
        return devices.values();
    }

    boolean hasIommuGroups() {
        return !groups.isEmpty();
    }

    /** A group number no device uses, for a new VF (each VF in its own group, as behind ACS). */
    int freeIommuGroup() {
        return groups.isEmpty() ? 0 : groups.lastKey() + 1;
    }

    void add(PciDeviceState d) {
        if (devices.containsKey(d.address)) {
            throw new IllegalStateException("PCI device " + d.address + " exists already");
        }
        devices.put(d.address, d);
        tree.put(d.attribute("vendor"), FakeFile.readOnly(String.format("0x%04x\n", d.id.vendor())));
        tree.put(d.attribute("device"), FakeFile.readOnly(String.format("0x%04x\n", d.id.device())));
        tree.put(d.attribute("class"), FakeFile.readOnly(String.format("0x%06x\n", d.deviceClass)));
        tree.put(d.attribute("numa_node"), FakeFile.readOnly(d.numaNode + "\n"));
        tree.put(d.attribute("uevent"), FakeFile.view(() -> uevent(d)));
        tree.put(d.attribute("enable"), FakeFile.readWrite("1\n"));
        tree.link(PciDevicePaths.device(d.address), d.dir);
        if (d.physfn != null) {
            tree.link(d.attribute("physfn"), devices.get(d.physfn).dir);
        }
        if (d.iommuGroup != null) {
            groups.computeIfAbsent(d.iommuGroup, g -> new TreeSet<>()).add(d.address);
            tree.link(d.attribute("iommu_group"), IommuPaths.group(d.iommuGroup));
            tree.link(IommuPaths.groupDevices(d.iommuGroup).resolve(d.address), d.dir);
        }
    }

    /** As the kernel composes it on each read: the driver line only while one is bound. */
    private static String uevent(PciDeviceState d) {
        return (d.boundDriver == null ? "" : "DRIVER=" + d.boundDriver.name() + "\n")
                + String.format("PCI_CLASS=%04X\nPCI_ID=%04X:%04X\nPCI_SLOT_NAME=%s\n", d.deviceClass, d.id.vendor(),
                        d.id.device(), d.address.format());
    }

    void remove(PciDeviceState d) {
        devices.remove(d.address);
        tree.remove(d.dir);
        tree.remove(PciDevicePaths.device(d.address));
        if (d.iommuGroup != null) {
            SortedSet<PciAddress> members = groups.get(d.iommuGroup);
            members.remove(d.address);
            tree.remove(IommuPaths.groupDevices(d.iommuGroup).resolve(d.address));
            if (members.isEmpty()) {
                groups.remove(d.iommuGroup);
                tree.remove(IommuPaths.group(d.iommuGroup));
            }
        }
    }

    SortedSet<PciAddress> groupMembers(int group) {
        return groups.getOrDefault(group, new TreeSet<>());
    }
}
