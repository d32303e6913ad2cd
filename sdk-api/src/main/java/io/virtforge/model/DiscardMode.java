package io.virtforge.model;

/** Whether guest discards reach the storage ({@code <driver discard>}). */
public enum DiscardMode implements XmlEnum {
    /** Passed down (TRIM/UNMAP). */
    UNMAP,
    /** Ignored. */
    IGNORE,
    /** A value this SDK does not know; the text is kept. */
    UNRECOGNIZED
}
