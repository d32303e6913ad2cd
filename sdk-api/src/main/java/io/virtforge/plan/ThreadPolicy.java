package io.virtforge.plan;

/** How dedicated vCPUs use SMT siblings. */
public enum ThreadPolicy {
    /** Any free thread; whole free cores are filled first, so sibling vCPUs share a core. */
    PREFER,
    /** One vCPU per physical core, its siblings left idle (no noisy neighbour on the core). */
    ISOLATE,
    /** vCPUs on sibling threads of wholly free cores; the host must have SMT. */
    REQUIRE
}
