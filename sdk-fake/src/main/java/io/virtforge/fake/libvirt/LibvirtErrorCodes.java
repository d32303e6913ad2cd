package io.virtforge.fake.libvirt;

import io.virtforge.connect.LibvirtErrors;

/**
 * The libvirt error numbers ({@code virErrorNumber}) and error domains ({@code virErrorDomain}) the fake
 * connection reports, named as in {@code virterror.h}, so tests can assert
 * {@link io.virtforge.connect.VirtException#code()} and {@link io.virtforge.connect.VirtException#errorDomain()}
 * without magic numbers. The values are sdk-api's {@link LibvirtErrors} constants (the one place that
 * holds them); this class keeps the fake's names for tests that imported them from here.
 */
public final class LibvirtErrorCodes {
    /** Internal error: libvirt's catch-all, also what the test driver uses for most state misuse. */
    public static final int VIR_ERR_INTERNAL_ERROR = LibvirtErrors.VIR_ERR_INTERNAL_ERROR;
    /** The driver does not implement the function. */
    public static final int VIR_ERR_NO_SUPPORT = LibvirtErrors.VIR_ERR_NO_SUPPORT;
    /** Invalid connection pointer (a closed connection). */
    public static final int VIR_ERR_INVALID_CONN = LibvirtErrors.VIR_ERR_INVALID_CONN;
    /** Invalid argument. */
    public static final int VIR_ERR_INVALID_ARG = LibvirtErrors.VIR_ERR_INVALID_ARG;
    /** Operation failed (e.g. a domain name taken by another UUID). */
    public static final int VIR_ERR_OPERATION_FAILED = LibvirtErrors.VIR_ERR_OPERATION_FAILED;
    /** A definition without a name. */
    public static final int VIR_ERR_NO_NAME = LibvirtErrors.VIR_ERR_NO_NAME;
    /** Invalid XML or a configuration the parser rejects. */
    public static final int VIR_ERR_XML_ERROR = LibvirtErrors.VIR_ERR_XML_ERROR;
    /** A system call failed. */
    public static final int VIR_ERR_SYSTEM_ERROR = LibvirtErrors.VIR_ERR_SYSTEM_ERROR;
    /** No such domain. */
    public static final int VIR_ERR_NO_DOMAIN = LibvirtErrors.VIR_ERR_NO_DOMAIN;
    /** No such node device. */
    public static final int VIR_ERR_NO_NODE_DEVICE = LibvirtErrors.VIR_ERR_NO_NODE_DEVICE;
    /** The operation is not valid in the object's current state. */
    public static final int VIR_ERR_OPERATION_INVALID = LibvirtErrors.VIR_ERR_OPERATION_INVALID;
    /** A configuration the host or driver does not support. */
    public static final int VIR_ERR_CONFIG_UNSUPPORTED = LibvirtErrors.VIR_ERR_CONFIG_UNSUPPORTED;
    /** No such device in the domain. */
    public static final int VIR_ERR_DEVICE_MISSING = LibvirtErrors.VIR_ERR_DEVICE_MISSING;

    /** No particular component. */
    public static final int VIR_FROM_NONE = LibvirtErrors.VIR_FROM_NONE;
    /** The RPC layer (the daemon connection). */
    public static final int VIR_FROM_RPC = LibvirtErrors.VIR_FROM_RPC;
    /** The QEMU driver. */
    public static final int VIR_FROM_QEMU = LibvirtErrors.VIR_FROM_QEMU;
    /** The test driver ({@code test:///}). */
    public static final int VIR_FROM_TEST = LibvirtErrors.VIR_FROM_TEST;
    /** Domain configuration handling (shared by every driver). */
    public static final int VIR_FROM_DOMAIN = LibvirtErrors.VIR_FROM_DOMAIN;
    /** The node device driver. */
    public static final int VIR_FROM_NODEDEV = LibvirtErrors.VIR_FROM_NODEDEV;
    /** Control groups. */
    public static final int VIR_FROM_CGROUP = LibvirtErrors.VIR_FROM_CGROUP;

    private LibvirtErrorCodes() {
    }
}
