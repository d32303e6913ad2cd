package io.virtforge.connect;

/**
 * How a guest CPU compares with what a host's hypervisor can give (libvirt's {@code virCPUCompareResult} of
 * {@code virConnectCompareHypervisorCPU}).
 */
public enum CpuComparison {
    /** The hypervisor cannot give the guest this CPU: a guest with it cannot run or arrive there. */
    INCOMPATIBLE,
    /** The hypervisor gives exactly this CPU. */
    IDENTICAL,
    /** The hypervisor gives this CPU and more. */
    SUPERSET;

    /** True when a guest with the CPU can run on the hypervisor. */
    public boolean compatible() {
        return this != INCOMPATIBLE;
    }
}
