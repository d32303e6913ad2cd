package io.virtforge.model;

import io.virtforge.value.PciAddress;
import io.virtforge.value.ValueFormatException;

/**
 * Reads a PCI address from an element's {@code domain}, {@code bus}, {@code slot} and
 * {@code function} attributes (a guest {@code <address type='pci'>} or a hostdev's source), with an
 * error that names the attribute at fault.
 */
final class PciAddresses {
    private static final String[] PARTS = {"domain", "bus", "slot", "function"};

    private PciAddresses() {
    }

    static PciAddress read(ElementReader r) {
        String[] v = new String[PARTS.length];
        for (int i = 0; i < PARTS.length; i++) {
            v[i] = r.attr(PARTS[i]);
        }
        try {
            return PciAddress.fromXml(v[0], v[1], v[2], v[3]);
        } catch (ValueFormatException whole) {
            // the address is checked as a whole; the path names the first part that fails on its own
            for (int i = 0; i < PARTS.length; i++) {
                String[] alone = new String[PARTS.length];
                alone[i] = v[i];
                try {
                    PciAddress.fromXml(alone[0], alone[1], alone[2], alone[3]);
                } catch (ValueFormatException x) {
                    throw r.context().error(PARTS[i], whole);
                }
            }
            throw r.context().error("slot", whole); // every part is in range alone: not reached today
        }
    }
}
