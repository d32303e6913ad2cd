package io.virtforge.model;

/** The bus a disk is attached to ({@code <target bus>}). */
public enum DiskBus implements XmlEnum {
    /** IDE. */
    IDE,
    /** SCSI (with virtio-scsi, the controller of choice for I/O-heavy work). */
    SCSI,
    /** virtio-blk. */
    VIRTIO,
    /** Xen. */
    XEN,
    /** USB. */
    USB,
    /** SATA. */
    SATA,
    /** SD card. */
    SD,
    /** Floppy controller. */
    FDC,
    /** A value this SDK does not know; the text is kept. */
    UNRECOGNIZED
}
