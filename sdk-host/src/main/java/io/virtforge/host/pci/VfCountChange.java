package io.virtforge.host.pci;

import io.virtforge.value.PciAddress;

/**
 * The outcome of setting a physical function's VF count.
 *
 * @param physicalFunction the PF
 * @param before           VFs before
 * @param requested        VFs asked for
 * @param granted          VFs the driver enabled, read back ({@code sriov_numvfs}); drivers short of
 *                         resources enable fewer and still report success
 * @param after            VFs now: {@code granted}, or {@code before} when a partial count was restored
 */
public record VfCountChange(PciAddress physicalFunction, int before, int requested, int granted, int after) {
    /** True when the driver enabled a different number than asked. */
    public boolean partial() {
        return granted != requested;
    }
}
