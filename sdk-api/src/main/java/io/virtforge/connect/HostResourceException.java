package io.virtforge.connect;

/** The host lacks what the operation needs (huge pages, memory, a free device) and the operation failed at run time. */
public class HostResourceException extends VirtException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; see {@link VirtException#VirtException(String, int, int, String)}. */
    public HostResourceException(String message, int code, int errorDomain, String libvirtMessage) {
        super(message, code, errorDomain, libvirtMessage);
    }
}
