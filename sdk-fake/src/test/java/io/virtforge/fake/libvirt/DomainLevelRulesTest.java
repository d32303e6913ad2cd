package io.virtforge.fake.libvirt;

import static io.virtforge.connect.LibvirtErrors.VIR_ERR_CONFIG_UNSUPPORTED;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_XML_DETAIL;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_XML_ERROR;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_DOMAIN;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_QEMU;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_XML;
import static io.virtforge.fake.libvirt.RuleDocs.doc;
import static io.virtforge.fake.libvirt.RuleDocs.pc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CpuTuneRules}, {@link SecurityLabelRules}, {@link SysinfoRules}, {@link MachineFeatureRules},
 * {@link HostCapabilityRules}, the guest NUMA cells' access and the emulator's architectures: domain-level rules of
 * libvirt 9.0, with its words (libvirt's corpus: cputune-*, seclabel-*, smbios-*, pseries-features-*, sgx-epc,
 * tpm-external, hostdev-vfio-zpci-wrong-arch, hugepages-memaccess-invalid, missing-machine).
 */
class DomainLevelRulesTest {
    private final RuleDocs docs = new RuleDocs();

    @AfterEach
    void close() {
        docs.close();
    }

    @Test
    void schedulersNameExistingThreadsOnce() {
        docs.refused(VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN, "'vcpusched' attributes 'vcpus' must not overlap", doc("pc", "",
                "<cputune><vcpusched vcpus='0-1' scheduler='fifo' priority='1'/><vcpusched vcpus='1-2' "
                        + "scheduler='fifo' priority='1'/></cputune>", ""));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: Cannot find 'iothread' : 2",
                doc("pc", "", "<iothreads>1</iothreads><cputune><iothreadsched iothreads='1-2' scheduler='batch'/>"
                        + "</cputune>", ""));
        docs.accepted(doc("pc", "", "<iothreads>2</iothreads><cputune><vcpusched vcpus='0-1' scheduler='fifo' "
                + "priority='1'/><iothreadsched iothreads='1-2' scheduler='batch'/></cputune>", ""));
    }

    @Test
    void securityLabelsOncePerModelAndModelsNamedWhenSeveral() {
        docs.refused(VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN, "seclabel for model selinux is already provided", doc("pc", "",
                "<seclabel type='static' model='selinux'><label>a</label></seclabel><seclabel type='static' "
                        + "model='selinux'><label>b</label></seclabel>", ""));
        docs.refused(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "XML error: missing security model when using multiple labels",
                doc("pc", "", "<seclabel type='none' relabel='no'/><seclabel type='dynamic' model='dac' "
                        + "relabel='yes'/>", ""));
        docs.accepted(doc("pc", "", "<seclabel type='none' model='none'/><seclabel type='dynamic' model='dac'/>", ""));
    }

    @Test
    void smbiosDatesAndUuids() {
        String uuid = "<uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>";
        docs.refused(VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN, "Invalid BIOS 'date' format", doc("pc", "", "<sysinfo "
                + "type='smbios'><bios><entry name='date'>999/999/123</entry></bios></sysinfo>", ""));
        docs.refused(VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN, "UUID mismatch between <uuid> and <sysinfo>", doc("pc", "",
                uuid + "<sysinfo type='smbios'><system><entry name='uuid'>c7a5fdbd-edaf-9455-926a-d65c16db1800</entry>"
                        + "</system></sysinfo>", ""));
        docs.accepted(doc("pc", "", uuid + "<sysinfo type='smbios'><bios><entry name='date'>01/01/2011</entry></bios>"
                + "<system><entry name='uuid'>C7A5FDBD-EDAF-9455-926A-D65C16DB1809</entry></system></sysinfo>", ""));
    }

    @Test
    void pseriesFeaturesNeedAPseriesNamedAsLibvirtNamesTheMachine() {
        // the fixture's pc is an alias of pc-i440fx-7.2, as on the tests' QEMU 7.2
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: The 'hpt' feature is not "
                + "supported for architecture 'x86_64' or machine type '" + canonicalPc() + "'",
                doc("pc", "", "<features><hpt resizing='enabled'/></features>", ""));
    }

    private static String canonicalPc() {
        try (FakeVirtConnection c = io.virtforge.fake.fixtures.Fixtures.get(io.virtforge.fake.fixtures.Fixtures.TINY)
                .connect()) {
            return c.guestSupport(io.virtforge.model.DomainType.QEMU, "x86_64").orElseThrow().machines().stream()
                    .filter(m -> m.name().equals("pc")).findFirst().flatMap(m -> m.canonical()).orElseThrow();
        }
    }

    @Test
    void whatTheHostLacksSgxExternalTpmAndZpci() {
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: sgx epc isn't supported by "
                + "this QEMU binary", doc("pc", "", "<maxMemory slots='4' unit='GiB'>4</maxMemory>" + RuleDocs.numa(1),
                        "<memory model='sgx-epc'><target><size unit='KiB'>16384</size></target></memory>"));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: The QEMU executable "
                + "/usr/bin/qemu-system-x86_64 does not support TPM backend type external", pc("<tpm model='tpm-tis'>"
                        + "<backend type='external'><source type='unix' mode='connect' path='/tmp/path.sock'/></backend>"
                        + "</tpm>"));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: This QEMU binary doesn't "
                + "support zPCI", pc("<hostdev mode='subsystem' type='pci'><source><address domain='0x0000' bus='0x00' "
                        + "slot='0x00' function='0x0'/></source><address type='pci'><zpci uid='0x0001' fid='0x00000000'/>"
                        + "</address></hostdev>"));
    }

    @Test
    void cellAccessAndTheEmulatorsArchitectures() {
        docs.refused(VIR_ERR_XML_ERROR, VIR_FROM_XML, "XML error: Invalid value for attribute 'memAccess' in element "
                + "'cell': 'invalid'.", doc("pc", "", "<cpu><numa><cell id='0' cpus='0' memory='32' unit='MiB' "
                        + "memAccess='invalid'/></numa></cpu>", ""));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: Emulator "
                + "'/usr/bin/qemu-system-x86_64' does not support arch 'alpha'", "<domain type='qemu'><name>d</name>"
                        + "<memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='alpha'>hvm</type></os><devices>"
                        + "<emulator>/usr/bin/qemu-system-x86_64</emulator></devices></domain>");
        docs.accepted("<domain type='qemu'><name>d</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os>"
                + "<type arch='i686'>hvm</type></os><devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices>"
                + "</domain>");
    }
}
