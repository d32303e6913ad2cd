package io.virtforge.connect;

import io.virtforge.VirtforgeException;

/**
 * An error from the hypervisor connection, typed by kind (subclasses) and carrying libvirt's own
 * error code, error domain and message (or the fake's equivalents), so callers can tell "not found"
 * from "already exists" from "connection lost" without parsing messages.
 */
public class VirtException extends VirtforgeException {
    private static final long serialVersionUID = 1L;
    private final int code;
    private final int errorDomain;
    private final String libvirtMessage;

    /**
     * Creates the exception.
     *
     * @param message        what failed, for people
     * @param code           libvirt's error code (virErrorNumber), 0 when not from libvirt
     * @param errorDomain    libvirt's error domain (virErrorDomain), 0 when not from libvirt
     * @param libvirtMessage libvirt's message as it gave it
     */
    public VirtException(String message, int code, int errorDomain, String libvirtMessage) {
        super(message);
        this.code = code;
        this.errorDomain = errorDomain;
        this.libvirtMessage = libvirtMessage == null ? "" : libvirtMessage;
    }

    /** libvirt's error code (virErrorNumber). */
    public int code() {
        return code;
    }

    /** libvirt's error domain (virErrorDomain). */
    public int errorDomain() {
        return errorDomain;
    }

    /** libvirt's message. */
    public String libvirtMessage() {
        return libvirtMessage;
    }
}
