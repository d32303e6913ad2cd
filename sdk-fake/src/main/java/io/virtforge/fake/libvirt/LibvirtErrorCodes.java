package io.virtforge.fake.libvirt;

/**
 * The libvirt error numbers ({@code virErrorNumber}) and error domains ({@code virErrorDomain}) the fake
 * connection reports, named as in {@code virterror.h}, so tests can assert
 * {@link io.virtforge.connect.VirtException#code()} and {@link io.virtforge.connect.VirtException#errorDomain()}
 * without magic numbers.
 */
public final class LibvirtErrorCodes {
    /** Internal error: libvirt's catch-all, also what the test driver uses for most state misuse. */
    public static final int VIR_ERR_INTERNAL_ERROR = 1;
    /** The driver does not implement the function. */
    public static final int VIR_ERR_NO_SUPPORT = 3;
    /** Invalid connection pointer (a closed connection). */
    public static final int VIR_ERR_INVALID_CONN = 6;
    /** Invalid argument. */
    public static final int VIR_ERR_INVALID_ARG = 8;
    /** Operation failed (e.g. a domain name taken by another UUID). */
    public static final int VIR_ERR_OPERATION_FAILED = 9;
    /** A definition without a name. */
    public static final int VIR_ERR_NO_NAME = 21;
    /** Invalid XML or a configuration the parser rejects. */
    public static final int VIR_ERR_XML_ERROR = 27;
    /** A system call failed. */
    public static final int VIR_ERR_SYSTEM_ERROR = 38;
    /** No such domain. */
    public static final int VIR_ERR_NO_DOMAIN = 42;
    /** No such node device. */
    public static final int VIR_ERR_NO_NODE_DEVICE = 53;
    /** The operation is not valid in the object's current state. */
    public static final int VIR_ERR_OPERATION_INVALID = 55;
    /** A configuration the host or driver does not support. */
    public static final int VIR_ERR_CONFIG_UNSUPPORTED = 67;
    /** No such device in the domain. */
    public static final int VIR_ERR_DEVICE_MISSING = 99;

    /** No particular component. */
    public static final int VIR_FROM_NONE = 0;
    /** The RPC layer (the daemon connection). */
    public static final int VIR_FROM_RPC = 7;
    /** The QEMU driver. */
    public static final int VIR_FROM_QEMU = 10;
    /** The test driver ({@code test:///}). */
    public static final int VIR_FROM_TEST = 12;
    /** Domain configuration handling (shared by every driver). */
    public static final int VIR_FROM_DOMAIN = 20;
    /** The node device driver. */
    public static final int VIR_FROM_NODEDEV = 22;
    /** Control groups. */
    public static final int VIR_FROM_CGROUP = 54;

    private LibvirtErrorCodes() {
    }
}
