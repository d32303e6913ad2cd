package io.virtforge.model;

/** The guest CPU mode ({@code <cpu mode>}). */
public enum CpuMode implements XmlEnum {
    /** A named model with features; migratable to hosts that have them. */
    CUSTOM,
    /** The host's CPU model as libvirt understands it; migratable to similar hosts. */
    HOST_MODEL,
    /** The host CPU exactly; fastest, limits migration to identical hosts. */
    HOST_PASSTHROUGH,
    /** Everything the hypervisor can offer. */
    MAXIMUM,
    /** A value this SDK does not know; the text is kept. */
    UNRECOGNIZED
}
