package io.virtforge.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.virtforge.testing.DomTrees;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import io.virtforge.xml.XmlModelException;
import org.junit.jupiter.api.Test;

/**
 * Named forward-compatibility cases: documents that libvirt accepts and that an earlier model
 * refused. First what libvirt after 9.0 relaxed (an attribute 9.0's schema requires that newer
 * libvirt leaves out), then what 9.0's own schema already allows but the model had required.
 * Each document must read, keep its typed values, and be written back as it was; what libvirt
 * refuses stays an error that names the attribute.
 */
class NewerLibvirtDocumentsTest {
    private static final String HEAD = "<domain type='kvm'><name>guest</name><memory unit='KiB'>1048576</memory>"
            + "<vcpu>2</vcpu><os><type arch='x86_64' machine='q35'>hvm</type></os>";

    /** libvirt 10.0: {@code <driver>} of a PCI hostdev may name the host driver (model) and drop {@code name}. */
    @Test
    void hostdevDriverWithModelAndNoName() throws Exception {
        Domain d = roundTrip(HEAD + "<devices><hostdev mode='subsystem' type='pci' managed='yes'>"
                + "<driver model='vfio-pci-igb'/><source><address domain='0x0000' bus='0x06' slot='0x12' function='0x5'/>"
                + "</source></hostdev></devices></domain>");
        Hostdev h = d.devices().hostdevs().get(0);
        assertThat(h.driverName()).isEmpty();
        assertThat(h.driverModel()).hasValue("vfio-pci-igb");
        assertThat(h.sourcePci()).hasValue(PciAddress.parse("0000:06:12.5"));
    }

    /** The builder edits name and model separately, and drops a {@code <driver>} left empty. */
    @Test
    void hostdevDriverModelIsEditable() {
        Hostdev h = Hostdev.pci(PciAddress.parse("0000:06:12.5"), true).driverName("vfio").driverModel("vfio-pci-igb")
                .build();
        assertThat(h.driverName()).hasValue("vfio");
        assertThat(h.driverModel()).hasValue("vfio-pci-igb");
        Hostdev modelOnly = h.toBuilder().driverName(null).build();
        assertThat(modelOnly.driverName()).isEmpty();
        assertThat(modelOnly.driverModel()).hasValue("vfio-pci-igb");
        Hostdev none = modelOnly.toBuilder().driverModel(null).build();
        assertThat(none.xml().element("driver")).isEmpty();
        assertThat(none.sourcePci()).hasValue(PciAddress.parse("0000:06:12.5"));
    }

    /** libvirt 10.0 test data drops {@code <driver name='vfio'/>}'s name: an empty driver element. */
    @Test
    void hostdevWithEmptyDriver() throws Exception {
        Hostdev h = roundTrip(HEAD + "<devices><hostdev mode='subsystem' type='pci' managed='no'><driver/>"
                + "<source><address domain='0x0000' bus='0x00' slot='0x19' function='0x0'/></source></hostdev>"
                + "</devices></domain>").devices().hostdevs().get(0);
        assertThat(h.driverName()).isEmpty();
        assertThat(h.driverModel()).isEmpty();
        assertThat(h.managed()).hasValue(false);
    }

    /** libvirt 10 adds {@code clusters} to the CPU topology (the model types it already). */
    @Test
    void cpuTopologyWithClusters() throws Exception {
        CpuTopology t = roundTrip(HEAD + "<cpu><topology sockets='1' dies='1' clusters='2' cores='2' threads='1'/>"
                + "</cpu></domain>").cpu().orElseThrow().topology().orElseThrow();
        assertThat(t.clusters()).hasValue(2);
        assertThat(t.totalCpus()).isEqualTo(4);
    }

    /** 9.0's schema: {@code enabled} of {@code <suspend-to-mem/>} is optional (the hypervisor decides). */
    @Test
    void powerManagementWithoutEnabled() throws Exception {
        PowerManagement pm = roundTrip(HEAD + "<pm><suspend-to-mem/><suspend-to-disk enabled='no'/></pm></domain>")
                .pm().orElseThrow();
        assertThat(pm.suspendToMem()).isEmpty();
        assertThat(pm.suspendToDisk()).hasValue(false);
    }

    /** 9.0's schema: the chardev {@code <protocol>} may leave out {@code type} (raw). */
    @Test
    void chardevProtocolWithoutType() throws Exception {
        CharDevice serial = roundTrip(HEAD + "<devices><serial type='tcp'><source mode='bind' host='127.0.0.1' "
                + "service='9999'/><protocol/><target port='0'/></serial></devices></domain>").devices().serials().get(0);
        assertThat(serial.protocol()).isEmpty();
        assertThat(serial.targetPort()).hasValue(0);
    }

    /** 9.0's schema: a passthrough TPM's {@code <device>} may leave out {@code path} (libvirt picks /dev/tpm0). */
    @Test
    void tpmDeviceWithoutPath() throws Exception {
        Tpm tpm = roundTrip(HEAD + "<devices><tpm model='tpm-tis'><backend type='passthrough'><device/></backend>"
                + "</tpm></devices></domain>").devices().tpms().get(0);
        assertThat(tpm.devicePath()).isEmpty();
        assertThat(tpm.backendType()).hasValue("passthrough");
    }

    /** libvirt accepts any huge page size and only refuses to start the guest (qemuxml2argv hugepages-default-5M). */
    @Test
    void hugePageSizeThatIsNoPageSize() throws Exception {
        MemoryBacking mb = roundTrip(HEAD + "<memoryBacking><hugepages><page size='5' unit='MiB'/>"
                + "<page size='2048' unit='KiB' nodeset='0'/></hugepages></memoryBacking></domain>")
                .memoryBacking().orElseThrow();
        assertThat(mb.pages().get(0).size()).isEmpty();
        assertThat(mb.pages().get(0).requestedSize()).isEqualTo(DataSize.mib(5));
        assertThat(mb.pages().get(1).size()).hasValue(PageSize.MIB_2);
    }

    /** What libvirt itself refuses still fails, with a path to the attribute at fault (libvirt: "must be <= 0xFF"). */
    @Test
    void aPciBusOutOfRangeIsStillAnErrorNamingTheBus() {
        XmlModelException e = catchThrowableOfType(() -> DomainXml.defaults().parse(HEAD
                + "<devices><interface type='user'><address type='pci' domain='0x0000' bus='0x100' slot='0x05' "
                + "function='0x0'/></interface></devices></domain>"), XmlModelException.class);
        assertThat(e.path()).isEqualTo("/domain/devices/interface/address/@bus");
        assertThat(e.getMessage()).contains("bus out of range");
    }

    /** Reads the document, checks it is written back as the same tree, and returns the model. */
    private static Domain roundTrip(String xml) throws Exception {
        Domain d = DomainXml.defaults().parse(xml);
        String written = DomainXml.defaults().write(d);
        assertThat(DomTrees.difference(DomTrees.parse(xml), DomTrees.parse(written))).isNull();
        assertThat(DomainXml.defaults().parse(written)).isEqualTo(d);
        return d;
    }
}
