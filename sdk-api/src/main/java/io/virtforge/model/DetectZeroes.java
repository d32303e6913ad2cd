package io.virtforge.model;

/** Zero-write detection ({@code <driver detect_zeroes>}). */
public enum DetectZeroes implements XmlEnum {
    /** Off. */
    OFF,
    /** Detect and write zeroes efficiently. */
    ON,
    /** Detect and discard. */
    UNMAP,
    /** A value this SDK does not know; the text is kept. */
    UNRECOGNIZED
}
