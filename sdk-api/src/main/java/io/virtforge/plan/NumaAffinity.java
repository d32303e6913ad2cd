package io.virtforge.plan;

/** How close a passthrough device must be to the domain's NUMA nodes (Nova's PCI NUMA policies). */
public enum NumaAffinity {
    /** On one of the domain's nodes. */
    REQUIRED,
    /** On one of the domain's nodes if possible, else anywhere. */
    PREFERRED,
    /** On one of the domain's nodes when the device reports a node; anywhere when it does not. */
    LEGACY,
    /** On the same socket as one of the domain's nodes. */
    SOCKET
}
