package io.virtforge.model;

/** The hypervisor driver of a domain ({@code <domain type>}). */
public enum DomainType implements XmlEnum {
    /** QEMU with KVM acceleration. */
    KVM,
    /** QEMU with software emulation (TCG). */
    QEMU,
    /** libvirt's test driver. */
    TEST,
    /** Xen. */
    XEN,
    /** Linux containers. */
    LXC,
    /** macOS Hypervisor.framework. */
    HVF,
    /** VMware. */
    VMWARE,
    /** Hyper-V. */
    HYPERV,
    /** VirtualBox. */
    VBOX,
    /** bhyve. */
    BHYVE,
    /** A value this SDK does not know; the text is kept. */
    UNRECOGNIZED
}
