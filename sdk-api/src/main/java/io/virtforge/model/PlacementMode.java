package io.virtforge.model;

/**
 * Where libvirt takes CPUs or memory from ({@code <vcpu placement>}, {@code <numatune><memory placement>}): as
 * configured, or as numad advises. Not to be confused with the planner's {@code io.virtforge.plan.Placement}.
 */
public enum PlacementMode implements XmlEnum {
    /** As configured ({@code cpuset} / {@code nodeset}). */
    STATIC,
    /** As numad advises. */
    AUTO,
    /** A value this SDK does not know; the text is kept. */
    UNRECOGNIZED
}
