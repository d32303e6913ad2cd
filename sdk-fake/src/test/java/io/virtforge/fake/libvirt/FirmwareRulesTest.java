package io.virtforge.fake.libvirt;

import static io.virtforge.connect.LibvirtErrors.VIR_ERR_CONFIG_UNSUPPORTED;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_XML_DETAIL;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_DOMAIN;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_QEMU;
import static io.virtforge.fake.libvirt.RuleDocs.doc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link FirmwareRules}: libvirt 9.0's loader, boot and SMM rules, with its words (libvirt's corpus, firmware-manual-*, tseg-*, boot-*). */
class FirmwareRulesTest {
    private static final String ACPI = "<features><acpi/></features>";
    private static final String OVMF = "<loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader>";
    private final RuleDocs docs = new RuleDocs();

    @AfterEach
    void close() {
        docs.close();
    }

    @Test
    void aManualLoaderNeedsAPathAndNoFirmwareFeatures() {
        docs.refused(VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN, "no loader path specified and firmware auto selection disabled",
                doc("pc", "<loader readonly='yes' type='pflash'/>", ACPI, ""));
        docs.refused(VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN, "cannot use feature-based firmware autoselection when "
                + "firmware autoselection is disabled", doc("pc", OVMF
                + "<firmware><feature enabled='no' name='enrolled-keys'/></firmware>", ACPI, ""));
        docs.accepted(doc("pc", OVMF, ACPI, ""));
    }

    @Test
    void aStatelessLoaderTakesNoNvramAndAStatefulOneMustBePflash() {
        String stateless = "<loader stateless='yes' readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader>";
        docs.refused(VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN, "NVRAM template is not permitted when loader is stateless",
                doc("pc", stateless + "<nvram template='/usr/share/OVMF/OVMF_VARS.fd'/>", ACPI, ""));
        docs.refused(VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN, "NVRAM is not permitted when loader is stateless",
                doc("pc", stateless + "<nvram>/var/lib/libvirt/qemu/nvram/d_VARS.fd</nvram>", ACPI, ""));
        docs.refused(VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN, "Only pflash loader type permits NVRAM",
                doc("pc", "<loader stateless='no'>/usr/share/seabios/bios.bin</loader>", "", ""));
        docs.accepted(doc("pc", stateless, ACPI, ""));
    }

    @Test
    void uefiOnX86NeedsAcpi() {
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: UEFI requires ACPI on this "
                + "architecture", doc("q35", OVMF, "", ""));
        docs.accepted(doc("q35", "<loader readonly='yes'>/usr/share/seabios/bios.bin</loader>", "", ""));
    }

    @Test
    void bootMenuTimeoutAndBootOrders() {
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: invalid value for boot "
                + "menu timeout, must be in range [0,65535]", doc("pc", "<bootmenu enable='yes' timeout='65536'/>", "", ""));
        docs.accepted(doc("pc", "<bootmenu enable='yes' timeout='65535'/>", "", ""));
        String disk = "<disk type='file' device='disk'><source file='/a.img'/><target dev='vda' bus='virtio'/>"
                + "<boot order='1'/></disk>";
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: per-device boot elements "
                + "cannot be used together with os/boot elements", doc("pc", "<boot dev='hd'/>", "", disk));
        docs.accepted(doc("pc", "", "", disk));
    }

    @Test
    void smmTsegIsAQ35sInWholeMebibytes() {
        String tseg = "<features><smm state='on'><tseg unit='MiB'>48</tseg></smm></features>";
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: SMM TSEG is only supported "
                + "with q35 machine type", doc("pc", "", tseg, ""));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: SMM TSEG size must be "
                + "divisible by 1 MiB", doc("q35", "", "<features><smm state='on'><tseg unit='KiB'>12345</tseg></smm>"
                        + "</features>", ""));
        docs.accepted(doc("q35", "", tseg, ""));
    }
}
