package io.virtforge.monitor;

/**
 * The stable codes of tuning-drift findings: the tuning a domain was defined with no longer holds on the running
 * host. The code is the constant's name, the {@link io.virtforge.check.Finding#code()} of its findings and the
 * {@code code} label of the {@code virtforge_drift_findings} metric.
 */
public enum DriftCode {
    /** More than the threshold of a NUMA-bound guest's memory sits on nodes outside its {@code numatune} nodeset. */
    MEMORY_OFF_NODE,
    /** A vCPU thread waited for a host CPU (the guest's steal time) for more than the threshold of the interval. */
    VCPU_STEAL,
    /** Tasks other than its vCPU ran on a vCPU's dedicated host CPU for more than the threshold of the interval. */
    DEDICATED_CPU_SHARED,
    /** A vCPU's live pin differs from its {@code <vcpupin>} in the definition (someone ran {@code virsh vcpupin}). */
    PIN_DRIFT,
    /** A guest defined with huge pages runs on small pages: its QEMU process has no huge-page mapping. */
    HUGEPAGES_NOT_USED
}
