package io.virtforge.connect;

/** This libvirt, driver or hypervisor does not support the operation. */
public class NotSupportedException extends VirtException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; see {@link VirtException#VirtException(String, int, int, String)}. */
    public NotSupportedException(String message, int code, int errorDomain, String libvirtMessage) {
        super(message, code, errorDomain, libvirtMessage);
    }
}
