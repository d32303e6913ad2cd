package io.virtforge.host.pci;

import io.virtforge.host.sysfs.KernelCommandLine;
import java.util.List;
import java.util.Optional;

/**
 * Whether the host IOMMU is on, and what the kernel command line asks of it.
 *
 * @param enabled     true when {@code /sys/class/iommu} has a unit (DMAR or AMD-Vi)
 * @param units       the IOMMU units, e.g. {@code dmar0}
 * @param intelIommu  the value of {@code intel_iommu=}, when given
 * @param amdIommu    the value of {@code amd_iommu=}, when given
 * @param passthrough true when the command line asks for pass-through mode for host devices
 *                    ({@code iommu=pt} or {@code iommu.passthrough=1}), which spares host DMA the
 *                    translation cost
 */
public record IommuStatus(boolean enabled, List<String> units, Optional<String> intelIommu, Optional<String> amdIommu,
        boolean passthrough) {
    /** Copies the list. */
    public IommuStatus {
        units = List.copyOf(units);
    }

    /** Derives the command-line part of the status. */
    static IommuStatus of(List<String> units, KernelCommandLine cmdline) {
        boolean pt = cmdline.hasOption("iommu", "pt") || cmdline.has("iommu.passthrough", "1")
                || cmdline.has("iommu.passthrough", "y") || cmdline.has("iommu.passthrough", "on");
        return new IommuStatus(!units.isEmpty(), units, cmdline.value("intel_iommu"), cmdline.value("amd_iommu"), pt);
    }
}
