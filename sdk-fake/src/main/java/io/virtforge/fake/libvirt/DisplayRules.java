package io.virtforge.fake.libvirt;

import io.virtforge.xml.XmlElement;
import java.util.List;

/**
 * libvirt 9.0's define-time rules for video devices and graphics, with its codes and words: one primary video
 * device, a {@code none} video alone, no address on a ramfb ({@code virDomainDefVideoValidate} and
 * {@code virDomainVideoDefValidate}, domain_validate.c: 67/20); egl-headless paired only with VNC or SPICE, and
 * not with SPICE's own OpenGL ({@code qemuValidateDomainDeviceDefGraphics}, qemu_validate.c: 67/10).
 */
final class DisplayRules {
    private DisplayRules() {
    }

    static void check(String name, GuestMachine g) {
        videos(name, g.devices("video"));
        graphics(name, g.devices("graphics"));
    }

    private static void videos(String name, List<XmlElement> videos) {
        long primaries = videos.stream().filter(v -> "yes".equals(GuestMachine.childAttribute(v, "model", "primary")
                .orElse(""))).count();
        if (primaries > 1) {
            throw FakeErrors.configUnsupported(name, "Only one primary video device is supported");
        }
        for (XmlElement video : videos) {
            String type = GuestMachine.childAttribute(video, "model", "type").orElse("");
            if (type.equals("none") && videos.size() > 1) {
                throw FakeErrors.configUnsupported(name,
                        "a 'none' video type must be the only video device defined for the domain");
            }
        }
        for (XmlElement video : videos) {
            if ("ramfb".equals(GuestMachine.childAttribute(video, "model", "type").orElse(""))
                    && video.element("address").isPresent()) {
                throw FakeErrors.configUnsupported(name, "address not supported for video type ramfb");
            }
        }
    }

    private static void graphics(String name, List<XmlElement> graphics) {
        boolean eglHeadless = graphics.stream().anyMatch(gr -> "egl-headless".equals(gr.attribute("type").orElse("")));
        if (!eglHeadless) {
            return;
        }
        for (XmlElement gr : graphics) {
            String type = gr.attribute("type").orElse("");
            if (!List.of("egl-headless", "vnc", "spice").contains(type)) {
                throw FakeErrors.qemuUnsupported(name,
                        "graphics type 'egl-headless' is only supported with one of: 'vnc', 'spice' graphics types");
            }
            if (type.equals("spice") && "yes".equals(GuestMachine.childAttribute(gr, "gl", "enable").orElse(""))) {
                throw FakeErrors.qemuUnsupported(name, "multiple OpenGL displays are not supported by QEMU");
            }
        }
    }
}
