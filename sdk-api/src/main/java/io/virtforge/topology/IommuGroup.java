package io.virtforge.topology;

import io.virtforge.value.PciAddress;
import java.util.List;

/**
 * An IOMMU group: the PCI functions the IOMMU cannot isolate from each other, which must be assigned
 * to one guest together (or left unbound).
 *
 * @param id      the group number
 * @param devices the functions in the group, in address order
 */
public record IommuGroup(int id, List<PciAddress> devices) {
    /** Copies the list, sorted. */
    public IommuGroup {
        devices = devices.stream().sorted().toList();
    }
}
