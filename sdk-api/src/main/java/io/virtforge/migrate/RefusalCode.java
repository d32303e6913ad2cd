package io.virtforge.migrate;

/** Why a migration was refused before anything moved: the stable code of a {@link MigrationRefusedException}. */
public enum RefusalCode {
    /** The destination is the source host (the same libvirt host UUID). */
    SAME_HOST,
    /** The domain holds a VFIO host device (a PCI hostdev or an SR-IOV NIC): device state cannot move live. */
    VFIO_DEVICE,
    /**
     * The guest CPU cannot move: {@code host-passthrough} to a host whose CPU differs, or a CPU model the
     * destination's hypervisor cannot give (libvirt's hypervisor CPU comparison, asked by {@link LiveMigration}).
     */
    CPU_MISMATCH,
    /** A guest cell's huge pages: no destination node has that many free pages of the size. */
    HUGEPAGES_SHORT,
    /** The planner found no placement of the domain's shape on the destination (its per-node reasons attached). */
    NO_PLACEMENT,
    /** The domain's placement cannot be expressed as a planner request (e.g. huge pages of several sizes). */
    UNSUPPORTED_SHAPE
}
