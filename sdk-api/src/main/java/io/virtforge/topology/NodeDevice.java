package io.virtforge.topology;

import java.util.List;
import java.util.Optional;

/**
 * A libvirt node device ({@code virsh nodedev-dumpxml}) as far as the host model needs it: a PCI
 * function, a network interface and the PCI function it belongs to, a parent of mediated devices with its
 * {@code mdev_types}, or a mediated device.
 *
 * @param name         the node device name, e.g. {@code pci_0000_3b_00_0}
 * @param parent       the parent device name
 * @param pci          the PCI function, for PCI devices
 * @param netInterface the interface name, for network devices
 * @param mdevTypes    the mediated device types it offers (capability {@code mdev_types}), for parents
 * @param mdev         the mediated device, for {@code mdev} devices (its NUMA node left to its parent)
 */
public record NodeDevice(String name, Optional<String> parent, Optional<PciDevice> pci, Optional<String> netInterface,
        List<MdevType> mdevTypes, Optional<MdevInstance> mdev) {
    /** Copies the list. */
    public NodeDevice {
        mdevTypes = List.copyOf(mdevTypes);
    }

    /** A device without mediated device parts. */
    public NodeDevice(String name, Optional<String> parent, Optional<PciDevice> pci, Optional<String> netInterface) {
        this(name, parent, pci, netInterface, List.of(), Optional.empty());
    }
}
