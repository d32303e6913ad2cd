package io.virtforge.model;

/** How the guest sees a disk ({@code <disk device>}). */
public enum DiskDevice implements XmlEnum {
    /** A hard disk. */
    DISK,
    /** A CD-ROM. */
    CDROM,
    /** A floppy. */
    FLOPPY,
    /** A SCSI LUN passed through. */
    LUN,
    /** A value this SDK does not know; the text is kept. */
    UNRECOGNIZED
}
