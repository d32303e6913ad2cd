package io.virtforge.topology;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * A mediated device that exists ({@code /sys/bus/mdev/devices/<uuid>}, a libvirt {@code mdev} node device).
 *
 * @param uuid     its UUID, which a domain's {@code <hostdev type='mdev'>} names
 * @param type     its type id
 * @param parent   its parent's sysfs device name (see {@link MdevParent#device()})
 * @param numaNode the parent's NUMA node, where the host says
 */
public record MdevInstance(UUID uuid, String type, String parent, OptionalInt numaNode) {
    /** Checks the parts. */
    public MdevInstance {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(numaNode, "numaNode");
    }
}
