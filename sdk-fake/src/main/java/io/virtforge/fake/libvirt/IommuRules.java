package io.virtforge.fake.libvirt;

import io.virtforge.xml.XmlElement;

/**
 * libvirt 9.0's define-time rules for the {@code <iommu>} device ({@code qemuValidateDomainDeviceDefIOMMU},
 * qemu_validate.c: 67/10), with its words: an intel IOMMU needs a Q35, an smmuv3 an ARM virt machine, a virtio one
 * either of them, ACPI, and no address but a PCI one.
 */
final class IommuRules {
    private IommuRules() {
    }

    static void check(String name, GuestMachine g) {
        if (!g.machineKnown()) {
            return;
        }
        for (XmlElement iommu : g.devices("iommu")) {
            String model = iommu.attribute("model").orElse("");
            switch (model) {
                case "intel" -> {
                    if (!g.isQ35()) {
                        throw FakeErrors.qemuUnsupported(name, "IOMMU device: 'intel' is only supported with Q35 machines");
                    }
                }
                case "smmuv3" -> {
                    if (!g.isArmVirt()) {
                        throw FakeErrors.qemuUnsupported(name,
                                "IOMMU device: 'smmuv3' is only supported with ARM Virt machines");
                    }
                }
                case "virtio" -> virtio(name, g, iommu);
                default -> { }
            }
        }
    }

    private static void virtio(String name, GuestMachine g, XmlElement iommu) {
        if (!g.isQ35() && !g.isArmVirt()) {
            throw FakeErrors.qemuUnsupported(name,
                    "IOMMU device: 'virtio' is only supported with Q35 and ARM Virt machines");
        }
        if (!g.featureOn("acpi")) {
            throw FakeErrors.qemuUnsupported(name, "IOMMU device: 'virtio' requires ACPI");
        }
        String address = GuestMachine.addressType(iommu).orElse("pci");
        if (!address.equals("pci")) {
            throw FakeErrors.qemuUnsupported(name, "IOMMU device: 'virtio' needs a PCI address");
        }
    }
}
