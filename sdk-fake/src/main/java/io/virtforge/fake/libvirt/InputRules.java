package io.virtforge.fake.libvirt;

import io.virtforge.xml.XmlElement;

/**
 * libvirt 9.0's rule for virtio input models ({@code qemuValidateDomainDeviceDefInput}, qemu_validate.c: 67/10),
 * with its words: a virtio input has no transitional or non-transitional variant.
 */
final class InputRules {
    private InputRules() {
    }

    static void check(String name, GuestMachine g) {
        for (XmlElement input : g.devices("input")) {
            String model = input.attribute("model").orElse("");
            boolean transitional = model.equals("virtio-transitional") || model.equals("virtio-non-transitional");
            if (transitional && "virtio".equals(input.attribute("bus").orElse(""))) {
                throw FakeErrors.qemuUnsupported(name, "virtio (non-)transitional models are not supported for input "
                        + "type=" + input.attribute("type").orElse(""));
            }
        }
    }
}
