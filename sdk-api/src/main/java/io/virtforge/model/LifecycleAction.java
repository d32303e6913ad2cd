package io.virtforge.model;

/** What libvirt does when the guest powers off, reboots or crashes. */
public enum LifecycleAction implements XmlEnum {
    /** Stop the domain. */
    DESTROY,
    /** Start it again. */
    RESTART,
    /** Keep it, stopped, for analysis. */
    PRESERVE,
    /** Start it again under a new name. */
    RENAME_RESTART,
    /** Dump core, then stop (on_crash). */
    COREDUMP_DESTROY,
    /** Dump core, then restart (on_crash). */
    COREDUMP_RESTART,
    /** A value this SDK does not know; the text is kept. */
    UNRECOGNIZED
}
