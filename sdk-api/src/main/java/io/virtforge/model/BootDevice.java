package io.virtforge.model;

/** A BIOS boot device ({@code <boot dev>}). */
public enum BootDevice implements XmlEnum {
    /** Hard disk. */
    HD,
    /** CD-ROM. */
    CDROM,
    /** Network (PXE). */
    NETWORK,
    /** Floppy. */
    FD,
    /** A value this SDK does not know; the text is kept. */
    UNRECOGNIZED
}
