package io.virtforge.host.pci;

/** Why {@link VfioBinder} refused to move a device. */
public enum VfioRefusal {
    /** No such PCI function. */
    NO_SUCH_DEVICE,
    /** The IOMMU is off ({@code /sys/class/iommu} is empty) and unsafe no-IOMMU mode was not allowed. */
    IOMMU_OFF,
    /** The device has no IOMMU group, so vfio-pci cannot take it. */
    NO_IOMMU_GROUP,
    /** The device carries a network interface that is up; the host would lose it (override: force). */
    INTERFACE_UP,
    /** The device carries a network interface that routes traffic (override: force). */
    INTERFACE_ROUTED,
    /** The device is the boot display ({@code boot_vga} = 1): the host console would go dark. */
    BOOT_VGA,
    /** vfio-pci is not loaded (no {@code /sys/bus/pci/drivers/vfio-pci}); Virtforge does not load modules. */
    VFIO_PCI_UNAVAILABLE
}
