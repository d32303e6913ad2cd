package io.virtforge.fake.libvirt;

import static io.virtforge.connect.LibvirtErrors.VIR_ERR_CONFIG_UNSUPPORTED;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_QEMU;
import static io.virtforge.fake.libvirt.RuleDocs.doc;
import static io.virtforge.fake.libvirt.RuleDocs.pc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link IommuRules} and {@link SerialRules}: devices of one machine family only, with libvirt 9.0's words. */
class IommuAndSerialRulesTest {
    private static final String ACPI = "<features><acpi/></features>";
    private final RuleDocs docs = new RuleDocs();

    @AfterEach
    void close() {
        docs.close();
    }

    @Test
    void iommusNeedTheirMachineAcpiAndAPciAddress() {
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: IOMMU device: 'intel' is only "
                + "supported with Q35 machines", pc("<iommu model='intel'/>"));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: IOMMU device: 'virtio' is only "
                + "supported with Q35 and ARM Virt machines", doc("pc", "", ACPI, "<iommu model='virtio'/>"));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: IOMMU device: 'virtio' "
                + "requires ACPI", doc("q35", "", "", "<iommu model='virtio'/>"));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: IOMMU device: 'virtio' needs a "
                + "PCI address", doc("q35", "", ACPI, "<iommu model='virtio'><address type='ccw' cssid='0xfe' "
                        + "ssid='0x0' devno='0x0000'/></iommu>"));
        docs.accepted(doc("q35", "", ACPI, "<iommu model='virtio'/>"));
        docs.accepted(doc("q35", "", "", "<iommu model='intel'/>"));
    }

    @Test
    void serialTargetsOfOtherMachinesAreRefused() {
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: Serial device with target "
                + "type 'system-serial' and target model 'pl011' not compatible with guest architecture or machine type",
                pc("<serial type='pty'><target type='system-serial'><model name='pl011'/></target></serial>"));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: Serial device with target "
                + "type 'spapr-vio-serial' and target model 'spapr-vty' not compatible with guest architecture or "
                + "machine type", pc("<serial type='pty'><target type='spapr-vio-serial'/></serial>"));
        docs.accepted(pc("<serial type='pty'><target type='isa-serial'><model name='isa-serial'/></target></serial>"));
    }
}
