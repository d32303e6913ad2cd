package io.virtforge.monitor;

/**
 * When a measured share becomes a finding. Every share is a fraction from 0 to 1.
 *
 * @param memoryOffNode         the share of a bound guest's resident memory allowed on other nodes
 * @param vcpuSteal             the share of an interval a vCPU thread may wait for a CPU
 * @param dedicatedCpuShared    the share of an interval other tasks may run on a vCPU's dedicated CPU
 */
public record DriftThresholds(double memoryOffNode, double vcpuSteal, double dedicatedCpuShared) {
    /** The defaults: 5 % of memory off node, 5 % steal, 5 % of a dedicated CPU used by others. */
    public static final DriftThresholds DEFAULTS = new DriftThresholds(0.05, 0.05, 0.05);

    /** Checks that every share is between 0 and 1. */
    public DriftThresholds {
        check(memoryOffNode, "memoryOffNode");
        check(vcpuSteal, "vcpuSteal");
        check(dedicatedCpuShared, "dedicatedCpuShared");
    }

    private static void check(double share, String name) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(name + " must be a share from 0 to 1, got " + share);
        }
    }
}
