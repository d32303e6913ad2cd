package io.virtforge.fake.libvirt;

import static io.virtforge.connect.LibvirtErrors.VIR_ERR_CONFIG_UNSUPPORTED;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_XML_ERROR;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_DOMAIN;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_QEMU;
import static io.virtforge.fake.libvirt.TestDomains.fails;

import io.virtforge.connect.DefineOptions;
import io.virtforge.connect.InvalidDefinitionException;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainXml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The QEMU driver's device rules the fake models ({@link QemuValidation}), with QEMU's words from libvirt's corpus. */
class QemuValidationTest {
    private final FakeVirtConnection fake = Fixtures.get(Fixtures.TINY).connect();

    @AfterEach
    void close() {
        fake.close();
    }

    private void refused(int code, int domain, String message, String machine, String devices) {
        Domain d = DomainXml.defaults().parse("<domain type='qemu'><name>d</name><memory unit='MiB'>64</memory>"
                + "<vcpu>1</vcpu><os><type arch='x86_64' machine='" + machine + "'>hvm</type></os><devices>" + devices
                + "</devices></domain>");
        fails(InvalidDefinitionException.class, code, domain, message, () -> fake.define(d, DefineOptions.unchecked()));
    }

    @Test
    void oneHostDeviceTwiceIsRefused() {
        String pci = "<hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x0000' bus='0x06' "
                + "slot='0x12' function='0x5'/></source></hostdev>";
        refused(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "XML error: Hostdev already exists in the domain configuration", "pc",
                pci + pci);
    }

    @Test
    void theMachinesPciRootMustBeItsFamilys() {
        refused(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "XML error: The PCI controller with index='0' must be model='pcie-root' "
                + "for this machine type, but model='pci-root' was found instead", "q35",
                "<controller type='pci' index='0' model='pci-root'/>");
        refused(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "XML error: The PCI controller with index='0' must be model='pci-root' "
                + "for this machine type, but model='pcie-root' was found instead", "pc",
                "<controller type='pci' index='0' model='pcie-root'/>");
    }

    @Test
    void controllersOnceDrivesOnDriveAddressesAndNoPlainIvshmem() {
        refused(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "XML error: Multiple 'pci' controllers with index '1'", "pc",
                "<controller type='pci' index='1' model='pci-bridge'/><controller type='pci' index='1' model='pci-bridge'/>");
        refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: Invalid address type 'pci' for the "
                + "disk 'sda' with the bus type 'sata'", "pc", "<disk type='file' device='disk'><source file='/a'/>"
                + "<target dev='sda' bus='sata'/><address type='pci' domain='0x0000' bus='0x00' slot='0x05' "
                + "function='0x0'/></disk>");
        refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: ivshmem device is not supported "
                + "with this QEMU binary", "pc", "<shmem name='shmem0'/>");
    }

    @Test
    void aSpiceTlsPortAndAnEmulatedTpmNeedWhatTheHostLacks() {
        refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: spice TLS port set in XML "
                + "configuration, but TLS is disabled in qemu.conf", "pc",
                "<graphics type='spice' port='5903' tlsPort='5904' autoport='no'/>");
        refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: TPM version '2.0' is not supported",
                "pc", "<tpm model='tpm-tis'><backend type='emulator' version='2.0'/></tpm>");
    }
}
