package io.virtforge.fake.libvirt;

import io.virtforge.xml.XmlElement;
import java.util.Optional;

/**
 * libvirt 9.0's define-time rules for mediated and vhost SCSI host devices, with its codes and words: an mdev
 * source names its UUID (the parser: 67/20) and sits on an address of its model's kind ({@code
 * virDomainHostdevDefPostParse}: 27/20); one mdev at most has {@code ramfb='on'} ({@code virDomainDefHostdevValidate}:
 * 67/20); and from the QEMU driver's validation (qemu_validate.c: 67/10) a vfio-pci mdev boots nothing and shows a
 * display only beside a {@code <graphics>}, and a vhost SCSI host boots nothing.
 */
final class HostdevRules {
    private HostdevRules() {
    }

    static void check(String name, GuestMachine g) {
        for (XmlElement h : g.devices("hostdev")) {
            if (isMdev(h)) {
                parsedMdev(name, h);
            }
        }
        boolean ramfb = false;
        for (XmlElement h : g.devices("hostdev")) {
            if (isMdev(h) && "on".equals(h.attribute("ramfb").orElse(""))) {
                if (ramfb) {
                    throw FakeErrors.configUnsupported(name, "Only one vgpu device can have 'ramfb' enabled");
                }
                ramfb = true;
            }
        }
        for (XmlElement h : g.devices("hostdev")) {
            boolean boots = h.element("boot").flatMap(b -> b.attribute("order")).isPresent();
            String type = h.attribute("type").orElse("");
            if (type.equals("scsi_host") && boots) {
                throw FakeErrors.qemuUnsupported(name, "booting from assigned devices is not supported by vhost SCSI "
                        + "devices");
            }
            if (isMdev(h) && "vfio-pci".equals(h.attribute("model").orElse(""))) {
                if (boots) {
                    throw FakeErrors.qemuUnsupported(name, "booting from assigned devices is not supported by mediated "
                            + "devices of model vfio-pci");
                }
                if ("on".equals(h.attribute("display").orElse("")) && g.devices("graphics").isEmpty()) {
                    throw FakeErrors.qemuUnsupported(name, "graphics device is needed for attribute value 'display=on' "
                            + "in <hostdev>");
                }
            }
        }
    }

    private static boolean isMdev(XmlElement h) {
        return "subsystem".equals(h.attribute("mode").orElse("")) && "mdev".equals(h.attribute("type").orElse(""));
    }

    private static void parsedMdev(String name, XmlElement h) {
        Optional<XmlElement> source = h.element("source").flatMap(s -> s.element("address"));
        if (source.isEmpty()) {
            throw FakeErrors.configUnsupported(name, "Missing <address> element");
        }
        if (source.get().attribute("uuid").isEmpty()) {
            throw FakeErrors.configUnsupported(name, "Missing 'uuid' attribute for element <address>");
        }
        String model = h.attribute("model").orElse("");
        String address = GuestMachine.addressType(h).orElse("none");
        if (!address.equals("none") && ((model.equals("vfio-pci") && !address.equals("pci"))
                || (model.equals("vfio-ccw") && !address.equals("ccw")))) {
            throw FakeErrors.xmlError(name, "Unsupported address type '" + address + "' with mediated device model '"
                    + model + "'");
        }
    }
}
