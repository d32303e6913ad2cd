package io.virtforge.fake.libvirt;

import io.virtforge.xml.XmlElement;

/**
 * libvirt 9.0's rule for a serial port's target ({@code qemuValidateDomainChrDef}, qemu_validate.c: 67/10): a
 * pl011 system serial needs an ARM virt machine, a 16550a one a RISC-V virt machine, an spapr-vio serial a pSeries,
 * an SCLP one an s390. Only ports whose target type is given are judged (libvirt's defaults for the others depend
 * on the machine).
 */
final class SerialRules {
    private SerialRules() {
    }

    static void check(String name, GuestMachine g) {
        if (!g.machineKnown()) {
            return;
        }
        for (XmlElement serial : g.devices("serial")) {
            XmlElement target = serial.element("target").orElse(null);
            String type = target == null ? "" : target.attribute("type").orElse("");
            String model = target == null ? "" : GuestMachine.childAttribute(target, "model", "name").orElse("");
            if (type.isEmpty()) {
                continue;
            }
            if (model.isEmpty()) {
                model = switch (type) {
                    case "spapr-vio-serial" -> "spapr-vty";
                    case "sclp-serial" -> "sclpconsole";
                    default -> "";
                };
            }
            boolean compatible = true;
            if (type.equals("system-serial")) {
                compatible = !(model.equals("pl011") && !g.isArmVirt()) && !(model.equals("16550a") && !g.isRiscvVirt());
            }
            if (!g.isPSeries() && (type.equals("spapr-vio-serial") || model.equals("spapr-vty"))) {
                compatible = false;
            }
            if (!g.isS390() && (type.equals("sclp-serial") || model.equals("sclpconsole")
                    || model.equals("sclplmconsole"))) {
                compatible = false;
            }
            if (!compatible && !model.isEmpty()) {
                throw FakeErrors.qemuUnsupported(name, "Serial device with target type '" + type
                        + "' and target model '" + model + "' not compatible with guest architecture or machine type");
            }
        }
    }
}
