package io.virtforge.connect;

/** A domain, network, node device or other object does not exist. */
public class NotFoundException extends VirtException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; see {@link VirtException#VirtException(String, int, int, String)}. */
    public NotFoundException(String message, int code, int errorDomain, String libvirtMessage) {
        super(message, code, errorDomain, libvirtMessage);
    }
}
