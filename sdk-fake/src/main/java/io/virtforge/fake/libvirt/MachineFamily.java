package io.virtforge.fake.libvirt;

/**
 * The PC machine families libvirt tells apart by a machine type's name (its {@code qemuDomainIsI440FX} and
 * {@code qemuDomainIsQ35}): for them it adds the PCI root itself, {@code pci-root} for an i440FX and
 * {@code pcie-root} for a Q35.
 */
enum MachineFamily {
    I440FX("pci-root"),
    Q35("pcie-root"),
    /** Any other machine (or an unknown name): no implicit PCI root. */
    OTHER(null);

    private final String pciRoot;

    MachineFamily(String pciRoot) {
        this.pciRoot = pciRoot;
    }

    static MachineFamily of(String machine) {
        if (machine.equals("q35") || machine.startsWith("pc-q35-")) {
            return Q35;
        }
        if (machine.equals("pc") || machine.startsWith("pc-i440fx-") || machine.startsWith("pc-0.")
                || machine.startsWith("pc-1.")) {
            return I440FX;
        }
        return OTHER;
    }

    /** The model of PCI controller 0 the family needs; null for {@link #OTHER}. */
    String pciRoot() {
        return pciRoot;
    }
}
