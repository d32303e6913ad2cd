package io.virtforge.host.pci;

/** Whether host drivers may claim VFs as they are created. */
public enum VfProbe {
    /** Leave {@code sriov_drivers_autoprobe} as it is (usually on: the VF driver binds each new VF). */
    AS_CONFIGURED,
    /**
     * Turn {@code sriov_drivers_autoprobe} off while the VFs are created, so they stay unbound (ready for
     * vfio-pci), and restore it afterwards.
     */
    SUPPRESS
}
