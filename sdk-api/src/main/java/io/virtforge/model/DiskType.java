package io.virtforge.model;

/** The storage behind a disk ({@code <disk type>}). */
public enum DiskType implements XmlEnum {
    /** A file. */
    FILE,
    /** A block device. */
    BLOCK,
    /** A directory exported as a FAT disk. */
    DIR,
    /** A network protocol (rbd, iscsi, nbd...). */
    NETWORK,
    /** A libvirt storage volume. */
    VOLUME,
    /** An NVMe namespace through VFIO. */
    NVME,
    /** A vhost-user-blk socket. */
    VHOSTUSER,
    /** A value this SDK does not know; the text is kept. */
    UNRECOGNIZED
}
