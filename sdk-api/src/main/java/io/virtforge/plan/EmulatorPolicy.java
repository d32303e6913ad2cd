package io.virtforge.plan;

/** Where the emulator (and I/O) threads run. */
public enum EmulatorPolicy {
    /** On the reserved housekeeping CPUs when there are any, else over the domain's vCPU CPUs. */
    SHARE,
    /** On one extra dedicated CPU of their own, on one of the domain's nodes. */
    ISOLATE
}
