package io.virtforge.fake.libvirt;

import io.virtforge.xml.XmlElement;

/**
 * What the fake's hosts lack as the tests' Debian host does, refused by the QEMU driver's validation
 * (qemu_validate.c: 67/10) with its words: no {@code swtpm}, so no external TPM backend either (an emulated one is
 * {@link QemuValidation}'s); no SGX in the host CPU, so no {@code sgx-epc} memory; no zPCI outside an s390 QEMU.
 */
final class HostCapabilityRules {
    private HostCapabilityRules() {
    }

    static void check(String name, GuestMachine g, String emulator) {
        for (XmlElement tpm : g.devices("tpm")) {
            if ("external".equals(GuestMachine.childAttribute(tpm, "backend", "type").orElse(""))) {
                throw FakeErrors.qemuUnsupported(name, "The QEMU executable " + emulator
                        + " does not support TPM backend type external");
            }
        }
        for (XmlElement memory : g.devices("memory")) {
            if ("sgx-epc".equals(memory.attribute("model").orElse(""))) {
                throw FakeErrors.qemuUnsupported(name, "sgx epc isn't supported by this QEMU binary");
            }
        }
        if (!g.isS390() && g.at("devices").map(HostCapabilityRules::hasZpci).orElse(false)) {
            throw FakeErrors.qemuUnsupported(name, "This QEMU binary doesn't support zPCI");
        }
    }

    private static boolean hasZpci(XmlElement devices) {
        return devices.elements().stream().flatMap(d -> d.element("address").stream())
                .anyMatch(a -> "pci".equals(a.attribute("type").orElse("")) && a.element("zpci")
                        .filter(z -> z.hasAttribute("uid") || z.hasAttribute("fid")).isPresent());
    }
}
