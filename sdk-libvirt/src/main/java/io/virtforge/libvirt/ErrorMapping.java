package io.virtforge.libvirt;

import io.virtforge.connect.LibvirtErrors;
import io.virtforge.connect.LibvirtErrors.Call;
import io.virtforge.connect.VirtException;
import io.virtforge.libvirt.jna.NativeLibvirtException;
import org.libvirt.Error;
import org.libvirt.LibvirtException;

/**
 * Takes libvirt's error details (code, error domain, message) out of libvirt-java's {@link LibvirtException}
 * or the JNA layer's {@link NativeLibvirtException} and hands them to the SDK's one classification,
 * {@link LibvirtErrors} (sdk-api), which the fake uses too; the rules and their table live there only.
 * Checked against libvirt 9.0's test and QEMU drivers by {@code ErrorMappingIT}.
 *
 * <p>Stateless and thread-safe.
 */
final class ErrorMapping {
    private ErrorMapping() {
    }

    /** Maps a libvirt-java exception. */
    static VirtException map(String operation, LibvirtException e) {
        return map(operation, e, Call.GENERAL);
    }

    /** Maps a libvirt-java exception raised by a call of the given kind. */
    static VirtException map(String operation, LibvirtException e, Call call) {
        Error err = e.getError();
        int code = err == null ? 0 : number(err.getCode());
        int domain = err == null ? 0 : number(err.getDomain());
        String message = err == null ? e.getMessage() : err.getMessage();
        VirtException mapped = map(operation, code, domain, message, call);
        mapped.initCause(e);
        return mapped;
    }

    /** Maps an exception of the JNA bindings. */
    static VirtException map(String operation, NativeLibvirtException e) {
        return map(operation, e, Call.GENERAL);
    }

    /** Maps an exception of the JNA bindings raised by a call of the given kind. */
    static VirtException map(String operation, NativeLibvirtException e, Call call) {
        VirtException mapped = map(operation, e.code(), e.domain(), e.libvirtMessage(), call);
        mapped.initCause(e);
        return mapped;
    }

    /**
     * The exception for libvirt's error details, with a message saying what the SDK was doing.
     *
     * @param operation what the SDK was doing, for the message
     * @param code libvirt's virErrorNumber
     * @param domain libvirt's virErrorDomain
     * @param libvirtMessage libvirt's message (may be null)
     * @param call the kind of call
     */
    static VirtException map(String operation, int code, int domain, String libvirtMessage, Call call) {
        String msg = libvirtMessage == null ? "" : libvirtMessage;
        String text = operation + " failed: " + (msg.isEmpty() ? "(no message from libvirt)" : msg)
                + " [libvirt code " + code + ", domain " + domain + "]";
        return LibvirtErrors.exception(text, code, domain, msg, call);
    }

    /** Whether a libvirt-java exception carries the given virErrorNumber. */
    static boolean hasCode(LibvirtException e, int code) {
        return e.getError() != null && number(e.getError().getCode()) == code;
    }

    /** libvirt's number for one of libvirt-java's enum constants (declared in libvirt's order); -1 if unknown. */
    static int number(Enum<?> constant) {
        if (constant == null) {
            return 0;
        }
        return constant.name().equals("VIR_ERR_UNKNOWN") || constant.name().equals("VIR_FROM_UNKNOWN") ? -1
                : constant.ordinal();
    }
}
