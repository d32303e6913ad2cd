package io.virtforge.model;

/** The memory policy of numatune ({@code mode}). */
public enum NumaMode implements XmlEnum {
    /** Allocate only from the nodeset; fail otherwise. */
    STRICT,
    /** Prefer the nodeset, fall back elsewhere. */
    PREFERRED,
    /** Interleave pages over the nodeset. */
    INTERLEAVE,
    /** Restrict through cgroups cpuset.mems, movable at run time. */
    RESTRICTIVE,
    /** A value this SDK does not know; the text is kept. */
    UNRECOGNIZED
}
