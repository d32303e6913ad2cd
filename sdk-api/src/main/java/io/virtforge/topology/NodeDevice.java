package io.virtforge.topology;

import java.util.Optional;

/**
 * A libvirt node device ({@code virsh nodedev-dumpxml}) as far as the host model needs it: a PCI
 * function, or a network interface and the PCI function it belongs to.
 *
 * @param name         the node device name, e.g. {@code pci_0000_3b_00_0}
 * @param parent       the parent device name
 * @param pci          the PCI function, for PCI devices
 * @param netInterface the interface name, for network devices
 */
public record NodeDevice(String name, Optional<String> parent, Optional<PciDevice> pci, Optional<String> netInterface) {
}
