package io.virtforge.fake.libvirt;

import static io.virtforge.connect.LibvirtErrors.VIR_ERR_CONFIG_UNSUPPORTED;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_XML_ERROR;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_DOMAIN;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_QEMU;
import static io.virtforge.fake.libvirt.RuleDocs.doc;
import static io.virtforge.fake.libvirt.RuleDocs.pc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link PciControllerRules}: libvirt 9.0's PCI controller rules, with its words (libvirt's corpus, pci-root-*, pci*-expander-bus-*). */
class PciControllerRulesTest {
    private final RuleDocs docs = new RuleDocs();

    @AfterEach
    void close() {
        docs.close();
    }

    @Test
    void aPciRootIsIndexZeroWithoutAnAddress() {
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: pci-root and pcie-root "
                + "controllers should not have an address", pc("<controller type='pci' index='0' model='pci-root'>"
                        + "<address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/></controller>"));
        docs.refused(VIR_ERR_XML_ERROR, VIR_FROM_QEMU, "XML error: pci-root and pcie-root controllers should have index 0",
                pc("<controller type='pci' index='0' model='pci-root'/><controller type='pci' index='1' "
                        + "model='pci-root'/>"));
    }

    @Test
    void expanderBusesNeedTheirMachineAndAGuestNumaNode() {
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: pcie-expander-bus "
                + "controllers are not supported with this machine type",
                pc("<controller type='pci' index='1' model='pcie-expander-bus'/>"));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: pci-expander-bus controllers "
                + "are only supported on 440fx-based machinetypes",
                doc("q35", "", "", "<controller type='pci' index='1' model='pci-expander-bus'/>"));
        String node1 = "<controller type='pci' index='1' model='pci-expander-bus'><target busNr='254'><node>1</node>"
                + "</target></controller>";
        docs.refused(VIR_ERR_XML_ERROR, VIR_FROM_QEMU, "XML error: pci-expander-bus with index 1 is configured for a NUMA "
                + "node (1) not present in the domain's <cpu><numa> array (1)", doc("pc", "", RuleDocs.numa(1), node1));
        docs.accepted(doc("pc", "", RuleDocs.numa(2), node1));
    }
}
