package io.virtforge.connect;

/** The operation is not valid in the object's current state (starting a running domain, undefining a running persistent one...). */
public class InvalidStateException extends VirtException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; see {@link VirtException#VirtException(String, int, int, String)}. */
    public InvalidStateException(String message, int code, int errorDomain, String libvirtMessage) {
        super(message, code, errorDomain, libvirtMessage);
    }
}
