package io.virtforge.libvirt.jna;

import io.virtforge.VirtforgeException;
import org.libvirt.Error.ErrorDomain;
import org.libvirt.Error.ErrorNumber;

/**
 * A libvirt C call made through these bindings failed. Carries libvirt's own error details, copied
 * from the calling thread's {@code virError} right after the failing call: the numeric
 * {@linkplain #code() error code} ({@code virErrorNumber}), the {@linkplain #domain() error domain}
 * ({@code virErrorDomain}, the libvirt component that raised it), the {@linkplain #level() level} and
 * libvirt's {@linkplain #libvirtMessage() message}, plus the {@linkplain #function() C function} called.
 *
 * <p>The numbers are libvirt's stable ABI values, so callers can switch on them, e.g.
 * {@link #VIR_ERR_NO_SUPPORT} when a driver does not implement a call. Instances are immutable.
 */
public class NativeLibvirtException extends VirtforgeException {
    private static final long serialVersionUID = 1L;

    /** {@code VIR_ERR_OK}: no error details were recorded by libvirt. */
    public static final int VIR_ERR_OK = 0;
    /** {@code VIR_ERR_NO_SUPPORT}: the connection's driver does not implement the function. */
    public static final int VIR_ERR_NO_SUPPORT = 3;
    /** {@code VIR_ERR_INVALID_ARG}: an argument (often an unsupported flag) was rejected. */
    public static final int VIR_ERR_INVALID_ARG = 8;
    /** {@code VIR_ERR_NO_NODE_DEVICE}: no node device by that name. */
    public static final int VIR_ERR_NO_NODE_DEVICE = 53;
    /** {@code VIR_ERR_OPERATION_INVALID}: the operation is not valid in the object's current state. */
    public static final int VIR_ERR_OPERATION_INVALID = 55;
    /** {@code VIR_ERR_ARGUMENT_UNSUPPORTED}: a valid argument (e.g. a statistics group) is not supported. */
    public static final int VIR_ERR_ARGUMENT_UNSUPPORTED = 74;
    /** {@code VIR_ERR_OPERATION_UNSUPPORTED}: the operation is not supported in this configuration. */
    public static final int VIR_ERR_OPERATION_UNSUPPORTED = 84;

    /** {@code VIR_FROM_NONE}: no specific libvirt component. */
    public static final int VIR_FROM_NONE = 0;
    /** {@code VIR_FROM_TEST}: raised by the test driver ({@code test:///}). */
    public static final int VIR_FROM_TEST = 12;
    /**
     * {@code VIR_FROM_DOMAIN}: domain handling. libvirt 9.0 also files "this function is not supported by
     * the connection driver" ({@link #VIR_ERR_NO_SUPPORT}) under this domain, for host and device calls too.
     */
    public static final int VIR_FROM_DOMAIN = 20;
    /** {@code VIR_FROM_NODEDEV}: raised by node device handling. */
    public static final int VIR_FROM_NODEDEV = 22;

    private final String function;
    private final int code;
    private final int domain;
    private final int level;
    private final String libvirtMessage;

    /**
     * Creates an exception from libvirt's error details.
     *
     * @param function the libvirt C function that failed
     * @param code libvirt's {@code virErrorNumber}
     * @param domain libvirt's {@code virErrorDomain}
     * @param level libvirt's {@code virErrorLevel} (2 = error)
     * @param libvirtMessage libvirt's message, or {@code null} when it gave none
     */
    public NativeLibvirtException(String function, int code, int domain, int level, String libvirtMessage) {
        super(function + " failed: " + (libvirtMessage == null ? "(no message)" : libvirtMessage) + " [code "
                + code + " " + codeName(code) + ", domain " + domain + " " + domainName(domain) + "]");
        this.function = function;
        this.code = code;
        this.domain = domain;
        this.level = level;
        this.libvirtMessage = libvirtMessage;
    }

    /** The libvirt C function that failed, e.g. {@code "virNodeAllocPages"}. */
    public String function() {
        return function;
    }

    /** libvirt's {@code virErrorNumber}, e.g. {@link #VIR_ERR_NO_SUPPORT}. */
    public int code() {
        return code;
    }

    /** libvirt's {@code virErrorDomain}: which libvirt component raised the error. */
    public int domain() {
        return domain;
    }

    /** libvirt's {@code virErrorLevel}: 0 none, 1 warning, 2 error. */
    public int level() {
        return level;
    }

    /** libvirt's own message, or {@code null} when it gave none. */
    public String libvirtMessage() {
        return libvirtMessage;
    }

    /** The symbolic name of {@link #code()}, e.g. {@code "VIR_ERR_NO_SUPPORT"}, or {@code "code N"}. */
    public String codeName() {
        return codeName(code);
    }

    /** The symbolic name of {@link #domain()}, e.g. {@code "VIR_FROM_TEST"}, or {@code "domain N"}. */
    public String domainName() {
        return domainName(domain);
    }

    /** Whether the driver lacks the function or the operation ({@code VIR_ERR_NO_SUPPORT}, {@code _UNSUPPORTED}). */
    public boolean isUnsupported() {
        return code == VIR_ERR_NO_SUPPORT || code == VIR_ERR_OPERATION_UNSUPPORTED;
    }

    // libvirt-java's enums are declared in libvirt's numeric order; each ends in a sentinel UNKNOWN entry
    // that is not a libvirt value, so indexes at or past it are unnamed.
    private static String codeName(int code) {
        ErrorNumber[] names = ErrorNumber.values();
        return code >= 0 && code < names.length - 1 ? names[code].name() : "code " + code;
    }

    private static String domainName(int domain) {
        ErrorDomain[] names = ErrorDomain.values();
        return domain >= 0 && domain < names.length - 1 ? names[domain].name() : "domain " + domain;
    }
}
