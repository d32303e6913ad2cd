package io.virtforge.fake.kernel;

import io.virtforge.host.sysfs.DriverName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A loaded PCI driver: its static id table and the dynamic ids added through {@code new_id}. */
final class PciDriverState {
    final DriverName name;
    final Set<PciId> staticIds = new LinkedHashSet<>();
    final List<PciId> dynamicIds = new ArrayList<>();

    PciDriverState(DriverName name) {
        this.name = name;
    }

    /** The id-table part of the kernel's {@code pci_match_device()}: dynamic ids first, then static ones. */
    boolean matchesId(PciId id) {
        return dynamicIds.contains(id) || staticIds.contains(id);
    }
}
