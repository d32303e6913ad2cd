package io.virtforge.fake.libvirt;

import io.virtforge.xml.XmlElement;
import java.util.Set;

/**
 * libvirt 9.0's rules for the {@code <features>} of one machine family ({@code qemuValidateDomainDefFeatures},
 * qemu_validate.c: 67/10), with its words: the pSeries features need a pSeries, {@code <gic>} an ARM virt machine,
 * {@code <ioapic>} an x86 guest. The machine in the message is libvirt's name for it, an alias resolved.
 */
final class MachineFeatureRules {
    private MachineFeatureRules() {
    }

    private static final Set<String> PSERIES = Set.of("hpt", "htm", "nested-hv", "ccf-assist", "cfpc", "sbbc", "ibs");

    static void check(String name, GuestMachine g) {
        XmlElement features = g.at("features").orElse(null);
        if (features == null || !g.machineKnown()) {
            return;
        }
        for (XmlElement f : features.elements()) {
            String feature = f.name();
            boolean refused = (PSERIES.contains(feature) && !g.isPSeries())
                    || (feature.equals("gic") && !g.isArmVirt() && !"off".equals(f.attribute("state").orElse("on")))
                    || (feature.equals("ioapic") && !g.isX86());
            if (refused) {
                throw FakeErrors.qemuUnsupported(name, "The '" + feature + "' feature is not supported for architecture '"
                        + g.arch() + "' or machine type '" + g.machineName() + "'");
            }
        }
    }
}
