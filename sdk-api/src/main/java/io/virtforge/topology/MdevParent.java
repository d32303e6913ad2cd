package io.virtforge.topology;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A device that can create mediated devices (a vGPU-capable GPU, an s390 subchannel, the AP matrix),
 * with the types it offers.
 *
 * @param device   the parent's sysfs device name: its address ({@code 0000:00:02.0}) for a PCI device, as
 *                 {@code /sys/class/mdev_bus} lists it
 * @param numaNode the parent's NUMA node, where the host says
 * @param types    the types it offers, by id
 */
public record MdevParent(String device, OptionalInt numaNode, List<MdevType> types) {
    /** Copies the list. */
    public MdevParent {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(numaNode, "numaNode");
        types = List.copyOf(types);
    }

    /** A type by id. */
    public Optional<MdevType> type(String id) {
        return types.stream().filter(t -> t.id().equals(id)).findFirst();
    }
}
