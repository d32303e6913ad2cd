package io.virtforge.host.pci;

import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.value.PciAddress;
import java.util.List;
import java.util.Optional;

/**
 * An IOMMU group and whether a guest can be given it.
 *
 * @param id         the group number
 * @param members    its PCI functions, in address order
 * @param noIommu    true for a group VFIO made up in unsafe no-IOMMU mode ({@code /dev/vfio/noiommu-N}):
 *                   it isolates nothing
 * @param vfioDevice the group's VFIO device node ({@code /dev/vfio/N} or {@code /dev/vfio/noiommu-N}) when
 *                   it exists, i.e. while a member is bound to vfio-pci
 */
public record IommuGroupInfo(int id, List<IommuGroupMember> members, boolean noIommu, Optional<SysfsPath> vfioDevice) {
    /** Copies the list. */
    public IommuGroupInfo {
        members = List.copyOf(members);
    }

    /** The member addresses. */
    public List<PciAddress> addresses() {
        return members.stream().map(IommuGroupMember::address).toList();
    }

    /**
     * True when the group can be assigned: every endpoint (PCI bridges aside) is bound to vfio-pci or
     * unbound.
     */
    public boolean viable() {
        return blockers().isEmpty();
    }

    /** The endpoints bound to host drivers, which keep the group from being assigned. */
    public List<IommuGroupMember> blockers() {
        return members.stream().filter(IommuGroupMember::blocksAssignment).toList();
    }
}
