package io.virtforge.host.pci;

import io.virtforge.host.sysfs.IommuPaths;
import io.virtforge.host.sysfs.KernelCommandLine;
import io.virtforge.host.sysfs.KernelValues;
import io.virtforge.host.sysfs.PciDevicePaths;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.IommuGroup;
import io.virtforge.value.PciAddress;
import io.virtforge.value.ValueFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The host IOMMU, read-only: whether it is on ({@code /sys/class/iommu} has a unit) and what the command
 * line asks ({@code intel_iommu=}, {@code amd_iommu=}, {@code iommu=pt}); the groups of
 * {@code /sys/kernel/iommu_groups} with their functions and drivers, whether each can be assigned, and
 * its VFIO device node ({@code /dev/vfio/N}; {@code /dev/vfio/noiommu-N} for groups of VFIO's unsafe
 * no-IOMMU mode, reported as such).
 */
public final class IommuGroups {
    private final Sysfs sysfs;

    /** The IOMMU of the host behind {@code sysfs}. */
    public IommuGroups(Sysfs sysfs) {
        this.sysfs = sysfs;
    }

    /** True when {@code /sys/class/iommu} holds a unit. */
    public static boolean enabled(Sysfs sysfs) {
        return !units(sysfs).isEmpty();
    }

    private static List<String> units(Sysfs sysfs) {
        return sysfs.isDirectory(IommuPaths.CLASS_IOMMU) ? sysfs.list(IommuPaths.CLASS_IOMMU) : List.of();
    }

    /** On or off, and the command line's IOMMU parameters. */
    public IommuStatus status() {
        return IommuStatus.of(units(sysfs), KernelCommandLine.read(sysfs));
    }

    /** Every group, by number. */
    public List<IommuGroupInfo> groups() {
        if (!sysfs.isDirectory(IommuPaths.GROUPS)) {
            return List.of();
        }
        int[] ids = KernelValues.numbered(sysfs.list(IommuPaths.GROUPS), "").toArray();
        List<IommuGroupInfo> groups = new ArrayList<>(ids.length);
        for (int id : ids) {
            groups.add(read(id));
        }
        return groups;
    }

    /** One group; empty when it does not exist. */
    public Optional<IommuGroupInfo> group(int id) {
        return sysfs.isDirectory(IommuPaths.group(id)) ? Optional.of(read(id)) : Optional.empty();
    }

    /** The group of a function; empty when it has none (IOMMU off) or does not exist. */
    public OptionalInt groupOf(PciAddress device) {
        SysfsPath link = PciDevicePaths.iommuGroup(device);
        if (!sysfs.exists(link)) {
            return OptionalInt.empty();
        }
        return KernelValues.integer(sysfs.readLinkName(link));
    }

    private IommuGroupInfo read(int id) {
        PciDeviceReader reader = new PciDeviceReader(sysfs);
        List<IommuGroupMember> members = new ArrayList<>();
        SysfsPath devices = IommuPaths.groupDevices(id);
        for (String name : sysfs.isDirectory(devices) ? sysfs.list(devices) : List.<String>of()) {
            try {
                PciAddress a = PciAddress.parse(name);
                reader.find(a).ifPresent(d -> members.add(IommuGroupMember.of(d)));
            } catch (ValueFormatException e) {
                // not a PCI function (platform devices can share groups too)
            }
        }
        SysfsPath noIommuNode = IommuPaths.DEV_VFIO.resolve("noiommu-" + id);
        boolean noIommu = sysfs.exists(noIommuNode) || sysfs.readTrimmedIfExists(IommuPaths.group(id).resolve("name")).map(n -> n.contains("noiommu")).orElse(false);
        Optional<SysfsPath> node = sysfs.exists(IommuPaths.vfioGroup(id)) ? Optional.of(IommuPaths.vfioGroup(id))
                : sysfs.exists(noIommuNode) ? Optional.of(noIommuNode) : Optional.empty();
        return new IommuGroupInfo(id, members, noIommu, node);
    }

    /**
     * Whether a group of a topology can be assigned, by the same rule as {@link IommuGroupInfo#viable()}:
     * every endpoint bound to vfio-pci or unbound, PCI bridges aside.
     */
    public static boolean viable(HostTopology host, IommuGroup group) {
        return group.devices().stream().map(a -> host.pciDevice(a).map(IommuGroupMember::of))
                .flatMap(Optional::stream).noneMatch(IommuGroupMember::blocksAssignment);
    }
}
