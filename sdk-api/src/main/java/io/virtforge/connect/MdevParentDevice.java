package io.virtforge.connect;

import io.virtforge.topology.MdevType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A node device that can create mediated devices (capability {@code mdev_types}): a vGPU-capable GPU, an s390
 * subchannel, the AP matrix.
 *
 * @param name     its node device name, e.g. {@code pci_0000_31_00_0}: what an {@link MdevDefinition} names as parent
 * @param address  its sysfs name, e.g. {@code 0000:31:00.0} for a PCI function (libvirt's {@code parent_addr} of its
 *                 instances)
 * @param numaNode its NUMA node, where the host says
 * @param types    the types it offers, with their available instances now (libvirt's XML has no description: empty)
 */
public record MdevParentDevice(String name, String address, OptionalInt numaNode, List<MdevType> types) {
    /** Checks the parts and copies the list. */
    public MdevParentDevice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(numaNode, "numaNode");
        types = List.copyOf(types);
    }

    /** A type by id. */
    public Optional<MdevType> type(String id) {
        return types.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** Reads {@code virsh nodedev-dumpxml} of a parent. */
    public static MdevParentDevice fromXml(String xml) {
        return MdevNodeDeviceXml.parent(xml);
    }
}
