package io.virtforge.connect;

/** Where a change applies: the running domain, its persistent configuration, or both. */
public enum Scope {
    /** The running domain only. */
    LIVE,
    /** The persistent configuration only. */
    CONFIG,
    /** Both the running domain and its configuration. */
    BOTH
}
