package io.virtforge.model;

/** How a CPU feature is treated ({@code <feature policy>}). */
public enum FeaturePolicy implements XmlEnum {
    /** Enabled even if the host lacks it. */
    FORCE,
    /** Required; the guest fails to start without it. */
    REQUIRE,
    /** Enabled if the host has it. */
    OPTIONAL,
    /** Disabled. */
    DISABLE,
    /** Must not be on the host. */
    FORBID,
    /** A value this SDK does not know; the text is kept. */
    UNRECOGNIZED
}
