package io.virtforge.fake.libvirt;

import static io.virtforge.connect.LibvirtErrors.VIR_ERR_INTERNAL_ERROR;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_XML_ERROR;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_DOMAIN;
import static io.virtforge.fake.libvirt.RuleDocs.doc;
import static io.virtforge.fake.libvirt.RuleDocs.pc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link UsbAddressRules} and {@link PciAddressRules}: the USB and PCI addresses a definition gives, as libvirt 9.0's
 * address assignment at define judges them, with its words (libvirt's corpus: usb-*, pci*-expander-bus-bad-bus,
 * q35-dmi-bad-address2, 440fx-ide-address-conflict, virtio-iommu-invalid-address).
 */
class AddressRulesTest {
    private final RuleDocs docs = new RuleDocs();

    @AfterEach
    void close() {
        docs.close();
    }

    private static String usb(String element, String extra, String address) {
        return "<" + element + " " + extra + "><address type='usb' " + address + "/></" + element + ">";
    }

    @Test
    void usbPortsAreOneToFourNumbers() {
        docs.refused(io.virtforge.connect.VirtException.class, VIR_ERR_INTERNAL_ERROR, 49, // VIR_FROM_DEVICE
                "internal error: Cannot parse <address> 'port' attribute",
                pc(usb("input", "type='tablet' bus='usb'", "bus='0' port='1.1.1.1.1'")));
    }

    @Test
    void usbAddressesNeedTheirBusHubAndPortOnce() {
        String hub1 = usb("hub", "type='usb'", "bus='0' port='1'");
        docs.refused(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "XML error: Duplicate USB address bus 0 port 1",
                pc(hub1 + usb("input", "type='mouse' bus='usb'", "bus='0' port='1'")));
        docs.refused(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "XML error: there is no hub at port 1 in USB address bus: 0 "
                + "port: 1.2.3", pc(usb("input", "type='mouse' bus='usb'", "bus='0' port='1.2.3'")));
        docs.refused(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "XML error: requested USB port 1.9 not present on USB bus 0",
                pc(hub1 + usb("hub", "type='usb'", "bus='0' port='1.9'")));
        docs.refused(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "XML error: requested USB port 3 not present on USB bus 0",
                pc(usb("input", "type='mouse' bus='usb'", "bus='0' port='3'")));
        docs.refused(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "XML error: USB bus 1 requested but no controller with that "
                + "index is present", pc(usb("hub", "type='usb'", "bus='1'")));
        docs.accepted(pc(hub1 + usb("input", "type='mouse' bus='usb'", "bus='0' port='1.8'")
                + usb("input", "type='tablet' bus='usb'", "bus='0' port='2'")));
        // controllers without an index get libvirt's next free one: two are not two controllers 0
        docs.accepted(pc("<controller type='usb' model='ich9-ehci1'/><controller type='usb' model='ich9-ehci1'/>"));
        docs.refused(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "XML error: Duplicate USB controllers with index 0",
                pc("<controller type='usb' index='0' model='ich9-ehci1'/><controller type='usb' index='0' "
                        + "model='ich9-ehci1'/>"));
        docs.accepted(pc("<controller type='usb' index='0' model='qemu-xhci' ports='8'/>"
                + usb("input", "type='tablet' bus='usb'", "bus='0' port='8'")));
    }

    @Test
    void pciControllersPlugOnlyWhereTheirKindIsAccepted() {
        docs.refused(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "XML error: The device at PCI address 0000:01:00.0 cannot be "
                + "plugged into the PCI controller with index='1'. It requires a controller that accepts a "
                + "dmi-to-pci-bridge.", doc("q35", "", "", "<controller type='pci' index='0' model='pcie-root'/>"
                        + "<controller type='pci' index='1' model='pcie-root-port'/><controller type='pci' index='2' "
                        + "model='dmi-to-pci-bridge'><address type='pci' bus='1'/></controller>"));
        docs.refused(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "XML error: The device at PCI address 0000:01:01.0 cannot be "
                + "plugged into the PCI controller with index='1'. It requires a controller that accepts a "
                + "pci-expander-bus.", pc("<controller type='pci' index='1' model='pci-bridge'/><controller "
                        + "type='pci' index='2' model='pci-expander-bus'><address type='pci' bus='1' slot='1'/>"
                        + "</controller>"));
        docs.accepted(pc("<controller type='pci' index='1' model='pci-expander-bus'><address type='pci' bus='0' "
                + "slot='5'/></controller>"));
        docs.refused(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "XML error: The device at PCI address 0000:01:00.0 needs to be "
                + "an integrated device (bus=0)", doc("q35", "", "<features><acpi/></features>", "<iommu "
                        + "model='virtio'><address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>"
                        + "</iommu>"));
    }

    @Test
    void aQ35HasRoomFor240RootPorts() {
        // both answers as qemu:///system gave them (transcript-issue19.txt)
        String root = "<controller type='pci' index='0' model='pcie-root'/><controller type='usb' index='0' "
                + "model='none'/>";
        String port = "<controller type='pci' model='pcie-root-port'/>";
        docs.refused(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN, "internal error: a PCI slot is needed to connect a PCI "
                + "controller model='pcie-root-port', but none is available, and it cannot be automatically added",
                doc("q35", "", "", root + port.repeat(241)));
        docs.accepted(doc("q35", "", "", root + port.repeat(240)));
    }

    @Test
    void thePiix3sFunctionsOfSlotOneAreTaken() {
        docs.refused(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "XML error: Attempted double use of PCI Address 0000:00:01.1",
                pc("<controller type='ide' index='0'/><memballoon model='virtio'><address type='pci' slot='1' "
                        + "function='1'/></memballoon>"));
        docs.refused(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "XML error: Attempted double use of PCI Address 0000:00:01.3",
                pc("<memballoon model='virtio'><address type='pci' slot='1' function='3'/></memballoon>"));
        docs.accepted(pc("<controller type='ide' index='0'><address type='pci' domain='0x0000' bus='0x00' slot='0x01' "
                + "function='0x1'/></controller><memballoon model='virtio'><address type='pci' slot='4'/></memballoon>"));
    }
}
