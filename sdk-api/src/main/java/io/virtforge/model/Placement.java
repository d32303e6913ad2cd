package io.virtforge.model;

/** Where libvirt takes CPUs or memory from: as configured, or as numad advises. */
public enum Placement implements XmlEnum {
    /** As configured ({@code cpuset} / {@code nodeset}). */
    STATIC,
    /** As numad advises. */
    AUTO,
    /** A value this SDK does not know; the text is kept. */
    UNRECOGNIZED
}
