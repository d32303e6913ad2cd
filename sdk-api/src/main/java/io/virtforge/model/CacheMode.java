package io.virtforge.model;

/** Host page cache use of a disk ({@code <driver cache>}). */
public enum CacheMode implements XmlEnum {
    /** The hypervisor's default. */
    DEFAULT,
    /** O_DIRECT, no host cache: the recommended mode. */
    NONE,
    /** Host cache, writes synced. */
    WRITETHROUGH,
    /** Host cache, writes not synced (data-loss risk). */
    WRITEBACK,
    /** O_DIRECT and synced. */
    DIRECTSYNC,
    /** Flushes ignored. */
    UNSAFE,
    /** A value this SDK does not know; the text is kept. */
    UNRECOGNIZED
}
