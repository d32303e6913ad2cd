package io.virtforge.plan;

/** How vCPUs get host CPUs. */
public enum CpuPolicy {
    /** Each vCPU pinned to a host CPU of its own that no other domain uses. */
    DEDICATED,
    /** vCPUs float over the node's shared CPUs, within the CPU allocation ratio. */
    SHARED,
    /** Some vCPUs (a mask) dedicated, the others shared. */
    MIXED
}
