package io.virtforge.fake.libvirt;

import io.virtforge.xml.XmlElement;
import java.util.Set;

/**
 * libvirt 9.0's define-time rules for {@code <interface>}, with its codes and words: Debian's build refuses a
 * {@code passt} backend (its {@code Disable-passt-support.patch} in {@code virDomainNetBackendParseXML}: 27/20), and a
 * virtio NIC's queue sizes are powers of two ({@code qemuValidateDomainDeviceDefNetwork}, qemu_validate.c: 67/10).
 */
final class NetRules {
    private NetRules() {
    }

    private static final Set<String> VIRTIO = Set.of("virtio", "virtio-transitional", "virtio-non-transitional");

    static void check(String name, GuestMachine g) {
        for (XmlElement nic : g.devices("interface")) {
            if ("passt".equals(GuestMachine.childAttribute(nic, "backend", "type").orElse(""))) {
                throw FakeErrors.xmlError(name, "Invalid value for attribute 'type' in element 'backend': 'passt'.");
            }
        }
        for (XmlElement nic : g.devices("interface")) {
            if (!VIRTIO.contains(GuestMachine.childAttribute(nic, "model", "type").orElse(""))) {
                continue;
            }
            for (String queue : new String[] {"rx_queue_size", "tx_queue_size"}) {
                String size = GuestMachine.childAttribute(nic, "driver", queue).orElse("");
                if (size.matches("[0-9]{1,9}") && Integer.bitCount(Integer.parseInt(size)) > 1) {
                    throw FakeErrors.qemuUnsupported(name, queue + " has to be a power of two");
                }
            }
        }
    }
}
