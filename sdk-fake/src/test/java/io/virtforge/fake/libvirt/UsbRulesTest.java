package io.virtforge.fake.libvirt;

import static io.virtforge.connect.LibvirtErrors.VIR_ERR_CONFIG_UNSUPPORTED;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_XML_DETAIL;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_DOMAIN;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_QEMU;
import static io.virtforge.fake.libvirt.RuleDocs.pc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link UsbRules}: libvirt 9.0's USB controller rules, with its words (libvirt's corpus, usb-none-*, usb-*-limit). */
class UsbRulesTest {
    private static final String NONE = "<controller type='usb' index='0' model='none'/>";
    private final RuleDocs docs = new RuleDocs();

    @AfterEach
    void close() {
        docs.close();
    }

    @Test
    void usbDisabledTakesNoOtherControllerHubOrUsbInput() {
        docs.refused(VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN, "Can't add another USB controller: USB is disabled for this "
                + "domain", pc(NONE + "<controller type='usb' index='0'/>"));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: Can't add USB hub: USB is "
                + "disabled for this domain", pc(NONE + "<hub type='usb'/>"));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: Can't add USB input "
                + "device. USB bus is disabled", pc(NONE + "<input type='tablet'/>"));
        docs.accepted(pc(NONE + "<input type='mouse'/><input type='keyboard' bus='ps2'/>"));
    }

    @Test
    void companionsNeedTheirMaster() {
        docs.refused(VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN, "No master USB controller specified",
                pc("<controller type='usb' index='0' model='ich9-uhci2'><master startport='2'/></controller>"));
        docs.accepted(pc("<controller type='usb' index='0' model='ich9-ehci1'/>"
                + "<controller type='usb' index='0' model='ich9-uhci1'><master startport='0'/></controller>"));
    }

    @Test
    void anXhciControllerHasAtMost15Ports() {
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: 'qemu-xhci' controller only "
                + "supports up to '15' ports", pc("<controller type='usb' model='qemu-xhci' ports='16'/>"));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: 'nec-xhci' controller only "
                + "supports up to '15' ports", pc("<controller type='usb' model='nec-xhci' ports='16'/>"));
        docs.accepted(pc("<controller type='usb' model='qemu-xhci' ports='15'/>"));
    }
}
