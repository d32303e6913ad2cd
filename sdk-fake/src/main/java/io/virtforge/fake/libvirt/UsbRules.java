package io.virtforge.fake.libvirt;

import io.virtforge.xml.XmlElement;
import java.util.Set;

/**
 * libvirt 9.0's define-time rules for USB controllers, with its codes and words: {@code model='none'} disables USB
 * for the domain, so no other USB controller, USB hub or USB input may come with it, and USB controllers need a
 * master beside their companions (the parser, domain_conf.c: 35/20 and 67/20); an XHCI controller has at most 15
 * ports ({@code qemuDomainControllerDefPostParse}, qemu_domain.c: 67/10).
 */
final class UsbRules {
    private UsbRules() {
    }

    /** QEMU_USB_XHCI_MAXPORTS. */
    private static final int XHCI_MAX_PORTS = 15;
    /** The ICH9 UHCI companions, which get their master port implicitly. */
    private static final Set<String> COMPANIONS = Set.of("ich9-uhci1", "ich9-uhci2", "ich9-uhci3");

    static void check(String name, GuestMachine g) {
        boolean none = controllers(name, g);
        if (none) {
            for (XmlElement hub : g.devices("hub")) {
                if ("usb".equals(hub.attribute("type").orElse(""))) {
                    throw FakeErrors.configUnsupported(name, "Can't add USB hub: USB is disabled for this domain");
                }
            }
            for (XmlElement input : g.devices("input")) {
                if (inputBus(g, input).equals("usb")) {
                    throw FakeErrors.configUnsupported(name, "Can't add USB input device. USB bus is disabled");
                }
            }
        }
        xhciPorts(name, g);
    }

    /** The parser's pass over the USB controllers; whether USB is disabled ({@code model='none'}). */
    private static boolean controllers(String name, GuestMachine g) {
        boolean none = false;
        boolean other = false;
        boolean master = false;
        for (XmlElement c : g.devices("controller")) {
            if (!"usb".equals(c.attribute("type").orElse(""))) {
                continue;
            }
            boolean isNone = "none".equals(c.attribute("model").orElse(""));
            if (none || (isNone && other)) {
                throw FakeErrors.xmlDetail(name, "Can't add another USB controller: USB is disabled for this domain");
            }
            none |= isNone;
            other |= !isNone;
            if (c.element("master").isEmpty() && !COMPANIONS.contains(c.attribute("model").orElse(""))) {
                master = true;
            }
        }
        if (other && !master) {
            throw FakeErrors.xmlDetail(name, "No master USB controller specified");
        }
        return none;
    }

    /**
     * An input's bus; without a {@code bus}, a mouse or keyboard of an x86 (or unnamed) architecture is on PS/2,
     * an s390's inputs and a passthrough one on virtio, an evdev on none, any other on USB.
     */
    static String inputBus(GuestMachine g, XmlElement input) {
        String bus = input.attribute("bus").orElse(null);
        if (bus != null) {
            return bus;
        }
        String type = input.attribute("type").orElse("");
        String arch = g.at("os", "type").flatMap(t -> t.attribute("arch")).orElse("");
        boolean hvm = g.at("os", "type").map(t -> t.text().trim().equals("hvm")).orElse(false);
        if (!hvm) {
            return "";
        }
        if ((type.equals("mouse") || type.equals("keyboard"))
                && (arch.isEmpty() || arch.equals("x86_64") || arch.equals("i686"))) {
            return "ps2";
        }
        if (arch.startsWith("s390") || type.equals("passthrough")) {
            return "virtio";
        }
        return type.equals("evdev") ? "none" : "usb";
    }

    private static void xhciPorts(String name, GuestMachine g) {
        for (XmlElement c : g.devices("controller")) {
            String model = c.attribute("model").orElse("");
            if ("usb".equals(c.attribute("type").orElse("")) && (model.equals("qemu-xhci") || model.equals("nec-xhci"))) {
                String ports = c.attribute("ports").orElse("");
                if (ports.matches("[0-9]{1,9}") && Integer.parseInt(ports) > XHCI_MAX_PORTS) {
                    throw FakeErrors.qemuUnsupported(name, "'" + model + "' controller only supports up to '"
                            + XHCI_MAX_PORTS + "' ports");
                }
            }
        }
    }
}
