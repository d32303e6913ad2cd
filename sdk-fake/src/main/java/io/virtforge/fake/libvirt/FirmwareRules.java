package io.virtforge.fake.libvirt;

import io.virtforge.value.DataSize;
import io.virtforge.value.DataUnit;
import io.virtforge.xml.XmlElement;
import java.util.Optional;

/**
 * libvirt 9.0's define-time rules for the {@code <os>} element and the features firmware needs, with its codes and
 * words: the manual loader's consistency ({@code virDomainDefOSValidate}, domain_validate.c: 35/20), the boot menu
 * timeout ({@code virDomainDefBootValidate}: 67/20) and per-device boot orders beside {@code <os><boot>}
 * ({@code virDomainDefBootOrderPostParse}, domain_postparse.c: 67/20), UEFI without ACPI on x86
 * ({@code qemuValidateDomainDef}: 67/10) and the SMM TSEG size ({@code qemuDomainDefTsegPostParse}: 67/10).
 */
final class FirmwareRules {
    private FirmwareRules() {
    }

    /** The largest boot menu timeout, in ms. */
    private static final long BOOT_MENU_TIMEOUT_MAX = 65535;

    static void check(String name, GuestMachine g) {
        loader(name, g);
        bootMenu(name, g);
        bootOrder(name, g);
        uefiNeedsAcpi(name, g);
        tseg(name, g);
    }

    /** virDomainDefOSValidate, without firmware autoselection ({@code <os firmware=...>} absent). */
    private static void loader(String name, GuestMachine g) {
        XmlElement os = g.at("os").orElse(null);
        if (os == null) {
            return;
        }
        Optional<XmlElement> loader = os.element("loader");
        Optional<XmlElement> nvram = os.element("nvram");
        boolean autoselect = os.attribute("firmware").isPresent();
        if (!autoselect) {
            boolean features = os.element("firmware").map(f -> !f.elements("feature").isEmpty()).orElse(false);
            if (features) {
                throw FakeErrors.xmlDetail(name, "cannot use feature-based firmware autoselection when firmware "
                        + "autoselection is disabled");
            }
            if (loader.isEmpty()) {
                return;
            }
            if (loader.get().text().isBlank()) {
                throw FakeErrors.xmlDetail(name, "no loader path specified and firmware auto selection disabled");
            }
        }
        if (loader.isEmpty()) {
            return;
        }
        String stateless = loader.get().attribute("stateless").orElse("");
        if (stateless.equals("yes")) {
            if (nvram.flatMap(n -> n.attribute("template")).isPresent()) {
                throw FakeErrors.xmlDetail(name, "NVRAM template is not permitted when loader is stateless");
            }
            if (nvram.isPresent()) {
                throw FakeErrors.xmlDetail(name, "NVRAM is not permitted when loader is stateless");
            }
        } else if (stateless.equals("no") && !autoselect
                && !"pflash".equals(loader.get().attribute("type").orElse(""))) {
            throw FakeErrors.xmlDetail(name, "Only pflash loader type permits NVRAM");
        }
    }

    private static void bootMenu(String name, GuestMachine g) {
        XmlElement menu = g.at("os", "bootmenu").orElse(null);
        if (menu == null || !"yes".equals(menu.attribute("enable").orElse(""))) {
            return;
        }
        String timeout = menu.attribute("timeout").orElse("");
        if (timeout.matches("[0-9]{1,9}") && Long.parseLong(timeout) > BOOT_MENU_TIMEOUT_MAX) {
            throw FakeErrors.configUnsupported(name, "invalid value for boot menu timeout, must be in range [0,65535]");
        }
    }

    /** A boot order on any device and {@code <os><boot dev>} together. */
    private static void bootOrder(String name, GuestMachine g) {
        boolean osBoot = g.at("os").map(os -> !os.elements("boot").isEmpty()).orElse(false);
        if (!osBoot) {
            return;
        }
        boolean deviceBoot = g.at("devices").map(d -> d.elements().stream()
                .anyMatch(device -> device.element("boot").flatMap(b -> b.attribute("order")).isPresent()))
                .orElse(false);
        if (deviceBoot) {
            throw FakeErrors.configUnsupported(name,
                    "per-device boot elements cannot be used together with os/boot elements");
        }
    }

    /** {@code firmware='efi'} or a pflash loader (old-style UEFI) on x86 needs {@code <acpi/>}. */
    private static void uefiNeedsAcpi(String name, GuestMachine g) {
        boolean efi = g.at("os").map(os -> "efi".equals(os.attribute("firmware").orElse(""))
                || os.element("loader").map(l -> "pflash".equals(l.attribute("type").orElse(""))).orElse(false))
                .orElse(false);
        if (efi && g.isX86() && !g.featureOn("acpi")) {
            throw FakeErrors.qemuUnsupported(name, "UEFI requires ACPI on this architecture");
        }
    }

    /** {@code <smm state='on'><tseg>}: a Q35's only, and in whole MiB (the unit defaults to MiB). */
    private static void tseg(String name, GuestMachine g) {
        XmlElement smm = g.at("features", "smm").orElse(null);
        if (smm == null || "off".equals(smm.attribute("state").orElse("on")) || smm.element("tseg").isEmpty()) {
            return;
        }
        if (!g.isQ35()) {
            if (g.machineKnown()) {
                throw FakeErrors.qemuUnsupported(name, "SMM TSEG is only supported with q35 machine type");
            }
            return;
        }
        XmlElement tseg = smm.element("tseg").get();
        DataSize size;
        try {
            size = DataSize.parse(tseg.text().trim(), tseg.attribute("unit").map(DataUnit::parse).orElse(DataUnit.MIB));
        } catch (RuntimeException e) {
            return; // the parser's own error, not modelled
        }
        if (size.in(DataUnit.BYTES) % (1L << 20) != 0) {
            throw FakeErrors.qemuUnsupported(name, "SMM TSEG size must be divisible by 1 MiB");
        }
    }
}
